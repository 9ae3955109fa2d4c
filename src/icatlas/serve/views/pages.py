"""The views of the pages with a JSON twin: what each shows, from the atlas."""
from __future__ import annotations

from typing import Any

from fastapi import Request

from ...errors import UsageError
from ..state import AppState


def path_int(request: Request, key: str) -> int:
    """Path parameter ``key`` as a number; a usage error when it is not one."""
    v = str(request.path_params[key])
    if not (v.isascii() and v.isdigit()) or not 0 < int(v) < 2**63:
        raise UsageError(f"bad address {request.url.path}", "ids are numbers from 1")
    return int(v)


def home(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.home_page(request.query_params.get("segment"), request.query_params.get("as_of"))


def region(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.region_page(request.path_params["name"], request.query_params.get("as_of"))


def segment(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.segment_page(request.path_params["node"])


def org(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.org_page(path_int(request, "org_id"))


def event(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.event_page(path_int(request, "event_id"))


def search(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.search(request.query_params.get("q", ""))


def orgs(request: Request, state: AppState) -> dict[str, Any]:
    q = request.query_params
    return state.atlas.orgs_page(q.get("q"), origin=q.get("origin"), segment=q.get("segment"), region=q.get("region"),
                                 type=q.get("type"), page=q.get("page"))


def compare(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.compare_page(request.query_params.get("a"), request.query_params.get("b"),
                                    request.query_params.get("as_of"))


def curation(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.curation_page()


def events(request: Request, state: AppState) -> dict[str, Any]:
    q = request.query_params
    return state.atlas.events_page(type=q.get("type"), region=q.get("region"), participant=q.get("participant"),
                                   since=q.get("since"), until=q.get("until"), page=q.get("page"))


def documents(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.documents_page(request.query_params.get("page"))
