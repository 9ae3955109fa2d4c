"""The web app's routes, in one table. A :class:`Page` is a view shown two ways: as HTML through its template at
``path`` and as its JSON twin at ``path.json`` (``/index.json`` for ``/``); a :class:`Route` is a route function of
its own (documents, the chart library's files, the API, writes). :func:`add_routes` puts them on an app in the order
of the table, which is the order they are matched in and listed in ``/openapi.json``."""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.datastructures import Default, DefaultPlaceholder
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from .params import IdPath, NamePath, PageQuery, text_query
from .render import cached_json, cached_page, json_url
from .state import AppState, state_of
from .views import api, collab, documents, pages, writes

#: A page's view: what the page and its twin show, from the request and the app's state.
View = Callable[[Request, AppState], dict[str, Any]]

def param(name: str, annotation: Any, path: bool = False) -> inspect.Parameter:
    """A route function's parameter, as FastAPI reads it for validation and for /openapi.json."""
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation,
                             default=inspect.Parameter.empty if path else None)


def declared(fn: Callable[..., Any], params: tuple[inspect.Parameter, ...]) -> Callable[..., Any]:
    """``fn(request)`` that FastAPI sees with ``params`` as well: checked against their types and bounds (400 or 404
    otherwise) and declared in /openapi.json; the view reads them from the request as before."""
    async def endpoint(request: Request, **_given: Any) -> Response:
        return await fn(request)
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request), *params])
    endpoint.__name__ = getattr(fn, "__name__", "page")
    return endpoint


@dataclass(frozen=True)
class Page:
    """``view`` as the HTML page ``path`` (rendered with ``template``) and as its JSON twin."""
    path: str
    view: View
    template: str
    params: tuple[inspect.Parameter, ...] = ()

    @property
    def json_path(self) -> str:
        return "/index.json" if self.path == "/" else self.path + ".json"

    # The two route functions carry no docstring: FastAPI would show it as the twin's description in /openapi.json.
    async def as_json(self, request: Request) -> Response:
        state = state_of(request)
        return await state.lane.run(lambda: cached_json(request, state, lambda: self.view(request, state)))

    async def as_html(self, request: Request) -> Response:
        state = state_of(request)
        return await state.lane.run(lambda: cached_page(request, state, self.template, lambda: {
            **self.view(request, state), "json_url": json_url(self.json_path, request)}))

    def add_to(self, app: FastAPI) -> None:
        app.add_api_route(self.json_path, declared(self.as_json, self.params), methods=["GET"],
                          include_in_schema=True, name=self.template + ".json")
        app.add_api_route(self.path, declared(self.as_html, self.params), methods=["GET"], response_class=HTMLResponse,
                          include_in_schema=False, name=self.template)


@dataclass(frozen=True)
class Route:
    """``endpoint`` at ``path`` for ``method``; ``response_class`` when it does not answer JSON."""
    path: str
    endpoint: Callable[..., Any]
    method: str = "GET"
    response_class: type[Response] | DefaultPlaceholder = field(default_factory=lambda: Default(JSONResponse))
    include_in_schema: bool = True

    def add_to(self, app: FastAPI) -> None:
        app.add_api_route(self.path, self.endpoint, methods=[self.method], response_class=self.response_class,
                          include_in_schema=self.include_in_schema)


def _write(path: str, endpoint: Callable[..., Any]) -> Route:
    """A form's target: a POST route outside the API description."""
    return Route(path, endpoint, "POST", include_in_schema=False)


def texts(*names: str) -> tuple[inspect.Parameter, ...]:
    return tuple(param(n, text_query(f"filter: {n}")) for n in names)


ROUTES: list[Page | Route] = [
    Page("/", pages.home, "home.html", texts("segment")),
    Page("/regions/{name}", pages.region, "region.html", (param("name", NamePath, path=True),)),
    Page("/segments/{node}", pages.segment, "segment.html", (param("node", NamePath, path=True),)),
    Page("/orgs", pages.orgs, "orgs.html",
         texts("q", "origin", "segment", "region", "type") + (param("page", PageQuery),)),
    Page("/orgs/{org_id}", pages.org, "org.html", (param("org_id", IdPath, path=True),)),
    Page("/events/{event_id}", pages.event, "event.html", (param("event_id", IdPath, path=True),)),
    Page("/search", pages.search, "search.html", texts("q")),
    Page("/compare", pages.compare, "compare.html", texts("a", "b")),
    Page("/curation", pages.curation, "curation.html"),
    Page("/events", pages.events, "events.html",
         texts("type", "region", "participant", "since", "until") + (param("page", PageQuery),)),
    Page("/documents", pages.documents, "documents.html", (param("page", PageQuery),)),
    Page("/alliances", collab.alliances, "collab_alliances.html", texts("region")),
    Page("/alliances/{name}", collab.alliance, "collab_alliance.html", (param("name", NamePath, path=True),)),
    Page("/resources", collab.resources, "collab_resources.html", texts("region", "segment", "alliance")),
    Page("/talent", collab.talent, "collab_talent.html", texts("region")),
    Page("/policies", collab.policies, "collab_policies.html", texts("region", "segment", "a", "b")),
    Page("/goals", collab.goals, "collab_goals.html", texts("region", "subject")),
    Route("/documents/{doc_id}.json", documents.document_json),
    Route("/documents/{doc_id}", documents.document_page, response_class=HTMLResponse),
    Route("/documents/{doc_id}/original", documents.document_original, response_class=PlainTextResponse),
    Route("/static/vendor/{name}", documents.vendor_file, include_in_schema=False),
    Route("/api/status", api.api_status),
    Route("/api/documents", writes.api_upload, "POST"),
    Route("/upload", writes.upload_page, response_class=HTMLResponse, include_in_schema=False),
    _write("/upload", writes.upload_form),
    Route("/login", writes.login_page, response_class=HTMLResponse, include_in_schema=False),
    _write("/login", writes.login),
    _write("/logout", writes.logout),
    _write("/events/{event_id}/curate", writes.curate_event),
    _write("/orgs/{org_id}/rename", writes.rename_org),
    _write("/orgs/{org_id}/merge", writes.merge_org),
    Route("/api/map/{region}", api.api_map),
    Route("/api/gaps/{region}", api.api_gaps),
    Route("/api/compare/{a}/{b}", api.api_compare),
    Route("/api/partners/{org}", api.api_partners),
    Route("/api/targets/{region}", api.api_targets),
    Route("/api/timeline/{region}", api.api_timeline),
    Route("/api/network", api.api_network),
    Route("/api/projects/{region}", api.api_projects),
    Route("/api/followthrough/{region}", api.api_followthrough),
]


def add_routes(app: FastAPI, routes: list[Page | Route] = ROUTES) -> None:
    """Put ``routes`` on ``app``, in order."""
    for r in routes:
        r.add_to(app)
