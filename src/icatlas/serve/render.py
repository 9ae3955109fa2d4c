"""Rendering: the templates with their filters, the context every page gets (language, session, CSRF token, the
chart library's presence), pages and JSON twins through the page cache, and errors as a page or as JSON."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..errors import IcatlasError
from ..money import money, quantity
from .i18n import lang_of, translator
from .security import SESSION_COOKIE
from .state import AppState

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
VENDOR = Path(__file__).parent / "static" / "vendor"
#: The only files served from disk, by fixed name: a request picks one of these keys and nothing else.
VENDOR_FILES = {"echarts.min.js": "application/javascript", "china.json": "application/json"}


def doc_name(source: Any) -> str:
    """A document's name when it has no title: the file name of its source, without the folders."""
    return re.split(r"[/\\]", str(source or ""))[-1] or "—"


def ascii_only(s: Any) -> bool:
    """Whether ``s`` is written in ASCII only (a Jinja test)."""
    return str(s).isascii()


TEMPLATES.env.filters["money"] = money
TEMPLATES.env.filters["doc_name"] = doc_name
TEMPLATES.env.filters["qty"] = quantity
TEMPLATES.env.tests["ascii_only"] = ascii_only


def vendor_present() -> tuple[bool, bool]:
    """Whether the chart library and the map of China are installed."""
    return (VENDOR / "echarts.min.js").is_file(), (VENDOR / "china.json").is_file()


def wants_json(request: Request) -> bool:
    """Whether ``request`` is answered in JSON (a twin, an API route, a JSON body)."""
    p = request.url.path
    return p.endswith(".json") or p.startswith("/api/") or "application/json" in request.headers.get("content-type", "")


def session_of(request: Request, state: AppState) -> tuple[tuple[str, bool], str | None]:
    """(session id, logged in) and the new session cookie to set when the request had no valid one."""
    sess = state.guard.session(request)
    if sess is not None:
        return sess, None
    cookie = state.guard.new_session()
    return (cookie.split(".")[0], False), cookie


#: Stands for the request's script nonce in a cached page; replaced by each request's own.
NONCE_PLACEHOLDER = "__icatlas_csp_nonce__"


def csp_nonce(request: Request) -> str:
    """The nonce of this request's inline scripts (set by the security-headers middleware; its CSP names it)."""
    return str(getattr(request.state, "csp_nonce", ""))


def page_ctx(request: Request, state: AppState, ctx: dict[str, Any], lang: str, csrf: str, authed: bool,
             nonce: str | None = None) -> dict[str, Any]:
    """``ctx`` with what every template reads: translator, language, CSRF token, session, version, chart library,
    the script nonce."""
    vendor = vendor_present()
    return {**ctx, "t": translator(lang), "lang": lang, "csrf": csrf, "authed": authed,
            "csp_nonce": csp_nonce(request) if nonce is None else nonce,
            "read_only": state.guard.read_only, "version": __version__, "has_echarts": vendor[0],
            "has_map": vendor[1] and vendor[0], "path": request.url.path}


def finish(request: Request, resp: Response, cookie: str | None) -> Response:
    """``resp`` with the new session cookie and the language asked for (``?lang=``) remembered."""
    if cookie:
        resp.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="lax")
    if request.query_params.get("lang") in ("zh", "en"):
        resp.set_cookie("lang", str(request.query_params["lang"]), samesite="lax", max_age=365 * 86400)
    return resp


def render(request: Request, state: AppState, template: str, ctx: dict[str, Any], status: int = 200) -> Response:
    """``template`` rendered with ``ctx`` for this visitor."""
    lang = lang_of(request)
    sess, cookie = session_of(request, state)
    resp = TEMPLATES.TemplateResponse(request, template,
                                      page_ctx(request, state, ctx, lang, state.guard.csrf(sess[0]), sess[1]),
                                      status_code=status)
    return finish(request, resp, cookie)


def cached_page(request: Request, state: AppState, template: str, compute: Callable[[], dict[str, Any]]) -> Response:
    """``render`` through the page cache: keyed by template, path, query, language, the chart library's presence
    and the store version; anonymous sessions only, the CSRF token filled in per request."""
    sess, cookie = session_of(request, state)
    cache = state.cache
    version = None if sess[1] else cache.version()
    if version is None:
        resp = TEMPLATES.TemplateResponse(request, template, page_ctx(request, state, compute(), lang_of(request),
                                                                      state.guard.csrf(sess[0]), sess[1]))
        return finish(request, resp, cookie)
    lang = lang_of(request)
    key = ("html", template, request.url.path, request.url.query, lang, vendor_present(), version)
    body = cache.get_or_compute(key, lambda: TEMPLATES.get_template(template).render(
        {**page_ctx(request, state, compute(), lang, cache.csrf_placeholder, False, NONCE_PLACEHOLDER),
         "request": request}))
    body = body.replace(cache.csrf_placeholder, state.guard.csrf(sess[0])).replace(NONCE_PLACEHOLDER,
                                                                                  csp_nonce(request))
    return finish(request, HTMLResponse(body), cookie)


def cached_json(request: Request, state: AppState, compute: Callable[[], Any]) -> Response:
    """``compute()`` as JSON through the page cache (keyed by path, query and store version)."""
    version = state.cache.version()
    if version is None:
        return json_response(compute())
    key = ("json", request.url.path, request.url.query, version)
    body = state.cache.get_or_compute(key, lambda: json_body(compute()))
    return Response(body, media_type="application/json")


def render_error(request: Request, state: AppState, exc: IcatlasError) -> Response:
    """An error as JSON for a JSON request, else as the error page; with its status."""
    if wants_json(request):
        return JSONResponse(exc.as_dict(), status_code=exc.status)
    return render(request, state, "error.html", {"error": exc}, status=exc.status)


def json_url(path: str, request: Request) -> str:
    """The address of a page's JSON twin (``path`` with the request's path parameters and query)."""
    url = path.format(**request.path_params)
    return url + ("?" + request.url.query if request.url.query else "")


def json_body(data: Any) -> bytes:
    """``data`` encoded as :class:`JSONResponse` encodes :func:`jsonable` of it, in one pass: a map of a large
    region is half a megabyte of JSON, and the three passes (to text, back, to text again) were most of its API
    answer. A number JSON cannot hold (NaN, infinite) takes the long way, to become null."""
    try:
        text = json.dumps(data, default=str, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))
    except ValueError:
        text = json.dumps(jsonable(data), ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))
    return text.encode("utf-8")


def json_response(data: Any, status_code: int = 200) -> Response:
    return Response(json_body(data), status_code=status_code, media_type="application/json")


def jsonable(data: Any) -> Any:
    """``data`` as JSON has it (dates and the like as text; a number JSON cannot hold, NaN or infinite, as null)."""
    return json.loads(json.dumps(data, default=str), parse_constant=lambda _c: None)
