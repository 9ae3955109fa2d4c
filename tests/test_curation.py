"""Curation survives re-extraction: confirmed and corrected events and renamed entities stay when every document is
extracted again with a new extractor version; the rest is replaced; every change is logged."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import icatlas.extract as ex
from icatlas.pipeline import reprocess, run
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
    counts = reprocess(store)
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


MERGE_PAGES = Path(__file__).parent / "data" / "entity_merge"


def _entity(store: Store, name: str) -> Any:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.entities).where(t.entities.c.name == name)).mappings().first()
    return dict(row) if row else None


def test_merge_entities_survives_reprocess(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A company that changed its name appears as two entities; merging folds the second into the first, its
    mentions and names move over, and re-extraction does not split them again."""
    store = Store.open(str(tmp_path / "m.db"))
    for doc in run([MERGE_PAGES], report=Report(), progress=False):
        store.ingest(doc)
    keep, drop = _entity(store, "无锡锡创微电子有限公司"), _entity(store, "华晶锡创半导体科技股份有限公司")
    assert keep and drop and keep["id"] != drop["id"]
    merged = store.merge_entities(int(keep["id"]), int(drop["id"]), who="analyst")
    assert "华晶锡创半导体科技股份有限公司" in merged["aliases"]
    assert _entity(store, "华晶锡创半导体科技股份有限公司") is None

    def mention_docs() -> set[int]:
        with store.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(t.mentions.c.doc_id).where(t.mentions.c.entity_id == keep["id"]))}
    assert len(mention_docs()) == 2

    monkeypatch.setattr(ex, "VERSION", "extract.v-next")
    reprocess(store)
    assert _entity(store, "华晶锡创半导体科技股份有限公司") is None  # re-extraction found the merged entity
    assert len(mention_docs()) == 2
    with store.engine.connect() as conn:
        log = conn.execute(select(t.curation.c.action, t.curation.c.target_id)).all()
    assert ("merge", keep["id"]) in log

    from icatlas.errors import IcatlasError

    with pytest.raises(IcatlasError):
        store.merge_entities(int(keep["id"]), int(keep["id"]), who="x")
    region = _entity(store, "无锡市")
    with pytest.raises(IcatlasError):
        store.merge_entities(int(keep["id"]), int(region["id"]), who="x")


def test_merge_form_in_the_web_app(tmp_path: Path) -> None:
    """The organisation page's merge form: needs the token and the CSRF field, takes the other's full name, and
    the merged name then finds the kept organisation."""
    import re

    from fastapi.testclient import TestClient

    from icatlas.serve import create_app

    db = tmp_path / "w.db"
    store = Store.open(str(db))
    for doc in run([MERGE_PAGES], report=Report(), progress=False):
        store.ingest(doc)
    keep = _entity(store, "无锡锡创微电子有限公司")
    c = TestClient(create_app(db, token="tok"))
    page = c.get(f"/orgs/{keep['id']}").text
    assert 'id="merge-form"' in page
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    form = {"csrf": csrf, "other": "华晶锡创半导体科技股份有限公司"}
    assert c.post(f"/orgs/{keep['id']}/merge", data=form).status_code == 401  # no token
    assert c.post(f"/orgs/{keep['id']}/merge", data={**form, "token": "tok", "other": "没有这家公司"}).status_code == 404
    r = c.post(f"/orgs/{keep['id']}/merge", data={**form, "token": "tok"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/orgs/{keep['id']}"
    hits = c.get("/search.json?q=华晶锡创半导体科技股份有限公司").json()["organizations"]
    assert [h["id"] for h in hits] == [keep["id"]]
    assert ("merge", "entities") in {(e["action"], e["target_table"]) for e in c.get("/curation.json").json()["entries"]}
