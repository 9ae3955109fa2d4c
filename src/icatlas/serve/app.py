"""The web app: a home page and a document page, each with a JSON twin. Routes only call the store."""
from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.templating import Jinja2Templates

from .. import __version__
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import IcatlasError, NotFound, UsageError
from ..store import Store

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
LABEL_CLASS = {"person": "per", "region": "loc", "date": "num", "money": "num", "percent": "num", "count": "num"}


def create_app(db: str | os.PathLike[str] | None = None) -> FastAPI:
    """The web app over the store at ``db``."""
    store = Store.open(db)
    # The interactive docs page loads its scripts from a CDN, which an offline machine cannot reach;
    # the OpenAPI description itself is served at /openapi.json.
    app = FastAPI(title="icatlas", version=__version__, docs_url=None, redoc_url=None,
                  description="The industrial map of integrated-circuit clusters.")

    def render_error(request: Request, exc: IcatlasError) -> Response:
        if request.url.path.endswith(".json"):
            return JSONResponse(exc.as_dict(), status_code=exc.status)
        return TEMPLATES.TemplateResponse(request, "error.html", {"error": exc, "version": __version__},
                                          status_code=exc.status)

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
        return render_error(request, UsageError(f"bad address {request.url.path}", "document ids are numbers"))

    def home_data() -> dict[str, Any]:
        return {"stats": store.stats(), "documents": store.documents(limit=20), "version": __version__}

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        return TEMPLATES.TemplateResponse(request, "home.html", home_data())

    @app.get("/index.json")
    def home_json() -> dict[str, Any]:
        return home_data()

    @app.get("/documents/{doc_id}.json")
    def document_json(doc_id: int) -> Response:
        return JSONResponse(_jsonable(store.document(doc_id)))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: int) -> Response:
        doc = store.document(doc_id)
        return TEMPLATES.TemplateResponse(request, "document.html", {
            "doc": doc, "highlighted": highlight(doc["text"], doc["mentions"]), "version": __version__,
            "safe_url": doc["url"] if _is_web_address(doc["url"]) else None})

    @app.get("/documents/{doc_id}/original", response_class=PlainTextResponse)
    def document_original(doc_id: int) -> str:
        return str(store.document(doc_id)["raw"])

    add_analytics_routes(app, store)
    add_timeline_routes(app, store)
    return app


def highlight(text: str, mentions: list[dict[str, Any]]) -> str:
    """The text as HTML with each mention in a <mark> carrying its label (no overlaps; first wins)."""
    out: list[str] = []
    pos = 0
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        if m["start"] < pos:
            continue
        out.append(html.escape(text[pos:m["start"]]))
        cls = LABEL_CLASS.get(m["label"], "org")
        out.append(f'<mark class="{cls}" data-label="{html.escape(m["label"])}" title="{html.escape(m["label"])}">'
                   f'{html.escape(text[m["start"]:m["end"]])}</mark>')
        pos = m["end"]
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>\n")


def _is_web_address(url: object) -> bool:
    """Only http(s) addresses become links: a page's own url field could say javascript:…"""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    import json

    return json.loads(json.dumps(data, default=str))


# -- the industrial map: chain map, gaps, complementarity, partners, attraction targets (JSON) -------------------
def add_analytics_routes(app: FastAPI, store: Store) -> None:
    """``/api/map/{region}``, ``/api/gaps/{region}``, ``/api/compare/{a}/{b}``, ``/api/partners/{org}`` and
    ``/api/targets/{region}``: the JSON of the matching ``icatlas`` commands. Errors answer as JSON too."""
    from fastapi import Query

    from .. import analytics

    def answer(compute: Any) -> Response:
        try:
            return JSONResponse(_jsonable(compute()))
        except IcatlasError as exc:
            return JSONResponse(exc.as_dict(), status_code=exc.status)

    @app.get("/api/map/{region}")
    def api_map(region: str, evidence: int = Query(3, ge=0, le=50)) -> Response:
        return answer(lambda: analytics.chain_map(store, region, evidence_per_org=evidence))

    @app.get("/api/gaps/{region}")
    def api_gaps(region: str, limit: int = Query(0, ge=0)) -> Response:
        return answer(lambda: analytics.gaps(store, region, limit=limit or None))

    @app.get("/api/compare/{a}/{b}")
    def api_compare(a: str, b: str) -> Response:
        return answer(lambda: analytics.compare(store, a, b))

    @app.get("/api/partners/{org}")
    def api_partners(org: str, region: str | None = Query(None, alias="in"), limit: int = Query(20, ge=1)) -> Response:
        return answer(lambda: analytics.partners(store, org, region=region, limit=limit))

    @app.get("/api/targets/{region}")
    def api_targets(region: str, gaps: int = Query(10, ge=1), limit: int = Query(20, ge=1)) -> Response:
        return answer(lambda: analytics.targets(store, region, gap_count=gaps, limit=limit))


# -- timelines, the collaboration network, project life cycles, agreement follow-through (JSON) ---------------------
def add_timeline_routes(app: FastAPI, store: Store) -> None:
    """``/api/timeline/{region}?by=``, ``/api/network?region=``, ``/api/projects/{region}?stalled_months=`` and
    ``/api/followthrough/{region}``: the JSON of the matching ``icatlas`` commands. Errors answer as JSON too."""
    from fastapi import Query

    from ..analytics.network import network
    from ..analytics.timelines import followthrough, projects, timeline

    def answer(compute: Any) -> Response:
        try:
            return JSONResponse(_jsonable(compute()))
        except IcatlasError as exc:
            return JSONResponse(exc.as_dict(), status_code=exc.status)

    @app.get("/api/timeline/{region}")
    def api_timeline(region: str, by: str = Query("year", pattern="^(year|quarter|month)$")) -> Response:
        return answer(lambda: timeline(store, region, by=by))

    @app.get("/api/network")
    def api_network(region: str | None = Query(None)) -> Response:
        return answer(lambda: network(store, region))

    @app.get("/api/projects/{region}")
    def api_projects(region: str, stalled_months: int = Query(12, ge=1)) -> Response:
        return answer(lambda: projects(store, region, stalled_months=stalled_months))

    @app.get("/api/followthrough/{region}")
    def api_followthrough(region: str) -> Response:
        return answer(lambda: followthrough(store, region))
