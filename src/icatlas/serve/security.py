"""Writes need the token; forms carry a per-session CSRF token; request bodies have a size limit.

The session is a cookie ``sid.flag.mac``: a random id, whether the holder logged in with the token, and an HMAC of
both under a key made at start-up. The CSRF token of a session is an HMAC of its id, so it needs no storage.
"""
from __future__ import annotations

import email.parser
import email.policy
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from fastapi import Request

from ..errors import IcatlasError, UsageError

SESSION_COOKIE = "icatlas_session"
#: Largest request body accepted (an upload of text); larger ones answer 413.
MAX_BODY = 5 * 1024 * 1024


class Forbidden(IcatlasError):
    status = 403
    code = "E403"


class Unauthorized(IcatlasError):
    status = 401
    code = "E401"


class TooLarge(IcatlasError):
    status = 413
    code = "E413"


@dataclass
class Guard:
    token: str | None
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @property
    def read_only(self) -> bool:
        return not self.token

    # -- sessions -------------------------------------------------------------------------------
    def _mac(self, value: str) -> str:
        return hmac.new(self.key, value.encode(), hashlib.sha256).hexdigest()[:32]

    def new_session(self, authed: bool = False) -> str:
        sid = secrets.token_hex(16)
        body = f"{sid}.{int(authed)}"
        return f"{body}.{self._mac(body)}"

    def session(self, request: Request) -> tuple[str, bool] | None:
        """(session id, logged in) of a valid session cookie, else None."""
        raw = request.cookies.get(SESSION_COOKIE, "")
        parts = raw.split(".")
        if len(parts) != 3 or not hmac.compare_digest(parts[2], self._mac(f"{parts[0]}.{parts[1]}")):
            return None
        return parts[0], parts[1] == "1"

    def csrf(self, sid: str) -> str:
        return self._mac("csrf:" + sid)

    def token_ok(self, given: str | None) -> bool:
        return bool(self.token) and given is not None and hmac.compare_digest(given.encode(), str(self.token).encode())

    # -- checks ---------------------------------------------------------------------------------
    def need_writable(self) -> None:
        if self.read_only:
            raise Forbidden("this icatlas is read-only: no token is configured",
                            "start it with `icatlas serve --token TOKEN` (or ICATLAS_TOKEN) to allow uploads and curation")

    def check_bearer(self, request: Request) -> None:
        """A JSON write: the token in ``Authorization: Bearer``."""
        self.need_writable()
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not self.token_ok(given.strip()):
            raise Unauthorized("a write needs the token", "send `Authorization: Bearer TOKEN`")

    def check_form(self, request: Request, form: dict[str, str], need_token: bool = True) -> None:
        """A form write: a valid session whose CSRF token is in the form, and (unless the session logged in) the
        token in the form's ``token`` field."""
        sess = self.session(request)
        if sess is None or not hmac.compare_digest(form.get("csrf", ""), self.csrf(sess[0])):
            raise Forbidden("the form's CSRF token is missing or wrong", "reload the page and send the form again")
        if need_token:
            self.need_writable()
            if not (sess[1] or self.token_ok(form.get("token"))):
                raise Unauthorized("a write needs the token", "log in at /login or fill in the token field")


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request body, refused with 413 beyond ``limit`` bytes (declared or actual)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the request is larger than {limit // (1024 * 1024)} MB", "send a smaller document")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"the request is larger than {limit // (1024 * 1024)} MB", "send a smaller document")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Request, files: dict[str, tuple[str, bytes]] | None = None) -> dict[str, str]:
    """A form body as a dict (the last value of each field): ``application/x-www-form-urlencoded``, or
    ``multipart/form-data`` when ``files`` is given, which then receives each file field as (file name, bytes).
    The file name is kept as a label only; it never becomes a path."""
    body = await read_body(request)
    ctype = request.headers.get("content-type", "")
    if files is not None and ctype.startswith("multipart/form-data"):
        return _multipart(ctype, body, files)
    if "application/x-www-form-urlencoded" not in ctype:
        raise UsageError("forms are sent as application/x-www-form-urlencoded", "use the page's form")
    try:
        pairs: dict[str, Any] = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        raise UsageError("the form is not UTF-8", "use the page's form") from None
    return {k: str(v[-1]) for k, v in pairs.items()}


def _multipart(ctype: str, body: bytes, files: dict[str, tuple[str, bytes]]) -> dict[str, str]:
    """Split a ``multipart/form-data`` body with the standard library's MIME parser."""
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + ctype.encode("latin-1") + b"\r\n\r\n" + body)
    if not msg.is_multipart():
        raise UsageError("the form is not valid multipart/form-data", "use the page's form")
    out: dict[str, str] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        raw = part.get_payload(decode=True)
        payload = raw if isinstance(raw, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            if payload:
                files[name] = (str(filename), payload)
            continue
        try:
            out[name] = payload.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"the form field {name!r} is not UTF-8", "use the page's form") from None
    return out
