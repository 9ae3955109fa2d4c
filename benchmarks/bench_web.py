"""Load benchmark of the web app: page latency (p50/p95) with 20 concurrent clients over loopback.

Builds a synthetic store with ``benchmarks/gen_store.py`` (unless ``--db`` names an existing one), starts
``icatlas serve`` on a free loopback port in a subprocess, then drives it, page kind by page kind and then with all
kinds mixed, with ``wrk`` (Debian's package; a Lua script rotates over the paths and prints exact percentiles) or,
when ``wrk`` is not installed, with an asyncio/httpx client of 20 concurrent connections. Target: page p95 ≤ 200 ms.

Page kinds: home, region pages at four levels (group, province, city, district), organisation, event, document,
search. A kind whose route answers 404 (not built yet) is reported as missing and left out of the figures.

Usage::

    .venv/bin/python benchmarks/bench_web.py --docs 10000 --orgs 3000 --mentions 100000 --events 5000 \\
        --out /tmp/icatlas-web-bench.db --seconds 10
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

LUA = r"""
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\n", summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pick_paths(db: Path, per_kind: int) -> dict[str, list[str]]:
    """Paths per page kind, drawn from the store: busy regions at each level, organisations, events, documents."""
    c = sqlite3.connect(db)
    q = lambda sql, *a: [r[0] for r in c.execute(sql, a)]  # noqa: E731

    def regions(level: str) -> list[str]:
        return q("SELECT e.region FROM entities e JOIN regions r ON r.name = e.region AND r.level = ? "
                 "GROUP BY e.region ORDER BY count(*) DESC LIMIT ?", level, per_kind)

    provinces = q("SELECT r.name FROM regions r WHERE r.level = 'province' AND r.code IN "
                  "('310000','320000','440000','110000','330000','510000','420000','340000') LIMIT ?", per_kind)
    reg = lambda names: [f"/regions/{quote(n)}" for n in names]  # noqa: E731
    paths = {
        "home": ["/"],
        "region:group": reg(["长三角", "京津冀", "粤港澳大湾区", "成渝"][:per_kind]),
        "region:province": reg(provinces),
        "region:city": reg(regions("city")),
        "region:district": reg(regions("district")),
        "org": [f"/orgs/{i}" for i in q("SELECT e.id FROM entities e JOIN mentions m ON m.entity_id = e.id "
                                        "GROUP BY e.id ORDER BY count(*) DESC LIMIT ?", per_kind * 2)],
        "event": [f"/events/{i}" for i in q("SELECT id FROM events ORDER BY id DESC LIMIT ?", per_kind)],
        "document": [f"/documents/{i}" for i in q("SELECT id FROM documents ORDER BY id DESC LIMIT ?", per_kind)],
        "search": [f"/search?q={quote(s)}" for s in ("上海微电子", "上海微電子", "集成电路", "苏州", "华芯", "存储")],
    }
    return {k: v for k, v in paths.items() if v}


def run_wrk(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, float]:
    lua = LUA % ", ".join('"' + p.replace('"', '\\"') + '"' for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
                              "-s", f.name, base], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    n, errors, p50, p95, p99, mx = (int(x) for x in line.split()[1:])
    return {"requests": n, "errors": errors, "rps": n / seconds, "p50": p50 / 1000, "p95": p95 / 1000,
            "p99": p99 / 1000, "max": mx / 1000}


def run_httpx(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, float]:
    lat: list[float] = []
    errors = 0

    async def client(k: int, ac: httpx.AsyncClient, stop: float) -> None:
        nonlocal errors
        i = k
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                r = await ac.get(paths[i % len(paths)])
                await r.aread()
                if r.status_code >= 400:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            lat.append((time.perf_counter() - t0) * 1000)
            i += 1

    async def main() -> None:
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as ac:
            stop = time.perf_counter() + seconds
            await asyncio.gather(*(client(k, ac, stop) for k in range(clients)))

    asyncio.run(main())
    q = statistics.quantiles(lat, n=100, method="inclusive")
    return {"requests": len(lat), "errors": errors, "rps": len(lat) / seconds, "p50": q[49], "p95": q[94],
            "p99": q[98], "max": max(lat)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="an existing store (default: generate one at --out)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/icatlas-web-bench.db"))
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--orgs", type=int, default=3_000)
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--regenerate", action="store_true", help="write the store again even if --out exists")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10.0, help="per page kind; the mixed run takes twice this")
    ap.add_argument("--per-kind", type=int, default=4, help="distinct paths per page kind")
    ap.add_argument("--tool", choices=("auto", "wrk", "httpx"), default="auto")
    args = ap.parse_args(argv)

    db = args.db or args.out
    if args.db is None and (args.regenerate or not db.exists()):
        from gen_store import generate

        generate(db, args.docs, args.orgs, args.mentions, args.events, args.seed)
    ndocs = sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0]
    tool = args.tool if args.tool != "auto" else ("wrk" if shutil.which("wrk") else "httpx")
    runner = run_wrk if tool == "wrk" else run_httpx

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    icatlas = str(Path(sys.executable).with_name("icatlas"))
    server = subprocess.Popen([icatlas, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/", timeout=2).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("icatlas serve did not start")
            time.sleep(0.2)

        kinds = pick_paths(db, args.per_kind)
        live: dict[str, list[str]] = {}
        missing: list[str] = []
        single: dict[str, float] = {}  # one client alone: the page's own cost, without queueing
        with httpx.Client(base_url=base, timeout=30) as c:
            for kind, paths in kinds.items():
                ok = [p for p in paths if c.get(p).status_code == 200]  # also warms each page once
                if ok:
                    live[kind] = ok
                    took = []
                    for p in (ok * 3)[:max(3, len(ok))]:
                        t0 = time.perf_counter()
                        c.get(p)
                        took.append((time.perf_counter() - t0) * 1000)
                    single[kind] = statistics.median(took)
                else:
                    missing.append(kind)
        print(f"store {db} ({ndocs:,} documents); {tool}, {args.clients} concurrent clients, "
              f"{args.seconds:g} s per page kind, loopback {base}")
        if missing:
            print("not measured (route answers no 200 yet): " + ", ".join(missing))
        print(f"{'page':<17}{'paths':>6}{'requests':>10}{'errors':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
              f"{'p99 ms':>9}{'max ms':>9}{'1-client ms':>13}")

        def row(name: str, n_paths: int, r: dict[str, float], alone: float | None = None) -> None:
            print(f"{name:<17}{n_paths:>6}{r['requests']:>10,}{r['errors']:>7}{r['rps']:>8.0f}{r['p50']:>9.1f}"
                  f"{r['p95']:>9.1f}{r['p99']:>9.1f}{r['max']:>9.1f}"
                  + (f"{alone:>13.1f}" if alone is not None else ""))

        worst = 0.0
        for kind, paths in live.items():
            r = runner(base, paths, args.clients, args.seconds)
            worst = max(worst, r["p95"])
            row(kind, len(paths), r, single[kind])
        # all kinds mixed, interleaved so each kind gets an equal share of the requests
        mixed = [p for group in zip(*(((v * 10)[:10]) for v in live.values())) for p in group]
        r = runner(base, mixed, args.clients, args.seconds * 2)
        row("overall (mixed)", len(set(mixed)), r)
        verdict = "met" if max(worst, r["p95"]) <= 200 else "NOT met"
        print(f"target page p95 <= 200 ms: {verdict} (worst page kind p95 {worst:.1f} ms, mixed p95 {r['p95']:.1f} ms)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
