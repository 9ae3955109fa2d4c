"""What the web app's views work with: the atlas, the guard of sessions and writes, the page cache, the lane the
page reads run in and the readier of the pages."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import cast

from fastapi import Request

from ..atlas import Atlas
from .cache import PageCache
from .lane import Lane
from .security import Guard
from .warm import Warmer
from .warm import enabled as warm_enabled

ENV_TOKEN = "ICATLAS_TOKEN"
#: The key signing sessions, hex; set by ``icatlas serve --workers N`` so every worker accepts the others' cookies.
ENV_SESSION_KEY = "ICATLAS_SESSION_KEY"


@dataclass
class AppState:
    """The atlas and what serves it: one per app."""

    atlas: Atlas
    guard: Guard
    cache: PageCache
    lane: Lane
    warmer: Warmer

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, token: str | None = None, warm: bool | None = None
             ) -> AppState:
        """The state of an app over the store at ``db``; ``token`` (else ``$ICATLAS_TOKEN``) allows writes, none:
        read-only; ``warm`` as for :func:`icatlas.serve.app.create_app`."""
        atlas = Atlas.serving(db)
        warmer = Warmer(atlas, enabled=warm_enabled() if warm is None else warm)
        guard = Guard(token if token is not None else (os.environ.get(ENV_TOKEN) or None))
        if os.environ.get(ENV_SESSION_KEY):
            guard.key = bytes.fromhex(os.environ[ENV_SESSION_KEY])
        state = cls(atlas, guard, PageCache(atlas), Lane(), warmer)
        if warmer.enabled:
            state.lane.before = state.check_readied
        return state

    def check_readied(self) -> None:
        """Ready the pages again when the store changed since they were readied (a write by another worker or
        process); runs in the lane ahead of each page."""
        self.warmer.seen(self.cache.version())


def state_of(request: Request) -> AppState:
    """The state of the app serving ``request``."""
    return cast(AppState, request.app.state.icatlas)
