"""The document routes: a document's page (its text with the mentions marked), its JSON and its original text; and
the chart library's files."""
from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from ...errors import NotFound
from .. import render
from ..highlight import highlight, is_web_address
from ..render import cached_json, cached_page
from ..params import IdPath
from ..state import AppState, state_of

# The route functions here carry no docstring: FastAPI would show it in /openapi.json.


async def document_json(request: Request, doc_id: IdPath) -> Response:
    # the document with its texts, mentions, events and figures
    state = state_of(request)
    return await state.lane.run(lambda: cached_json(request, state, lambda: state.atlas.document(doc_id)))


async def document_page(request: Request, doc_id: IdPath) -> Response:
    state = state_of(request)
    return await state.lane.run(lambda: cached_page(request, state, "document.html", lambda: view(state, doc_id)))


def view(state: AppState, doc_id: int) -> dict[str, Any]:
    """What the document page shows: the document, its text as HTML with the mentions marked and the evidence
    anchored, its address when it is a web address."""
    doc = state.atlas.document(doc_id)
    return {"doc": doc, "highlighted": highlight(doc["text"], doc["mentions"], state.atlas.evidence_anchors(doc)),
            "safe_url": doc["url"] if is_web_address(doc["url"]) else None,
            "json_url": f"/documents/{doc_id}.json"}


async def document_original(request: Request, doc_id: IdPath) -> str:
    # the document as it came in
    state = state_of(request)
    return await state.lane.run(lambda: str(state.atlas.document(doc_id)["raw"]))


def vendor_file(name: str) -> Response:
    """One of the chart library's files, by its fixed name."""
    if name not in render.VENDOR_FILES:
        raise NotFound(f"no file {name!r}", "only the installed chart library is served")
    path = render.VENDOR / name  # the name is one of the fixed keys above
    if not path.is_file():
        raise NotFound(f"{name} is not installed", "run scripts/install.sh")
    return Response(path.read_bytes(), media_type=render.VENDOR_FILES[name],
                    headers={"Cache-Control": "public, max-age=86400"})
