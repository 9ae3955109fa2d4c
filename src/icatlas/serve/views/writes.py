"""The routes that write: uploading a document (JSON API and form), logging in and out, confirming or correcting an
event, renaming and merging organisations. Each needs the token (a bearer token, or a logged-in session and the
form's CSRF token); each readies the pages of the new store state in the background."""
from __future__ import annotations

import re
from typing import Any

import anyio.to_thread
from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from ...errors import UsageError
from ...read.clean import loads, why_not_json
from ..params import IdPath
from ..render import render
from ..security import SESSION_COOKIE, read_body, read_form
from ..state import AppState, state_of


async def api_upload(request: Request) -> Response:
    """Store a document: JSON ``{"title", "text", "published"}`` with ``Authorization: Bearer TOKEN``;
    answers ``{"id", "url"}`` (201)."""
    state = state_of(request)
    state.guard.check_bearer(request)
    body = await read_body(request)
    try:
        rec = loads(body)
    except ValueError as exc:  # not UTF-8, not JSON, NaN or nested too deeply
        raise UsageError(f"the body is not JSON that icatlas reads ({why_not_json(exc)})",
                         'send {"title", "text", "published"}') from None
    if not isinstance(rec, dict):
        raise UsageError("the body is not a JSON object", 'send {"title", "text", "published"}')
    # the ingest runs on a thread: the event loop keeps accepting and answering meanwhile
    out = await anyio.to_thread.run_sync(
        lambda: state.atlas.upload_text(str(rec.get("title") or ""), rec.get("text"), rec.get("published")))
    state.warmer.in_background()  # ready the pages of the new store state
    return JSONResponse(out, status_code=201)


def upload_page(request: Request) -> Response:
    """The upload form."""
    return render(request, state_of(request), "upload.html", {})


async def upload_form(request: Request) -> Response:
    """Store the document of the upload form (a file, else the pasted text) and show it."""
    files: dict[str, tuple[str, bytes]] = {}
    state, form = await checked_form(request, files=files)

    def ingest() -> dict[str, Any]:
        if "file" in files:
            name, raw = files["file"]
            return state.atlas.upload_file(name, raw, form.get("title", ""), form.get("published") or None)
        return state.atlas.upload_text(form.get("title", ""), form.get("text", ""), form.get("published") or None)
    out = await anyio.to_thread.run_sync(ingest)  # on a thread: the event loop keeps answering meanwhile
    return written(state, out["url"])


def login_page(request: Request) -> Response:
    """The login form."""
    return render(request, state_of(request), "login.html", {})


async def login(request: Request) -> Response:
    """Log in with the token: a new session that may write."""
    state, _ = await checked_form(request)  # the token field is checked here
    resp = RedirectResponse("/", status_code=303)
    resp.set_cookie(SESSION_COOKIE, state.guard.new_session(authed=True), httponly=True, samesite="lax")
    return resp


async def logout(request: Request) -> Response:
    """Log out: a new anonymous session."""
    state, _ = await checked_form(request, need_token=False)
    resp = RedirectResponse("/", status_code=303)
    resp.set_cookie(SESSION_COOKIE, state.guard.new_session(), httponly=True, samesite="lax")
    return resp


async def curate_event(request: Request, event_id: IdPath) -> Response:
    """Confirm event ``event_id`` or correct one of its fields."""
    state, form = await checked_form(request)
    action = form.get("action", "confirm")
    if action == "confirm":
        state.atlas.curate_event(event_id, "confirmed", True, who="web")
    else:
        fld = form.get("field", "")
        state.atlas.curate_event(event_id, fld, event_value(fld, form.get("value", "")), who="web")
    return written(state, f"/events/{event_id}")


async def rename_org(request: Request, org_id: IdPath) -> Response:
    """Rename organisation ``org_id`` (its old name stays an alias)."""
    state, form = await checked_form(request)
    name = form.get("name", "").strip()
    if not name:
        raise UsageError("the new name is empty", "write the organisation's name")
    state.atlas.org_row(org_id)  # 404 for anything but an organisation
    state.atlas.curate_entity(org_id, "name", name, who="web")
    return written(state, f"/orgs/{org_id}")


async def merge_org(request: Request, org_id: IdPath) -> Response:
    """Fold the organisation the form names into organisation ``org_id``."""
    state, form = await checked_form(request)
    state.atlas.org_row(org_id)  # 404 for anything but an organisation
    other = state.atlas.entity_id_of(form.get("other", ""))
    state.atlas.merge_entities(org_id, other, who="web")
    return written(state, f"/orgs/{org_id}")


async def checked_form(request: Request, need_token: bool = True, files: dict[str, tuple[str, bytes]] | None = None
                       ) -> tuple[AppState, dict[str, str]]:
    """The app's state and the request's form (its files into ``files``), its CSRF token checked and, with
    ``need_token``, the writing token of the session or of the form."""
    state = state_of(request)
    form = await read_form(request, files)
    state.guard.check_form(request, form, need_token=need_token)
    return state, form


def written(state: AppState, url: str) -> Response:
    """After a write: the pages of the new store state readied in the background, and the visitor sent to ``url``."""
    state.warmer.in_background()
    return RedirectResponse(url, status_code=303)


def event_value(field: str, value: str) -> Any:
    """The value of an event's field as the form writes it: a number for the amount, a list for the participants."""
    value = value.strip()
    if field == "amount_value":
        try:
            return float(value) if value else None
        except ValueError:
            raise UsageError(f"{value!r} is not a number", "write the amount as a number") from None
    if field == "participants":
        return [{"name": n.strip(), "role": "party"} for n in re.split(r"[、,，;；]", value) if n.strip()]
    return value or None
