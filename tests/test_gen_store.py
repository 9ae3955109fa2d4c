"""The benchmark store generator at a tiny scale, and the store version the analyses' cache reads."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from sqlalchemy import select, text

from icatlas import analytics
from icatlas.analytics.snapshot import snapshot
from icatlas.store import Store
from icatlas.store import schema as t

ROOT = Path(__file__).resolve().parent.parent


def _gen():
    spec = importlib.util.spec_from_file_location("gen_store", ROOT / "benchmarks" / "gen_store.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generator_writes_a_consistent_store(tmp_path: Path) -> None:
    out = tmp_path / "bench.db"
    info = _gen().generate(out, docs=200, orgs=400, mentions=2000, events=50, seed=3, log=lambda *_: None)
    assert (info["documents"], info["organizations"], info["mentions"], info["events"]) == (200, 400, 2000, 50)
    store = Store.open(out)
    stats = store.stats()
    assert stats["documents"] == 200 and stats["mentions"] == 2000 and stats["events"] == 50
    with store.engine.connect() as conn:
        # every mention sits at its organisation's name in its document
        rows = conn.execute(select(t.mentions.c.start, t.mentions.c.end, t.mentions.c.surface, t.documents.c.text,
                                   t.entities.c.name).join(t.documents, t.documents.c.id == t.mentions.c.doc_id)
                            .join(t.entities, t.entities.c.id == t.mentions.c.entity_id).limit(300)).all()
        assert rows and all(txt[s:e] == surface == name for s, e, surface, txt, name in rows)
        relevant = conn.execute(text("SELECT avg(relevant) FROM documents")).scalar_one()
    assert 0.7 < relevant < 0.95
    data = analytics.chain_map(store, "长三角", orgs_per_node=3)
    assert all(len(n["organizations"]) + n["more"] == n["firms"] >= n["count"] for n in data["nodes"])
    assert analytics.gaps(store, "成都")["gaps"]
    # the same seed writes the same store
    again = _gen().generate(tmp_path / "again.db", docs=200, orgs=400, mentions=2000, events=50, seed=3,
                            log=lambda *_: None)
    assert again["relations"] == info["relations"]


def test_a_change_to_the_store_rebuilds_the_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "bench.db"
    _gen().generate(out, docs=30, orgs=60, mentions=300, events=10, seed=5, log=lambda *_: None)
    store = Store.open(out)
    first = snapshot(store)
    assert snapshot(store) is first  # unchanged store: the cached snapshot
    doc_id = store.documents(limit=1)[0]["id"]
    store.set_relevance(doc_id, False, who="test")
    assert snapshot(store) is not first
    second = snapshot(store)
    oid = next(iter(second.orgs))
    store.curate_entity(oid, "region", "成都市", who="test")
    third = snapshot(store)
    assert third is not second and third.orgs[oid].region == "成都市"
