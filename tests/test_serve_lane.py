"""How the web app serves pages under load: the one-thread lane, the store stamp read once per page, the evidence
read in one pass, the gap rows cut before their reasons are written, and the readying of the pages at start."""
from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

import anyio
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from icatlas.analytics import gaps
from icatlas.analytics.chainmap import chain_map, evidence, preload_evidence
from icatlas.analytics.snapshot import snapshot
from icatlas.library import search as library_search
from icatlas.library.overview import region_page
from icatlas.library import uploads
from icatlas.serve import create_app
from icatlas.serve.lane import Lane
from icatlas.serve.warm import warm
from icatlas.atlas import Atlas
from icatlas.store import Store
from icatlas.store.stamp import once, read_once

from .test_gen_store import _gen

@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lane") / "kg.db"
    _gen().generate(out, docs=300, orgs=300, mentions=4000, events=120, seed=5, log=lambda *_: None)
    return out


def _lane_trace(width: int, jobs: int = 6) -> tuple[int, list[int]]:
    """Run ``jobs`` page reads at once through a lane of ``width``: the most that ran together, and the order in
    which they started."""
    lane = Lane(width)
    active = [0, 0]
    started: list[int] = []
    lock = threading.Lock()

    def job(k: int) -> None:
        with lock:
            started.append(k)
            active[0] += 1
            active[1] = max(active[1], active[0])
        time.sleep(0.03)  # releases the interpreter lock: on the default pool the jobs would overlap
        with lock:
            active[0] -= 1

    async def main() -> None:
        async with anyio.create_task_group() as tg:
            for k in range(jobs):
                tg.start_soon(lane.run, lambda k=k: job(k))
                await anyio.sleep(0.002)  # arrive in order

    anyio.run(main)
    return active[1], started


def test_lane_serves_one_page_at_a_time_in_arrival_order() -> None:
    most, order = _lane_trace(1)
    assert most == 1
    assert order == list(range(6))


def test_a_wider_lane_runs_pages_side_by_side() -> None:
    most, _ = _lane_trace(3)
    assert most == 3


def test_lane_width_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("ICATLAS_PAGE_THREADS", "4")
    assert Lane().width == 4
    monkeypatch.setenv("ICATLAS_PAGE_THREADS", "many")
    assert Lane().width == 1


def test_routes_in_the_lane_keep_their_parameters(db: Path) -> None:
    app = create_app(db, warm=False)
    params = app.openapi()["paths"]["/api/map/{region}"]["get"]["parameters"]
    assert [p["name"] for p in params] == ["region", "evidence", "as_of", "firms"]
    c = TestClient(app)
    assert c.get("/api/gaps/上海市?limit=2").json()["gaps"].__len__() == 2
    assert c.get("/api/map/上海市?evidence=99").status_code == 400  # the bound on ``evidence`` still holds


def test_read_once_reads_each_key_once_per_block() -> None:
    reads = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    assert once("k", read) == 1 and once("k", read) == 2  # outside a block: every time
    with read_once():
        assert once("k", read) == 3
        with read_once():  # nested: the outer block's answer
            assert once("k", read) == 3
        assert once("other", read) == 4
        assert once("k", read) == 3
    assert once("k", read) == 5


def _statements(store: Store, fn) -> list[str]:
    """The SQL statements ``fn()`` sends to ``store``."""
    sent: list[str] = []

    def seen(conn, cursor, statement, *_a) -> None:
        sent.append(statement)
    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        fn()
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    return sent


def _stamp_reads(store: Store, fn) -> int:
    return sum("store_state" in q for q in _statements(store, fn))


def test_a_page_reads_the_store_stamp_once(db: Path) -> None:
    store = Store.open(db)
    region_page(store, "上海市")  # the per-state structures, built once
    loose = _stamp_reads(store, lambda: region_page(store, "江苏省"))
    with read_once():
        pinned = _stamp_reads(store, lambda: region_page(store, "浙江省"))
    assert loose > 4
    assert pinned == 1  # the one state token, read once for the snapshot and every per-state value


def test_evidence_read_in_one_pass_equals_evidence_read_per_page(db: Path) -> None:
    store = Store.open(db)
    snap = snapshot(store)
    n = preload_evidence(store, per_org=1)
    assert n == sum(1 for o in snap.orgs.values() if o.mentioned) and n > 100
    cache = snap.memo["evidence"]
    fresh = evidence(store.engine, sorted(i for i, o in snap.orgs.items() if o.mentioned), per_org=1, cache={})
    assert {i: cache[(i, 1)] for i in fresh} == dict(fresh)
    assert preload_evidence(store, per_org=1) == 0  # nothing left to read
    queries = _statements(store, lambda: chain_map(store, "广东省", evidence_per_org=1))
    assert not [q for q in queries if "mentions" in q]


def test_gap_rows_cut_to_a_limit_are_the_first_rows_of_all(db: Path) -> None:
    store = Store.open(db)
    for region in ("上海市", "江苏省", "长三角", "苏州市", "海淀区"):
        every = gaps(store, region)["gaps"]
        assert len(every) > 5
        for limit in (1, 5):
            assert gaps(store, region, limit=limit)["gaps"] == every[:limit]


def test_warm_builds_what_the_pages_read(db: Path) -> None:
    store = Atlas.open(db)
    out = warm(store)
    assert {"snapshot", "evidence", "home", "org", "orgs", "search"} <= set(out["steps"])
    assert any(k.startswith("region:") for k in out["steps"])
    snap = snapshot(store)
    assert all((i, 1) in snap.memo["evidence"] for i, o in snap.orgs.items() if o.mentioned)


def _copy(db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "kg.db"
    out.write_bytes(db.read_bytes())
    return out


def test_app_readies_its_pages_on_start_and_again_after_a_write(db: Path, tmp_path: Path) -> None:
    copy = _copy(db, tmp_path)
    gc.unfreeze()
    app = create_app(copy, token="t0k", warm=True)
    try:
        with TestClient(app) as c:
            first = c.get("/api/status").json()["warm"]
            assert first is not None and {"snapshot", "evidence", "org"} <= set(first["steps"])
            assert "errors" not in first
            assert gc.get_freeze_count() > 0  # the readied structures are out of the collector's full walks
            r = c.post("/api/documents", headers={"Authorization": "Bearer t0k"},
                       json={"title": "新闻", "text": "无锡市集成电路产业园今天开工建设，总投资50亿元。", "published": "2026-11-01"})
            assert r.status_code == 201
            deadline = time.monotonic() + 60
            while app.state.warmer.last is first and time.monotonic() < deadline:
                time.sleep(0.05)
            assert app.state.warmer.last is not first  # readied again for the new store state
    finally:
        gc.unfreeze()
    assert TestClient(create_app(copy, warm=False)).get("/api/status").json()["warm"] is None


def test_a_write_by_another_process_is_readied_when_a_page_sees_it(db: Path, tmp_path: Path) -> None:
    copy = _copy(db, tmp_path)
    app = create_app(copy, warm=True)
    try:
        with TestClient(app) as c:
            first = app.state.warmer.last
            assert first is not None
            other = Store.open(copy)  # as the command line would, beside the app
            org_id = min(snapshot(other).orgs)
            other.curate_entity(org_id, "name", "另一个名字有限公司", who="test")
            assert c.get(f"/orgs/{org_id}").status_code == 200
            deadline = time.monotonic() + 60
            while app.state.warmer.last is first and time.monotonic() < deadline:
                time.sleep(0.05)
            assert app.state.warmer.last is not first
            assert "另一个名字有限公司" in c.get(f"/orgs/{org_id}").text
    finally:
        gc.unfreeze()


def test_a_failing_readying_does_not_stop_the_server(db: Path, tmp_path: Path) -> None:
    copy = _copy(db, tmp_path)
    import sqlite3

    con = sqlite3.connect(copy)
    con.execute("UPDATE entities SET attrs = '{bad' WHERE id = (SELECT min(id) FROM entities)")
    con.commit()
    con.close()
    app = create_app(copy, warm=True)
    try:
        with TestClient(app, raise_server_exceptions=False) as c:
            status = c.get("/api/status")
            assert status.status_code == 200
            assert status.json()["warm"]["errors"]  # the failed steps are named
            assert c.get("/documents/1").status_code == 200
    finally:
        gc.unfreeze()


def test_short_queries_scanned_in_memory_find_what_sql_like_finds(db: Path, tmp_path: Path, monkeypatch) -> None:
    store = Store.open(_copy(db, tmp_path))
    page = tmp_path / "ic.txt"  # ASCII letters in both cases, which SQL's LIKE folds
    page.write_text("IC Foundry 扩产\n无锡的IC设计企业与ic封测厂签约，Ic产业园同日开工。", encoding="utf-8")
    from icatlas.pipeline import Report, run

    for doc in run([page], report=Report(), progress=False):
        store.ingest(doc)
    with store.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM entities ORDER BY id LIMIT 60")]
    queries = ["芯", "IC", "ic", "Ic", "%", "_", "\\", "蘇州", "電子", "某某", *(n[:2] for n in names),
               *(n[1:3] for n in names)]
    queries = [q for q in dict.fromkeys(queries) if len(q) < 3]
    scanned = {q: library_search.search(store, q) for q in queries}
    assert sum(1 for r in scanned.values() if r["documents"]) >= 10
    assert all(scanned[q]["documents"] for q in ("IC", "ic", "Ic"))
    monkeypatch.setattr(library_search, "store_version", lambda _s: None)  # the SQL LIKE path
    assert {q: library_search.search(store, q) for q in queries} == scanned


def test_an_upload_does_not_hold_up_the_other_requests(db: Path, tmp_path: Path, monkeypatch) -> None:
    """While a document is ingested, the worker still answers: the ingest runs on a thread, not on the event loop.
    The ingest here waits until a page request has been answered; on the event loop it would wait in vain."""
    import asyncio

    import httpx

    app = create_app(_copy(db, tmp_path), token="t0k", warm=False)
    answered = threading.Event()
    waited: list[bool] = []

    def slow_upload(store, title, text, published):
        waited.append(answered.wait(10))
        return {"id": 1, "url": "/documents/1", "status": "stored"}
    monkeypatch.setattr(uploads, "upload", slow_upload)

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            async def page() -> None:
                await asyncio.sleep(0.05)
                assert (await c.get("/api/status")).status_code == 200
                answered.set()
            up, _ = await asyncio.gather(
                c.post("/api/documents", headers={"Authorization": "Bearer t0k"},
                       json={"title": "t", "text": "无锡集成电路", "published": None}), page())
            assert up.status_code == 201
    asyncio.run(go())
    assert waited == [True]
