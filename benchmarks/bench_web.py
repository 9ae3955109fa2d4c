"""Load benchmark of the web app: page latency (p50/p95) with 20 concurrent clients over loopback, warm and cold.

Builds a synthetic store with ``benchmarks/gen_store.py`` (unless ``--db`` names an existing one), starts
``icatlas serve`` on a free loopback port in a subprocess, then drives it page kind by page kind, and then with all
kinds mixed, with ``wrk`` (Debian's package; a Lua script hands each wrk thread its own slice of the paths and
prints exact percentiles) or, when ``wrk`` is not installed, with an asyncio/httpx client of 20 concurrent
connections. Target: page p95 ≤ 200 ms, for every page kind, cold visits included.

The app keeps rendered pages in a cache keyed by path, query, language and store version, so a benchmark that
rotates over a few paths measures cache hits. Each page kind is therefore run twice:

- **warm**: a few paths (``--per-kind``), each visited once just before the run: nearly every request is a cache
  hit;
- **cold**: a large pool of other paths of the kind (every organisation, event, document, region of the level,
  segment, province pair, search query drawn from the organisations' names in Simplified and in Traditional
  script, …), none visited before, so a request is a path's first visit until a thread has gone through its slice
  of the pool. The table gives the pool's size and the share of the cold run's requests that were first visits.

Page kinds: home (and ``/?segment=`` for every chain segment), region pages at five levels (group, province, city,
district, zone), organisation, event, document, search (Simplified, Traditional), segment, compare (pairs of
provinces), the JSON twins of organisation and region pages, and the list pages ``/events`` (with ``?type=`` and
``?region=`` and ``?page=``), ``/documents`` (``?page=``), and ``/alliances``, ``/resources``, ``/talent``,
``/policies``, ``/goals`` (each also with ``?region=`` for every province and city). Kinds with few pages also get
their ``?lang=en`` variant (a page of its own in the cache). A kind whose route answers 404 (not
built yet) is reported as not measured and left out of the figures.

Usage::

    .venv/bin/python benchmarks/bench_web.py --docs 10000 --orgs 3000 --mentions 100000 --events 5000 \\
        --out /tmp/icatlas-web-bench.db
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
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

TARGET_MS = 200.0
THREADS = 2  # wrk threads; each gets every THREADS-th path of the list, so no two threads request the same path

LUA = r"""
paths = {%s}
nthreads = %d
local threads = {}
local next_id = 0
setup = function(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
init = function(args)
  counter = 0
  mine = {}
  for i = tid + 1, #paths, nthreads do mine[#mine + 1] = paths[i] end
  if #mine == 0 then mine = paths end
end
request = function()
  local p = mine[(counter %% #mine) + 1]
  counter = counter + 1
  return wrk.format("GET", p)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\n", summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.duration))
  for _, t in ipairs(threads) do
    io.write(string.format("THREAD %%d %%d\n", t:get("tid"), t:get("counter")))
  end
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Kind:
    """A page kind: a few warm paths (visited before the warm run) and a pool of cold ones (never visited before
    the cold run)."""

    def __init__(self, name: str, warm: list[str], pool: list[str]) -> None:
        self.name = name
        self.warm = list(dict.fromkeys(warm))
        self.cold = [p for p in dict.fromkeys(pool) if p not in set(self.warm)]


def pick_paths(db: Path, per_kind: int, cap: int, seed: int) -> dict[str, Kind]:
    """Paths per page kind, drawn from the store: busy ones first as the warm set, the rest (shuffled) as the cold
    pool, at most ``cap`` per kind."""
    from icatlas.normalise.script import converter

    rng = random.Random(seed)
    c = sqlite3.connect(db)
    q = lambda sql, *a: [r[0] for r in c.execute(sql, a)]  # noqa: E731

    def shuffled(xs: list[str]) -> list[str]:
        xs = list(dict.fromkeys(xs))
        rng.shuffle(xs)
        return xs[:cap]

    def langs(paths: list[str]) -> list[str]:
        """Each path and its English page (a separate cache entry), for kinds with few pages."""
        return [v for p in paths for v in (p, p + ("&" if "?" in p else "?") + "lang=en")]

    # a region's address: its name, or its code where the name is shared (鼓楼区 in several cities)
    names = {}
    for code, name, level in c.execute("SELECT code, name, level FROM regions"):
        names.setdefault(name, []).append((code, level))

    def rpath(code: str, name: str, suffix: str = "") -> str:
        return f"/regions/{quote(name if len(names[name]) == 1 else code)}{suffix}"

    by_level: dict[str, list[str]] = {}
    busy: dict[str, list[str]] = {}
    for level in ("group", "province", "city", "district", "zone"):
        rows = c.execute("SELECT code, name FROM regions WHERE level = ? ORDER BY code", (level,)).fetchall()
        by_level[level] = [rpath(code, name) for code, name in rows]
        busy[level] = [f"/regions/{quote(n)}" for n in q(
            "SELECT e.region FROM entities e JOIN regions r ON r.name = e.region AND r.level = ? "
            "GROUP BY e.region ORDER BY count(*) DESC LIMIT ?", level, per_kind)]
    busy["group"] = [f"/regions/{quote(n)}" for n in ["长三角", "京津冀", "粤港澳大湾区", "成渝"][:per_kind]]
    busy["province"] = [f"/regions/{quote(n)}" for n in q(
        "SELECT name FROM regions WHERE level = 'province' AND code IN "
        "('310000','320000','440000','110000','330000','510000','420000','340000') ORDER BY code LIMIT ?", per_kind)]

    kinds: list[Kind] = []
    nodes = q("SELECT id FROM chain_nodes ORDER BY id")
    kinds.append(Kind("home", ["/"], shuffled(langs(["/"] + [f"/?segment={quote(n)}" for n in nodes]))))
    for level in ("group", "province", "city", "district", "zone"):
        pool = by_level[level]
        kinds.append(Kind(f"region:{level}", busy[level] or pool[:per_kind],
                          shuffled(langs(pool) if len(pool) < 500 else pool)))

    top_orgs = q("SELECT e.id FROM entities e JOIN mentions m ON m.entity_id = e.id "
                 "GROUP BY e.id ORDER BY count(*) DESC LIMIT ?", per_kind * 2)
    orgs = [str(i) for i in q("SELECT id FROM entities")]
    kinds.append(Kind("org", [f"/orgs/{i}" for i in top_orgs], shuffled([f"/orgs/{i}" for i in orgs])))
    kinds.append(Kind("org.json", [f"/orgs/{i}.json" for i in top_orgs], shuffled([f"/orgs/{i}.json" for i in orgs])))
    all_regions = [p for level in by_level.values() for p in level]
    kinds.append(Kind("region.json", [p + ".json" for level in ("province", "city") for p in busy[level][:2]],
                      shuffled([p + ".json" for p in all_regions])))

    events = [str(i) for i in q("SELECT id FROM events ORDER BY id DESC")]
    kinds.append(Kind("event", [f"/events/{i}" for i in events[:per_kind]], shuffled([f"/events/{i}" for i in events])))
    types = q("SELECT DISTINCT type FROM events ORDER BY type")
    places = q("SELECT name FROM regions WHERE level IN ('province', 'city') ORDER BY code")
    provinces = q("SELECT name FROM regions WHERE level = 'province' ORDER BY code")
    ev_lists = (["/events"] + [f"/events?type={t}" for t in types] + [f"/events?region={quote(p)}" for p in places]
                + [f"/events?type={t}&region={quote(p)}" for t in types for p in provinces]
                + [f"/events?page={n}" for n in range(2, len(q("SELECT id FROM events")) // 50 + 1)])
    kinds.append(Kind("events (list)", ev_lists[:per_kind], shuffled(langs(ev_lists[per_kind:]))))

    docs = [str(i) for i in q("SELECT id FROM documents ORDER BY id DESC")]
    kinds.append(Kind("document", [f"/documents/{i}" for i in docs[:per_kind]],
                      shuffled([f"/documents/{i}" for i in docs])))
    kinds.append(Kind("documents (list)", ["/documents"],
                      shuffled([f"/documents?page={n}" for n in range(2, len(docs) // 50 + 1)])))

    # search: organisation names whole, their first four and their first two characters (short queries scan with
    # LIKE, longer ones use the trigram index), in Simplified and, where it differs, in Traditional script
    s2t = converter("s2t")
    queries: list[str] = []
    for k, name in enumerate(q("SELECT name FROM entities ORDER BY id")):
        queries.append(name if k % 3 == 0 else name[:4] if k % 3 == 1 else name[:2])
    queries = list(dict.fromkeys(queries))
    trad = list(dict.fromkeys(t for t in (s2t.convert(x) for x in queries) if t not in set(queries)))
    kinds.append(Kind("search:simplified", [f"/search?q={quote(s)}" for s in ("上海微电子", "集成电路", "苏州", "华芯")],
                      shuffled([f"/search?q={quote(s)}" for s in queries])))
    kinds.append(Kind("search:traditional", [f"/search?q={quote(s)}" for s in ("上海微電子", "積體電路", "蘇州", "華芯")],
                      shuffled([f"/search?q={quote(s)}" for s in trad])))

    kinds.append(Kind("segment", [f"/segments/{quote(n)}" for n in nodes[:per_kind]],
                      shuffled(langs([f"/segments/{quote(n)}" for n in nodes]))))
    pairs = [f"/compare?a={quote(a)}&b={quote(b)}" for a in provinces for b in provinces if a != b]
    kinds.append(Kind("compare", [f"/compare?a={quote(a)}&b={quote(b)}" for a, b in
                                  (("上海市", "江苏省"), ("广东省", "北京市"), ("浙江省", "四川省"), ("湖北省", "安徽省"))][:per_kind],
                      shuffled(pairs)))
    # the collaboration pages, whole and for each province and city (``?region=``; resources also per segment)
    for page in ("alliances", "resources", "talent", "policies", "goals"):
        pool = [f"/{page}?region={quote(p)}" for p in places]
        if page == "resources":
            pool += [f"/resources?segment={quote(n)}" for n in nodes]
        kinds.append(Kind(page, [f"/{page}"], shuffled(langs([f"/{page}"]) + pool)))
    return {k.name: k for k in kinds if k.warm or k.cold}


def run_wrk(base: str, paths: list[str], clients: int, seconds: float, seen: set[str]) -> dict[str, float]:
    lua = LUA % (", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths), THREADS)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
    try:
        out = subprocess.run(["wrk", f"-t{THREADS}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout",
                              "10s", "-s", f.name, base], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    n, errors, p50, p95, p99, mx, duration = (int(x) for x in line.split()[1:])
    # which paths were sent: thread t walks paths[t::THREADS] (the whole list when its slice is empty)
    sent, visited = 0, []
    for x in out.splitlines():
        if x.startswith("THREAD "):
            tid, count = (int(v) for v in x.split()[1:])
            mine = paths[tid::THREADS] or paths
            sent += count
            visited += mine[:count]
    first = len(set(visited) - seen)
    seen.update(visited)
    return {"requests": n, "errors": errors, "rps": n / (duration / 1e6), "p50": p50 / 1000, "p95": p95 / 1000,
            "p99": p99 / 1000, "max": mx / 1000, "sent": sent, "first": first}


def run_httpx(base: str, paths: list[str], clients: int, seconds: float, seen: set[str]) -> dict[str, float]:
    lat: list[float] = []
    errors = 0
    first = 0
    nxt = 0

    async def client(ac: httpx.AsyncClient, stop: float) -> None:
        nonlocal errors, first, nxt
        while time.perf_counter() < stop:
            path = paths[nxt % len(paths)]
            nxt += 1
            if path not in seen:
                seen.add(path)
                first += 1
            t0 = time.perf_counter()
            try:
                r = await ac.get(path)
                await r.aread()
                if r.status_code >= 400:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            lat.append((time.perf_counter() - t0) * 1000)

    async def main() -> float:
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as ac:
            t0 = time.perf_counter()
            await asyncio.gather(*(client(ac, t0 + seconds) for _ in range(clients)))
            return time.perf_counter() - t0

    took = asyncio.run(main())
    qs = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else [lat[0]] * 99
    return {"requests": len(lat), "errors": errors, "rps": len(lat) / took, "p50": qs[49], "p95": qs[94],
            "p99": qs[98], "max": max(lat), "sent": nxt, "first": first}


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
    ap.add_argument("--seconds", type=float, default=4.0, help="warm run per page kind; the mixed warm run twice this")
    ap.add_argument("--cold-seconds", type=float, default=6.0,
                    help="cold run per page kind; the mixed cold run twice this")
    ap.add_argument("--per-kind", type=int, default=4, help="warm paths per page kind")
    ap.add_argument("--pool", type=int, default=3000, help="at most this many cold paths per page kind")
    ap.add_argument("--kinds", help="comma-separated page kinds to run (default: all)")
    ap.add_argument("--tool", choices=("auto", "wrk", "httpx"), default="auto")
    args = ap.parse_args(argv)

    db = args.db or args.out
    if args.db is None and (args.regenerate or not db.exists()):
        from gen_store import generate

        generate(db, args.docs, args.orgs, args.mentions, args.events, args.seed)
    ndocs = sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0]
    tool = args.tool if args.tool != "auto" else ("wrk" if shutil.which("wrk") else "httpx")
    runner = run_wrk if tool == "wrk" else run_httpx
    kinds = pick_paths(db, args.per_kind, args.pool, args.seed)
    if args.kinds:
        wanted = args.kinds.split(",")
        kinds = {k: v for k, v in kinds.items() if k in wanted}

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    icatlas = str(Path(sys.executable).with_name("icatlas"))
    server = subprocess.Popen([icatlas, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t_start = time.monotonic()
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
        up = time.monotonic() - t_start
        readied = httpx.get(base + "/api/status", timeout=10).json().get("warm") or {}

        seen: set[str] = {"/"}
        live: dict[str, Kind] = {}
        missing: list[str] = []
        single: dict[str, tuple[float, float | None]] = {}  # one client alone, (warm, cold): the page's own cost
        with httpx.Client(base_url=base, timeout=60) as c:
            for name, kind in kinds.items():
                status = {p: c.get(p).status_code for p in kind.warm}  # also warms each page once
                seen.update(kind.warm)
                ok = [p for p, s in status.items() if s == 200]
                if not ok:
                    missing.append(f"{name} ({'/'.join(sorted({str(s) for s in status.values()}))})")
                    continue
                kind.warm = ok
                live[name] = kind
                took = []
                for p in (ok * 3)[:max(3, len(ok))]:
                    t0 = time.perf_counter()
                    c.get(p)
                    took.append((time.perf_counter() - t0) * 1000)
                cold_took = []
                # first visits alone: a few paths of the pool, taken out of it (not for kinds with few pages)
                for _ in range(min(5, len(kind.cold) // 10)):
                    p = kind.cold.pop()
                    seen.add(p)
                    t0 = time.perf_counter()
                    c.get(p)
                    cold_took.append((time.perf_counter() - t0) * 1000)
                single[name] = (statistics.median(took), statistics.median(cold_took) if cold_took else None)
        print(f"store {db} ({ndocs:,} documents); {tool}, {args.clients} concurrent clients, warm {args.seconds:g} s "
              f"and cold {args.cold_seconds:g} s per page kind, loopback {base}")
        print(f"server up after {up:.1f} s; the worker that answered readied its pages in "
              f"{readied.get('seconds', 0):.1f} s before accepting connections (ICATLAS_WARM=0: not at all)")
        if missing:
            print("not measured (no path of the kind answers 200; status): " + ", ".join(missing))
        print(f"{'':<19}{'---------- warm ----------':>27}  {'------------------- cold ------------------':>44}"
              f"  {'- 1 client -':>13}")
        print(f"{'page':<19}{'paths':>6}{'req/s':>7}{'p50':>7}{'p95':>7}  {'paths':>6}{'reqs':>7}{'first':>7}{'req/s':>6}"
              f"{'p50':>7}{'p95':>7}{'p99':>7}  {'warm':>6}{'cold':>7}{'errors':>7}")

        def cell(v: float | None, w: int) -> str:
            return f"{v:>{w}.1f}" if v is not None else f"{'-':>{w}}"

        def row(name: str, nw: int, w: dict[str, float] | None, nc: int, r: dict[str, float] | None,
                alone: tuple[float, float | None] | None = None) -> None:
            ws = (f"{nw:>6}{w['rps']:>7.0f}{w['p50']:>7.1f}{w['p95']:>7.1f}" if w else f"{'':>6}{'-':>7}{'-':>7}{'-':>7}")
            if r:
                share = 100 * r["first"] / max(1, r["sent"])
                cs = (f"{nc:>6}{r['requests']:>7,}{share:>6.0f}%{r['rps']:>6.0f}{r['p50']:>7.1f}{r['p95']:>7.1f}"
                      f"{r['p99']:>7.1f}")
            else:
                cs = f"{nc:>6}{'-':>7}{'-':>7}{'-':>6}{'-':>7}{'-':>7}{'-':>7}"
            err = (w["errors"] if w else 0) + (r["errors"] if r else 0)
            print(f"{name:<19}{ws}  {cs}  {cell(alone[0] if alone else None, 6)}{cell(alone[1] if alone else None, 7)}"
                  f"{err:>7}", flush=True)

        def settle() -> None:
            """Wait for the requests still in the server's hands when the load tool stopped (a cold run leaves up to
            one per client), so that they do not weigh on the next run: until a cached page answers promptly."""
            deadline = time.monotonic() + 60
            fast = 0
            with httpx.Client(base_url=base, timeout=60) as c:
                while fast < 3 and time.monotonic() < deadline:
                    t0 = time.perf_counter()
                    c.get("/")
                    fast = fast + 1 if time.perf_counter() - t0 < 0.02 else 0
                    time.sleep(0.05)

        def run(paths: list[str], seconds: float, warm: bool = False) -> dict[str, float]:
            settle()
            if warm:  # visit the warm paths again: the cold runs before may have pushed them out of the cache
                with httpx.Client(base_url=base, timeout=60) as c:
                    for p in dict.fromkeys(paths):
                        c.get(p)
            return runner(base, paths, args.clients, seconds, seen)

        misses: list[str] = []
        for name, kind in live.items():
            w = run(kind.warm, args.seconds, warm=True)
            r = run(kind.cold, args.cold_seconds) if kind.cold else None
            for label, x in (("warm", w), ("cold", r)):
                if x and x["p95"] > TARGET_MS:
                    misses.append(f"{name} {label} {x['p95']:.0f} ms")
            row(name, len(kind.warm), w, len(kind.cold), r, single[name])

        # all kinds mixed, interleaved so each kind gets an equal share of the requests: warm over the warm sets,
        # cold over the paths of each pool not visited yet
        mixed = [p for group in zip(*(((k.warm * 10)[:10]) for k in live.values())) for p in group]
        w = run(mixed, args.seconds * 2, warm=True)
        rest = [[p for p in k.cold if p not in seen] for k in live.values()]
        rest = [x for x in rest if x]
        mixed_cold = [p for group in zip(*((x * (200 // len(x) + 1))[:200] for x in rest)) for p in group]
        r = run(mixed_cold, args.cold_seconds * 2) if mixed_cold else None
        for label, x in (("warm", w), ("cold", r)):
            if x and x["p95"] > TARGET_MS:
                misses.append(f"mixed {label} {x['p95']:.0f} ms")
        row("overall (mixed)", len(set(mixed)), w, len(set(mixed_cold)), r)
        verdict = "met" if not misses else "NOT met: " + ", ".join(misses)
        print(f"target page p95 <= {TARGET_MS:.0f} ms for every page kind, warm and cold: {verdict}")
        print(f"(whole run {time.monotonic() - t_start:.0f} s)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
