"""The collaboration analyses: plain functions over a :class:`~icatlas.store.Store` returning JSON-ready dicts and
lists.

- :func:`alliances` / :func:`alliance`: alliances and associations with founding, director units, members,
  agreements and events, regions spanned and their members' resources;
- :func:`resources`: the directory of shared research resources, by region, segment or alliance;
- :func:`talent`: people figures, training, competitions and talent awards by region and date;
- :func:`policies` / :func:`compare_policies`: policy records, and two regions side by side by measure;
- :func:`targets`: stated targets against later figures for the same subject, with progress;
- :func:`records`: the stored records themselves (of a document, a kind), for pages that list them raw.

Every function reads only documents judged IC-relevant (the call in force) and leaves out records about other
industries and records a user rejected. Every evidence is ``{"record_id", "doc_id", "title", "published", "span",
"sentence", "curated"}``; ``span`` indexes the document's clean text.
"""
from __future__ import annotations

from typing import Any

from ...store.reading import StoreLike
from .alliances import DIRECTOR_RANKS, RANK_ZH, alliance, alliances
from .directory import RESOURCE_KINDS, TALENT_KINDS, resources, talent
from .policies import MEASURE_NAMES, compare_policies, policies
from .targets import targets

__all__ = ["DIRECTOR_RANKS", "MEASURE_NAMES", "RANK_ZH", "RESOURCE_KINDS", "TALENT_KINDS", "alliance", "alliances",
           "compare_policies", "policies", "records", "resources", "talent", "targets"]


def records(store: StoreLike, doc_id: int | None = None, kind: str | None = None, include_hidden: bool = False
            ) -> list[dict[str, Any]]:
    """Stored collaboration records, oldest document first: ``[{"id", "kind", "subject", "entity_id", "region",
    "date", "attrs", "evidence"}]``; ``doc_id`` and ``kind`` filter; ``include_hidden`` adds those of off-topic
    documents, about other industries, or rejected."""
    from ...model import COLLAB_KINDS
    from .base import load

    kinds = [kind] if kind else list(COLLAB_KINDS)
    out = []
    for r in load(store, kinds, include_hidden=include_hidden):
        if doc_id is not None and r.doc_id != doc_id:
            continue
        out.append({"id": r.id, "kind": r.kind, "subject": r.subject, "entity_id": r.entity_id, "region": r.region,
                    "date": r.date, "attrs": r.attrs, "evidence": r.evidence()})
    return out
