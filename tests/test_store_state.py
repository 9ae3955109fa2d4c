"""One token names the store's state and one memo keeps what is derived from it (icatlas.store.state): a write
through the store reaches every reader, on a store with the SQLite stamp and on one without it."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from icatlas.atlas import Atlas
from icatlas.pipeline import Report, run
from icatlas.store.state import per_version, state_token, store_version

from .test_gen_store import _gen

PAGE = ("鹭芯新闻\n2024年6月3日，长鑫存储技术有限公司与中芯国际集成电路制造有限公司在合肥签署战略合作协议，"
        "共建鹭芯12英寸晶圆制造项目。")
SIGNER = "长鑫存储技术有限公司"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("state") / "kg.db"
    _gen().generate(out, docs=30, orgs=60, mentions=300, events=10, seed=5, log=lambda *_: None)
    return out


def _store(base: Path, tmp_path: Path, stamp: bool) -> Atlas:
    """A copy of ``base``; without ``stamp``, its ``store_state`` table and the triggers that bump it taken away."""
    out = tmp_path / "kg.db"
    out.write_bytes(base.read_bytes())
    if not stamp:
        with sqlite3.connect(out) as conn:
            triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tr_state_%'")
            for (name,) in triggers.fetchall():
                conn.execute(f"DROP TRIGGER {name}")
            conn.execute("DROP TABLE store_state")
    return Atlas.open(out)


@pytest.mark.parametrize("stamp", [True, False], ids=["stamp", "no-stamp"])
def test_a_write_through_the_store_reaches_every_reader(base: Path, tmp_path: Path, stamp: bool) -> None:
    atlas = _store(base, tmp_path, stamp)
    token = state_token(atlas)
    assert token[0] == ("stamp" if stamp else "rows")
    assert (store_version(atlas) is not None) is stamp
    snap = atlas.snapshot()
    assert atlas.snapshot() is snap  # kept under the token: the stamp, or the fingerprint
    events = atlas.events_of(SIGNER)
    documents = atlas.home_page()["stats"]["documents"]
    assert not atlas.search("鹭芯")["documents"]  # two characters: the in-memory text (stamp) or LIKE

    page = tmp_path / "new.txt"
    page.write_text(PAGE, encoding="utf-8")
    stored = [atlas.ingest(doc) for doc in run([page], report=Report(), progress=False)]
    assert [r.status for r in stored] == ["stored"]
    doc_id = stored[0].doc_id

    assert state_token(atlas) != token
    assert atlas.snapshot() is not snap
    assert any(e.doc_id == doc_id for evs in atlas.snapshot().events_of.values() for e in evs)
    after = atlas.events_of(SIGNER)
    assert len(after) == len(events) + 1 and after[0]["doc_id"] == doc_id
    assert atlas.home_page()["stats"]["documents"] == documents + 1
    assert [d["id"] for d in atlas.search("鹭芯")["documents"]] == [doc_id]


def test_values_are_kept_per_state_only_where_the_token_covers_them(base: Path, tmp_path: Path) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
    with_stamp, without = _store(base, tmp_path / "a", True), _store(base, tmp_path / "b", False)
    assert per_version(with_stamp, "n", compute) == per_version(with_stamp, "n", compute) == 1
    # without the stamp only values derived from what the fingerprint counts are kept
    assert per_version(without, "n", compute) == 2 and per_version(without, "n", compute) == 3
    assert per_version(without, "f", compute, fingerprint=True) == per_version(without, "f", compute,
                                                                                   fingerprint=True) == 4
