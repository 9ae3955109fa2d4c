"""The analyses' snapshot kept in the store, per store state, so that a new process does not build it again.

Building the snapshot of a 100,000-document store takes seconds of CPU; every new process (a command, each web
worker as it starts) paid for it. The first process to build it for a state keeps it in the store
(:mod:`icatlas.store.kept`, serialised with :mod:`pickle`); the next one that finds the store in the same state
reads it instead. The state is the store's stamp (:func:`icatlas.store.state.store_version`, SQLite and PostgreSQL
from migration 9) together with the version of the code that builds the snapshot (this package's version and a
digest of the modules and bundled data the build reads), so a change to either is never answered by an old
snapshot. Stores without the stamp keep nothing and build as before.

Only the classes a snapshot is made of are unpickled (:class:`_SnapshotUnpickler`): a row that holds anything else
is refused, and the snapshot is built.
"""
from __future__ import annotations

import gc
import hashlib
import io
import logging
import pickle
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..store.kept import load_kept, save_kept
from ..store.reading import StoreLike
from ..store.state import store_version

log = logging.getLogger(__name__)

#: The name the snapshot is kept under, and the version of its serialised form.
NAME = "analytics.snapshot"
FORMAT = 1
#: What a kept snapshot may be made of: module -> class names.
ALLOWED = {
    "icatlas.analytics.snapshot": {"Snapshot", "Org", "Event"},
    "icatlas.reference.chain": {"Chain", "ChainNode"},
    "builtins": {"frozenset", "set", "dict", "list", "tuple"},
    "collections": {"defaultdict"},
}
_PACKAGE = Path(__file__).resolve().parents[1]
#: What the build reads besides the store: its modules and the bundled reference data.
_SOURCES = ("analytics/snapshot.py", "store/read_analytics.py", "reference/regions.py", "reference/chain.py",
            "data/regions.csv", "data/zones.csv", "data/foreign.csv", "data/region_groups.csv", "data/streets.csv", "data/chain.yaml")


@lru_cache(maxsize=1)
def code_version() -> str:
    """The version of the code that builds the snapshot: the package's version, the serialised form's, and a digest
    of the sources and data it reads."""
    from ..version import __version__

    h = hashlib.sha256(f"{__version__}|{FORMAT}".encode())
    for rel in _SOURCES:
        path = _PACKAGE / rel
        h.update(rel.encode())
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()[:16]


def state_key(engine: StoreLike) -> str | None:
    """The key a snapshot of the store's current state is kept under; None on a store without the stamp."""
    version = store_version(engine)
    if version is None:
        return None
    return f"{version!r}|{code_version()}"


class _SnapshotUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if name in ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a snapshot")


def dumps(snap: Any) -> bytes:
    return zlib.compress(pickle.dumps(snap, protocol=pickle.HIGHEST_PROTOCOL), 1)


def loads(data: bytes) -> Any:
    """The snapshot of ``data``; the collector waits meanwhile (its passes over the millions of new objects would
    double the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _SnapshotUnpickler(io.BytesIO(zlib.decompress(data))).load()
    finally:
        if enabled:
            gc.enable()


def kept_or_built(engine: StoreLike, build: Callable[[StoreLike], Any]) -> Any:
    """The snapshot kept for the store's current state, else ``build(engine)``, then kept for the next process."""
    return settled(_kept_or_built(engine, build))


def _kept_or_built(engine: StoreLike, build: Callable[[StoreLike], Any]) -> Any:
    key = state_key(engine)  # read before the build: a write during it makes the next reader build again
    if key is None:
        return build(engine)
    data = load_kept(engine, NAME, key)
    if data is not None:
        try:
            return loads(data)
        except Exception as exc:  # noqa: BLE001 - a damaged or foreign row: build as if none were kept
            log.warning("icatlas: the kept snapshot could not be read (%s); building it", exc)
    snap = build(engine)
    save_kept(engine, NAME, key, dumps(snap))
    return snap


#: A snapshot of more organisations and events than this is moved out of the collector's way (:func:`settled`).
SETTLE_ABOVE = 20_000


def settled(snap: Any) -> Any:
    """``snap``, with the objects alive now (it among them) moved to the collector's permanent generation when it
    is large. A snapshot of a 100,000-document store is millions of objects: each full collection walks them all
    (0.3-1 s, several times a minute under steady use), which is most of an analysis's slowest answers. Frozen, they
    are left out of collections; the objects frozen before (an earlier snapshot, say) are unfrozen first, so what
    has become garbage since is collected."""
    size = len(getattr(snap, "orgs", ())) + sum(len(v) for v in getattr(snap, "events_of", {}).values())
    if size > SETTLE_ABOVE:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
    return snap
