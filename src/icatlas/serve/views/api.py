"""The ``/api`` routes: the app's status, and the chain map, gaps, comparison, partners, attraction targets,
timelines, the collaboration network, project life cycles and agreement follow-through, as the matching
``icatlas`` commands answer them in JSON. Errors answer as JSON too.

The analysis routes carry no docstring: FastAPI would show it in /openapi.json."""
from __future__ import annotations

import os
from typing import Any, Callable

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response

from ... import __version__
from ...errors import IcatlasError
from ..render import json_response
from ..params import NamePath
from ..state import state_of


async def api_status(request: Request) -> Response:
    """The app's version, whether it accepts writes, the process id of the worker that answers, and its last
    readying of the pages: ``{"seconds", "steps"}``, or null before the first one ends."""
    state = state_of(request)
    return JSONResponse({"version": __version__, "read_only": state.guard.read_only, "worker": os.getpid(),
                         "warm": state.warmer.last})


async def answer(request: Request, compute: Callable[[], Any]) -> Response:
    """``compute()`` in the lane, as JSON; an error as its JSON with its status."""
    def run() -> Response:
        try:
            return json_response(compute())
        except IcatlasError as exc:
            return JSONResponse(exc.as_dict(), status_code=exc.status)
    return await state_of(request).lane.run(run)


#: The as-of date of an analysis: a day, a month or a year (the analysis checks that the day exists).
AsOf = Query(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", max_length=10)


async def api_map(request: Request, region: NamePath, evidence: int = Query(3, ge=0, le=50),
                  as_of: str | None = AsOf, firms: int = Query(5, ge=0, le=100_000)) -> Response:
    return await answer(request, lambda: state_of(request).atlas.chain_map(region, evidence, as_of=as_of, firms=firms))


async def api_gaps(request: Request, region: NamePath, limit: int = Query(0, ge=0, le=1000),
                   as_of: str | None = AsOf) -> Response:
    return await answer(request, lambda: state_of(request).atlas.gaps(region, limit=limit or None, as_of=as_of))


async def api_compare(request: Request, a: NamePath, b: NamePath, as_of: str | None = AsOf) -> Response:
    return await answer(request, lambda: state_of(request).atlas.compare(a, b, as_of=as_of))


async def api_partners(request: Request, org: NamePath, region: str | None = Query(None, alias="in", max_length=100),
                       limit: int = Query(20, ge=1, le=1000), as_of: str | None = AsOf) -> Response:
    return await answer(request, lambda: state_of(request).atlas.partners(org, region=region, limit=limit,
                                                                          as_of=as_of))


async def api_targets(request: Request, region: NamePath, gaps: int = Query(10, ge=1, le=1000),
                      limit: int = Query(20, ge=1, le=1000), as_of: str | None = AsOf) -> Response:
    return await answer(request, lambda: state_of(request).atlas.targets(region, gaps=gaps, limit=limit,
                                                                         as_of=as_of))


async def api_timeline(request: Request, region: NamePath, by: str = Query("year", pattern="^(year|quarter|month)$"),
                       as_of: str | None = AsOf) -> Response:
    return await answer(request, lambda: state_of(request).atlas.timeline(region, by=by, as_of=as_of))


async def api_network(request: Request, region: str | None = Query(None, max_length=100),
                      as_of: str | None = AsOf) -> Response:
    return await answer(request, lambda: state_of(request).atlas.network(region, as_of=as_of))


async def api_projects(request: Request, region: NamePath, stalled_months: int = Query(12, ge=1, le=1200),
                       as_of: str | None = AsOf) -> Response:
    return await answer(request, lambda: state_of(request).atlas.projects(region, stalled_months=stalled_months,
                                                                          as_of=as_of))


async def api_followthrough(request: Request, region: NamePath, as_of: str | None = AsOf) -> Response:
    return await answer(request, lambda: state_of(request).atlas.followthrough(region, as_of=as_of))
