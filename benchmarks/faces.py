"""The faces of icatlas, recorded: every output a user sees, on a fixed store, so two commits can be compared.

A refactor whose target is "nothing a user sees changes" is checked by recording before and after and comparing::

    .venv/bin/python benchmarks/faces.py record OUTDIR [--store STORE.db] [--html] [--jobs N]
    .venv/bin/python benchmarks/faces.py at COMMIT OUTDIR [same options]   # a temporary git worktree of COMMIT
    .venv/bin/python benchmarks/faces.py compare DIR_A DIR_B               # exit 1 when anything differs

e.g. ``faces.py at HEAD /tmp/before`` (or ``record /tmp/before`` on a clean tree), refactor, ``record /tmp/after``,
``compare /tmp/before /tmp/after``. A full record takes about two minutes on two cores (about 2,500 outputs with
``--html``, 45 s more).

``record`` records the source tree this file sits in (``--root`` another one); ``at`` checks COMMIT out into a
temporary ``git worktree`` under the system's temporary folder (``git worktree add --detach``; the checkout's own
working tree and index are not touched), records it with that tree's ``src`` first on ``PYTHONPATH`` (nothing is
installed: the venv's editable install only appends this checkout's ``src`` after it), and removes the worktree.
Every icatlas process of a record is a subprocess run with the recorded tree's ``src``: the CLI through the entry
point its own pyproject.toml names (``[project.scripts] icatlas``), the web app and the help texts through this
file's internal ``_web`` and ``_help`` commands.

The store
    A fresh SQLite file, built with the recorded tree's own CLI (``icatlas ingest``) from that tree's
    ``examples/demo``, the seed articles ``../shared/corpus/seeds`` (skipped with a note when absent; ``--seeds``
    another folder) and the 14 frozen pages of ``tests/data/pages`` (the page files, not the expectations or the
    README), in that order. The inputs are first copied into a staging folder laid out like a checkout
    (``main/examples/demo``, ``main/tests/data/pages``, ``shared/corpus/seeds``) and ingested from ``main`` with
    relative paths, so stored sources (``examples/demo/hefei_cxmt_dram.txt``) do not depend on where the tree is.
    ``--store PATH``: reuse that store when it exists (a copy is used, so the file is never migrated or written;
    it is opened once before the parallel readers, so a migration runs once), else build it and keep a copy there.
    A record on a reused store has no ``store/ingest-*`` outputs (compare shows them as only on one side).
    ``--corpus PATH`` (repeatable) ingests those files or folders instead (the test uses one demo article).

What is recorded (one file per output; ``manifest.json`` maps each file to its SHA-256)
    ``store/``   the ``ingest --json`` output of each input set and ``inputs.json`` (every input file's SHA-256).
    ``web/``     every JSON twin of the web app, called in-process with Starlette's TestClient (lifespan run, as
                 ``icatlas serve`` does): home and its ``?segment=`` variant for every chain node, every segment
                 page, every region page with content (regions found through the app's own JSON: provinces of the
                 home page with organisations, groups, the regions of their organisations, event places, alliance
                 regions), every organisation, event and document page (ids scanned through the app up to the
                 counts of ``/index.json`` plus a margin; the ones that answer 200), every document's original
                 text, the list pages with their filters and every later page, search in Simplified and
                 Traditional, compare pairs, every collaboration page (each alliance, list pages with filters), the
                 ``/api/*`` routes for nine regions and six organisations, ``/api/status``, ``/openapi.json``, error
                 answers, and ``_routes.json`` (the app's route table). A JSON or /api route the crawl never asked
                 for is named on stderr. With ``--html`` (``html/``) also the HTML page of every recorded twin and a
                 few pages in English.
    ``cli/``     every command that takes ``--json``, run as a subprocess with representative arguments (errors
                 included), plus ``extract examples/demo --json``, ``extract ../shared/corpus/seeds --json`` and
                 ``annotate ner`` / ``annotate events`` on a few fixed sentences (JSON Lines to stdout): stdout,
                 stderr and the exit code.
    ``help/``    ``--help`` of the program and of every command and sub-command, and ``--version`` (one process,
                 Typer's test runner, 100 columns).
    ``brief/``   ``icatlas brief REGION -o x.html`` for four regions: the HTML and the command's exit and stderr.
    ``writes/``  the writing commands on a scratch copy of the store, in order: init, ingest again, relevance
                 --set, curate event/entity (rename, merge)/record, import orgs (a CSV written here, one bad row),
                 export json, csv, graphml and xlsx (the files too; of the xlsx its cell values), reprocess, then
                 stats, a document, events and a few web twins (curation log among them) of the written store.
    Each web and CLI output is a JSON wrapper: the request or argv, status or exit code, the body (parsed JSON
    pretty-printed with its key order kept, or text) and ``raw_style``, how the raw body was serialised (compact
    or spaced separators, UTF-8 or ``\\u`` escapes), so a change of bytes that parsing would hide still shows.

Normalisation (the same for every record; applied to every string of every output, keys included)
    - the staging folder (temporary, per run) -> ``<TMP>``; the recorded tree's root -> ``<ROOT>``; the
      interpreter's prefix (the venv) -> ``<VENV>``;
    - timestamps of the run's own days (local and UTC, at start and at the time of writing), ``YYYY-MM-DD
      HH:MM:SS[.ffffff]`` with a space or ``T`` -> ``<TIMESTAMP>`` (``created_at`` of ingested documents, ``at``
      of curation entries); dates and timestamps of other days are data and stay;
    - the brief's date of the day, ``YYYY年M月D日`` for a run day -> ``<TODAY>``;
    - ``/api/status``: the numbers under ``warm`` (seconds the readying took) -> ``<SECONDS>`` (the step names stay),
      and ``worker`` (the answering process's id) -> ``<PID>``;
    - HTML (``--html``): the CSRF token of forms -> ``<CSRF>`` (it derives from a random session);
    - file names of outputs of commands given a temporary path drop it.
    Nothing else is touched: ids, orders, scores and published dates are compared as they are. Subprocesses run
    with ``PYTHONHASHSEED=0`` (``--hashseed random`` to check that nothing depends on it), ``TZ=UTC``,
    ``OMP_NUM_THREADS=1``, ``COLUMNS=100``, ``NO_COLOR=1``, ``LC_ALL=C.UTF-8`` and without ``ICATLAS_*`` variables.

``compare`` lists the outputs only on one side and the outputs that differ, each with a short unified diff
(``--lines`` per diff, ``--max`` diffs), and exits 1 when anything differs (2 when a side is not a finished
record). ``_run.json`` (root, commit, seconds, counts, notes) is not an output and is never compared.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
RUN_FILE = "_run.json"
MANIFEST = "manifest.json"
KINDS = ("store", "web", "cli", "help", "brief", "writes")

# -- representative arguments -----------------------------------------------------------------------------------
#: Regions of the /api routes and of the analysis commands: province, city, district, group, short names.
API_REGIONS = ["上海", "苏州", "江苏省", "浦东新区", "长三角", "成渝", "合肥", "四川", "武汉"]
PAIRS = [("四川", "重庆"), ("上海", "北京"), ("长三角", "成渝"), ("苏州", "无锡"), ("江苏省", "浙江省"), ("合肥", "武汉")]
ORGS = ["中芯国际", "SMIC", "长鑫存储", "华虹半导体", "北方华创", "长江存储"]
GROUPS = ["长三角", "成渝", "京津冀", "粤港澳大湾区", "珠三角", "长江中游"]
SEARCHES = ["集成电路", "積體電路", "集成電路", "上海", "蘇州", "苏州", "中芯国际", "中芯國際", "SMIC", "smic", "芯片",
            "晶圓", "晶圆", "封装", "封裝測試", "长三角", "長三角", "光刻机", "光刻機", "芯", "半導體", "半导体设备",
            "Suzhou", "南京", "%_", ""]
BRIEFS = [("上海", []), ("苏州", []), ("成渝", []), ("合肥", ["--compare", "无锡", "--gaps", "3", "--targets", "3",
                                                          "--events", "3"])]


# -- normalisation ----------------------------------------------------------------------------------------------
class Norm:
    """The documented normalisation: run-specific paths, the run days' timestamps and dates, warm-up seconds."""

    def __init__(self, paths: dict[str, str], started: float | None = None) -> None:
        # longest first, so a path inside another (the venv inside the root) gets its own name
        self.paths = sorted(((p, name) for p, name in paths.items() if p), key=lambda x: -len(x[0]))
        self.started = started if started is not None else time.time()

    def config(self) -> dict[str, Any]:
        return {"paths": {p: n for p, n in self.paths}, "started": self.started}

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> Norm:
        return cls(cfg["paths"], cfg["started"])

    def days(self) -> list[dt.date]:
        out = set()
        for t in (self.started, time.time()):
            out.add(dt.datetime.fromtimestamp(t).date())
            out.add(dt.datetime.fromtimestamp(t, dt.timezone.utc).date())
        return sorted(out)

    def text(self, s: str) -> str:
        for p, name in self.paths:
            if p in s:
                s = s.replace(p, name)
        if "-" in s or "年" in s:
            for d in self.days():
                iso = d.isoformat()
                if iso in s:
                    s = re.sub(re.escape(iso) + r"[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:?\d{2}|Z)?",
                               "<TIMESTAMP>", s)
                s = s.replace(f"{d.year}年{d.month}月{d.day}日", "<TODAY>")
        return s

    def json(self, obj: Any) -> Any:
        if isinstance(obj, str):
            return self.text(obj)
        if isinstance(obj, list):
            return [self.json(x) for x in obj]
        if isinstance(obj, dict):
            return {self.text(k) if isinstance(k, str) else k: self.json(v) for k, v in obj.items()}
        return obj


def seconds_out(obj: Any) -> Any:
    """Every number in ``obj`` -> ``<SECONDS>`` (the warm-up times of /api/status)."""
    if isinstance(obj, bool) or obj is None:
        return obj
    if isinstance(obj, (int, float)):
        return "<SECONDS>"
    if isinstance(obj, dict):
        return {k: seconds_out(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [seconds_out(v) for v in obj]
    return obj


def raw_style(raw: str, parsed: Any) -> str:
    """How ``raw`` was serialised, as far as parsing hides it: separators and escaping of non-ASCII."""
    raw = raw.strip()
    for name, kw in (("compact-utf8", {"ensure_ascii": False, "separators": (",", ":")}),
                     ("compact-ascii", {"ensure_ascii": True, "separators": (",", ":")}),
                     ("spaced-utf8", {"ensure_ascii": False}),
                     ("spaced-ascii", {"ensure_ascii": True})):
        if json.dumps(parsed, **kw) == raw:  # type: ignore[arg-type]
            return name
    return "other"


def parse_output(raw: str) -> tuple[str, Any, str | None]:
    """(format, value, raw_style) of a command's stdout or a response body: json, jsonl or text."""
    s = raw.strip()
    if s:
        try:
            v = json.loads(s)
            return "json", v, raw_style(s, v)
        except ValueError:
            pass
        lines = [x for x in s.splitlines() if x.strip()]
        try:
            vals = [json.loads(x) for x in lines]
            styles = sorted({raw_style(x, v) for x, v in zip(lines, vals)})
            return "jsonl", vals, ",".join(styles)
        except ValueError:
            pass
    return "text", raw, None


def dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def slug(s: str) -> str:
    """A file name for a request or an argv: letters and digits (any script) kept, ``/`` -> ``~``, ``?`` -> ``@``,
    ``&`` -> ``,``, space -> ``_``; anything else as %XX; long names shortened with a hash."""
    out = []
    for ch in s:
        if ch.isalnum() or ch in "-_.=+":
            out.append(ch)
        elif ch == "/":
            out.append("~")
        elif ch == "?":
            out.append("@")
        elif ch == "&":
            out.append(",")
        elif ch == " ":
            out.append("_")
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
    name = "".join(out) or "_"
    if len(name.encode("utf-8")) > 180:
        h = hashlib.sha256(s.encode("utf-8")).hexdigest()[:12]
        name = name.encode("utf-8")[:150].decode("utf-8", "ignore") + "-" + h
    return name


class Writer:
    """Writes outputs under one folder; refuses to write one name twice."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.names: set[str] = set()

    def write(self, rel: str, text: str) -> None:
        if rel in self.names:
            raise SystemExit(f"faces: two outputs named {rel}")
        self.names.add(rel)
        p = self.out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


# -- the web app (runs in a subprocess, importing the recorded tree's icatlas) -----------------------------------
class Web:
    def __init__(self, client: Any, writer: Writer, norm: Norm, html: bool) -> None:
        self.c = client
        self.w = writer
        self.norm = norm
        self.html = html
        self.recorded: list[str] = []

    @staticmethod
    def url(path: str, params: dict[str, Any] | None = None) -> tuple[str, str]:
        """(encoded URL, readable request) of ``path`` with ``params``."""
        q = {k: v for k, v in (params or {}).items() if v is not None}
        enc = quote(path, safe="/") + ("?" + urlencode(q) if q else "")
        shown = path + ("?" + "&".join(f"{k}={v}" for k, v in q.items()) if q else "")
        return enc, shown

    def fetch(self, path: str, params: dict[str, Any] | None = None) -> tuple[int, Any]:
        """GET without recording: the status and the parsed body."""
        enc, _ = self.url(path, params)
        r = self.c.get(enc)
        _fmt, val, _style = parse_output(r.text) if "json" in r.headers.get("content-type", "") else ("text", r.text, None)
        return r.status_code, val

    def get(self, path: str, params: dict[str, Any] | None = None, record_if: Callable[[int], bool] | None = None
            ) -> tuple[int, Any]:
        """GET ``path``; record it (unless ``record_if(status)`` says no); the status and the parsed body."""
        enc, shown = self.url(path, params)
        r = self.c.get(enc)
        ctype = r.headers.get("content-type", "")
        if "json" in ctype:
            fmt, val, style = parse_output(r.text)
        else:
            fmt, val, style = "text", r.text, None
        if record_if is None or record_if(r.status_code):
            body = self.norm.json(val) if fmt != "text" else self.norm.text(val)
            if path == "/api/status" and isinstance(body, dict) and "warm" in body:
                body["warm"] = seconds_out(body["warm"])
            if path == "/api/status" and isinstance(body, dict) and "worker" in body:
                body["worker"] = "<PID>"  # the answering worker's process id
            rec = {"request": shown, "status": r.status_code, "content_type": ctype, "format": fmt,
                   "raw_style": style, "body": body}
            self.w.write("web/" + slug(re.sub(r"\.json(?=\?|$)", "", shown.lstrip("/"), count=1) or "_") + ".json",
                         dump(rec))
            self.recorded.append(shown)
            if self.html and fmt != "text" and (path.endswith(".json")) and not path.startswith("/api/"):
                self.page(path[:-len(".json")] if path != "/index.json" else "/", params)
        return r.status_code, val

    def page(self, path: str, params: dict[str, Any] | None = None) -> None:
        enc, shown = self.url(path, params)
        r = self.c.get(enc)
        text = re.sub(r'(name="csrf" value=")[^"]*(")', r"\1<CSRF>\2", r.text)
        text = self.norm.text(text)
        head = f"<!-- {shown} status {r.status_code} {r.headers.get('content-type', '')} -->\n"
        self.w.write("html/" + slug(shown.lstrip("/") or "index") + ".html", head + text)


def record_web(db: str, out: Path, norm: Norm, html: bool = False, only: list[str] | None = None,
               prefix: str = "") -> int:
    """Record the web app's JSON over the store ``db`` into ``out``; the number of outputs."""
    import warnings

    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

    from icatlas.serve import create_app

    app = create_app(db)
    w = Writer(out)
    if prefix:
        orig = w.write
        w.write = lambda rel, text: orig(prefix + rel, text)  # type: ignore[method-assign]
    with TestClient(app) as client:
        web = Web(client, w, norm, html)
        if only is not None:
            for p in only:
                path, _, q = p.partition("?")
                params = dict(x.split("=", 1) for x in q.split("&")) if q else None
                web.get(path, params)
            return len(w.names)
        crawl(web, app)
    return len(w.names)


def crawl(web: Web, app: Any) -> None:
    get = web.get
    ok = lambda s: s == 200  # noqa: E731
    get("/openapi.json")
    get("/api/status")
    _, home = get("/index.json")
    stats = home.get("stats", {}) if isinstance(home, dict) else {}
    seg_ids = [s["id"] for s in home.get("segments", [])] if isinstance(home, dict) else []
    for s in seg_ids:
        get("/index.json", {"segment": s})
        get(f"/segments/{s}.json")
    get("/index.json", {"segment": "no-such-segment"})
    get("/segments/no-such-segment.json")

    # -- lists: events and documents, every page, with filters
    event_ids: set[int] = set()
    doc_ids: set[int] = set()
    page = 1
    places: list[str] = []
    while True:
        status, ev = get("/events.json", {"page": page} if page > 1 else None)
        if status != 200:
            break
        for e in ev["events"]:
            event_ids.add(int(e["id"]))
            if e.get("place") and e["place"] not in places:
                places.append(e["place"])
        if not ev.get("has_next") or page >= 50:
            break
        page += 1
    get("/events.json", {"page": page + 1})
    types = (ev.get("types") or []) if isinstance(ev, dict) else []
    for ty in types:
        get("/events.json", {"type": ty})
    for params in ({"type": "investment,financing"}, {"region": "长三角"}, {"region": "上海"}, {"region": "苏州"},
                   {"participant": "中芯"}, {"participant": "長鑫"}, {"since": "2023"}, {"until": "2022-12"},
                   {"since": "2023-01", "until": "2023-06-30"}, {"region": "江苏", "type": "agreement_signed"},
                   {"type": "bogus"}, {"since": "yesterday"}, {"page": "0"}, {"page": "x"}):
        get("/events.json", params)
    page = 1
    while True:
        status, dl = get("/documents.json", {"page": page} if page > 1 else None)
        if status != 200:
            break
        doc_ids |= {int(d["id"]) for d in dl["documents"]}
        if not dl.get("has_next") or page >= 50:
            break
        page += 1
    get("/documents.json", {"page": page + 1})
    get("/documents.json", {"page": "abc"})

    # -- every document (ids of the list, and a scan), its original text, its events
    n_docs = int(stats.get("documents") or 0)
    for i in sorted(doc_ids | set(range(1, n_docs + 6))):
        status, d = get(f"/documents/{i}.json", record_if=ok)
        if status == 200:
            get(f"/documents/{i}/original")
            for e in d.get("events") or []:
                event_ids.add(int(e["id"]))
    get("/documents/99999.json")
    get("/documents/abc.json")

    # -- every event
    n_events = int(stats.get("events") or 0)
    for i in sorted(event_ids | set(range(1, n_events + 21))):
        get(f"/events/{i}.json", record_if=ok)
    get("/events/99999.json")

    # -- every organisation: every entity id of the store, those that answer 200 are organisations
    n_ent = int(stats.get("entities") or 0)
    org_ids = []
    for i in range(1, n_ent + 51):
        status, _ = get(f"/orgs/{i}.json", record_if=ok)
        if status == 200:
            org_ids.append(i)
    get("/orgs/99999.json")
    get("/orgs/abc.json")

    # -- regions with content, found through the app's own pages
    candidates: list[str] = []

    def add(name: Any) -> None:
        if isinstance(name, str) and name and name not in candidates:
            candidates.append(name)

    for p in home.get("provinces", []) if isinstance(home, dict) else []:
        if p.get("organizations") or p.get("count"):
            add(p["name"])
    for g in GROUPS:
        add(g)
    for p in places:
        add(p)
    _, al = web.fetch("/alliances.json")
    for a in (al or {}).get("alliances", []) if isinstance(al, dict) else []:
        add(a.get("region"))
        for r in a.get("regions") or []:
            add(r)
    seen_codes: set[str] = set()
    i = 0
    while i < len(candidates):
        name = candidates[i]
        i += 1
        status, r = web.fetch(f"/regions/{name}.json")
        if status != 200 or not isinstance(r, dict):
            continue
        for m in r.get("region", {}).get("members") or []:
            add(m)
        for o in r.get("organizations") or []:
            add(o.get("region"))
        code = r.get("region", {}).get("code")
        has = r.get("organizations_total") or r.get("events") or any(
            (r.get("collab") or {}).get(k, {}).get("count") for k in ("alliances", "resources", "policies", "talent", "goals"))
        if code in seen_codes or not has:
            continue
        seen_codes.add(code)
        get(f"/regions/{r['region']['name']}.json")
    get("/regions/nowhere.json")

    # -- search, compare, curation
    for q in SEARCHES:
        get("/search.json", {"q": q})
    get("/search.json")
    get("/compare.json")
    for a, b in PAIRS:
        get("/compare.json", {"a": a, "b": b})
    get("/compare.json", {"a": "上海", "b": "nowhere"})
    get("/curation.json")

    # -- collaboration pages
    _, al = get("/alliances.json")
    names = [a["name"] for a in al.get("alliances", [])] if isinstance(al, dict) else []
    for r in ["长三角", "上海", "江苏", "成渝", "四川", "武汉", "nowhere"]:
        get("/alliances.json", {"region": r})
    for n in names:
        get(f"/alliances/{n}.json")
        get("/resources.json", {"alliance": n})
    get("/alliances/nowhere.json")
    get("/resources.json")
    for params in ({"region": "上海"}, {"region": "合肥"}, {"segment": "design"}, {"segment": "设计"},
                   {"segment": "光刻机"}, {"region": "苏州", "segment": "manufacturing"}, {"alliance": "nowhere"},
                   {"region": "x" * 101}):
        get("/resources.json", params)
    get("/talent.json")
    for r in ["江苏", "上海", "成都", "武汉"]:
        get("/talent.json", {"region": r})
    get("/policies.json")
    for params in ({"region": "深圳"}, {"region": "苏州"}, {"segment": "design"}, {"a": "苏州", "b": "深圳"},
                   {"a": "上海", "b": "北京", "segment": "manufacturing"}, {"a": "苏州"}):
        get("/policies.json", params)
    get("/goals.json")
    for params in ({"region": "上海"}, {"region": "合肥"}, {"subject": "临港"}, {"region": "江苏", "subject": "园区"}):
        get("/goals.json", params)

    # -- the JSON API
    for r in API_REGIONS:
        get(f"/api/map/{r}")
        get(f"/api/gaps/{r}")
        get(f"/api/targets/{r}")
        get(f"/api/timeline/{r}")
        get(f"/api/projects/{r}")
        get(f"/api/followthrough/{r}")
        get("/api/network", {"region": r})
    get("/api/map/苏州", {"evidence": 0})
    get("/api/map/上海", {"evidence": 10})
    get("/api/gaps/上海", {"limit": 5})
    get("/api/gaps/上海", {"limit": -1})
    get("/api/targets/合肥", {"gaps": 3, "limit": 5})
    for by in ("quarter", "month", "week"):
        get("/api/timeline/长三角", {"by": by})
    get("/api/projects/长三角", {"stalled_months": 6})
    get("/api/network")
    for a, b in PAIRS:
        get(f"/api/compare/{a}/{b}")
    for o in ORGS:
        get(f"/api/partners/{o}")
        get(f"/api/partners/{o}", {"in": "长三角", "limit": 5})
    for bad in ("/api/map/nowhere", "/api/gaps/nowhere", "/api/compare/上海/nowhere", "/api/partners/nobody",
                "/api/targets/nowhere", "/api/timeline/nowhere", "/api/projects/nowhere", "/api/followthrough/nowhere"):
        get(bad)
    get("/no/such/page.json")

    if web.html:
        pages: list[tuple[str, dict[str, Any] | None]] = [
            ("/upload", None), ("/login", None), ("/", {"lang": "en"}), ("/events", {"lang": "en"}),
            ("/regions/上海市", {"lang": "en"}), ("/alliances", {"lang": "en"})]
        for path, query in pages:
            web.page(path, query)
        web.c.cookies.clear()  # the language cookie ?lang= set

    # -- the route table, and the GET routes this crawl never asked for
    routes = sorted({(",".join(sorted(getattr(r, "methods", None) or [])), getattr(r, "path", "")) for r in app.routes})
    web.w.write("web/_routes.json", dump([{"methods": m, "path": p} for m, p in routes]))
    asked = {re.sub(r"\?.*", "", x) for x in web.recorded}
    missed = []
    for methods, path in routes:
        if "GET" in methods.split(",") and (path.endswith(".json") or path.startswith("/api/")):
            pat = re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(path)) + "$")
            if not any(pat.match(a) for a in asked):
                missed.append(path)
    if missed:
        print(f"faces: note: JSON routes not recorded: {', '.join(missed)}", file=sys.stderr)


# -- the commands -------------------------------------------------------------------------------------------------
def entry_point(root: Path) -> tuple[str, str]:
    """The module and function of the tree's ``icatlas`` script (pyproject.toml), else icatlas.cli:main."""
    try:
        import tomllib

        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
        mod, _, fn = data["project"]["scripts"]["icatlas"].partition(":")
        return mod.strip(), fn.strip() or "main"
    except (OSError, KeyError, ValueError):
        return "icatlas.cli", "main"


class Runner:
    """Runs the recorded tree's CLI as a subprocess and records its output."""

    def __init__(self, root: Path, cwd: Path, env: dict[str, str], norm: Norm, writer: Writer) -> None:
        mod, fn = entry_point(root)
        self.prog = [sys.executable, "-P", "-c",
                     f"import sys; sys.argv[0] = 'icatlas'; from {mod} import {fn} as _main; _main()"]
        self.cwd = cwd
        self.env = env
        self.norm = norm
        self.w = writer

    def run(self, args: list[str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.prog, *args], cwd=self.cwd, env=self.env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)

    def record(self, rel: str, args: list[str], shown: list[str] | None = None) -> tuple[int, Any]:
        p = self.run(args)
        fmt, val, style = parse_output(p.stdout)
        rec = {"argv": self.norm.json(shown if shown is not None else args), "exit": p.returncode, "format": fmt,
               "raw_style": style, "stdout": self.norm.json(val) if fmt != "text" else self.norm.text(val),
               "stderr": self.norm.text(p.stderr)}
        self.w.write(rel, dump(rec))
        return p.returncode, val


def cli_name(args: list[str]) -> str:
    return "cli/" + slug(" ".join(a for a in args if a not in ("--json",))) + ".json"


def cli_commands(doc_ids: list[int]) -> list[list[str]]:
    """Every read command that takes --json, with representative arguments (``--db`` added by the caller)."""
    sample = sorted({*doc_ids[:2], *doc_ids[-2:], *doc_ids[::7]})
    cmds: list[list[str]] = [
        ["stats"], ["documents"], ["documents", "--limit", "5"],
        *[["document", str(i)] for i in sample], ["document", "99999"],
        *[["relevance", str(i)] for i in sample], ["relevance", "99999"],
        ["events"], ["events", "--all"], ["events", "--type", "agreement_signed", "--type", "investment"],
        ["events", "--region", "长三角"], ["events", "--participant", "中芯"], ["events", "--since", "2023", "--until",
                                                                             "2023-12"],
        ["events", "--limit", "5"], ["events", "--type", "bogus"],
        ["chain"], ["chain", "光刻机"], ["chain", "equipment"], ["chain", "nothing-here"],
        ["region", "苏州"], ["region", "蘇州"], ["region", "Suzhou"], ["region", "长三角"],
        ["region", "朝阳区", "--context", "北京"], ["region", "苏州工业园区"], ["region", "nowhere"],
        ["org", "中芯国际"], ["org", "SMIC"], ["org", "华虹", "--limit", "3"], ["org", "长鑫"],
        ["map", "上海"], ["map", "苏州", "--all", "--evidence", "1"], ["map", "长三角"], ["map", "nowhere"],
        ["gaps", "上海"], ["gaps", "苏州", "--limit", "0"], ["gaps", "成渝"],
        ["compare", "四川", "重庆"], ["compare", "上海", "北京"], ["compare", "长三角", "成渝"],
        ["partners", "中芯国际"], ["partners", "SMIC", "--in", "长三角", "--limit", "5"], ["partners", "长鑫存储"],
        ["partners", "nobody"],
        ["targets", "合肥"], ["targets", "成都", "--gaps", "3", "--limit", "5"], ["targets", "上海"],
        ["timeline", "上海"], ["timeline", "长三角", "--by", "quarter"], ["timeline", "江苏省", "--by", "month"],
        ["network"], ["network", "上海"], ["network", "长三角"],
        ["projects", "上海"], ["projects", "长三角", "--stalled-months", "6"], ["projects", "合肥"],
        ["followthrough", "上海"], ["followthrough", "长三角"], ["followthrough", "成渝"],
        ["alliances"], ["alliances", "--region", "长三角"], ["alliances", "--region", "四川"],
        ["alliance", "长三角集成电路产业链联盟"], ["alliance", "成渝地区集成电路产业联盟"], ["alliance", "武汉光谷"],
        ["alliance", "nowhere"],
        ["resources"], ["resources", "--region", "上海"], ["resources", "--segment", "设计"],
        ["resources", "--segment", "光刻机"], ["resources", "--alliance", "长三角集成电路产业链联盟"],
        ["talent"], ["talent", "--region", "江苏"],
        ["policies"], ["policies", "--region", "深圳"], ["policies", "--segment", "design"],
        ["policies", "--region", "苏州", "--compare", "深圳"], ["policies", "--compare", "深圳"],
        ["goals"], ["goals", "--region", "上海"], ["goals", "--subject", "临港"],
    ]
    return cmds


# -- the help texts (one subprocess) ------------------------------------------------------------------------------
def record_help(root: Path, out: Path) -> int:
    import importlib

    import typer
    from typer.testing import CliRunner

    mod, _ = entry_point(root)
    app = getattr(importlib.import_module(mod), "app")
    group = typer.main.get_command(app)
    w = Writer(out)
    runner = CliRunner()

    def walk(cmd: Any, path: list[str]) -> None:
        res = runner.invoke(app, [*path, "--help"], prog_name="icatlas", env={"COLUMNS": "100"}, color=False)
        w.write("help/" + (slug(" ".join(path)) if path else "_icatlas") + ".txt",
                f"$ {' '.join(['icatlas', *path, '--help'])}  (exit {res.exit_code})\n{res.output}")
        if hasattr(cmd, "list_commands"):  # a group (of Click, or of Typer's own copy of Click)
            ctx = cmd.context_class(cmd, info_name=path[-1] if path else "icatlas")
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), [*path, name])

    walk(group, [])
    runner.invoke(app, ["--version"], prog_name="icatlas")
    res = runner.invoke(app, ["--version"], prog_name="icatlas")
    w.write("help/_version.txt", res.output)
    return len(w.names)


# -- recording ----------------------------------------------------------------------------------------------------
def sha256(p: Path) -> str:
    h = hashlib.sha256()
    with p.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def git(root: Path, *args: str) -> str:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def clean_env(root: Path, hashseed: str = "0") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ICATLAS_")}
    env.update({"PYTHONPATH": str(root / "src"), "PYTHONHASHSEED": hashseed, "TZ": "UTC", "OMP_NUM_THREADS": "1",
                "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "PYTHONIOENCODING": "utf-8",
                "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"})
    env.pop("FORCE_COLOR", None)
    return env


PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm")
#: Inputs of ``annotate ner`` and ``annotate events`` (written into the staging folder; part of inputs.json).
NER_LINES = ["中芯国际集成电路制造（上海）有限公司与上海华虹宏力半导体制造有限公司在浦东新区签署战略合作协议。",
             "合肥长鑫存储技术有限公司总投资1500亿元的12英寸存储器晶圆制造基地项目开工。",
             "蘇州工業園區第三代半導體產業基地啟用，首批十家企業進駐。",
             "SMIC and Hua Hong signed an agreement in Shanghai on 3 March 2023.",
             "这不是一句关于芯片的话。"]
EVENT_LINES = [{"id": "f1", "content": "北方华创科技集团股份有限公司以5亿元收购北京某半导体设备公司100%股权。"},
               {"id": "f2", "content": "长电科技与无锡市人民政府签署合同，投资100亿元建设先进封装基地。"},
               {"id": "f3", "content": "华虹半导体中标某12英寸生产线设备采购项目。"}]


def stage(root: Path, tmp: Path, seeds: Path | None, corpus: list[Path] | None, notes: list[str]
          ) -> tuple[Path, list[tuple[str, list[str]]]]:
    """Copy the inputs under ``tmp`` laid out like a checkout; (the folder to run in, [(label, paths)])."""
    main = tmp / "main"
    main.mkdir(parents=True)
    sets: list[tuple[str, list[str]]] = []
    (main / "faces-ner.jsonl").write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n"
                                                  for t in NER_LINES), encoding="utf-8")
    (main / "faces-events.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in EVENT_LINES),
                                             encoding="utf-8")
    if corpus:
        for c in corpus:
            dst = main / "corpus" / c.name
            dst.parent.mkdir(parents=True, exist_ok=True)
            (shutil.copytree if c.is_dir() else shutil.copy2)(c, dst)
            sets.append((c.name, [f"corpus/{c.name}"]))
        return main, sets
    demo = root / "examples" / "demo"
    if demo.is_dir():
        shutil.copytree(demo, main / "examples" / "demo")
        sets.append(("demo", ["examples/demo"]))
    else:
        notes.append(f"no {demo}: the demo corpus is not ingested")
    if seeds is not None and seeds.is_dir():
        shutil.copytree(seeds, tmp / "shared" / "corpus" / "seeds")
        sets.append(("seeds", ["../shared/corpus/seeds"]))
    else:
        notes.append(f"no seed folder ({seeds}): the seed articles are skipped")
    pages = root / "tests" / "data" / "pages"
    files = sorted(p for p in pages.iterdir() if p.suffix in PAGE_SUFFIXES and p.name != "README.md") \
        if pages.is_dir() else []
    if files:
        (main / "tests" / "data" / "pages").mkdir(parents=True)
        for p in files:
            shutil.copy2(p, main / "tests" / "data" / "pages" / p.name)
        sets.append(("pages", [f"tests/data/pages/{p.name}" for p in files]))
    else:
        notes.append(f"no frozen pages in {pages}")
    return main, sets


def record(out: Path, root: Path = ROOT, store: Path | None = None, seeds: Path | None = None,
           corpus: list[Path] | None = None, jobs: int = 0, html: bool = False, kinds: Iterable[str] = KINDS,
           quick: bool = False, keep_tmp: bool = False, hashseed: str = "0") -> dict[str, Any]:
    """Record every face of the tree at ``root`` into ``out``; returns the run's summary (also in _run.json)."""
    t0 = time.time()
    kinds = set(kinds)
    root = root.resolve()
    out = out.resolve()
    if out.exists() and any(out.iterdir()):
        if not (out / MANIFEST).is_file() and not (out / RUN_FILE).is_file():
            raise SystemExit(f"faces: {out} is not empty and holds no earlier record: not overwriting it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    # marks the folder as a record (an unfinished one until the end) so a later run may overwrite it
    (out / RUN_FILE).write_text(dump({"root": str(root), "status": "incomplete"}), encoding="utf-8")
    if seeds is None:
        seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    tmp = Path(tempfile.mkdtemp(prefix="faces-")).resolve()
    notes: list[str] = []
    norm = Norm({str(tmp): "<TMP>", os.path.realpath(tmp): "<TMP>", str(root): "<ROOT>",
                 os.path.realpath(root): "<ROOT>", sys.prefix: "<VENV>", os.path.realpath(sys.prefix): "<VENV>"}, t0)
    writer = Writer(out)
    env = clean_env(root, hashseed)
    counts: dict[str, int] = {}
    try:
        cwd, sets = stage(root, tmp, seeds, corpus, notes)
        inputs = {}
        for base in (tmp / "main", tmp / "shared"):
            for p in sorted(base.rglob("*")) if base.is_dir() else []:
                if p.is_file():
                    inputs[os.path.relpath(p, cwd)] = sha256(p)
        db = tmp / "store.db"
        runner = Runner(root, cwd, env, norm, writer)
        dbarg = ["--db", str(db)]
        reused = store is not None and store.is_file()
        if reused:
            for suffix in ("", "-wal", "-shm"):
                if Path(str(store) + suffix).is_file():
                    shutil.copy2(str(store) + suffix, str(db) + suffix)
            notes.append(f"store reused from {store} (a copy)")
        else:
            for label, paths in sets:
                code, _ = runner.record(f"store/ingest-{label}.json", ["ingest", *paths, *dbarg, "--json"])
                if code:
                    notes.append(f"ingest of {label} exited {code}")
            if store is not None:
                store.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(db, store)
                notes.append(f"store kept at {store}")
        if "store" in kinds:
            writer.write("store/inputs.json", dump(inputs))
        tasks: list[tuple[str, Callable[[], Any]]] = []
        if "cli" in kinds:
            stats = lambda: runner.record("cli/stats.json", ["stats", *dbarg, "--json"], ["stats", "--json"])  # noqa: E731
            if reused:  # its first open may migrate it: once, before the readers run side by side
                stats()
            else:
                tasks.append(("cli", stats))
        elif reused:
            runner.run(["stats", *dbarg, "--json"])
        before = sha256(db)
        doc_ids: list[int] = []
        if not quick and ("cli" in kinds or "writes" in kinds):
            listed = runner.run(["documents", *dbarg, "--json", "--limit", "100000"])
            try:
                doc_ids = sorted(int(d["id"]) for d in json.loads(listed.stdout))
            except (ValueError, KeyError, TypeError):
                notes.append("the document ids could not be read from `icatlas documents --json`")
        if "web" in kinds:
            only = QUICK_WEB if quick else None
            tasks.append(("web", lambda: web_subprocess(root, db, out, norm, env, html, only)))
        if "help" in kinds and not quick:
            tasks.append(("help", lambda: help_subprocess(root, out, env)))
        if "cli" in kinds:
            cmds = QUICK_CLI if quick else cli_commands(doc_ids)
            if not quick:
                cmds = [*cmds, ["extract", "examples/demo"], ["extract", "../shared/corpus/seeds"]]
            for args in cmds:
                if args[0] == "extract" and not (cwd / args[1]).exists():
                    continue
                if args == ["stats"]:
                    continue
                a = [*args, "--json"] if args[0] == "extract" else [*args, *dbarg, "--json"]
                tasks.append(("cli", partial(runner.record, cli_name(args), a, [*args, "--json"])))
            if not quick:  # the two commands that write JSON Lines without --json (to stdout with OUT = -)
                for args in (["annotate", "ner", "faces-ner.jsonl", "-"],
                             ["annotate", "ner", "faces-ner.jsonl", "-", "--engine", "rules"],
                             ["annotate", "events", "faces-events.jsonl", "-"]):
                    tasks.append(("cli", partial(runner.record, cli_name(args), args)))
        if "brief" in kinds and not quick:
            for region, extra in BRIEFS:
                tasks.append(("brief", partial(brief, runner, writer, norm, db, tmp, region, extra)))
        if "writes" in kinds and not quick:
            tasks.append(("writes", lambda: writes(runner, writer, norm, db, tmp, root, env, out, doc_ids, sets)))
        # the long ones first
        order = {"web": 0, "writes": 1, "help": 2, "brief": 3, "cli": 4}
        tasks.sort(key=lambda t: order[t[0]])
        with cf.ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
            futures = {pool.submit(fn): kind for kind, fn in tasks}
            for f in cf.as_completed(futures):
                f.result()
        after = sha256(db)
        if after != before:
            notes.append("the store file changed while it was read (a reader wrote to it)")
    finally:
        if keep_tmp:
            notes.append(f"staging folder kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name not in (MANIFEST, RUN_FILE))
    manifest = {p.relative_to(out).as_posix(): sha256(p) for p in files}
    (out / MANIFEST).write_text(dump(manifest), encoding="utf-8")
    for rel in manifest:
        kind = rel.split("/", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    run = {"root": str(root), "commit": git(root, "rev-parse", "HEAD"),
           "dirty": bool(git(root, "status", "--porcelain", "--untracked-files=no")),
           "seconds": round(time.time() - t0, 1), "outputs": len(manifest), "counts": counts, "notes": notes,
           "python": sys.version.split()[0], "hashseed": hashseed, "status": "complete"}
    (out / RUN_FILE).write_text(dump(run), encoding="utf-8")
    return run


QUICK_WEB = ["/index.json", "/api/status", "/documents.json", "/events.json", "/regions/合肥.json",
             "/search.json?q=積體電路", "/documents/1.json", "/alliances.json", "/api/map/合肥"]
QUICK_CLI = [["stats"], ["documents"]]


def web_subprocess(root: Path, db: Path, out: Path, norm: Norm, env: dict[str, str], html: bool,
                   only: list[str] | None, prefix: str = "") -> None:
    cmd = [sys.executable, str(HERE), "_web", str(db), str(out), "--norm", json.dumps(norm.config())]
    if html:
        cmd.append("--html")
    if only is not None:
        cmd += ["--only", *only]
    if prefix:
        cmd += ["--prefix", prefix]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    for line in p.stderr.splitlines():
        if line.startswith("faces:") or p.returncode:
            print(line, file=sys.stderr)
    if p.returncode:
        raise SystemExit(f"faces: recording the web app failed (exit {p.returncode})")


def help_subprocess(root: Path, out: Path, env: dict[str, str]) -> None:
    p = subprocess.run([sys.executable, str(HERE), "_help", str(out), "--root", str(root)], env=env,
                       capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if p.returncode:
        print(p.stderr, file=sys.stderr)
        raise SystemExit(f"faces: recording the help texts failed (exit {p.returncode})")


def brief(runner: Runner, writer: Writer, norm: Norm, db: Path, tmp: Path, region: str, extra: list[str]) -> None:
    name = slug(" ".join([region, *extra]))
    html = tmp / f"brief-{name}.html"
    p = runner.run(["brief", region, "-o", str(html), "--db", str(db), *extra])
    body = norm.text(html.read_text(encoding="utf-8")) if html.is_file() else ""
    writer.write(f"brief/{name}.html", body)
    writer.write(f"brief/{name}.cmd.json", dump({"argv": norm.json(["brief", region, "-o", str(html), *extra]),
                                                  "exit": p.returncode, "stdout": norm.text(p.stdout),
                                                  "stderr": norm.text(p.stderr)}))


ORGS_CSV = ("name,region,segments,aliases,type,website\n"
            "测试芯片设计有限公司,苏州,design,测试芯片,company,https://example.com\n"
            "另一家封装测试有限公司,无锡,packaging_test,,company,\n"
            ",上海,design,,company,\n")


def writes(runner: Runner, writer: Writer, norm: Norm, db: Path, tmp: Path, root: Path, env: dict[str, str],
           out: Path, doc_ids: list[int], sets: list[tuple[str, list[str]]]) -> None:
    """The writing commands, in order, on a scratch copy of the store."""
    scratch = tmp / "scratch.db"
    shutil.copy2(db, scratch)
    dbarg = ["--db", str(scratch)]
    n = [0]

    def rec(args: list[str], db_too: bool = True) -> tuple[int, Any]:
        n[0] += 1
        shown = [*args, "--json"] if "--json" not in args else args
        full = [*args, *(dbarg if db_too else []), *([] if "--json" in args else ["--json"])]
        name = slug(norm.text(" ".join(args)).replace("<TMP>/", ""))
        return runner.record(f"writes/{n[0]:02d}-{name}.json", full, shown)

    rec(["init"])
    for label, paths in sets[:1]:
        rec(["ingest", *paths])
    d = doc_ids[0] if doc_ids else 1
    rec(["relevance", str(d), "--set", "off-topic", "--who", "faces"])
    rec(["relevance", str(d), "--set", "auto", "--who", "faces"])
    rec(["curate", "event", "1", "confirmed", "--who", "faces"])
    rec(["curate", "event", "2", "place", "苏州市", "--who", "faces"])
    rec(["curate", "event", "3", "amount_value", "1000000", "--who", "faces"])
    _, hits = rec(["org", "中芯国际", "--limit", "3"])
    ids = [int(h["id"]) for h in hits] if isinstance(hits, list) else []
    if ids:
        rec(["curate", "entity", str(ids[0]), "name", "中芯国际集成电路制造（上海）有限公司", "--who", "faces"])
    if len(ids) > 1:
        rec(["curate", "entity", str(ids[0]), "merge", str(ids[1]), "--who", "faces"])
    rec(["curate", "record", "1", "confirmed", "--who", "faces"])
    rec(["curate", "thing", "1", "x"])
    csv = tmp / "orgs.csv"
    csv.write_text(ORGS_CSV, encoding="utf-8")
    rec(["import", "orgs", str(csv)])
    exp = tmp / "export"
    exp.mkdir()
    rec(["export", "json", str(exp / "kg.json")])
    rec(["export", "json", str(exp / "kg-suzhou.json"), "--region", "苏州"])
    rec(["export", "csv", str(exp / "csv")])
    rec(["export", "graphml", str(exp / "kg.graphml"), "--all"])
    rec(["export", "xlsx", str(exp / "kg.xlsx")])
    for p in sorted(exp.rglob("*")):
        if not p.is_file():
            continue
        rel = "writes/export/" + slug(p.relative_to(exp).as_posix())
        if p.suffix == ".xlsx":
            writer.write(rel + ".json", dump(xlsx_cells(p, norm)))
        else:
            text = p.read_text(encoding="utf-8", errors="replace")
            writer.write(rel + ".txt", norm.text(text))
    rec(["reprocess"])
    rec(["stats"])
    rec(["document", str(d)])
    rec(["events", "--limit", "5"])
    web_subprocess(root, scratch, out, norm, env, False,
                   ["/curation.json", "/index.json", "/events/1.json", "/events/2.json", f"/documents/{d}.json",
                    *([f"/orgs/{ids[0]}.json"] if ids else []), "/api/status"], prefix="writes/")


def xlsx_cells(p: Path, norm: Norm) -> dict[str, Any]:
    """The cell values of every sheet (the file's own bytes hold its creation time)."""
    try:
        import openpyxl
    except ImportError:
        return {"note": "openpyxl is not installed: the xlsx file is not recorded"}
    wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = [[norm.json(v) if isinstance(v, str) else (v.isoformat() if hasattr(v, "isoformat") else v)
                          for v in row] for row in ws.iter_rows(values_only=True)]
    return out


# -- comparing ------------------------------------------------------------------------------------------------------
def listing(d: Path) -> dict[str, Path]:
    return {p.relative_to(d).as_posix(): p for p in sorted(d.rglob("*"))
            if p.is_file() and p.name not in (RUN_FILE, MANIFEST)}


def check_manifest(d: Path, files: dict[str, Path]) -> list[str]:
    m = d / MANIFEST
    if not m.is_file():
        return [f"{d}: no {MANIFEST}"]
    try:
        data = json.loads(m.read_text(encoding="utf-8"))
    except ValueError:
        return [f"{d}: {MANIFEST} is not JSON"]
    bad = [rel for rel, p in files.items() if data.get(rel) != sha256(p)]
    bad += [rel for rel in data if rel not in files]
    return [f"{d}: {MANIFEST} does not match {len(bad)} file(s), e.g. {bad[0]}"] if bad else []


def compare(a: Path, b: Path, lines: int = 40, most: int = 50, stream: Any = None) -> int:
    """Print what differs between two records; 1 when anything does, else 0."""
    stream = stream or sys.stdout
    for d in (a, b):
        try:
            status = json.loads((d / RUN_FILE).read_text(encoding="utf-8")).get("status")
        except (OSError, ValueError):
            status = None
        if not d.is_dir() or status == "incomplete":
            print(f"faces: error: {d} is {'an unfinished record' if d.is_dir() else 'not a folder'}", file=stream)
            return 2
    fa, fb = listing(a), listing(b)
    for warning in check_manifest(a, fa) + check_manifest(b, fb):
        print(f"warning: {warning}", file=stream)
    only_a = sorted(set(fa) - set(fb))
    only_b = sorted(set(fb) - set(fa))
    differ = [rel for rel in sorted(set(fa) & set(fb)) if fa[rel].read_bytes() != fb[rel].read_bytes()]
    for title, rows in ((f"only in {a}", only_a), (f"only in {b}", only_b)):
        if rows:
            print(f"{title}: {len(rows)}", file=stream)
            for rel in rows[:200]:
                print(f"  {rel}", file=stream)
            if len(rows) > 200:
                print(f"  … and {len(rows) - 200} more", file=stream)
    if differ:
        print(f"differ: {len(differ)}", file=stream)
        for rel in differ:
            print(f"  {rel}", file=stream)
        for rel in differ[:most]:
            ta = fa[rel].read_text(encoding="utf-8", errors="replace").splitlines()
            tb = fb[rel].read_text(encoding="utf-8", errors="replace").splitlines()
            diff = list(difflib.unified_diff(ta, tb, f"a/{rel}", f"b/{rel}", n=2, lineterm=""))
            print("", file=stream)
            for line in diff[:lines]:
                print(line[:300], file=stream)
            if len(diff) > lines:
                print(f"… {len(diff) - lines} more diff line(s)", file=stream)
        if len(differ) > most:
            print(f"\n… diffs of {len(differ) - most} more file(s) not shown (--max)", file=stream)
    same = len(set(fa) & set(fb)) - len(differ)
    if only_a or only_b or differ:
        print(f"\nfaces: {len(differ)} differ, {len(only_a)} only in A, {len(only_b)} only in B, {same} identical",
              file=stream)
        return 1
    print(f"faces: identical ({same} outputs)", file=stream)
    return 0


# -- at COMMIT ------------------------------------------------------------------------------------------------------
def at(commit: str, out: Path, repo: Path = ROOT, **kw: Any) -> dict[str, Any]:
    """Record ``commit`` of ``repo`` from a temporary git worktree outside it; the worktree is removed after."""
    sha = git(repo, "rev-parse", "--verify", commit + "^{commit}")
    if not sha:
        raise SystemExit(f"faces: {commit!r} is not a commit of {repo}")
    wt = Path(tempfile.mkdtemp(prefix="faces-wt-")).resolve()
    wt.rmdir()
    p = subprocess.run(["git", "-C", str(repo), "worktree", "add", "--detach", str(wt), sha],
                       capture_output=True, text=True)
    if p.returncode:
        raise SystemExit(f"faces: git worktree add failed: {p.stderr.strip()}")
    try:
        return record(out, root=wt, **kw)
    finally:
        subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(wt)], capture_output=True)
        shutil.rmtree(wt, ignore_errors=True)
        subprocess.run(["git", "-C", str(repo), "worktree", "prune"], capture_output=True)


# -- command line ---------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="faces.py", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    def record_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument("outdir", type=Path)
        p.add_argument("--store", type=Path, help="reuse this store when it exists (a copy), else build it there")
        p.add_argument("--seeds", type=Path, help="the seed articles (default ../shared/corpus/seeds)")
        p.add_argument("--corpus", type=Path, action="append",
                       help="ingest these files or folders instead of demo, seeds and pages (repeatable)")
        p.add_argument("--jobs", type=int, default=0, help="processes side by side (default: the CPU count)")
        p.add_argument("--html", action="store_true", help="also the HTML page of every recorded JSON twin")
        p.add_argument("--kinds", default=",".join(KINDS), help=f"what to record, of {','.join(KINDS)}")
        p.add_argument("--quick", action="store_true", help="a few outputs of each kind only (for tests)")
        p.add_argument("--keep-tmp", action="store_true", help="keep the staging folder")
        p.add_argument("--hashseed", default="0", help="PYTHONHASHSEED of the recorded processes (default 0; "
                                                        "'random' to check that no output depends on it)")

    p = sub.add_parser("record", help="record the faces of this tree (or --root)")
    record_opts(p)
    p.add_argument("--root", type=Path, default=ROOT, help="the source tree to record (default: this one)")
    p = sub.add_parser("at", help="record COMMIT from a temporary git worktree")
    p.add_argument("commit")
    record_opts(p)
    p.add_argument("--repo", type=Path, default=ROOT)
    p = sub.add_parser("compare", help="compare two records; exit 1 when they differ")
    p.add_argument("a", type=Path)
    p.add_argument("b", type=Path)
    p.add_argument("--lines", type=int, default=40, help="diff lines shown per output")
    p.add_argument("--max", type=int, default=50, help="outputs whose diff is shown")
    p = sub.add_parser("_web")  # internal: runs with the recorded tree's icatlas importable
    p.add_argument("db")
    p.add_argument("out", type=Path)
    p.add_argument("--norm", required=True)
    p.add_argument("--html", action="store_true")
    p.add_argument("--only", nargs="*")
    p.add_argument("--prefix", default="")
    p = sub.add_parser("_help")  # internal
    p.add_argument("out", type=Path)
    p.add_argument("--root", type=Path, default=ROOT)
    args = ap.parse_args(argv)

    if args.cmd == "compare":
        return compare(args.a, args.b, args.lines, args.max)
    if args.cmd == "_web":
        record_web(args.db, args.out, Norm.from_config(json.loads(args.norm)), args.html, args.only, args.prefix)
        return 0
    if args.cmd == "_help":
        record_help(args.root, args.out)
        return 0
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        ap.error(f"unknown kind(s) {', '.join(unknown)}; kinds: {', '.join(KINDS)}")
    kw = dict(store=args.store.resolve() if args.store else None, seeds=args.seeds, corpus=
              [c.resolve() for c in args.corpus] if args.corpus else None, jobs=args.jobs, html=args.html,
              kinds=kinds, quick=args.quick, keep_tmp=args.keep_tmp, hashseed=args.hashseed)
    if args.cmd == "record":
        run = record(args.outdir, root=args.root, **kw)
    else:
        run = at(args.commit, args.outdir, repo=args.repo, **kw)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(run["counts"].items()))
    print(f"faces: {run['outputs']} outputs ({counts}) in {run['seconds']} s -> {args.outdir}")
    for n in run["notes"]:
        print(f"faces: note: {n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader of the output went away (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
