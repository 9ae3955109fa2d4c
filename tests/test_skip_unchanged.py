"""A re-run over unchanged files hashes each one and skips it before extracting."""
from __future__ import annotations

import time
from pathlib import Path

from icatlas.pipeline import Report, ingest, read
from icatlas.store import Store

from .test_concurrent import corpus


def test_unchanged_files_are_skipped_before_extracting(tmp_path: Path) -> None:
    corpus(tmp_path / "in", 12)
    store = Store.open(tmp_path / "kg.db")
    first = [r.status for _d, r in ingest(store, read([tmp_path / "in"], progress=False), Report())]
    assert first.count("unchanged") == 0 and len(first) == 12
    started = time.process_time()
    report = Report()
    again = list(ingest(store, read([tmp_path / "in"], progress=False), report))
    spent = time.process_time() - started
    assert [r.status for _d, r in again] == ["unchanged"] * 12 and report.documents == 12
    # nothing was extracted: the documents come back as read, without text or facts
    assert all(d.text == "" and not d.entities and not d.versions for d, _r in again)
    assert spent < 2.0, spent


def _age(store: Store, doc_id: int, component: str = "events") -> None:
    """Mark document ``doc_id`` as extracted by an older version of ``component`` (and drop its events)."""
    from sqlalchemy import delete, select, update

    from icatlas.store import schema as t

    with store.engine.begin() as conn:
        versions = dict(conn.execute(select(t.documents.c.versions).where(t.documents.c.id == doc_id)).scalar_one())
        versions[component] = versions[component] + ".older"
        conn.execute(update(t.documents).where(t.documents.c.id == doc_id).values(versions=versions))
        conn.execute(delete(t.event_sources).where(t.event_sources.c.doc_id == doc_id))


def test_content_extracted_by_another_extractor_version_is_extracted_again(tmp_path: Path) -> None:
    """Incremental: a re-run extracts only what is new or changed, and every document an older extractor
    processed (its stored versions differ), whose facts are replaced; the rest stays unchanged, unextracted."""
    corpus(tmp_path / "in", 6)
    store = Store.open(tmp_path / "kg.db")
    first = {d.source: r for d, r in ingest(store, read([tmp_path / "in"], progress=False), Report())}
    older = sorted(first)[2]
    _age(store, first[older].doc_id)
    assert store.stats()["events"] >= 1
    again = {d.source: (r.status, bool(d.versions)) for d, r in ingest(store, read([tmp_path / "in"], progress=False),
                                                                      Report())}
    assert again.pop(older) == ("replaced", True)
    assert set(again.values()) == {("unchanged", False)}
    assert store.stored_id(Path(older).read_text(encoding="utf-8")) is not None
    from sqlalchemy import select

    from icatlas.store import schema as t

    with store.engine.connect() as conn:
        versions = conn.execute(select(t.documents.c.versions).where(t.documents.c.id == first[older].doc_id)).scalar()
    assert versions and not any(str(v).endswith(".older") for v in versions.values())
