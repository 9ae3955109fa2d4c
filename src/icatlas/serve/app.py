"""The web app: server-rendered pages (Jinja2, Chinese with an English switch), each with a JSON twin, and the
``/api`` routes. Routes only call the store and the analyses, then render. Writes (upload, curation) need the
token; forms carry a CSRF token; request bodies are limited in size; no request path reaches the file system."""
from __future__ import annotations

import html
import json
import logging
import os
import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Callable

import anyio.to_thread

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import IcatlasError, NotFound, UsageError
from ..money import money
from ..store import Store
from . import data
from .cache import PageCache
from .collab_pages import add_collab_pages
from .i18n import lang_of, translator
from .lane import Lane
from .warm import Warmer
from .warm import enabled as warm_enabled
from .security import SESSION_COOKIE, Guard, TooLarge, read_body, read_form

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
LABEL_CLASS = {"person": "per", "region": "loc", "date": "num", "money": "num", "percent": "num", "count": "num"}
ENV_TOKEN = "ICATLAS_TOKEN"
#: The key signing sessions, hex; set by ``icatlas serve --workers N`` so every worker accepts the others' cookies.
ENV_SESSION_KEY = "ICATLAS_SESSION_KEY"
VENDOR = Path(__file__).parent / "static" / "vendor"
#: The only files served from disk, by fixed name: a request picks one of these keys and nothing else.
VENDOR_FILES = {"echarts.min.js": "application/javascript", "china.json": "application/json"}
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def doc_name(source: Any) -> str:
    """A document's name when it has no title: the file name of its source, without the folders."""
    return re.split(r"[/\\]", str(source or ""))[-1] or "—"


TEMPLATES.env.filters["money"] = money
TEMPLATES.env.filters["doc_name"] = doc_name


def create_app(db: str | os.PathLike[str] | None = None, token: str | None = None, warm: bool | None = None
               ) -> FastAPI:
    """The web app over the store at ``db``; ``token`` (else ``$ICATLAS_TOKEN``) allows writes, none: read-only.
    With ``warm`` (default: unless ``$ICATLAS_WARM=0``) the app readies the per-state structures its pages read
    when it starts (before it accepts connections) and after each write it makes (:mod:`icatlas.serve.warm`)."""
    store = Store.open(db)
    warmer = Warmer(store, enabled=warm_enabled() if warm is None else warm)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warmer.enabled:
            try:
                await anyio.to_thread.run_sync(warmer.run)
            except Exception:  # noqa: BLE001 - readying is an optimisation: serve without it
                logging.getLogger("uvicorn.error").exception("icatlas: readying the pages failed")
        yield
    guard = Guard(token if token is not None else (os.environ.get(ENV_TOKEN) or None))
    if os.environ.get(ENV_SESSION_KEY):
        guard.key = bytes.fromhex(os.environ[ENV_SESSION_KEY])
    # The interactive docs page loads its scripts from a CDN, which an offline machine cannot reach;
    # the OpenAPI description itself is served at /openapi.json.
    app = FastAPI(title="icatlas", version=__version__, docs_url=None, redoc_url=None,
                  description="The industrial map of integrated-circuit clusters.", lifespan=lifespan)
    app.state.store = store
    app.state.warmer = warmer
    app.state.guard = guard
    cache = PageCache(store)
    app.state.page_cache = cache
    lane = Lane(before=(lambda: warmer.seen(cache.version())) if warmer.enabled else None)
    app.state.lane = lane

    def wants_json(request: Request) -> bool:
        p = request.url.path
        return p.endswith(".json") or p.startswith("/api/") or "application/json" in request.headers.get("content-type", "")

    def session_of(request: Request) -> tuple[tuple[str, bool], str | None]:
        """(session id, logged in) and the new session cookie to set when the request had no valid one."""
        sess = guard.session(request)
        if sess is not None:
            return sess, None
        cookie = guard.new_session()
        return (cookie.split(".")[0], False), cookie

    def page_ctx(request: Request, ctx: dict[str, Any], lang: str, csrf: str, authed: bool) -> dict[str, Any]:
        vendor = vendor_present()
        return {**ctx, "t": translator(lang), "lang": lang, "csrf": csrf, "authed": authed,
                "read_only": guard.read_only, "version": __version__, "has_echarts": vendor[0],
                "has_map": vendor[1] and vendor[0], "path": request.url.path}

    def vendor_present() -> tuple[bool, bool]:
        return (VENDOR / "echarts.min.js").is_file(), (VENDOR / "china.json").is_file()

    def finish(request: Request, resp: Response, cookie: str | None) -> Response:
        if cookie:
            resp.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="lax")
        if request.query_params.get("lang") in ("zh", "en"):
            resp.set_cookie("lang", str(request.query_params["lang"]), samesite="lax", max_age=365 * 86400)
        return resp

    def render(request: Request, template: str, ctx: dict[str, Any], status: int = 200) -> Response:
        lang = lang_of(request)
        sess, cookie = session_of(request)
        resp = TEMPLATES.TemplateResponse(request, template, page_ctx(request, ctx, lang, guard.csrf(sess[0]), sess[1]),
                                          status_code=status)
        return finish(request, resp, cookie)

    def cached_page(request: Request, template: str, compute: Callable[[], dict[str, Any]]) -> Response:
        """``render`` through the page cache: keyed by template, path, query, language, the chart library's presence
        and the store version; anonymous sessions only, the CSRF token filled in per request."""
        sess, cookie = session_of(request)
        version = None if sess[1] else cache.version()
        if version is None:
            resp = TEMPLATES.TemplateResponse(request, template, page_ctx(request, compute(), lang_of(request),
                                                                          guard.csrf(sess[0]), sess[1]))
            return finish(request, resp, cookie)
        lang = lang_of(request)
        key = ("html", template, request.url.path, request.url.query, lang, vendor_present(), version)
        body = cache.get_or_compute(key, lambda: TEMPLATES.get_template(template).render(
            {**page_ctx(request, compute(), lang, cache.csrf_placeholder, False), "request": request}))
        return finish(request, HTMLResponse(body.replace(cache.csrf_placeholder, guard.csrf(sess[0]))), cookie)

    def cached_json(request: Request, compute: Callable[[], Any]) -> Response:
        version = cache.version()
        if version is None:
            return JSONResponse(_jsonable(compute()))
        key = ("json", request.url.path, request.url.query, version)
        body = cache.get_or_compute(key, lambda: JSONResponse(_jsonable(compute())).body)
        return Response(body, media_type="application/json")

    def render_error(request: Request, exc: IcatlasError) -> Response:
        if wants_json(request):
            return JSONResponse(exc.as_dict(), status_code=exc.status)
        return render(request, "error.html", {"error": exc}, status=exc.status)

    @app.exception_handler(IcatlasError)
    async def _error(request: Request, exc: IcatlasError) -> Response:
        return render_error(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return render_error(request, NotFound(f"no page at {request.url.path}", "start from the home page /"))
        err = IcatlasError(str(exc.detail))
        err.status = exc.status_code
        return render_error(request, err)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, exc: RequestValidationError) -> Response:
        return render_error(request, UsageError(f"bad address {request.url.path}", "ids are numbers"))

    @app.middleware("http")
    async def _limit(request: Request, call_next: Callable[..., Any]) -> Response:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > data_limit():
            return render_error(request, TooLarge("the request is larger than 5 MB", "send a smaller document"))
        resp: Response = await call_next(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                                "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
        return resp

    def data_limit() -> int:
        from .security import MAX_BODY

        return MAX_BODY

    def both(path: str, template: str, compute: Callable[..., dict[str, Any]]) -> None:
        """``path`` as an HTML page and ``path.json`` (``/index.json`` for ``/``) as its JSON twin."""
        json_path = "/index.json" if path == "/" else path + ".json"

        async def as_json(request: Request) -> Response:
            return await lane.run(lambda: cached_json(request, lambda: compute(request)))

        async def as_html(request: Request) -> Response:
            return await lane.run(lambda: cached_page(
                request, template, lambda: {**compute(request), "json_url": _json_url(json_path, request)}))
        app.add_api_route(json_path, as_json, methods=["GET"], include_in_schema=True, name=template + ".json")
        app.add_api_route(path, as_html, methods=["GET"], response_class=HTMLResponse, include_in_schema=False,
                          name=template)

    def path_int(request: Request, key: str) -> int:
        v = request.path_params[key]
        if not str(v).isdigit():
            raise UsageError(f"bad address {request.url.path}", "ids are numbers")
        return int(v)

    both("/", "home.html", lambda r: data.home(store, r.query_params.get("segment")))
    both("/regions/{name}", "region.html", lambda r: data.region(store, r.path_params["name"]))
    both("/segments/{node}", "segment.html", lambda r: data.segment(store, r.path_params["node"]))
    both("/orgs/{org_id}", "org.html", lambda r: data.org(store, path_int(r, "org_id")))
    both("/events/{event_id}", "event.html", lambda r: data.event(store, path_int(r, "event_id")))
    both("/search", "search.html", lambda r: data.search(store, r.query_params.get("q", "")))
    both("/compare", "compare.html", lambda r: data.compare(store, r.query_params.get("a"), r.query_params.get("b")))
    both("/curation", "curation.html", lambda r: data.curation_log(store))
    both("/events", "events.html", lambda r: data.event_list(store, r.query_params))
    both("/documents", "documents.html", lambda r: data.document_list(store, r.query_params))
    add_collab_pages(both, store)

    @app.get("/documents/{doc_id}.json")
    @lane.route
    def document_json(request: Request, doc_id: int) -> Response:
        return cached_json(request, lambda: store.document(doc_id))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    @lane.route
    def document_page(request: Request, doc_id: int) -> Response:
        def compute() -> dict[str, Any]:
            doc = store.document(doc_id)
            anchors = {int(e["evidence_start"]) for e in doc["events"] if e.get("evidence_start") is not None}
            anchors |= {int(f["evidence_start"]) for f in doc["figures"] if f.get("evidence_start") is not None}
            anchors |= data.record_anchors(store, doc["duplicate_of"] or doc_id)
            return {"doc": doc, "highlighted": highlight(doc["text"], doc["mentions"], anchors),
                    "safe_url": doc["url"] if _is_web_address(doc["url"]) else None,
                    "json_url": f"/documents/{doc_id}.json"}
        return cached_page(request, "document.html", compute)

    @app.get("/documents/{doc_id}/original", response_class=PlainTextResponse)
    @lane.route
    def document_original(doc_id: int) -> str:
        return str(store.document(doc_id)["raw"])

    @app.get("/static/vendor/{name}", include_in_schema=False)
    def vendor_file(name: str) -> Response:
        if name not in VENDOR_FILES:
            raise NotFound(f"no file {name!r}", "only the installed chart library is served")
        path = VENDOR / name  # the name is one of the fixed keys above
        if not path.is_file():
            raise NotFound(f"{name} is not installed", "run scripts/install.sh")
        return Response(path.read_bytes(), media_type=VENDOR_FILES[name],
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/api/status")
    async def api_status() -> Response:
        """The app's version, whether it accepts writes, and its last readying of the pages (this worker's):
        ``{"seconds", "steps"}``, or null before the first one ends."""
        return JSONResponse({"version": __version__, "read_only": guard.read_only, "warm": warmer.last})

    # -- writes ---------------------------------------------------------------------------------
    @app.post("/api/documents")
    async def api_upload(request: Request) -> Response:
        """Store a document: JSON ``{"title", "text", "published"}`` with ``Authorization: Bearer TOKEN``;
        answers ``{"id", "url"}`` (201)."""
        guard.check_bearer(request)
        body = await read_body(request)
        try:
            rec = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise UsageError("the body is not JSON", 'send {"title", "text", "published"}') from None
        if not isinstance(rec, dict):
            raise UsageError("the body is not a JSON object", 'send {"title", "text", "published"}')
        # the ingest runs on a thread: the event loop keeps accepting and answering meanwhile
        out = await anyio.to_thread.run_sync(
            lambda: data.upload(store, str(rec.get("title") or ""), rec.get("text"), rec.get("published")))
        warmer.in_background()  # ready the pages of the new store state
        return JSONResponse(out, status_code=201)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page(request: Request) -> Response:
        return render(request, "upload.html", {})

    @app.post("/upload", include_in_schema=False)
    async def upload_form(request: Request) -> Response:
        files: dict[str, tuple[str, bytes]] = {}
        form = await read_form(request, files)
        guard.check_form(request, form)
        def ingest() -> dict[str, Any]:
            if "file" in files:
                name, raw = files["file"]
                return data.upload_file(store, name, raw, form.get("title", ""), form.get("published") or None)
            return data.upload(store, form.get("title", ""), form.get("text", ""), form.get("published") or None)
        out = await anyio.to_thread.run_sync(ingest)  # on a thread: the event loop keeps answering meanwhile
        warmer.in_background()  # ready the pages of the new store state
        return RedirectResponse(out["url"], status_code=303)

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request) -> Response:
        return render(request, "login.html", {})

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await read_form(request)
        guard.check_form(request, form)  # the token field is checked here
        resp = RedirectResponse("/", status_code=303)
        resp.set_cookie(SESSION_COOKIE, guard.new_session(authed=True), httponly=True, samesite="lax")
        return resp

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        form = await read_form(request)
        guard.check_form(request, form, need_token=False)
        resp = RedirectResponse("/", status_code=303)
        resp.set_cookie(SESSION_COOKIE, guard.new_session(), httponly=True, samesite="lax")
        return resp

    @app.post("/events/{event_id}/curate", include_in_schema=False)
    async def curate_event(request: Request, event_id: int) -> Response:
        form = await read_form(request)
        guard.check_form(request, form)
        action = form.get("action", "confirm")
        if action == "confirm":
            store.curate_event(event_id, "confirmed", True, who="web")
        else:
            fld = form.get("field", "")
            store.curate_event(event_id, fld, _event_value(fld, form.get("value", "")), who="web")
        warmer.in_background()  # ready the pages of the new store state
        return RedirectResponse(f"/events/{event_id}", status_code=303)

    @app.post("/orgs/{org_id}/rename", include_in_schema=False)
    async def rename_org(request: Request, org_id: int) -> Response:
        form = await read_form(request)
        guard.check_form(request, form)
        name = form.get("name", "").strip()
        if not name:
            raise UsageError("the new name is empty", "write the organisation's name")
        data.org_row(store, org_id)  # 404 for anything but an organisation
        store.curate_entity(org_id, "name", name, who="web")
        warmer.in_background()  # ready the pages of the new store state
        return RedirectResponse(f"/orgs/{org_id}", status_code=303)

    @app.post("/orgs/{org_id}/merge", include_in_schema=False)
    async def merge_org(request: Request, org_id: int) -> Response:
        form = await read_form(request)
        guard.check_form(request, form)
        data.org_row(store, org_id)  # 404 for anything but an organisation
        other = data.entity_id_of(store, form.get("other", ""))
        store.merge_entities(org_id, other, who="web")
        warmer.in_background()  # ready the pages of the new store state
        return RedirectResponse(f"/orgs/{org_id}", status_code=303)

    add_analytics_routes(app, store, lane)
    add_timeline_routes(app, store, lane)
    return app


def app_from_env() -> FastAPI:
    """The app of one worker of ``icatlas serve --workers N``: the store from ``$ICATLAS_DB``, the token from
    ``$ICATLAS_TOKEN`` and the shared session key from ``$ICATLAS_SESSION_KEY``."""
    return create_app(None)


def _event_value(field: str, value: str) -> Any:
    value = value.strip()
    if field == "amount_value":
        try:
            return float(value) if value else None
        except ValueError:
            raise UsageError(f"{value!r} is not a number", "write the amount as a number") from None
    if field == "participants":
        return [{"name": n.strip(), "role": "party"} for n in re.split(r"[、,，;；]", value) if n.strip()]
    return value or None


def _json_url(path: str, request: Request) -> str:
    url = path.format(**request.path_params)
    return url + ("?" + request.url.query if request.url.query else "")


def highlight(text: str, mentions: list[dict[str, Any]], anchors: set[int] | None = None) -> str:
    """The text as HTML, sentence by sentence (``<span class="sent">``), each mention in a <mark> carrying its label
    (no overlaps; first wins) after an empty anchor ``id="m-START"``; ``anchors`` adds anchors at other offsets
    (the start of an event's sentence). A link to ``#m-START`` highlights the sentence that holds it."""
    marks = []
    pos = 0
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        if m["start"] < pos or m["end"] > len(text):
            continue
        marks.append(m)
        pos = m["end"]
    inside = [(m["start"], m["end"]) for m in marks]
    cuts = []
    j = 0
    for x in _SENTENCE_END.finditer(text):
        end = x.end()
        while j < len(inside) and inside[j][1] <= end - 1:
            j += 1
        if j < len(inside) and inside[j][0] < end < inside[j][1]:
            continue
        cuts.append(end)
    points = sorted({*cuts, len(text)})
    spots = {int(m["start"]) for m in marks} | {a for a in (anchors or set()) if 0 <= a < len(text)}
    out: list[str] = ['<span class="sent">']
    pos = 0
    mi = 0
    events: list[tuple[int, int, str]] = []  # (offset, order, html): cuts close and open a sentence
    for c in points:
        if c < len(text):
            events.append((c, 0, '</span><span class="sent">'))
    for a in spots:
        events.append((a, 1, f'<span id="m-{a}" class="anchor"></span>'))
    events.sort()
    ei = 0
    while pos < len(text) or ei < len(events):
        nxt_m = marks[mi]["start"] if mi < len(marks) else len(text)
        nxt_e = events[ei][0] if ei < len(events) else len(text)
        if ei < len(events) and nxt_e <= nxt_m:
            out.append(html.escape(text[pos:nxt_e]))
            out.append(events[ei][2])
            pos = max(pos, nxt_e)
            ei += 1
            continue
        if mi < len(marks):
            m = marks[mi]
            out.append(html.escape(text[pos:m["start"]]))
            cls = LABEL_CLASS.get(m["label"], "org")
            label = html.escape(m["label"])
            out.append(f'<mark class="{cls}" data-label="{label}" title="{label}">'
                       f'{html.escape(text[m["start"]:m["end"]])}</mark>')
            pos = m["end"]
            mi += 1
            continue
        out.append(html.escape(text[pos:]))
        pos = len(text)
    out.append("</span>")
    return "".join(out).replace("\n", "<br>\n")


def _is_web_address(url: object) -> bool:
    """Only http(s) addresses become links: a page's own url field could say javascript:…"""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data, default=str))


# -- the industrial map: chain map, gaps, complementarity, partners, attraction targets (JSON) -------------------
def add_analytics_routes(app: FastAPI, store: Store, lane: Lane) -> None:
    """``/api/map/{region}``, ``/api/gaps/{region}``, ``/api/compare/{a}/{b}``, ``/api/partners/{org}`` and
    ``/api/targets/{region}``: the JSON of the matching ``icatlas`` commands. Errors answer as JSON too."""
    from .. import analytics

    def answer(compute: Any) -> Response:
        try:
            return JSONResponse(_jsonable(compute()))
        except IcatlasError as exc:
            return JSONResponse(exc.as_dict(), status_code=exc.status)

    @app.get("/api/map/{region}")
    @lane.route
    def api_map(region: str, evidence: int = Query(3, ge=0, le=50)) -> Response:
        return answer(lambda: analytics.chain_map(store, region, evidence_per_org=evidence))

    @app.get("/api/gaps/{region}")
    @lane.route
    def api_gaps(region: str, limit: int = Query(0, ge=0)) -> Response:
        return answer(lambda: analytics.gaps(store, region, limit=limit or None))

    @app.get("/api/compare/{a}/{b}")
    @lane.route
    def api_compare(a: str, b: str) -> Response:
        return answer(lambda: analytics.compare(store, a, b))

    @app.get("/api/partners/{org}")
    @lane.route
    def api_partners(org: str, region: str | None = Query(None, alias="in"), limit: int = Query(20, ge=1)) -> Response:
        return answer(lambda: analytics.partners(store, org, region=region, limit=limit))

    @app.get("/api/targets/{region}")
    @lane.route
    def api_targets(region: str, gaps: int = Query(10, ge=1), limit: int = Query(20, ge=1)) -> Response:
        return answer(lambda: analytics.targets(store, region, gap_count=gaps, limit=limit))


# -- timelines, the collaboration network, project life cycles, agreement follow-through (JSON) ---------------------
def add_timeline_routes(app: FastAPI, store: Store, lane: Lane) -> None:
    """``/api/timeline/{region}?by=``, ``/api/network?region=``, ``/api/projects/{region}?stalled_months=`` and
    ``/api/followthrough/{region}``: the JSON of the matching ``icatlas`` commands. Errors answer as JSON too."""
    from ..analytics.network import network
    from ..analytics.timelines import followthrough, projects, timeline

    def answer(compute: Any) -> Response:
        try:
            return JSONResponse(_jsonable(compute()))
        except IcatlasError as exc:
            return JSONResponse(exc.as_dict(), status_code=exc.status)

    @app.get("/api/timeline/{region}")
    @lane.route
    def api_timeline(region: str, by: str = Query("year", pattern="^(year|quarter|month)$")) -> Response:
        return answer(lambda: timeline(store, region, by=by))

    @app.get("/api/network")
    @lane.route
    def api_network(region: str | None = Query(None)) -> Response:
        return answer(lambda: network(store, region))

    @app.get("/api/projects/{region}")
    @lane.route
    def api_projects(region: str, stalled_months: int = Query(12, ge=1)) -> Response:
        return answer(lambda: projects(store, region, stalled_months=stalled_months))

    @app.get("/api/followthrough/{region}")
    @lane.route
    def api_followthrough(region: str) -> Response:
        return answer(lambda: followthrough(store, region))
