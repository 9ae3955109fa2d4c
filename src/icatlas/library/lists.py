"""The lists of the atlas, a page at a time: events with filters, documents, the curation log; and two regions
compared."""
from __future__ import annotations

import re
from typing import Any

from ..analytics import compare
from ..errors import UsageError
from ..extract.events import EVENT_TYPES
from ..store import Store
from ..store.read_pages import curation_entries, document_count, document_rows

#: Rows on a page of a list.
PAGE_SIZE = 50


def page_number(value: Any) -> int:
    """A page number as written in an address (from 1; at most 10,000); empty means the first."""
    text = str(value or "1").strip()
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"page {text!r} is not a page number", "pages are numbered from 1")
    return min(int(text), 10_000)


def events_page(store: Store, type: str | None = None, region: str | None = None,  # noqa: A002
                participant: str | None = None, since: str | None = None, until: str | None = None,
                page: str | int | None = None) -> dict[str, Any]:
    """Events in force, newest first, ``PAGE_SIZE`` a page, filtered by type (several: comma-separated), region,
    participant and date range (``since``/``until``: a year, month or day)."""
    types = [x for x in str(type or "").split(",") if x]
    unknown = [x for x in types if x not in EVENT_TYPES]
    if unknown:
        raise UsageError(f"no event type {unknown[0]!r}", "types: " + ", ".join(EVENT_TYPES))
    for key, v in (("since", since), ("until", until)):
        if v and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(v)):
            raise UsageError(f"{key} {v!r} is not a date", "write 2024, 2024-06 or 2024-06-01")
    number = page_number(page)
    filters = {k: (str(v).strip() or None) if v else None
               for k, v in (("region", region), ("participant", participant), ("since", since), ("until", until))}
    rows = store.events(since=filters["since"], until=filters["until"], types=types or None,
                        region=filters["region"], participant=filters["participant"], limit=PAGE_SIZE + 1,
                        offset=(number - 1) * PAGE_SIZE)
    return {"events": rows[:PAGE_SIZE], "page": number, "has_next": len(rows) > PAGE_SIZE, "types": list(EVENT_TYPES),
            "filters": {**filters, "type": ",".join(types) or None}}


def documents_page(store: Store, page: str | int | None = None) -> dict[str, Any]:
    """Documents, newest first, ``PAGE_SIZE`` a page; each with a label: its title, else the opening of its text."""
    number = page_number(page)
    rows: list[dict[str, Any]] = [dict(r) for r in document_rows(store.engine, PAGE_SIZE + 1,
                                                                 (number - 1) * PAGE_SIZE)]
    total = document_count(store.engine)
    for r in rows:
        opening = re.split(r"[。！？\n]", str(r.pop("opening") or "").strip())[0]
        opening = opening[:40] + "…" if len(opening) > 40 else opening
        r["label"] = r["title"] or opening or None
        override = r.pop("relevance_override")
        r["relevant"] = bool(override if override is not None else r["relevant"])
    return {"documents": rows[:PAGE_SIZE], "page": number, "has_next": len(rows) > PAGE_SIZE, "total": total}


def curation_page(store: Store, limit: int = 500) -> dict[str, Any]:
    """The curation log, newest first: ``{"entries"}``."""
    return {"entries": curation_entries(store.engine, limit)}


def compare_page(store: Store, a: str | None, b: str | None, as_of: str | None = None) -> dict[str, Any]:
    """Regions ``a`` and ``b`` compared (:func:`icatlas.analytics.compare`) as of ``as_of``; empty sides until both
    are given."""
    if not a or not b:
        return {"a": None, "b": None, "a_strong_b_weak": [], "b_strong_a_weak": []}
    return compare(store, a, b, as_of=as_of)
