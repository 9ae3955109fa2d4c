"""Errors as the visitor reads them (the error page, or JSON for a JSON request), and the checks every request
passes: its size, and the headers every answer carries."""
from __future__ import annotations

from typing import Any, Callable

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...errors import IcatlasError, NotFound, UsageError
from .. import security
from ..render import render_error
from ..security import TooLarge
from ..state import state_of

#: What every answer may load, and from where.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")


async def on_error(request: Request, exc: IcatlasError) -> Response:
    """An error of icatlas, with its status."""
    return render_error(request, state_of(request), exc)


async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """An HTTP error of the framework: no such page, a method not allowed."""
    if exc.status_code == 404:
        return render_error(request, state_of(request),
                            NotFound(f"no page at {request.url.path}", "start from the home page /"))
    err = IcatlasError(str(exc.detail))
    err.status = exc.status_code
    return render_error(request, state_of(request), err)


async def on_bad_request(request: Request, exc: RequestValidationError) -> Response:
    """A request whose parameters do not fit the route (an id that is not a number)."""
    return render_error(request, state_of(request), UsageError(f"bad address {request.url.path}", "ids are numbers"))


#: The handlers of the app, by the errors they answer.
HANDLERS: dict[type[Exception], Callable[..., Any]] = {
    IcatlasError: on_error, StarletteHTTPException: on_http_error, RequestValidationError: on_bad_request}


async def limit_size(request: Request, call_next: Callable[..., Any]) -> Response:
    """Refuse a request declaring more than 5 MB; give every answer the security headers."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > security.MAX_BODY:
        return render_error(request, state_of(request),
                            TooLarge("the request is larger than 5 MB", "send a smaller document"))
    resp: Response = await call_next(request)
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return resp
