"""The web app: a home page and a document page, each with a JSON twin. Routes only call the store."""
from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..errors import IcatlasError
from ..store import Store

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
LABEL_CLASS = {"person": "per", "region": "loc", "date": "num", "money": "num", "percent": "num", "count": "num"}


def create_app(db: str | os.PathLike[str] | None = None) -> FastAPI:
    """The web app over the store at ``db``."""
    store = Store.open(db)
    app = FastAPI(title="icatlas", version=__version__,
                  description="The industrial map of integrated-circuit clusters.")

    @app.exception_handler(IcatlasError)
    async def _error(request: Request, exc: IcatlasError) -> Response:
        if request.url.path.endswith(".json"):
            return JSONResponse(exc.as_dict(), status_code=exc.status)
        return TEMPLATES.TemplateResponse(request, "error.html", {"error": exc}, status_code=exc.status)

    def home_data() -> dict[str, Any]:
        return {"stats": store.stats(), "documents": store.documents(limit=20), "version": __version__}

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        return TEMPLATES.TemplateResponse(request, "home.html", home_data())

    @app.get("/index.json")
    def home_json() -> dict[str, Any]:
        return home_data()

    @app.get("/documents/{doc_id}.json")
    def document_json(doc_id: int) -> Response:
        return JSONResponse(_jsonable(store.document(doc_id)))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: int) -> Response:
        doc = store.document(doc_id)
        return TEMPLATES.TemplateResponse(request, "document.html", {
            "doc": doc, "highlighted": highlight(doc["text"], doc["mentions"]), "version": __version__})

    @app.get("/documents/{doc_id}/original", response_class=PlainTextResponse)
    def document_original(doc_id: int) -> str:
        return str(store.document(doc_id)["raw"])

    return app


def highlight(text: str, mentions: list[dict[str, Any]]) -> str:
    """The text as HTML with each mention in a <mark> carrying its label (no overlaps; first wins)."""
    out: list[str] = []
    pos = 0
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        if m["start"] < pos:
            continue
        out.append(html.escape(text[pos:m["start"]]))
        cls = LABEL_CLASS.get(m["label"], "org")
        out.append(f'<mark class="{cls}" data-label="{html.escape(m["label"])}" title="{html.escape(m["label"])}">'
                   f'{html.escape(text[m["start"]:m["end"]])}</mark>')
        pos = m["end"]
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>\n")


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    import json

    return json.loads(json.dumps(data, default=str))
