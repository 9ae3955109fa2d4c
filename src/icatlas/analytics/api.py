"""The DataFrame views of the Python API: ``icatlas.open(path)`` gives an :class:`icatlas.atlas.Atlas` whose
``region(name)``, ``org(name)`` and ``alliance(name)`` return these objects, with the analyses as pandas DataFrames.

    >>> atlas = icatlas.open("icatlas.db")
    >>> atlas.region("苏州").gaps().head()
    >>> atlas.org("中芯国际").partners(within="长三角")

``Atlas.region`` still answers what ``Store.region`` did (the resolved region as a dict): the object it returns
is that dict, with the analyses as methods.
"""
from __future__ import annotations

import json
from typing import Any

from ..store import Store


def _frame(rows: list[dict[str, Any]], columns: list[str] | None = None) -> Any:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns) if columns else pd.DataFrame(rows)


def _names(items: list[dict[str, Any]]) -> str:
    return "、".join(str(o["name"]) for o in items)


def _flat(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


EVENT_COLUMNS = ["id", "type", "date", "place", "name", "amount_value", "amount_currency", "participants", "doc_id",
                 "doc_title"]


class RegionView(dict[str, Any]):
    """A region of the atlas (the dict ``Store.region`` gives) with its analyses as DataFrames."""

    def __init__(self, atlas: Store, info: dict[str, Any]) -> None:
        super().__init__(info)
        self.atlas = atlas
        self.name: str = str(info["region"]["name"])

    @classmethod
    def of(cls, store: Store, query: str, context: list[str] | None = None) -> RegionView:
        """The region ``query`` resolves to (the dict of ``Store.region``), with its analyses."""
        return cls(store, Store.region(store, query, context))

    def map(self, evidence: int = 1, as_of: str | None = None) -> Any:
        """One row per chain node: id, name, stage, parent, label, count, size, rank, lq, strong, investment_cny,
        organizations (firms; research and support are in ``Atlas.chain_map``)."""
        from .chainmap import chain_map

        nodes = chain_map(self.atlas, self.name, evidence_per_org=evidence, as_of=as_of)["nodes"]
        cols = ["id", "name", "stage", "parent", "label", "count", "size", "rank", "lq", "strong", "investment_cny",
                "organizations"]
        return _frame([{c: (_names(n[c]) if c == "organizations" else n[c]) for c in cols} for n in nodes], cols)

    def gaps(self, limit: int | None = None, as_of: str | None = None) -> Any:
        """One row per gap, highest priority first: id, name, stage, status, count, size, lq, priority, needed_by,
        reason."""
        from .gaps import gaps

        cols = ["id", "name", "stage", "status", "count", "size", "lq", "priority", "needed_by", "reason"]
        rows = gaps(self.atlas, self.name, limit=limit, as_of=as_of)["gaps"]
        return _frame([{c: (_names(g[c]) if c == "needed_by" else g[c]) for c in cols} for g in rows], cols)

    def compare(self, other: str | RegionView, as_of: str | None = None) -> Any:
        """One row per node where one side is leading or specialised and the other not: direction
        (``a_strong_b_weak`` or ``b_strong_a_weak``), id, name, stage, and label, count, lq of each side."""
        from .compare import compare

        data = compare(self.atlas, self.name, other.name if isinstance(other, RegionView) else other, as_of=as_of)
        cols = ["direction", "id", "name", "stage", "a_label", "a_count", "a_lq", "b_label", "b_count", "b_lq"]
        rows = [{"direction": d, "id": x["id"], "name": x["name"], "stage": x["stage"],
                 **{f"{s}_{k}": x[s][k] for s in ("a", "b") for k in ("label", "count", "lq")}}
                for d in ("a_strong_b_weak", "b_strong_a_weak") for x in data[d]]
        return _frame(rows, cols)

    def targets(self, gaps: int = 10, limit: int = 20, as_of: str | None = None) -> Any:
        """One row per attraction target (one per corporate group): name, region, gaps, score, fit, scale,
        expansion, recent_events, reason."""
        from .gaps import targets

        cols = ["name", "region", "gaps", "score", "fit", "scale", "expansion", "recent_events", "reason"]
        rows = [x | x["factors"] for x in targets(self.atlas, self.name, gap_count=gaps, limit=limit,
                                                  as_of=as_of)["targets"]]
        return _frame([{c: ("、".join(x[c]) if c == "gaps" else x[c]) for c in cols} for x in rows], cols)

    def partners(self, org: str, limit: int = 20) -> Any:
        """Partners for ``org`` located in this region (as ``atlas.org(org).partners(within=region)``)."""
        return OrgView.of(self.atlas, org).partners(within=self.name, limit=limit)

    def timeline(self, by: str = "year") -> Any:
        """One row per period: period, total_cny, events, unconverted."""
        from .timelines import timeline

        cols = ["period", "total_cny", "events", "unconverted"]
        return _frame([{c: p[c] for c in cols} for p in timeline(self.atlas, self.name, by=by)["periods"]], cols)

    def events(self, types: list[str] | None = None) -> Any:
        """The region's events (placed in it, or without a place and with a participant located in it), newest
        first: id, type, date, place, name, amount, currency, cny, participants, doc_id, title."""
        from .timelines import region_events

        cols = ["id", "type", "date", "place", "name", "amount", "currency", "cny", "participants", "doc_id", "title"]
        rows = [e | {"amount": (e["amount"] or {}).get("value"), "currency": (e["amount"] or {}).get("currency"),
                     "participants": "、".join(str(p) for p in e["participants"])}
                for e in region_events(self.atlas, self.name, types)]
        return _frame([{c: r[c] for c in cols} for r in rows], cols)

    def projects(self, stalled_months: int = 12) -> Any:
        """One row per project: project, organizations, stage, stalled, status, first_date, last_date,
        months_quiet, amount_cny, events (count)."""
        from .timelines import projects

        data = projects(self.atlas, self.name, stalled_months=stalled_months)["projects"]
        cols = ["project", "organizations", "stage", "stalled", "status", "first_date", "last_date", "months_quiet",
                "amount_cny", "events"]
        return _frame([p | {"organizations": "、".join(p["organizations"]), "events": len(p["events"])}
                       for p in data], cols)

    def followthrough(self) -> Any:
        """One row per agreement: id, date, name, parties, areas, followups (count), followed."""
        from .timelines import followthrough

        cols = ["id", "date", "name", "parties", "areas", "followups", "followed"]
        rows = [{"id": a["id"], "date": a["date"], "name": a["name"], "parties": "、".join(a["parties"]),
                 "areas": "、".join(x["id"] for x in a["areas"]), "followups": len(a["followups"]),
                 "followed": a["followed"]} for a in followthrough(self.atlas, self.name)["agreements"]]
        return _frame(rows, cols)

    def network(self) -> Any:
        """One row per collaboration edge: source, target, type, weight."""
        from .network import network

        cols = ["source", "target", "type", "weight"]
        return _frame([{c: e[c] for c in cols} for e in network(self.atlas, self.name)["edges"]], cols)


    # -- the collaboration layer (icatlas.analytics.collab) ------------------------------------------------------
    def policies(self, segment: str | None = None) -> Any:
        """One row per policy of the region (and the regions inside it), newest first: date, title, issuer, region,
        measures, segments, chain_wide, amount_cny, doc_id, sentence."""
        from .collab import policies

        cols = ["date", "title", "issuer", "region", "measures", "segments", "chain_wide", "amount_cny", "doc_id",
                "sentence"]
        rows = [p | {"measures": "、".join(p["measures"]), "segments": "、".join(p["segments"]),
                     "doc_id": p["evidence"][0]["doc_id"], "sentence": p["evidence"][0]["sentence"]}
                for p in policies(self.atlas, region=self.name, segment=segment)]
        return _frame([{c: r[c] for c in cols} for r in rows], cols)

    def talent(self) -> Any:
        """One row per talent item by region and date: region, date, kind (figure, training, competition, award),
        subject, name, value, unit, qualifier, planned, doc_id, sentence."""
        from .collab import talent

        cols = ["region", "date", "kind", "subject", "name", "value", "unit", "qualifier", "planned", "doc_id",
                "sentence"]
        rows = [x | {"doc_id": x["evidence"]["doc_id"], "sentence": x["evidence"]["sentence"]}
                for x in talent(self.atlas, region=self.name)]
        return _frame([{c: r[c] for c in cols} for r in rows], cols)

    def resources(self, segment: str | None = None) -> Any:
        """One row per shared research resource in the region: name, kind, region, host, segments, documents,
        doc_id, sentence."""
        from .collab import resources

        cols = ["name", "kind", "region", "host", "segments", "documents", "doc_id", "sentence"]
        rows = [x | {"segments": "|".join(x["segments"]), "doc_id": x["evidence"][0]["doc_id"],
                     "sentence": x["evidence"][0]["sentence"]}
                for x in resources(self.atlas, region=self.name, segment=segment)]
        return _frame([{c: r[c] for c in cols} for r in rows], cols)

    def goals(self, subject: str | None = None) -> Any:
        """Stated targets of the region's subjects against later figures (``targets()`` is attraction targets): one
        row per target with subject, metric, value, unit, year, date, latest (value), latest_year, progress,
        doc_id, sentence."""
        from .collab import targets

        cols = ["subject", "metric", "value", "unit", "year", "date", "latest", "latest_year", "progress", "doc_id",
                "sentence"]
        rows = [{"subject": s["subject"], **{k: t[k] for k in ("metric", "value", "unit", "year", "date", "progress")},
                 "latest": t["latest"]["value"] if t["latest"] else None,
                 "latest_year": t["latest"]["year"] if t["latest"] else None,
                 "doc_id": t["evidence"]["doc_id"], "sentence": t["evidence"]["sentence"]}
                for s in targets(self.atlas, region=self.name, subject=subject) for t in s["targets"]]
        return _frame(rows, cols)

    def alliances(self) -> Any:
        """One row per alliance or association of the region (or with a member there): name, region, founded,
        members, director_units, regions."""
        from .collab import alliances

        cols = ["name", "region", "founded", "members", "director_units", "regions"]
        rows = [a | {"founded": a["founded"]["date"] if a["founded"] else None, "regions": "、".join(a["regions"])}
                for a in alliances(self.atlas, region=self.name)]
        return _frame([{c: r[c] for c in cols} for r in rows], cols)


class AllianceView(dict[str, Any]):
    """An alliance or association (the dict :func:`icatlas.analytics.collab.alliance` gives) with its lists as
    DataFrames."""

    SEAT_COLUMNS = ["name", "rank", "role", "first", "region", "doc_id", "sentence"]

    def __init__(self, atlas: Store, info: dict[str, Any]) -> None:
        super().__init__(info)
        self.atlas = atlas
        self.name: str = str(info["name"])

    @classmethod
    def of(cls, store: Store, name: str) -> AllianceView:
        """The alliance or association called ``name`` (name, alias or part of it), with its members, director units,
        agreements and resources."""
        from .collab import alliance
        from ..errors import NotFound

        info = alliance(store, name)
        if info is None:
            raise NotFound(f"no alliance or association called {name!r}", "list them with `icatlas alliances`")
        return cls(store, info)

    def _seats(self, key: str) -> Any:
        rows = [m | {"doc_id": m["evidence"][0]["doc_id"], "sentence": m["evidence"][0]["sentence"]} for m in self[key]]
        return _frame([{c: r[c] for c in self.SEAT_COLUMNS} for r in rows], self.SEAT_COLUMNS)

    def director_units(self) -> Any:
        """One row per director unit (理事长, 副理事长, 秘书长单位 …): name, rank, role, first, region, doc_id,
        sentence."""
        return self._seats("director_units")

    def members(self) -> Any:
        """One row per member (the director units too), most senior seat first."""
        return self._seats("members")

    def agreements(self) -> Any:
        """One row per agreement it signed: id, date, name, participants, place, doc_id, sentence."""
        cols = ["id", "date", "name", "participants", "place", "doc_id", "sentence"]
        rows = [{"id": e["id"], "date": e["date"], "name": e["name"], "place": e["place"],
                 "participants": "、".join(p["name"] for p in e["participants"] or []),
                 "doc_id": e["evidence"][0]["doc_id"] if e["evidence"] else None,
                 "sentence": e["evidence"][0]["sentence"] if e["evidence"] else None} for e in self["agreements"]]
        return _frame(rows, cols)

    def resources(self) -> Any:
        """One row per shared resource of its members: name, kind, region, host, segments."""
        cols = ["name", "kind", "region", "host", "segments"]
        return _frame([{c: ("|".join(x[c]) if c == "segments" else x[c]) for c in cols} for x in self["resources"]],
                      cols)


class OrgView:
    """An organisation of the atlas with its analyses as DataFrames."""

    def __init__(self, atlas: Store, name: str) -> None:
        self.atlas = atlas
        self.name = name

    @classmethod
    def of(cls, store: Store, name: str) -> OrgView:
        """The organisation called ``name`` (name, short name or alias), with its analyses."""
        from ..errors import NotFound

        found = store.orgs(name, limit=1)
        if not found:
            raise NotFound(f"no organisation called {name!r}", "look it up with `icatlas org NAME`")
        return cls(store, str(found[0]["name"]))

    def __repr__(self) -> str:
        return f"OrgView({self.name!r})"

    def partners(self, within: str | None = None, limit: int = 20, as_of: str | None = None) -> Any:
        """One row per candidate (one per corporate group), best first: name, region, segments, score, relation,
        reason."""
        from .partners import partners

        cols = ["name", "region", "segments", "score", "relation", "reason"]
        rows = partners(self.atlas, self.name, region=within, limit=limit, as_of=as_of)["partners"]
        return _frame([{c: ("|".join(x[c]) if c == "segments" else x[c]) for c in cols} for x in rows], cols)

    def events(self, limit: int = 1000) -> Any:
        """The events it took part in, newest first."""
        rows = self.atlas.events(participant=self.name, limit=limit)
        return _frame([{c: _flat(r.get(c)) for c in EVENT_COLUMNS} for r in rows], EVENT_COLUMNS)

    def timeline(self, by: str = "year") -> Any:
        """Money it put in or received per period: period, total_cny, events, unconverted."""
        from .timelines import timeline

        cols = ["period", "total_cny", "events", "unconverted"]
        return _frame([{c: p[c] for c in cols} for p in timeline(self.atlas, by=by, org=self.name)["periods"]], cols)
