"""icatlas: the industrial map of integrated-circuit clusters.

News and policy pages become a knowledge graph in which every fact links to its sentence.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .atlas import Atlas

from .version import __version__

__all__ = ["__version__", "open"]


def open(path: str | None = None) -> Atlas:  # noqa: A001
    """The atlas at ``path`` (a SQLite file or a database URL; default as for the CLI): an :class:`icatlas.atlas.Atlas`,
    the store with everything the web app's pages show, the analyses, and ``region(name)``, ``org(name)`` and
    ``alliance(name)`` giving the analyses as pandas DataFrames (``icatlas.analytics.api``)."""
    from .atlas import Atlas

    return Atlas.open(path)
