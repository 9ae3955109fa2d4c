"""Entity resolution across documents: a Traditional page and an abbreviation land on the entity of the full
Simplified name, with the other written forms as aliases; a short form seen first takes the full name later."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from icatlas.pipeline import Report, run
from icatlas.store import Store
from icatlas.store import schema as t

DATA = Path(__file__).parent / "data" / "resolve"


def _ingest(db: Path, paths: list[Path]) -> Store:
    store = Store.open(str(db))
    for doc in run(paths, report=Report(), progress=False):
        store.ingest(doc)
    return store


def test_traditional_and_abbreviation_join_one_entity(tmp_path: Path) -> None:
    store = _ingest(tmp_path / "r.db", sorted(DATA.glob("*.txt")))
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.entities).where(t.entities.c.name.like("芯海微%"))).mappings().all()
        assert len(rows) == 1
        ent = rows[0]
        assert ent["name"] == "芯海微纳科技（苏州）有限公司"
        assert "芯海微納科技（蘇州）有限公司" in ent["aliases"] and "芯海微纳公司" in ent["aliases"]
        docs = {r[0] for r in conn.execute(select(t.mentions.c.doc_id).where(t.mentions.c.entity_id == ent["id"]))}
        assert docs == {1, 2, 3}


def test_short_form_first_then_full_name(tmp_path: Path) -> None:
    store = _ingest(tmp_path / "s.db", [DATA / "r3.txt", DATA / "r1.txt"])
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.entities).where(t.entities.c.name.like("芯海微%"))).mappings().all()
    assert [r["name"] for r in rows] == ["芯海微纳科技（苏州）有限公司"]
    assert "芯海微纳公司" in rows[0]["aliases"]
