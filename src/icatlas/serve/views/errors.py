"""Errors as the visitor reads them (the error page, or JSON for a JSON request), and the checks every request
passes: its size, and the headers every answer carries."""
from __future__ import annotations

import logging
import secrets
from typing import Any, Callable

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...errors import IcatlasError, NotFound, UsageError
from .. import security
from ..render import csp_nonce, render_error
from ..security import TooLarge
from ..state import state_of

#: What every answer may load, and from where: scripts from the app itself or inline with this answer's nonce only.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                           "form-action 'self'; object-src 'none'")


def secure(resp: Response, nonce: str) -> Response:
    """``resp`` with the security headers every answer carries, errors included."""
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.format(nonce=nonce)
    resp.headers["Referrer-Policy"] = "same-origin"
    resp.headers["X-Frame-Options"] = "DENY"
    return resp


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
    """A request whose parameters do not fit the route (an id that is not a number, a page out of range), as 400
    naming the parameter; an id out of range is no such thing (404)."""
    errors = exc.errors()
    first = errors[0] if errors else {}
    where = [str(x) for x in first.get("loc", ())]
    name = where[-1] if where else "request"
    if where[:1] == ["path"] and first.get("type") in ("less_than_equal", "greater_than_equal"):
        return render_error(request, state_of(request), NotFound(f"no {name.removesuffix('_id')} {request.url.path.split('/')[-1]!r}",
                                                                 "start from the home page /"))
    msg = str(first.get("msg", "not valid"))
    return render_error(request, state_of(request), UsageError(f"bad {where[0] if where else 'request'} parameter "
                                                               f"{name!r}: {msg}", "see /openapi.json"))


async def on_crash(request: Request, exc: Exception) -> Response:
    """Anything else: logged, and answered 500 with a message and the security headers, never a trace."""
    logging.getLogger("uvicorn.error").error("icatlas: %s %s failed", request.method, request.url.path, exc_info=exc)
    err = IcatlasError("something went wrong on our side", "try again; if it persists, report the address")
    try:
        resp = render_error(request, state_of(request), err)
    except Exception:  # noqa: BLE001 - the error page itself failed: a plain answer still goes out
        resp = PlainTextResponse(str(err), status_code=500)
    return secure(resp, csp_nonce(request))


#: The handlers of the app, by the errors they answer.
HANDLERS: dict[type[Exception], Callable[..., Any]] = {
    IcatlasError: on_error, StarletteHTTPException: on_http_error, RequestValidationError: on_bad_request,
    Exception: on_crash}


async def limit_size(request: Request, call_next: Callable[..., Any]) -> Response:
    """Refuse a request declaring more than 5 MB; give every answer the security headers, with a fresh script
    nonce."""
    nonce = secrets.token_urlsafe(16)
    request.state.csp_nonce = nonce
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > security.MAX_BODY:
        return secure(render_error(request, state_of(request),
                                   TooLarge("the request is larger than 5 MB", "send a smaller document")), nonce)
    resp: Response = await call_next(request)
    return secure(resp, nonce)
