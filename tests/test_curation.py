"""Curation survives re-extraction: confirmed and corrected events and renamed entities stay when every document is
extracted again with a new extractor version; the rest is replaced; every change is logged."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

import icatlas.extract as ex
from icatlas.pipeline import run
from icatlas.pipeline import Report
from icatlas.store import Store
from icatlas.store import schema as t

MERGE = Path(__file__).parent / "data" / "merge"


def test_curated_facts_survive_reprocess(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(str(tmp_path / "c.db"))
    for doc in run([MERGE], report=Report(), progress=False):
        store.ingest(doc)
    evs = store.events()
    hefei = next(e for e in evs if len(e["sources"]) == 2)
    wuxi = next(e for e in evs if any("华虹" in p["name"] for p in e["participants"]))
    store.curate_event(hefei["id"], "date", "2024-03-14", who="analyst")
    store.curate_event(wuxi["id"], "confirmed", True, who="analyst")
    with store.engine.connect() as conn:
        ent = conn.execute(select(t.entities).where(t.entities.c.name == "长鑫存储技术有限公司")).mappings().one()
    store.curate_entity(ent["id"], "name", "长鑫存储", who="analyst")

    monkeypatch.setattr(ex, "VERSION", "extract.v-next")
    counts = store.reprocess()
    assert counts["documents"] == 4 and counts["curated_events_kept"] >= 1

    after = {e["id"]: e for e in store.events()}
    assert after[hefei["id"]]["date"] == "2024-03-14"  # the correction stands
    assert len(after[hefei["id"]]["sources"]) == 2
    assert wuxi["id"] in after
    assert len(after) == 3  # nothing duplicated, nothing lost
    with store.engine.connect() as conn:
        versions = [r[0] for r in conn.execute(select(t.documents.c.versions))]
        renamed = conn.execute(select(t.entities).where(t.entities.c.id == ent["id"])).mappings().one()
        dup = conn.execute(select(t.entities).where(t.entities.c.name == "长鑫存储技术有限公司")).first()
        log = conn.execute(select(t.curation.c.action, t.curation.c.target_table)).all()
    assert all(v["extract"] == "extract.v-next" for v in versions)
    assert renamed["name"] == "长鑫存储" and "长鑫存储技术有限公司" in renamed["aliases"]
    assert dup is None  # re-extraction found the renamed entity by its old name
    assert ("correct", "events") in log and ("confirm", "events") in log and ("correct", "entities") in log


def test_curate_rejects_unknown_fields(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "d.db"))
    from icatlas.errors import IcatlasError

    with pytest.raises(IcatlasError):
        store.curate_event(1, "colour", "red", who="x")
    with pytest.raises(IcatlasError):
        store.curate_event(999, "date", "2024-01-01", who="x")
