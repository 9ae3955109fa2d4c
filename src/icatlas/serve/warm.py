"""Readying the per-state structures the pages read, before the first visitor asks.

Every page reads structures kept per store state: the analyses' snapshot (organisations, their regions and chain
segments, strengths per level, strong clusters, the event graph), every organisation's evidence sentences, the
event list, the organisation index of the search and the list of organisations, the collaboration records. Built on demand, the first visitor of
each pays for them; :func:`warm` builds them all at once, in one pass. ``icatlas serve`` runs it before it accepts
connections, and again in the background when the store changes: after a write through the app, or when a page
finds the store in a state it was not readied for (a write by another worker or process). ``ICATLAS_WARM=0`` turns
it off."""
from __future__ import annotations

import gc
import logging
import os
import threading
import time
from typing import Any

from ..atlas import Atlas, one_state
from ..errors import IcatlasError

ENV_WARM = "ICATLAS_WARM"
log = logging.getLogger("uvicorn.error")  # shown with the server's own start-up lines


def enabled() -> bool:
    return os.environ.get(ENV_WARM, "1").strip().lower() not in ("0", "no", "false", "off")


def warm(atlas: Atlas) -> dict[str, Any]:
    """Build the per-state structures of ``atlas``; returns what was done and how long it took (seconds)."""
    t0 = time.perf_counter()
    steps: dict[str, float] = {}
    errors: dict[str, str] = {}

    def step(name: str, fn: Any) -> Any:
        """``fn()``, timed, in its own ``one_state`` block: a long run does not hold on to the store state it began
        with while the store changes under it. A failure is noted and the run goes on: the pages it concerns will
        build what they need themselves (and show their own error)."""
        t = time.perf_counter()
        out = None
        try:
            with one_state():
                out = fn()
        except IcatlasError:
            pass  # an empty store has no region or organisation to read; nothing to ready
        except Exception as exc:  # noqa: BLE001 - readying is an optimisation; it never stops the server
            errors[name] = f"{type(exc).__name__}: {exc}"[:300]
            log.warning("icatlas: readying %s failed: %s", name, errors[name])
        steps[name] = round(time.perf_counter() - t, 3)
        return out

    snap = step("snapshot", atlas.snapshot)
    step("evidence", lambda: atlas.ready_evidence(per_org=1))
    step("home", lambda: atlas.home_page())
    if snap is not None:
        # one region per level: the strengths, strong clusters and activity of each level, the event graph
        seen: set[str] = set()
        for code in sorted(snap.by_region, key=lambda c: (-len(snap.by_region[c]), c)):
            level = snap.level_of(code)
            if level and level not in seen:
                seen.add(level)
                step(f"region:{level}", lambda c=code: atlas.region_page(c))
        first_org = min(snap.orgs, default=None)
        if first_org is not None:
            step("org", lambda: atlas.org_page(first_org))
        busiest = max(snap.by_region, key=lambda c: (len(snap.by_region[c]), c), default=None)
        if busiest is not None:  # the firms' arrays and their recent expansion, for every region's targets
            step("targets", lambda: atlas.targets(busiest))
    step("search", lambda: atlas.search("集成电路"))
    step("search:short", lambda: atlas.search("芯片"))  # the in-memory text short queries scan
    step("orgs", lambda: atlas.orgs_page())  # every organisation with where it is and the documents naming it
    step("events", lambda: atlas.events_page())
    step("documents", lambda: atlas.documents_page())
    step("collaboration", lambda: atlas.alliances_page())
    out: dict[str, Any] = {"seconds": round(time.perf_counter() - t0, 3), "steps": steps}
    if errors:
        out["errors"] = errors
    return out


class Warmer:
    """Runs :func:`warm` for one atlas, at most one run at a time; a request for another run while one is going
    starts one more run after it (the store changed during the first)."""

    def __init__(self, atlas: Atlas, enabled: bool = True) -> None:
        """With ``enabled`` false, :meth:`seen` and :meth:`in_background` do nothing."""
        self.atlas = atlas
        self.enabled = enabled
        self.last: dict[str, Any] | None = None
        #: The store state the last run began with.
        self.version: Any = None
        self._lock = threading.Lock()
        self._again = False
        self._running = False

    def run(self) -> dict[str, Any]:
        # The structures are long-lived: once built, they go to the collector's permanent generation, so that its
        # full collections no longer walk them (a pause of ~0.1 s on a 10,000-document store, felt by every
        # request waiting behind it). Unfrozen first, so the structures of the state before are collected.
        gc.unfreeze()
        self.version = self.atlas.state()
        out = warm(self.atlas)
        gc.collect()
        gc.freeze()
        self.last = out
        log.info("icatlas: pages readied in %.1f s%s", out["seconds"],
                 f" ({len(out['errors'])} step(s) failed)" if out.get("errors") else "")
        return out

    def seen(self, version: Any) -> None:
        """A page read the store at ``version``: when the store changed since the last run (a write by another
        worker or process), ready the new state in the background. Only once a first run has ended."""
        if self.enabled and self.last is not None and version is not None and version != self.version:
            self.in_background()

    def in_background(self) -> None:
        if not self.enabled:
            return
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
