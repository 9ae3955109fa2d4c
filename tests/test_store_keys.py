"""The lookup keys (store/keys.py): ingest finds the same entities and events through them as by reading whole
tables, on SQLite and PostgreSQL, through curation, and in a store migrated from before them."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from icatlas.model import Document, Event
from icatlas.resolve.names import is_abbreviation
from icatlas.store import Store
from icatlas.store import keys
from icatlas.store import schema as t

from .conftest import ROOT, benchmark_module, need_shared, SEEDS
from .oldstore import ScanStore
from .storedump import differences, dump
from .stores import store_url


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    """The demo pages, the seeds and 40 generated news pages (registry organisations, happenings told again),
    processed once."""
    need_shared()
    from icatlas.pipeline import Report, run

    out = tmp_path_factory.mktemp("corpus")
    benchmark_module("gen_corpus").write(out, 40, 3, 1150)
    report = Report()
    got = list(run([ROOT / "examples" / "demo", SEEDS, out], report=report, progress=False))
    assert not report.errors, report.errors
    return got


def _curate(store: Store) -> None:
    """The same hand edits in either store: a rename, a merge and an event's parties corrected."""
    with store.engine.connect() as conn:
        orgs = conn.execute(select(t.entities.c.id).where(t.entities.c.type == "company", t.entities.c.ref_id.is_(None))
                            .order_by(t.entities.c.id)).all()
        ev = conn.execute(select(t.events.c.id, t.events.c.participants).where(t.events.c.participants.is_not(None))
                          .order_by(t.events.c.id)).first()
    store.curate_entity(orgs[0][0], "name", "测试改名半导体有限公司", "test")
    store.merge_entities(orgs[1][0], orgs[2][0], "test")
    assert ev is not None
    store.curate_event(ev[0], "participants", list(reversed(ev[1])), "test")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_keyed_lookups_store_what_the_scans_stored(kind: str, docs: list[Document], tmp_path: Path) -> None:
    half = len(docs) // 2
    with store_url(kind, tmp_path) as a, store_url(kind, tmp_path) as b:
        keyed, scan = Store.open(a), ScanStore.open(b)
        for store in (keyed, scan):
            for doc in docs[:half]:
                store.ingest(doc)
            _curate(store)
            for doc in docs[half:]:
                store.ingest(doc)
            store.engine.dispose()
        got, want = dump(a), dump(b)
        assert len(got["events"]) > 300 and len({s["event_id"] for s in got["event_sources"]}) < len(got["event_sources"])
        assert not differences(got, want), "\n".join(differences(got, want))


def test_migration_fills_the_keys_of_a_store_made_before_them(docs: list[Document], tmp_path: Path) -> None:
    db = str(tmp_path / "kg.db")
    store = Store.open(db)
    for doc in docs[:20]:
        store.ingest(doc)
    with store.engine.connect() as conn:
        before = {n: sorted(map(tuple, conn.execute(select(tb)).all())) for n, tb in
                  (("e", t.entity_keys), ("v", t.event_keys))}
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE entity_keys"))
        conn.execute(text("DROP TABLE event_keys"))
        conn.execute(text("DELETE FROM schema_version WHERE version = 8"))
    store.engine.dispose()
    again = Store.open(db)
    with again.engine.connect() as conn:
        after = {n: sorted(map(tuple, conn.execute(select(tb)).all())) for n, tb in
                 (("e", t.entity_keys), ("v", t.event_keys))}
    assert before == after and len(before["v"]) > 100



@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_migration_keys_again_a_store_keyed_before_the_masks(kind: str, docs: list[Document], tmp_path: Path) -> None:
    """A store whose event keys have the layout before migration 11 (no parties, no masks) is keyed again as a new
    store keys its events."""
    with store_url(kind, tmp_path) as db:
        store = Store.open(db)
        for doc in docs[:20]:
            store.ingest(doc)
        with store.engine.connect() as conn:
            before = sorted(map(tuple, conn.execute(select(t.event_keys)).all()))
        with store.engine.begin() as conn:
            conn.execute(text("DROP TABLE event_keys"))
            conn.execute(text("CREATE TABLE event_keys (type VARCHAR(30) NOT NULL, participant_key TEXT NOT NULL, "
                              "bucket VARCHAR(10) NOT NULL, event_id INTEGER NOT NULL, "
                              "PRIMARY KEY (type, participant_key, bucket, event_id))"))
            conn.execute(text("INSERT INTO event_keys VALUES ('investment', 'n:x', '', 1)"))
            conn.execute(text("DELETE FROM schema_version WHERE version = 11"))
        store.engine.dispose()
        again = Store.open(db)
        with again.engine.connect() as conn:
            after = sorted(map(tuple, conn.execute(select(t.event_keys)).all()))
        again.engine.dispose()
        assert before == after and len(before) > 100 and len({r[4] for r in before}) > 2 and max(r[5] for r in before) > 2

def _same_party(x: str, y: str) -> bool:
    """``merge.same_party`` on names already normalised."""
    if x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x)):
        return True
    return is_abbreviation(x, y) or is_abbreviation(y, x)


def test_every_pair_of_matching_parties_shares_a_key() -> None:
    rng = random.Random(5)
    alphabet = "上海华力a"
    pairs = 0
    for _ in range(60000):
        x = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7)))
        y = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        if _same_party(x, y):
            pairs += 1
            assert keys.party_lookups(x) & keys.party_keys(y), (x, y)
    assert pairs > 2000



def test_the_abbreviation_prefilter_keeps_every_pair_the_rule_joins() -> None:
    """``across.may_abbreviate`` (what the organisation lookup tests before the abbreviation rule) holds for every pair
    of names one of which abbreviates the other, and leaves out most of the rest."""
    from icatlas.resolve.across import may_abbreviate

    rng = random.Random(6)
    alphabet = "上海华力微电子ab"
    joined = kept = 0
    for n in range(60000):
        y = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        if n % 3 == 0:  # its first two characters and some of the others, in order
            x = y[:2] + "".join(c for c in y[2:] if rng.random() < 0.5)
        elif n % 3 == 1:  # a piece of its end
            x = y[rng.randint(0, len(y)):]
        else:
            x = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7)))
        x, y = (x, y) if rng.random() < 0.5 else (y, x)
        if is_abbreviation(x, y) or is_abbreviation(y, x):
            joined += 1
            assert may_abbreviate(x, y) and may_abbreviate(y, x), (x, y)
        kept += may_abbreviate(x, y)
    assert joined > 10000 and kept - joined < (60000 - joined) / 4, (joined, kept)

def test_buckets_cover_every_compatible_date_of_the_year() -> None:
    from icatlas.store.merge import dates_compatible

    dates = [None, "2023", "2023-05", "2023-05-30", "2023-06-02", "2023-12-31", "2023-01-01", "2022-12-30", "2023-13"]
    for a in dates:
        for b in dates:
            same_year = not a or not b or b.startswith(a[:4])
            if dates_compatible(a, b) and same_year:
                found = keys.lookup_buckets(a)
                assert found is None or keys.bucket(b) in found, (a, b)


def test_prefix_keys_read_case_as_like_does() -> None:
    assert keys.prefix_key("Ab", "sqlite") == keys.prefix_key("aB", "sqlite")
    assert keys.prefix_key("Ab", "postgresql") != keys.prefix_key("aB", "postgresql")
    assert keys.starts_with("ABC Semi", "ab", "sqlite") and not keys.starts_with("ABC Semi", "ab", "postgresql")


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_a_name_starts_with_any_prefix_as_with_each_one(dialect: str) -> None:
    """:func:`keys.starts_with_any` (one set lookup when the prefixes have one length) answers as
    :func:`keys.starts_with` over each prefix, ASCII case included."""
    rng = random.Random(20)
    alphabet = "上海无锡华芯微ABab"
    names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(400)]
    for _ in range(60):
        prefixes = {"".join(rng.choice(alphabet) for _ in range(rng.choice((1, 2, 2, 3))))
                    for _ in range(rng.randint(1, 3))}
        starts = keys.starts_with_any(prefixes, dialect)
        for name in names:
            assert starts(name) == any(keys.starts_with(name, p, dialect) for p in prefixes), (name, prefixes)


def _random_event(rng: random.Random) -> Event:
    """An event drawn from few types, dates, names, places, sums and parties, so that many pairs are one event."""
    parties = ["上海华力", "上海华力微电子有限公司", "华力微", "上海华虹", "华虹", "上海集成电路", "上海", "a", "华"]
    people = [{"name": rng.choice(parties), "role": "attendee"}] if rng.random() < 0.2 else []
    participants = [{"name": rng.choice(parties), "role": "party"} for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4)))]
    amount = {"value": rng.choice((1e8, 1.05e8, 3e8)), "currency": rng.choice(("CNY", "CNY", "USD"))}
    return Event(type=rng.choice(("agreement_signed", "investment")), trigger=(0, 1), evidence=(0, 1),
                 date=rng.choice((None, None, "2023", "2023-05", "2023-05-30", "2023-06-02", "2023-06-20", "2022-12-30")),
                 place=rng.choice((None, "上海", "无锡")), participants=people + participants,
                 amount=amount if rng.random() < 0.5 else None, name=rng.choice((None, None, "签约", "簽約 ", "集团")))


def _row(ev: Event) -> dict[str, Any]:
    amount = ev.amount or {}
    return {"type": ev.type, "date": ev.date, "place": ev.place, "name": ev.name, "amount_value": amount.get("value"),
            "amount_currency": amount.get("currency"), "participants": ev.participants}


def test_the_candidates_hold_every_stored_event_the_rule_joins(tmp_path: Path) -> None:
    """Random events, stored with their keys: for each new one, every stored event that ``merge.is_same_event``
    calls the same is among :func:`keys.candidate_events`' candidates, and the masks leave out most of the others
    that share a key."""
    from icatlas.store.merge import is_same_event

    rng = random.Random(8)
    stored = [_random_event(rng) for _ in range(600)]
    store = Store.open(str(tmp_path / "kg.db"))
    with store.engine.begin() as conn:
        for i, ev in enumerate(stored, 1):
            keys.write_event_keys(conn, i, ev.type, ev.date, ev.name, ev.participants, new=True)
    joined = candidates = sharing = 0
    with store.engine.connect() as conn:
        for _ in range(300):
            ev = _random_event(rng)
            want = {i for i, b in enumerate(stored, 1) if is_same_event(ev, _row(b))}
            got = set(keys.candidate_events(conn, [ev])[0])
            assert want <= got, (ev, sorted(want - got))
            lookups = keys.lookups_of(ev.date, ev.name, ev.participants)[1]
            sharing += len({r[0] for r in conn.execute(select(t.event_keys.c.event_id).where(
                t.event_keys.c.type == ev.type, t.event_keys.c.participant_key.in_(sorted(lookups))))})
            joined, candidates = joined + len(want), candidates + len(got)
    assert joined > 1000 and candidates < sharing / 2, (joined, candidates, sharing)
