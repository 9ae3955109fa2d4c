"""The library as the commands reach it: every command opens the :class:`~icatlas.atlas.Atlas` here (the one API
the web app and the brief use too), and the two calls it offers no method for yet (curating a collaboration record,
preparing the store for the web app's workers) live here too."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..atlas import Atlas
    from ..store import Store


def open_store(db: str | None, reference: bool = True) -> Atlas:
    """The atlas at ``db`` (a file or URL; default $ICATLAS_DB, else ./icatlas.db), created or migrated as needed."""
    from ..atlas import Atlas

    return Atlas.open(db, reference=reference)


def curate_record(store: Store, record_id: int, field: str, value: Any, who: str) -> dict[str, Any]:
    """Confirm, reject or correct one field of a collaboration record; logged in the curation log."""
    from ..store.collab import curate_record as curate

    return curate(store.engine, record_id, field, value, who)


def prepare_store(db: str | None, snapshot: bool = False) -> str:
    """Create or migrate the store once and name it in ``$ICATLAS_DB``, for processes that open it themselves (the
    web app's workers); its URL. With ``snapshot``, the analyses' snapshot of the store's state is made (or found)
    here, once, and kept in the store, so that each worker reads it instead of building it as it starts."""
    from ..errors import IcatlasError
    from ..store import ENV_DB, resolve_url

    url = resolve_url(db)
    atlas = open_store(url)
    if snapshot:
        try:
            atlas.snapshot()
        except IcatlasError:
            pass  # the workers meet the same problem and show it on the pages it concerns
    atlas.engine.dispose()
    os.environ[ENV_DB] = url
    return url
