"""icatlas: the industrial map of integrated-circuit clusters.

News and policy pages become a knowledge graph in which every fact links to its sentence.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "open"]


def open(path: str | None = None):  # type: ignore[no-untyped-def]  # noqa: A001
    """The knowledge graph store at ``path`` (a SQLite file or a database URL; default as for the CLI): a Store
    whose ``region(name)`` and ``org(name)`` give the analyses as pandas DataFrames (``icatlas.analytics.api``)."""
    from .analytics.api import Atlas

    return Atlas.open(path)
