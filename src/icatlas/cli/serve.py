"""The ``serve`` command: the web app and its JSON API, in one process or several workers."""
from __future__ import annotations

import os
from typing import Annotated

import typer

from .common import DbOpt
from .library import prepare_store


def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        help="Token that allows writes (upload, curation); else $ICATLAS_TOKEN; without one the app is read-only.",
        show_default=False)] = None,
    workers: Annotated[int, typer.Option(
        min=1, envvar="ICATLAS_WORKERS",
        help="Worker processes (uvicorn workers) sharing the port; else $ICATLAS_WORKERS, else 1.")] = 1,
) -> None:
    """Serve the web app and its JSON API."""
    import uvicorn

    from ..serve import create_app

    token = token or os.environ.get("ICATLAS_TOKEN") or None
    if not token:
        typer.echo("icatlas: note: no --token or ICATLAS_TOKEN: the web app is read-only", err=True)
    from ..serve.server import KEEP_ALIVE_TIMEOUT

    protocol = "icatlas.serve.server:NoDelayH11Protocol"
    if workers <= 1:
        uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info", http=protocol,
                    timeout_keep_alive=KEEP_ALIVE_TIMEOUT)
        return
    share_with_workers(db, token)
    from ..serve.server import run_workers

    run_workers(uvicorn.Config("icatlas.serve.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                               http=protocol, log_level="info", timeout_keep_alive=KEEP_ALIVE_TIMEOUT))


def share_with_workers(db: str | None, token: str | None) -> None:
    """Set up the environment the workers read: the store (migrated here, once), the token and one shared session
    key, so that a cookie or CSRF token made by one worker is valid at every other."""
    import secrets

    from ..serve.app import ENV_SESSION_KEY, ENV_TOKEN

    from ..serve.warm import enabled

    prepare_store(db, snapshot=enabled())
    if token:
        os.environ[ENV_TOKEN] = token
    os.environ[ENV_SESSION_KEY] = secrets.token_hex(32)
