"""Pages of the collaboration layer: alliances, shared resources, talent, policies and targets, each with its JSON
twin. ``both(path, template, compute)`` registers a page and its twin (see :func:`icatlas.serve.app.create_app`)."""
from __future__ import annotations

from typing import Any, Callable

from ..store import Store


def add_collab_pages(both: Callable[[str, str, Callable[..., dict[str, Any]]], None], store: Store) -> None:
    """Register the collaboration pages on the app through ``both``."""
