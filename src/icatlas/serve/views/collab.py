"""The views of the collaboration pages: alliances, shared resources, talent, policies and targets."""
from __future__ import annotations

from typing import Any

from fastapi import Request

from ...errors import UsageError
from ..state import AppState


def query(request: Request, key: str) -> str | None:
    """Query parameter ``key``, stripped; None when empty; a usage error when longer than 100 characters."""
    v = request.query_params.get(key)
    v = v.strip() if isinstance(v, str) else None
    if v and len(v) > 100:
        raise UsageError(f"the {key} is too long", "use a name of at most 100 characters")
    return v or None


def alliances(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.alliances_page(query(request, "region"))


def alliance(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.alliance_page(request.path_params["name"])


def resources(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.resources_page(query(request, "region"), query(request, "segment"), query(request, "alliance"))


def talent(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.talent_page(query(request, "region"))


def policies(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.policies_page(query(request, "region"), query(request, "segment"), query(request, "a"),
                                     query(request, "b"))


def goals(request: Request, state: AppState) -> dict[str, Any]:
    return state.atlas.goals_page(query(request, "region"), query(request, "subject"))
