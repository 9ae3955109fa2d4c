"""Storage cost per document against the size of the store (issue 20): the CPU time of ``Store.ingest`` alone (one
document and all its facts, in its transaction; extraction excluded) for the same news-like documents, stored into
an empty store and into a store already holding ``--at`` documents (made with ``gen_store.py``: organisations named
after their regions, ten mentions and nine events per document).

The documents come from ``gen_corpus.py`` (registry organisations as pages write them, happenings told again), are
extracted once, and are then stored into a copy of each store. It prints the mean, median and 95th percentile of the
CPU per document at each size, the slope per 1,000 stored documents, and the cost at 1 M stored documents
extrapolated from that slope (labelled as such).

Usage::

    .venv/bin/python benchmarks/bench_store.py --docs 300 --at 0 100000
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_corpus  # noqa: E402
import gen_store  # noqa: E402

from icatlas.model import Document  # noqa: E402
from icatlas.pipeline import Report, run  # noqa: E402
from icatlas.store import Store  # noqa: E402


def documents(n: int, seed: int, work: Path) -> list[Document]:
    folder = work / "corpus"
    gen_corpus.write(folder, n, seed, 1150)
    report = Report()
    docs = list(run([folder], report=report, progress=False))
    if report.errors:
        raise SystemExit(f"extraction failed: {report.errors[:3]}")
    return docs


def base_store(size: int, orgs: int, work: Path, cache: Path | None) -> Path:
    """A store of ``size`` documents (empty when 0), from ``cache`` when it is there."""
    path = work / f"base-{size}.db"
    if size == 0:
        Store.open(path).engine.dispose()
        return path
    if cache is not None and cache.exists():
        shutil.copy(cache, path)
        Store.open(path).engine.dispose()  # migrated (and keyed) as any store opened by a newer icatlas
        return path
    gen_store.generate(path, size, orgs, size * 10, size * 9, 7, log=lambda m: print(f"  gen_store: {m}",
                                                                                     file=sys.stderr))
    if cache is not None:
        shutil.copy(path, cache)
    return path


def measure(base: Path, docs: list[Document], work: Path) -> dict[str, Any]:
    path = work / "measured.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.copy(base, path)
    store = Store.open(path)
    cpu: list[float] = []
    wall0 = time.perf_counter()
    for doc in docs:
        t0 = time.process_time()
        store.ingest(doc)
        cpu.append((time.process_time() - t0) * 1000)
    wall = time.perf_counter() - wall0
    store.engine.dispose()
    warm = cpu[len(cpu) // 10:]  # the first documents also pay for opening caches and the near-duplicate index
    return {"docs": len(docs), "mean_ms": statistics.mean(warm), "median_ms": statistics.median(warm),
            "p95_ms": sorted(warm)[int(0.95 * (len(warm) - 1))], "first_ms": cpu[0], "wall_s": wall}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=300, help="documents stored and timed at each size")
    ap.add_argument("--at", type=int, nargs="+", default=[0, 100_000], help="stored documents before")
    ap.add_argument("--orgs", type=int, default=20_000, help="organisations of the generated stores")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--cache", type=Path, default=None, help="folder to keep generated stores in between runs")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="icatlas-bench-store-") as tmp:
        work = Path(tmp)
        t0 = time.process_time()
        docs = documents(a.docs, a.seed, work)
        chars = sum(len(d.text) for d in docs) / len(docs)
        events = sum(len(d.events) for d in docs) / len(docs)
        print(f"{len(docs)} documents extracted ({chars:.0f} characters, {events:.1f} events each) in "
              f"{time.process_time() - t0:.1f} CPU s", file=sys.stderr)
        rows = []
        for size in a.at:
            cache = a.cache / f"gen-{size}-{a.orgs}.db" if a.cache and size else None
            base = base_store(size, a.orgs, work, cache)
            r = measure(base, docs, work)
            rows.append((size, r))
            print(f"store of {size:>9,} documents: CPU per document mean {r['mean_ms']:6.1f} ms, median "
                  f"{r['median_ms']:6.1f} ms, p95 {r['p95_ms']:6.1f} ms (first {r['first_ms']:.0f} ms; "
                  f"{r['docs']} documents, wall {r['wall_s']:.1f} s)", flush=True)
    (s0, r0), (s1, r1) = rows[0], rows[-1]
    if s1 > s0:
        slope = (r1["mean_ms"] - r0["mean_ms"]) / (s1 - s0) * 1000
        at_1m = r0["mean_ms"] + slope * (1_000_000 - s0) / 1000
        print(f"slope: {slope:+.4f} ms per 1,000 stored documents")
        print(f"EXTRAPOLATED from that slope (not measured): {at_1m:.1f} ms per document at 1,000,000 stored "
              f"documents, {at_1m / r0['mean_ms']:.2f} times the empty store's {r0['mean_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
