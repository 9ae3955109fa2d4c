"""Analyses that start warm: the snapshot is kept in the store per store state, so a new process reads it instead
of building it, and a write makes the next process build it again; the same on SQLite and PostgreSQL."""
from __future__ import annotations

import pickle
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

from icatlas.analytics.kept import NAME, dumps, state_key
from icatlas.analytics.snapshot import build
from icatlas.atlas import Atlas
from icatlas.pipeline import Report, run
from icatlas.store.kept import forget_kept, load_kept, save_kept
from icatlas.store.state import store_version

from .stores import store_url

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
AS_OF = "2026-12-01"


def _ingest(atlas: Atlas, paths: list[Path]) -> None:
    for doc in run(paths, report=Report(), progress=False):
        atlas.ingest(doc)


def _answers(atlas: Atlas) -> dict[str, Any]:
    """The analyses of the region with the most organisations and of the organisation with the most events."""
    snap = atlas.snapshot()
    code = max(snap.by_region, key=lambda c: (len(snap.by_region[c]), c))
    firm = max(snap.orgs.values(), key=lambda o: (len(snap.events_of.get(o.id, [])), -o.id))
    return {"orgs": sorted(snap.orgs), "totals": snap.totals, "counts": snap.counts,
            "events": {k: [e.id for e in v] for k, v in snap.events_of.items()},
            "map": atlas.chain_map(code, as_of=AS_OF), "gaps": atlas.gaps(code, as_of=AS_OF),
            "targets": atlas.targets(code, as_of=AS_OF), "partners": atlas.partners(firm.name, as_of=AS_OF)}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_new_process_reads_the_kept_snapshot_and_a_write_makes_it_build_again(kind: str, tmp_path: Path) -> None:
    pages = sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".md", ".html"))
    with store_url(kind, tmp_path) as db:
        first = Atlas.open(db)
        _ingest(first, pages[:3])
        assert store_version(first) is not None  # the stamp, on both databases
        before = _answers(first)
        key = state_key(first.engine)
        assert key is not None and load_kept(first, NAME, key) is not None  # kept for the next process

        # a new process (a new engine: nothing in memory) reads what was kept: shown by keeping a changed one
        second = Atlas.open(db)
        assert _answers(second) == before
        changed = build(second.engine)
        dropped = min(changed.orgs)
        del changed.orgs[dropped]
        assert save_kept(second, NAME, key, dumps(changed))
        assert dropped not in Atlas.open(db).snapshot().orgs

        # a write: the next process builds the new state, equal to a cold build, and keeps it
        _ingest(second, pages[3:])
        assert state_key(second.engine) != key
        third = Atlas.open(db)
        after = _answers(third)
        assert after != before and dropped in third.snapshot().orgs
        forget_kept(third)
        assert _answers(Atlas.open(db)) == after  # nothing kept: built from scratch
        assert load_kept(third, NAME, state_key(third.engine) or "") is not None


def test_a_kept_row_with_anything_but_a_snapshot_is_refused(tmp_path: Path) -> None:
    with store_url("sqlite", tmp_path) as db:
        atlas = Atlas.open(db)
        _ingest(atlas, [DEMO / "hefei_cxmt_dram.txt"])
        key = state_key(atlas.engine)
        assert key is not None
        assert save_kept(atlas, NAME, key, zlib.compress(pickle.dumps(OrderedDict(a=1))))
        snap = Atlas.open(db).snapshot()  # refused, so built
        assert snap.orgs and snap.orgs.keys() == build(atlas.engine).orgs.keys()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_state_stamp_moves_once_per_write(kind: str, tmp_path: Path) -> None:
    with store_url(kind, tmp_path) as db:
        atlas = Atlas.open(db)
        start = store_version(atlas)
        assert start is not None and start[0] == "stamp"
        _ingest(atlas, [DEMO / "hefei_cxmt_dram.txt"])
        stored = store_version(atlas)
        assert stored is not None and stored[1] > start[1]
        _ingest(atlas, [DEMO / "hefei_cxmt_dram.txt"])  # unchanged: nothing written
        assert store_version(atlas) == stored


def test_serving_with_workers_makes_the_snapshot_once_before_they_start(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from icatlas.cli.library import prepare_store

    monkeypatch.delenv("ICATLAS_DB", raising=False)
    with store_url("sqlite", tmp_path) as db:
        atlas = Atlas.open(db)
        _ingest(atlas, [DEMO / "hefei_cxmt_dram.txt"])
        forget_kept(atlas)
        prepare_store(db, snapshot=True)
        key = state_key(atlas.engine)
        assert key is not None and load_kept(atlas, NAME, key) is not None


def test_targets_ranked_with_arrays_equal_the_firm_by_firm_ranking(tmp_path: Path) -> None:
    from functools import partial

    from icatlas.analytics.gaps import _fills, _gap_rows, rank_firms
    from icatlas.analytics.snapshot import snapshot

    from .test_gen_store import _gen

    out = tmp_path / "kg.db"
    _gen().generate(out, docs=400, orgs=900, mentions=6000, events=600, seed=11, log=lambda *_: None)
    atlas = Atlas.open(out)
    snap = snapshot(atlas)
    codes = sorted(snap.by_region, key=lambda c: (-len(snap.by_region[c]), c))[:12]
    shown = 0
    for code in codes:
        for as_of, limit in ((AS_OF, 20), ("2021-06-30", 5), (AS_OF, 0)):
            r = snap.index.get(code)
            assert r is not None
            top = _gap_rows(snap, r, 10, as_of)
            best = max((g["priority"] for g in top), default=0.0) or 1.0
            pool, fit = [], {}
            for o in snap.orgs.values():
                filled = [g for g in top if g["id"] in o.nodes]
                if o.firm and o.lineage and r.code not in o.lineage and filled:
                    pool.append(o)
                    fit[o.id] = (filled[0]["priority"] / best + 0.05 * min(len(filled) - 1, 4),
                                 partial(_fills, filled))
            expected = rank_firms(snap, pool, fit, as_of, limit)
            got = atlas.targets(code, limit=limit, as_of=as_of)["targets"]
            assert [{k: v for k, v in row.items() if k != "gaps"} for row in got] == expected, (code, as_of)
            shown += len(got) + sum(len(row.get("group_members", [])) for row in got)
    assert shown > 200


def test_the_api_encodes_an_answer_in_one_pass_as_it_did_in_three(tmp_path: Path) -> None:
    import datetime as dt
    import math

    from fastapi.responses import JSONResponse

    from icatlas.serve.render import json_body, jsonable

    with store_url("sqlite", tmp_path) as db:
        atlas = Atlas.open(db)
        _ingest(atlas, [DEMO / "hefei_cxmt_dram.txt", DEMO / "yangtze_delta_alliance.md"])
        answers: list[Any] = [atlas.chain_map("长三角", as_of=AS_OF), atlas.gaps("合肥", as_of=AS_OF),
                              atlas.targets("合肥", as_of=AS_OF), atlas.home_page(),
                              {1: (1.5, dt.date(2024, 6, 3)), "x": [math.nan, math.inf, "华虹"], "y": None}]
        for data in answers:
            assert json_body(data) == JSONResponse(jsonable(data)).body
