"""What the search reads from the store: the documents holding a text, found with SQL's LIKE, the trigram index or
among ids found elsewhere; and every document's title and text, for a search kept in memory."""
from __future__ import annotations

import re
from typing import Iterator, TypedDict, cast

from sqlalchemy import ColumnElement, Engine, or_, select
from sqlalchemy import text as sql_text

from . import schema as t


class DocumentHit(TypedDict):
    """A document a search found, with its whole text."""
    id: int
    title: str | None
    source: str
    published: str | None
    text: str | None


#: The PostgreSQL trigram index of the documents' text (migration 10, pg_trgm).
PG_TEXT_TRIGRAMS = "ix_documents_text_trgm"


def has_trigram_index(engine: Engine) -> bool:
    """Whether the store has the documents' trigram index: migration 5 on an SQLite with FTS5, migration 10 on a
    PostgreSQL with pg_trgm."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            return conn.execute(sql_text("SELECT 1 FROM pg_indexes WHERE indexname = :n AND schemaname = "
                                         "current_schema()"), {"n": PG_TEXT_TRIGRAMS}).first() is not None
        if engine.dialect.name != "sqlite":
            return False
        return conn.execute(sql_text("SELECT 1 FROM sqlite_master WHERE name = :n"),
                            {"n": t.DOCUMENTS_FTS}).first() is not None


def titles_and_texts(engine: Engine) -> Iterator[tuple[int, str | None, str | None]]:
    """(id, title, text) of every document that is not a near-duplicate, newest first."""
    d = t.documents
    with engine.connect() as conn:
        for doc_id, title, text in conn.execute(select(d.c.id, d.c.title, d.c.text)
                                                .where(d.c.duplicate_of.is_(None)).order_by(d.c.id.desc())):
            yield int(doc_id), title, text


def find_documents(engine: Engine, forms: list[str], limit: int, how: str = "like",
                   ids: list[int] | None = None) -> list[DocumentHit]:
    """The newest ``limit`` documents (near-duplicates left out) whose title or text holds one of ``forms``:
    ``how`` is ``like`` (SQL's LIKE; ILIKE on PostgreSQL, whose LIKE tells case apart), ``trigram`` (the trigram
    index, forms of three characters or more: FTS5 on SQLite, pg_trgm's indexes answering ILIKE on PostgreSQL) or
    ``ids`` (the documents ``ids``, found by the caller)."""
    d = t.documents
    cond: ColumnElement[bool]
    if how == "ids":
        cond = d.c.id.in_(ids or [])
    elif how == "trigram" and engine.dialect.name == "sqlite":
        match = " OR ".join('"' + x.replace('"', '""') + '"' for x in forms)
        cond = d.c.id.in_(sql_text(f"SELECT rowid FROM {t.DOCUMENTS_FTS} WHERE {t.DOCUMENTS_FTS} MATCH :m")
                          .bindparams(m=match))
    elif engine.dialect.name == "postgresql":
        # ILIKE: case-insensitive as SQLite's LIKE is; the trigram indexes (pg_trgm) answer it where they exist
        pattern = [f"%{_like(x)}%" for x in forms]
        cond = or_(*[d.c.text.ilike(p, escape="\\") for p in pattern],
                   *[d.c.title.ilike(p, escape="\\") for p in pattern])
    else:
        pattern = [f"%{_like(x)}%" for x in forms]
        cond = or_(*[d.c.text.like(p, escape="\\") for p in pattern],
                   *[d.c.title.like(p, escape="\\") for p in pattern])
    with engine.connect() as conn:
        rows = conn.execute(select(d.c.id, d.c.title, d.c.source, d.c.published, d.c.text)
                            .where(cond, d.c.duplicate_of.is_(None)).order_by(d.c.id.desc()).limit(limit)).mappings()
        return [cast(DocumentHit, dict(r)) for r in rows]


def _like(s: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", s)
