"""Write a synthetic icatlas store for benchmarking the analyses (issue 6: 100 k documents, 1 M mentions, 20 k
organisations over all regions and segments, 50 k events).

The store is made with ``icatlas.store.Store.open`` (migrations and the bundled reference data in place), then
filled directly with SQLAlchemy Core bulk inserts (executemany in chunks, one transaction per table) through the
icatlas schema, bypassing extraction. Everything is drawn from ``random.Random(seed)``, so a given command line
always writes the same store.

What it writes:

- **organisations** (``entities``): ``--orgs`` companies, institutes and universities. The first ones cover every
  city and district once, then the rest follow a skewed weight (a few hubs hold many, most districts few); the
  region is stored as a name plus ``attrs.region_code``. Each has one or two chain segments (leaf nodes of the
  chain, every leaf used; a power law makes some segments common and others rare). One in ten is a registry row
  (``origin`` set), present even without a mention.
- **documents**: ``--docs`` short Chinese texts (about 10 sentences, each naming an organisation, its region and
  segment), ~85 % judged IC-relevant, published 2018–2026.
- **mentions**: ``--mentions`` rows, each at the exact span of an organisation's name in its document's text;
  organisations are drawn Zipf-like, so a few are mentioned thousands of times and most a few dozen times.
- **events**: ``--events`` events of the activity types with 1–3 participants (organisation names), a place,
  a date in 2018–2026, an amount for investment-like types, and one or two sources (``event_sources``).
- **relations**: a ``located_in`` relation per organisation and ``partner_of`` relations between pairs.

Usage::

    .venv/bin/python benchmarks/gen_store.py --docs 100000 --orgs 20000 --mentions 1000000 --events 50000 \\
        --seed 7 --out /tmp/icatlas-bench.db
"""
from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import random
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, text

from icatlas.reference import chain, regions
from icatlas.store import Store
from icatlas.store import schema as t
from icatlas.store.keys import index_entities, index_events

CHUNK = 20_000
EVENT_TYPES = ("agreement_signed", "project_signed", "investment", "organization_founded", "production_milestone",
               "award", "acquisition", "bid_won", "financing", "official_visit", "meeting", "policy_released")
MONEY_TYPES = ("investment", "project_signed", "financing", "acquisition")
ORG_TYPES = (("company", 0.85), ("institute", 0.08), ("university", 0.05), ("platform", 0.02))
STEMS = "华芯微晶科创新集成电子光磁半导体先进精密智能联讯通达泰盛德恒瑞海天合鼎宏嘉锐思源中信诚安"
SUFFIX = {"company": "有限公司", "institute": "研究院", "university": "大学", "platform": "创新中心"}
VERBS = ("推进", "布局", "投产", "扩建", "签约", "发布", "量产", "落地")
FILLER = ("项目进展顺利", "产能持续提升", "获得新一轮融资", "与上下游企业开展合作", "新产线正式通线", "研发投入同比增长")
OFF_TOPIC = ("本地文旅活动", "城市马拉松开跑", "农产品展销会", "社区服务中心揭牌")


def _weighted(rng: random.Random, items: list[Any], weights: list[float], k: int) -> list[Any]:
    cum = list(itertools.accumulate(weights))
    total = cum[-1]
    return [items[bisect.bisect_left(cum, rng.random() * total)] for _ in range(k)]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2018, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), CHUNK):
        conn.execute(table.insert(), rows[i:i + CHUNK])


def generate(out: Path | str, docs: int, orgs: int, mentions: int, events: int, seed: int,
             log: Any = print) -> dict[str, Any]:
    """Write the store at ``out``: an SQLite file (replaced), or a PostgreSQL URL naming an empty database."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    if "://" not in str(out):
        for suffix in ("", "-wal", "-shm"):
            Path(str(out) + suffix).unlink(missing_ok=True)
    store = Store.open(out)
    engine = store.engine
    idx, ch = regions(), chain()

    # -- organisations ------------------------------------------------------------------------------
    places = sorted((r for r in idx.by_code.values() if r.level in ("city", "district")), key=lambda r: r.code)
    hubs = {"310000", "320000", "330000", "440000", "110000", "510000", "500000", "420000", "340000", "610000"}
    weights = []
    for rank, r in enumerate(rng.sample(places, len(places))):
        p = idx.province_of(r)
        weights.append((3.0 if p and p.code in hubs else 1.0) / (1 + rank) ** 0.6)
    order = rng.sample(places, len(places))
    weights = [w for _r, w in sorted(zip(order, weights), key=lambda x: x[0].code)]
    where = places[:min(orgs, len(places))] + _weighted(rng, places, weights, max(0, orgs - len(places)))
    rng.shuffle(where)
    leaves = [n for n in ch.nodes.values() if not ch.children.get(n.id)]
    seg_w = [1.0 / (1 + i) ** 0.8 for i in range(len(leaves))]
    rng.shuffle(seg_w)
    types = [x for x, _ in ORG_TYPES]
    type_w = [w for _, w in ORG_TYPES]
    org_rows, used = [], set()
    for i, r in enumerate(where):
        otype = _weighted(rng, types, type_w, 1)[0]
        segs = [leaves[i % len(leaves)].id] if i < len(leaves) else []
        while len(segs) < (1 if rng.random() < 0.7 else 2):
            s = _weighted(rng, leaves, seg_w, 1)[0].id
            if s not in segs:
                segs.append(s)
        stem = r.short or r.name
        while True:
            name = stem + "".join(rng.sample(STEMS, 3)) + SUFFIX[otype]
            if name not in used:
                used.add(name)
                break
        registry = rng.random() < 0.1
        org_rows.append(dict(type=otype, name=name, aliases=[], region=r.name, segments=segs, positions=[],
                             attrs={"region_code": r.code, "synthetic": True}, extractor="synthetic",
                             origin="synthetic-registry" if registry else None, curated=None))
    with engine.begin() as conn:
        _insert(conn, t.entities, org_rows)
        ids = [row[0] for row in conn.execute(text("SELECT id FROM entities WHERE extractor = 'synthetic' ORDER BY id"))]
    org_ids = ids
    org_names = {oid: row["name"] for oid, row in zip(ids, org_rows)}
    org_region = {oid: row["region"] for oid, row in zip(ids, org_rows)}
    org_seg = {oid: ch.nodes[row["segments"][0]].name for oid, row in zip(ids, org_rows)}
    t_orgs = time.perf_counter()
    log(f"organisations {len(ids):,} in {t_orgs - t0:.1f} s")

    # -- documents and mentions ---------------------------------------------------------------------
    # Zipf-like popularity: organisation k (in a random order) is mentioned in proportion to 1 / (k + 10)
    pop_order = rng.sample(org_ids, len(org_ids))
    pop_cum = list(itertools.accumulate(1.0 / (k + 10) for k in range(len(pop_order))))
    pop_total = pop_cum[-1]
    per_doc = [mentions // docs + (1 if i < mentions % docs else 0) for i in range(docs)]
    doc_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    n_docs = n_mentions = 0

    def flush(conn: Any) -> None:
        nonlocal n_docs, n_mentions
        _insert(conn, t.documents, doc_rows)
        _insert(conn, t.mentions, mention_rows)
        n_docs += len(doc_rows)
        n_mentions += len(mention_rows)
        doc_rows.clear()
        mention_rows.clear()

    with engine.begin() as conn:
        base = int(conn.execute(text("SELECT coalesce(max(id), 0) FROM documents")).scalar_one())
        for i in range(docs):
            doc_id = base + i + 1
            relevant = rng.random() < 0.85
            parts, spans = [], []
            pos = 0
            for _ in range(per_doc[i]):
                oid = pop_order[bisect.bisect_left(pop_cum, rng.random() * pop_total)]
                name = org_names[oid]
                if relevant:
                    sent = f"{name}在{org_region[oid]}{rng.choice(VERBS)}{org_seg[oid]}业务，{rng.choice(FILLER)}。"
                else:
                    sent = f"{name}参加{org_region[oid]}{rng.choice(OFF_TOPIC)}。"
                spans.append((oid, pos, pos + len(name), name))
                parts.append(sent)
                pos += len(sent)
            body = "".join(parts)
            title = f"合成新闻 {doc_id}"
            h = hashlib.sha256(f"{seed}:{doc_id}:{body}".encode()).hexdigest()
            doc_rows.append(dict(id=doc_id, source=f"synthetic://{seed}/{doc_id}", url=None, title=title,
                                 published=_date(rng), published_from="synthetic", language="zh-Hans",
                                 script="Hans", fmt="txt", encoding="utf-8", raw=body, original=body, text=body,
                                 content_hash=h, text_hash=h, relevance=0.9 if relevant else 0.1, relevant=relevant,
                                 relevance_reasons=[], versions={"extract": "synthetic"}))
            for oid, s, e, name in spans:
                mention_rows.append(dict(doc_id=doc_id, entity_id=oid, start=s, end=e, label="ORG", surface=name,
                                         confidence=1.0, extractor="synthetic"))
            if len(doc_rows) >= CHUNK // 4:
                flush(conn)
        flush(conn)
    t_docs = time.perf_counter()
    log(f"documents {n_docs:,}, mentions {n_mentions:,} in {t_docs - t_orgs:.1f} s")

    # -- events, sources, relations -----------------------------------------------------------------
    ev_rows, src_rows, rel_rows = [], [], []
    with engine.begin() as conn:
        eid = int(conn.execute(text("SELECT coalesce(max(id), 0) FROM events")).scalar_one())
        for _ in range(events):
            eid += 1
            etype = rng.choice(EVENT_TYPES)
            who = {pop_order[bisect.bisect_left(pop_cum, rng.random() * pop_total)] for _ in range(rng.randint(1, 3))}
            doc_id = base + rng.randint(1, docs)
            parts = [{"name": org_names[o], "role": "participant"} for o in sorted(who)]
            money = etype in MONEY_TYPES and rng.random() < 0.8
            ev_rows.append(dict(id=eid, doc_id=doc_id, type=etype, date=_date(rng), date_precision="day",
                                place=org_region[min(who)], name=None,
                                amount_value=round(rng.lognormvariate(20, 1.5), -4) if money else None,
                                amount_currency="CNY" if money else None, participants=parts,
                                trigger_start=0, trigger_end=2, evidence_start=0, evidence_end=20,
                                extractor="synthetic"))
            src_rows.append(dict(event_id=eid, doc_id=doc_id, evidence_start=0, evidence_end=20))
            if rng.random() < 0.1:
                other = base + rng.randint(1, docs)
                if other != doc_id:
                    src_rows.append(dict(event_id=eid, doc_id=other, evidence_start=0, evidence_end=20))
        for oid in org_ids:
            rel_rows.append(dict(type="located_in", source_id=oid, target=org_region[oid],
                                 doc_id=base + rng.randint(1, docs), evidence_start=0, evidence_end=4,
                                 extractor="synthetic"))
        for _ in range(len(org_ids)):
            a, b = rng.sample(org_ids, 2)
            rel_rows.append(dict(type="partner_of", source_id=a, target=org_names[b],
                                 doc_id=base + rng.randint(1, docs), evidence_start=0, evidence_end=4,
                                 extractor="synthetic"))
        _insert(conn, t.events, ev_rows)
        _insert(conn, t.event_sources, src_rows)
        _insert(conn, t.relations, rel_rows)
    t_events = time.perf_counter()
    log(f"events {len(ev_rows):,}, sources {len(src_rows):,}, relations {len(rel_rows):,} "
        f"in {t_events - t_docs:.1f} s")
    with engine.begin() as conn:  # the lookup keys, as the migration fills them for a store made before them
        index_entities(conn)
        index_events(conn)
    log(f"lookup keys in {time.perf_counter() - t_events:.1f} s")
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        else:  # the ids were written here: the sequences go on after them
            for table in t.metadata.sorted_tables:
                if "id" in table.c and table.c.id.primary_key and isinstance(table.c.id.type, Integer):
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                      f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
        conn.execute(text("ANALYZE"))
        conn.commit()
        size = (Path(str(out)).stat().st_size if engine.dialect.name == "sqlite"
                else int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0))
    engine.dispose()
    seconds = time.perf_counter() - t0
    log(f"done in {seconds:.1f} s; {out} {size / 1e6:.0f} MB")
    return {"documents": n_docs, "organizations": len(ids), "mentions": n_mentions, "events": len(ev_rows),
            "event_sources": len(src_rows), "relations": len(rel_rows), "seconds": round(seconds, 1), "bytes": size}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--orgs", type=int, default=20_000)
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="/tmp/icatlas-bench.db", help="an SQLite file, or a PostgreSQL URL of an empty "
                    "database")
    a = ap.parse_args(argv)
    if a.docs < 1 or a.orgs < 2 or a.mentions < 0 or a.events < 0:
        ap.error("need at least 1 document and 2 organisations")
    generate(a.out, a.docs, a.orgs, a.mentions, a.events, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
