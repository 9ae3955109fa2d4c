"""Readying the per-state structures the pages read, before the first visitor asks.

Every page reads structures kept per store state: the analyses' snapshot (organisations, their regions and chain
segments, strengths per level, strong clusters, the event graph), every organisation's evidence sentences, the
event list, the organisation index of the search, the collaboration records. Built on demand, the first visitor of
each pays for them; :func:`warm` builds them all at once, in one pass. ``icatlas serve`` runs it before it accepts
connections, and again in the background after a write through the app (``ICATLAS_WARM=0`` turns it off)."""
from __future__ import annotations

import gc
import logging
import os
import threading
import time
from typing import Any

from ..errors import IcatlasError
from ..store import Store
from ..store.stamp import read_once

ENV_WARM = "ICATLAS_WARM"
log = logging.getLogger("uvicorn.error")  # shown with the server's own start-up lines


def enabled() -> bool:
    return os.environ.get(ENV_WARM, "1").strip().lower() not in ("0", "no", "false", "off")


def warm(store: Store) -> dict[str, Any]:
    """Build the per-state structures of ``store``; returns what was done and how long it took (seconds)."""
    from ..analytics.chainmap import preload_evidence
    from ..analytics.snapshot import snapshot
    from . import collab_pages, data

    t0 = time.perf_counter()
    steps: dict[str, float] = {}

    def step(name: str, fn: Any) -> None:
        t = time.perf_counter()
        try:
            fn()
        except IcatlasError:
            pass  # an empty store has no region or organisation to read; nothing to ready
        steps[name] = round(time.perf_counter() - t, 3)

    with read_once():
        snap = snapshot(store)
        steps["snapshot"] = round(time.perf_counter() - t0, 3)
        step("evidence", lambda: preload_evidence(store, per_org=1))
        step("home", lambda: data.home(store, None))
        # one region per level: the strengths, strong clusters and activity of each level, the event graph
        seen: set[str] = set()
        for code in sorted(snap.by_region, key=lambda c: (-len(snap.by_region[c]), c)):
            level = snap.level_of(code)
            if level and level not in seen:
                seen.add(level)
                step(f"region:{level}", lambda c=code: data.region(store, c))
        first_org = min(snap.orgs, default=None)
        if first_org is not None:
            step("org", lambda: data.org(store, first_org))
        step("search", lambda: data.search(store, "集成电路"))
        step("search:short", lambda: data.search(store, "芯片"))  # the in-memory text short queries scan
        step("events", lambda: data.event_list(store, {}))
        step("documents", lambda: data.document_list(store, {}))
        step("collaboration", lambda: collab_pages.alliances_page(store))
    return {"seconds": round(time.perf_counter() - t0, 3), "steps": steps}


class Warmer:
    """Runs :func:`warm` for one store, at most one run at a time; a request for another run while one is going
    starts one more run after it (the store changed during the first)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.last: dict[str, Any] | None = None
        self._lock = threading.Lock()
        self._again = False
        self._running = False

    def run(self) -> dict[str, Any]:
        # The structures are long-lived: once built, they go to the collector's permanent generation, so that its
        # full collections no longer walk them (a pause of ~0.1 s on a 10,000-document store, felt by every
        # request waiting behind it). Unfrozen first, so the structures of the state before are collected.
        gc.unfreeze()
        out = warm(self.store)
        gc.collect()
        gc.freeze()
        self.last = out
        log.info("icatlas: pages readied in %.1f s", out["seconds"])
        return out

    def in_background(self) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._loop, name="icatlas-warm", daemon=True).start()

    def _loop(self) -> None:
        while True:
            try:
                self.run()
            except Exception:  # noqa: BLE001 - a failed warm-up only leaves the pages to build their own
                log.exception("icatlas: readying the pages failed")
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False
