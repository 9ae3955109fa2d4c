"""The store, against SQLite and the local PostgreSQL: migrations, idempotent ingest, near-duplicates,
whole-or-nothing writes, stats."""
from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from icatlas.model import Figure
from icatlas.pipeline import Report, run
from icatlas.store import Store, resolve_url
from icatlas.store import schema as t
from icatlas.store.migrations import MIGRATIONS, latest

from .conftest import PG_URL

ARTICLE = ("标题\n2023年5月18日，合肥市长鑫存储技术有限公司的新一期项目在合肥经济技术开发区开工建设，总投资约百亿元。"
           "项目达产后将新增月产能数万片，带动上下游企业集聚发展。\n会上，合肥市与多家企业签署了战略合作协议。\n")


def _pg_available() -> bool:
    try:
        with create_engine(resolve_url(PG_URL)).connect() as c:
            c.execute(text("select 1"))
        return True
    except Exception:
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path):
    if request.param == "sqlite":
        yield Store.open(tmp_path / "kg.db")
        return
    if not _pg_available():
        pytest.skip(f"PostgreSQL at {PG_URL} is not reachable")
    schema = "t_" + uuid.uuid4().hex[:10]
    admin = create_engine(resolve_url(PG_URL))
    with admin.begin() as c:
        c.execute(text(f"create schema {schema}"))
    url = PG_URL + ("&" if "?" in PG_URL else "?") + f"options=-csearch_path%3D{schema}"
    s = Store.open(url)
    yield s
    s.engine.dispose()
    with admin.begin() as c:
        c.execute(text(f"drop schema {schema} cascade"))
    admin.dispose()


def _docs(path: Path):
    return list(run([path], report=Report(), progress=False))


def test_url_resolution(tmp_path: Path, monkeypatch) -> None:
    assert resolve_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    monkeypatch.setenv("ICATLAS_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")
    monkeypatch.delenv("ICATLAS_DB")
    assert resolve_url(None).endswith("/icatlas.db")
    assert resolve_url("postgresql://u@h/db").startswith("postgresql+psycopg://")


def test_sqlite_is_wal_and_migrated(tmp_path: Path) -> None:
    s = Store.open(tmp_path / "kg.db")
    with s.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(select(t.schema_version.c.version)).scalars().all() == [v for v, _n, _f in MIGRATIONS]
    assert MIGRATIONS[-1][0] == latest()
    Store.open(tmp_path / "kg.db")  # opening again applies nothing twice
    with s.engine.connect() as c:
        assert len(c.execute(select(t.schema_version.c.version)).all()) == len(MIGRATIONS)


def test_seeds_twice_leaves_five_documents(store: Store, seeds_dir: Path) -> None:
    for _ in range(2):
        results = [store.ingest(d) for d in _docs(seeds_dir)]
    assert [r.status for r in results] == ["unchanged"] * 5
    st = store.stats()
    assert st["documents"] == 5 and st["near_duplicates"] == 0
    assert st["entities"] > 300 and st["events"] > 0 and st["mentions"] > 50


def test_same_article_from_two_sites_is_linked(store: Store, tmp_path: Path) -> None:
    (tmp_path / "site-a.txt").write_text(ARTICLE + "（责任编辑：王明）\n- 其他新闻一\n- 其他新闻二\n", encoding="utf-8")
    (tmp_path / "site-b.txt").write_text("来源：另一家网站\n" + ARTICLE.replace("总投资约百亿元", "总投资约百亿元人民币")
                                         + "相关阅读\n- 无关标题甲\n- 无关标题乙\n", encoding="utf-8")
    results = [store.ingest(d) for d in _docs(tmp_path)]
    assert [r.status for r in results] == ["stored", "near_duplicate"]
    assert results[1].duplicate_of == results[0].doc_id and results[1].similarity >= 0.7
    with store.engine.connect() as c:
        links = c.execute(select(t.document_links)).all()
        assert [(x.doc_id, x.other_id, x.kind) for x in links] == [(results[1].doc_id, results[0].doc_id, "near_duplicate")]
        sources = c.execute(select(t.event_sources.c.doc_id)).scalars().all()
        assert results[1].doc_id in sources, "the duplicate's page is a source of the first page's events"
    assert store.stats()["documents"] == 2


def test_a_document_is_stored_whole_or_not_at_all(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    doc = _docs(tmp_path)[0]
    before = store.stats()
    broken = replace(doc, figures=[Figure(subject=None, what="x", value=None, unit=None, qualifier=None,  # type: ignore[arg-type]
                                          evidence=(0, 1))])
    with pytest.raises(Exception):
        store.ingest(broken)
    assert store.stats() == before, "nothing of the failed document is left behind"
    assert store.ingest(doc).status == "stored"
    assert store.stats()["documents"] == before["documents"] + 1


def test_stored_document_keeps_raw_clean_offsets_and_versions(store: Store, seeds_dir: Path) -> None:
    doc = next(d for d in _docs(seeds_dir) if d.source.endswith("003_d678a27e610fefa1.txt"))
    res = store.ingest(doc)
    got = store.document(res.doc_id)
    assert got["raw"] == doc.raw and got["text"] == doc.text and got["offsets"] == doc.offsets
    assert got["published"] == "2019-03-21" and got["language"] == "zh-Hant"
    assert got["versions"]["extract"] and all(m["extractor"] for m in got["mentions"])
    for m in got["mentions"]:
        assert got["text"][m["start"]:m["end"]] == m["surface"]
