"""PostgreSQL as the server's store: the search in both scripts through pg_trgm's indexes (and without them), and
the web app's connections lent by a pool; the search answers the same on SQLite."""
from __future__ import annotations

import threading
import uuid
import warnings
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from icatlas.atlas import Atlas
from icatlas.pipeline import Report, run
from icatlas.serve.app import create_app
from icatlas.store.migrations import pg_trigram_indexes
from icatlas.store.search import has_trigram_index

from .stores import store_url

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


def _filled(db: str) -> Atlas:
    atlas = Atlas.open(db)
    for doc in run(sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".md")), report=Report(), progress=False):
        atlas.ingest(doc)
    return atlas


def _found(atlas: Atlas, q: str) -> list[int]:
    return [d["id"] for d in atlas.search(q)["documents"]]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_search_finds_documents_in_either_script_through_the_trigram_index(kind: str, tmp_path: Path) -> None:
    with store_url(kind, tmp_path) as db:
        atlas = _filled(db)
        assert has_trigram_index(atlas.engine)  # FTS5 on SQLite, pg_trgm on PostgreSQL
        simplified = _found(atlas, "华虹半导体")
        assert len(simplified) >= 2  # the Traditional page (stored in Simplified) and the alliance page
        assert _found(atlas, "華虹半導體") == simplified
        assert _found(atlas, "华虹") == _found(atlas, "華虹") and set(simplified) <= set(_found(atlas, "华虹"))
        assert _found(atlas, "smic") == _found(atlas, "SMIC") != []  # case folded as SQLite's LIKE does
        assert _found(atlas, "没有这样的公司") == []


def test_postgresql_uses_the_trigram_index_for_the_search(tmp_path: Path) -> None:
    with store_url("postgresql", tmp_path) as db:
        atlas = _filled(db)
        with atlas.engine.connect() as conn:
            conn.execute(text("SET enable_seqscan = off"))
            plan = "\n".join(r[0] for r in conn.execute(text(
                "EXPLAIN SELECT id FROM documents WHERE text ILIKE '%华虹半导体%'")))
        assert "ix_documents_text_trgm" in plan


def test_without_the_extension_the_search_scans_and_says_why(tmp_path: Path) -> None:
    with store_url("postgresql", tmp_path) as db:
        atlas = _filled(db)
        with atlas.engine.begin() as conn:
            conn.execute(text("DROP INDEX ix_documents_text_trgm"))
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                assert not pg_trigram_indexes(conn, extension="icatlas_no_such_extension")
        message = str(caught[0].message)
        assert "icatlas_no_such_extension extension is unavailable" in message and "CREATE INDEX" in message
        fresh = Atlas.open(db)
        assert not has_trigram_index(fresh.engine)
        assert len(_found(fresh, "华虹半导体")) >= 2 and _found(fresh, "華虹半導體") == _found(fresh, "华虹半导体")


def test_the_web_app_on_postgresql_borrows_its_connections_from_a_pool(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from icatlas.store.pool import LentConnections

    monkeypatch.setenv("ICATLAS_PG_POOL", "1,3")
    name = f"icatlas_pool_test_{uuid.uuid4().hex[:8]}"
    with store_url("postgresql", tmp_path) as url:
        db = f"{url}&application_name={name}"  # the pool's connections, told apart from any other's
        _filled(db).engine.dispose()
        app = create_app(db, warm=False)
        atlas = app.state.icatlas.atlas
        pool = atlas.engine.pool
        assert isinstance(pool, LentConnections)
        client = TestClient(app)
        for path in ("/index.json", "/search.json?q=华虹半导体", "/api/status"):
            assert client.get(path).status_code == 200, path
        errors: list[str] = []

        def read() -> None:  # what the pages' threads do at once, each through a connection of its own
            try:
                for _ in range(3):
                    assert atlas.search("華虹半導體")["documents"]
                    assert atlas.events_page()["events"] is not None
            except Exception as exc:  # noqa: BLE001 - collected for the assertion below
                errors.append(repr(exc))

        threads = [threading.Thread(target=read) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        stats = pool.lender.get_stats()
        assert stats["pool_max"] == 3 and stats["pool_size"] <= 3 and stats["connections_num"] <= 3
        assert stats["requests_num"] > 3  # lent again and again, not opened anew

        # a connection the server closed is noticed and replaced before it is lent again
        with atlas.engine.connect() as conn:
            killed = conn.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                                       "application_name = :n AND pid <> pg_backend_pid()"), {"n": name}).scalar()
        assert killed
        assert client.get("/search.json?q=華虹半導體").status_code == 200
