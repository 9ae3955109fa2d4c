"""Ingest wall time with worker processes against one process (issue 20), run as a user runs the command: the
``icatlas ingest`` command line in a fresh process, with its default threading (``OMP_NUM_THREADS`` and the like
removed from the environment), into an empty SQLite store, over the same generated documents (``gen_corpus.py``).

Prints the wall and CPU seconds of each run, documents per second, the speed-up of each run over ``--workers 1``,
and the machine's load before each run.

Usage::

    .venv/bin/python benchmarks/bench_workers.py --docs 2000 --workers 1 2
    .venv/bin/python benchmarks/bench_workers.py --docs 2000 --workers 1 --spark 2   # and --engine spark local[2]
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_corpus  # noqa: E402

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def run(corpus: Path, db: Path, workers: int, spark: bool = False) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARS}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", "import sys; from icatlas.cli import main; sys.exit(main())",
                          "ingest", str(corpus), "--db", str(db), "--no-progress",
                          *(["--engine", "spark", "--spark-master", f"local[{workers}]"] if spark
                            else ["--workers", str(workers)])],
                         env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode != 0:
        raise SystemExit(f"ingest --workers {workers} failed:\n{res.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "load": load, "line": res.stdout.strip().splitlines()[-1]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--spark", type=int, nargs="*", default=[], help="also --engine spark on local[N], for each N")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="icatlas-bench-workers-") as tmp:
        corpus = Path(tmp) / "corpus"
        chars = gen_corpus.write(corpus, a.docs, a.seed, 1150)
        print(f"{a.docs} documents, {chars / a.docs:.0f} characters each", flush=True)
        base = None
        for n in a.workers:
            r = run(corpus, Path(tmp) / f"kg-{n}.db", n)
            base = base or r["wall"]
            print(f"--workers {n}: wall {r['wall']:7.1f} s, CPU {r['cpu']:7.1f} s, {a.docs / r['wall']:5.2f} documents/s, "
                  f"speed-up {base / r['wall']:.2f} (load average before: {r['load']:.2f}; {r['line']})", flush=True)
        for n in a.spark:
            db = Path(tmp) / f"kg-spark-{n}.db"
            r = run(corpus, db, n, spark=True)
            base = base or r["wall"]
            print(f"--engine spark local[{n}]: wall {r['wall']:7.1f} s, CPU {r['cpu']:7.1f} s, "
                  f"{a.docs / r['wall']:5.2f} documents/s, speed-up {base / r['wall']:.2f} "
                  f"(load average before: {r['load']:.2f}; {r['line']})", flush=True)
            one = Path(tmp) / "kg-1.db"
            if one.exists():
                print(f"    store equal to --workers 1: {_equal(one, db)}", flush=True)
    return 0


def _equal(a: Path, b: Path) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.storedump import differences, dump

    diff = differences(dump(f"sqlite:///{b}"), dump(f"sqlite:///{a}"))
    return "yes" if not diff else f"NO ({len(diff)} differences, first: {diff[0]})"


if __name__ == "__main__":
    sys.exit(main())
