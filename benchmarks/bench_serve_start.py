"""Start ``icatlas serve --workers N`` on a store and time how long until every worker answers, with the readying
done (``GET /api/status`` from each worker), and whether any worker was killed and started again meanwhile.

Usage::

    .venv/bin/python benchmarks/bench_serve_start.py --db /tmp/icatlas-bench.db --workers 2 [--cold]

``--cold`` first drops what the store keeps for the next process (the analyses' snapshot), so the server builds
it once before its workers start."""
from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cold", action="store_true", help="drop the kept snapshot first")
    ap.add_argument("--timeout", type=float, default=600)
    a = ap.parse_args(argv)
    if a.cold:
        from icatlas.store import Store
        from icatlas.store.kept import forget_kept

        forget_kept(Store.open(a.db))
    port = free_port()
    cmd = [sys.executable, "-c", "from icatlas.cli import main; main()", "serve", "--db", a.db, "--port", str(port), "--workers",
           str(a.workers)]
    log_path = f"/tmp/icatlas-bench-workers-{port}.log"
    t0 = time.monotonic()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
    ready: dict[int, float] = {}
    steps: dict[int, dict[str, object]] = {}
    try:
        while len(ready) < a.workers and time.monotonic() - t0 < a.timeout and proc.poll() is None:
            try:
                with httpx.Client(timeout=30) as c:
                    status = c.get(f"http://127.0.0.1:{port}/api/status").json()
                worker = int(status["worker"])
                if worker not in ready and status.get("warm"):
                    ready[worker] = time.monotonic() - t0
                    steps[worker] = status["warm"]
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(30)
    text = open(log_path).read()
    restarts = len(re.findall(r"Child process \[\d+\] died|was not ready in time", text))
    for worker, seconds in sorted(ready.items(), key=lambda x: x[1]):
        last = steps[worker]
        print(f"worker {worker}: answering, readied, after {seconds:.1f} s (its readying {last.get('seconds')} s; "
              f"snapshot {last.get('steps', {}).get('snapshot')} s)")
    print(f"{len(ready)} of {a.workers} workers ready; workers killed and restarted: {restarts}; log {log_path}")
    return 0 if len(ready) == a.workers and not restarts else 1


if __name__ == "__main__":
    sys.exit(main())
