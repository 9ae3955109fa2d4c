"""The web app: server-rendered pages (Jinja2, Chinese with an English switch), each with a JSON twin, and the
``/api`` routes. The routes are one table (:mod:`icatlas.serve.routes`); their views only ask the atlas, then
render. Writes (upload, curation) need the token; forms carry a CSRF token; request bodies are limited in size; no
request path reaches the file system."""
from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from typing import AsyncIterator

import anyio.to_thread
from fastapi import FastAPI

from .. import __version__
from .routes import add_routes
from .state import ENV_SESSION_KEY, ENV_TOKEN, AppState
from .views.errors import HANDLERS, limit_size

__all__ = ["ENV_SESSION_KEY", "ENV_TOKEN", "app_from_env", "create_app"]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Ready the pages before the app accepts connections (when readying is on)."""
    warmer = app.state.icatlas.warmer
    if warmer.enabled:
        try:
            await anyio.to_thread.run_sync(warmer.run)
        except Exception:  # noqa: BLE001 - readying is an optimisation: serve without it
            logging.getLogger("uvicorn.error").exception("icatlas: readying the pages failed")
    yield


def create_app(db: str | os.PathLike[str] | None = None, token: str | None = None, warm: bool | None = None
               ) -> FastAPI:
    """The web app over the store at ``db``; ``token`` (else ``$ICATLAS_TOKEN``) allows writes, none: read-only.
    With ``warm`` (default: unless ``$ICATLAS_WARM=0``) the app readies the per-state structures its pages read
    when it starts (before it accepts connections) and after each write it makes (:mod:`icatlas.serve.warm`)."""
    state = AppState.open(db, token, warm)
    # The interactive docs page loads its scripts from a CDN, which an offline machine cannot reach;
    # the OpenAPI description itself is served at /openapi.json.
    app = FastAPI(title="icatlas", version=__version__, docs_url=None, redoc_url=None,
                  description="The industrial map of integrated-circuit clusters.", lifespan=lifespan)
    app.state.icatlas = state
    app.state.store = state.atlas
    app.state.warmer = state.warmer
    app.state.guard = state.guard
    app.state.page_cache = state.cache
    app.state.lane = state.lane
    for exc, handler in HANDLERS.items():
        app.add_exception_handler(exc, handler)
    app.middleware("http")(limit_size)
    add_routes(app)
    return app


def app_from_env() -> FastAPI:
    """The app of one worker of ``icatlas serve --workers N``: the store from ``$ICATLAS_DB``, the token from
    ``$ICATLAS_TOKEN`` and the shared session key from ``$ICATLAS_SESSION_KEY``."""
    return create_app(None)
