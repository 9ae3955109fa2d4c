"""Time the analyses behind the map API on a store (made by ``benchmarks/gen_store.py``).

For a sample of regions at every level (provinces, cities, districts, groups such as 长三角) it times the library
calls ``analytics.chain_map`` and ``analytics.gaps`` (and, for information, ``compare``, ``partners`` and
``targets``), reporting median and p95 over the repetitions after a warm-up. The first call on the store (building
the snapshot) and the first call per level (the level's percentiles) are reported separately. With ``--api`` it
also times ``/api/map/{region}`` and ``/api/gaps/{region}`` through the REST app in-process (FastAPI TestClient),
JSON encoding included.

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_analytics.py --db /tmp/icatlas-bench.db --api
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from icatlas import analytics
from icatlas.analytics.snapshot import snapshot
from icatlas.store import Store

GROUPS = ["长三角", "成渝", "京津冀", "粤港澳大湾区", "长江经济带"]
PROVINCES = ["上海", "江苏", "四川", "广东", "北京", "西藏"]
CITIES = ["苏州", "成都", "深圳", "武汉", "合肥", "无锡"]


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def sample_regions(store: Store, n_districts: int, seed: int) -> dict[str, list[str]]:
    snap = snapshot(store)
    idx = snap.index
    rng = random.Random(seed)
    held = [c for c, n in snap.totals.items() if n > 0 and idx.get(c) is not None and idx.get(c).level == "district"]
    # 浦东新区 (a district and a zone of the same name) and the most populated districts, plus a random sample
    top = sorted(held, key=lambda c: -snap.totals[c])[:3]
    rest = rng.sample(sorted(set(held) - set(top)), max(0, n_districts - len(top)))
    return {"province": PROVINCES, "city": CITIES,
            "district": ["浦东新区"] + [idx.get(c).code for c in top + rest],
            "group": GROUPS}


def row(label: str, xs: list[float]) -> str:
    return f"{label:<28} n={len(xs):<4} median {statistics.median(xs):7.1f} ms   p95 {p95(xs):7.1f} ms   " \
           f"max {max(xs):7.1f} ms"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/icatlas-bench.db", help="an SQLite file or a PostgreSQL URL")
    ap.add_argument("--cold", action="store_true",
                    help="drop the snapshot the store keeps first, so that the first call builds it")
    ap.add_argument("--repeat", type=int, default=5, help="timed calls per region after the warm-up")
    ap.add_argument("--districts", type=int, default=10)
    ap.add_argument("--api", action="store_true", help="also time /api/map and /api/gaps through the REST app")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    local = "://" not in a.db
    if local and not Path(a.db).exists():
        ap.error(f"no store at {a.db}: make one with benchmarks/gen_store.py")
    store = Store.open(a.db)
    if a.cold:
        from icatlas.store.kept import forget_kept

        forget_kept(store)
    size = f"{Path(a.db).stat().st_size / 1e6:.0f} MB" if local else "PostgreSQL"
    print(f"store {a.db} ({size}): "
          + ", ".join(f"{k} {v:,}" for k, v in store.stats().items()
                      if k in ("documents", "relevant_documents", "organizations", "mentions", "events")))

    kept = timed(lambda: snapshot(store))
    how = "built and kept (--cold or a new state)" if a.cold else "read from the store, or built and kept"
    print(f"snapshot in this new process: {kept:.0f} ms ({how})")
    first = timed(lambda: analytics.chain_map(store, "苏州"))
    print(f"first call (city percentiles + 苏州 map): {first:.0f} ms")
    sample = sample_regions(store, a.districts, a.seed)
    for level, names in sample.items():
        ms = timed(lambda: analytics.gaps(store, names[0]))
        print(f"first call at level {level:<8} (percentiles, strong clusters; gaps {names[0]}): {ms:.0f} ms")

    calls: dict[str, Callable[[str], Any]] = {
        "map": lambda r: analytics.chain_map(store, r),
        "gaps": lambda r: analytics.gaps(store, r),
    }
    if a.api:
        from fastapi.testclient import TestClient

        from icatlas.serve.app import create_app

        client = TestClient(create_app(a.db, warm=False))
        client.get(f"/api/map/{quote('苏州')}")  # its own store: build its snapshot before timing

        def get(path: str) -> Any:
            res = client.get(path)
            assert res.status_code == 200, (path, res.status_code, res.text[:200])
            return res

        calls["GET /api/map"] = lambda r: get(f"/api/map/{quote(r)}")
        calls["GET /api/gaps"] = lambda r: get(f"/api/gaps/{quote(r)}")

    print(f"\nper call and level: median and p95 over {a.repeat} timed calls per region after one warm-up call")
    overall: dict[str, list[float]] = {}
    for name, fn in calls.items():
        for level, names in sample.items():
            xs: list[float] = []
            for r in names:
                fn(r)  # warm-up
                xs += [timed(lambda: fn(r)) for _ in range(a.repeat)]
            overall.setdefault(name, []).extend(xs)
            print(row(f"{name} {level}", xs))
        print(row(f"{name} all levels", overall[name]))
        big = max(sample["group"], key=lambda r: len(str(fn(r))) if name.startswith("GET") else 0)
        if name.startswith("GET"):
            print(f"{'':<28} largest response: {big} {len(fn(big).content) / 1e3:.0f} kB")

    worst = max(p95(v) for k, v in overall.items())
    worst_tp = targets_and_partners(store, sample, a.repeat, a.seed)
    print("\nfor information")
    info = {
        "compare 四川 重庆": lambda: analytics.compare(store, "四川", "重庆"),
        "compare 长三角 成渝": lambda: analytics.compare(store, "长三角", "成渝"),
    }
    for name, fn in info.items():
        fn()
        print(row(name, [timed(fn) for _ in range(a.repeat)]))
    print(f"\nworst p95 over map and gaps: {worst:.1f} ms (target 50 ms)")
    print(f"worst p95 over targets and partners: {worst_tp:.1f} ms (target 100 ms)")
    return 0


def targets_and_partners(store: Store, sample: dict[str, list[str]], repeat: int, seed: int) -> float:
    """Time ``targets`` for every sampled region and ``partners`` for 10 firms (the one with the most events, and a
    seeded sample), over the whole country and within 长三角: the first call (the answer computed; the snapshot and
    the level's statistics ready) and the repeated calls (the answer kept); the worst p95 of either."""
    print(f"\ntargets and partners: median and p95 over {repeat} timed calls each after one warm-up call")
    out: dict[str, list[float]] = {}
    firsts: list[float] = []
    for level, names in sample.items():
        xs = []
        for r in names:
            firsts.append(timed(lambda: analytics.targets(store, r)))
            xs += [timed(lambda: analytics.targets(store, r)) for _ in range(repeat)]
        out.setdefault("targets all levels", []).extend(xs)
        print(row(f"targets {level}", xs))
    print(row("targets all levels", out["targets all levels"]))
    print(row("targets first per region", firsts))
    out["targets first per region"] = firsts
    snap = snapshot(store)
    firms = sorted((o for o in snap.orgs.values() if o.firm), key=lambda o: o.id)
    busiest = max(firms, key=lambda o: (len(snap.events_of.get(o.id, [])), -o.id))
    names = [busiest.name] + [o.name for o in random.Random(seed).sample(firms, 9)]
    firsts = []
    for within in (None, "长三角"):
        xs = []
        for n in names:
            firsts.append(timed(lambda: analytics.partners(store, n, within)))
            xs += [timed(lambda: analytics.partners(store, n, within)) for _ in range(repeat)]
        label = f"partners {'in ' + within if within else '(all)'}"
        out[label] = xs
        print(row(label, xs))
    print(row("partners first per firm", firsts))
    out["partners first per firm"] = firsts
    return max(p95(v) for v in out.values())


if __name__ == "__main__":
    sys.exit(main())
