"""The library: ``icatlas.open(path)`` gives an :class:`Atlas`, the knowledge graph with everything the web app's
pages show, the analyses the ``icatlas`` commands answer, and region, organisation and alliance objects whose
analyses are pandas DataFrames.

    >>> atlas = icatlas.open("icatlas.db")
    >>> atlas.search("长鑫")["organizations"][0]["name"]
    >>> atlas.region_page("苏州")["gaps"][:3]
    >>> atlas.region("苏州").gaps().head()
    >>> atlas.org("中芯国际").partners(within="长三角")

Every ``*_page`` method answers as a JSON-ready dict: what the page of that name shows, and its ``.json`` twin.
The collaboration analyses (``alliances``, ``find_alliance``, ``resources``, ``talent``, ``policies``,
``compare_policies``, ``goals``) answer as the matching commands' JSON; :data:`RANK_ZH` and :data:`MEASURE_ZH` are
the Chinese labels of an alliance seat's rank and of a policy measure.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from .analytics import collab
from .analytics.api import AllianceView, OrgView, RegionView
from .analytics.chainmap import chain_map
from .analytics.collab import RANK_ZH as RANK_ZH  # the Chinese name of each seat rank: 理事长单位 ...
from .analytics.collab.policies import MEASURE_ZH as MEASURE_ZH  # the Chinese name of each policy measure: 补贴奖励 ...
from .analytics.chainmap import evidence as org_evidence
from .analytics.chainmap import preload_evidence
from .analytics.compare import compare as compare_regions
from .analytics.export import export as export_graph
from .analytics.gaps import flow_neighbours as chain_neighbours
from .analytics.gaps import gaps as region_gaps
from .analytics.gaps import recent_activity as segment_activity
from .analytics.gaps import targets as attraction_targets
from .analytics.network import network as collab_network
from .analytics.partners import partners as partners_of
from .analytics.snapshot import Snapshot
from .analytics.snapshot import snapshot as snapshot_of
from .analytics.strength import peers as level_peers
from .analytics.timelines import followthrough as agreements_followed
from .analytics.timelines import projects as region_projects
from .analytics.timelines import timeline as money_timeline
from .library import collaboration, entities, lists, organisations, overview, uploads
from .library import search as searching
from .model import Document
from .parallel import SMALL_RUN, default_workers
from .parallel import ingest_files as ingest_parallel
from .pipeline import Pipeline, Report
from .pipeline import read as read_inputs
from .pipeline import ingest as ingest_inputs
from .pipeline import reprocess as reprocess_store
from .read import Item, ReadOptions, iter_files
from .spark import SparkOptions as SparkOptions  # where ``ingest_files(spark=...)`` runs Spark
from .store import IngestResult, Store
from .store.read_brief import DocumentRef, StoreSummary, document_refs, store_summary
from .store.stamp import read_once as one_state  # noqa: F401 - a block that sees one state of the store
from .store.state import Version, per_version, store_version


class Atlas(Store):
    """The knowledge graph in a database (a :class:`~icatlas.store.Store`) with its views and analyses."""

    @classmethod
    def serving(cls, db: str | os.PathLike[str] | None = None) -> Atlas:
        """The atlas at ``db`` for a long-running server: on PostgreSQL its connections are lent by a pool of open
        ones (:mod:`icatlas.store.pool`, ``$ICATLAS_PG_POOL``); elsewhere as :meth:`open` gives it."""
        atlas = cls.open(db)
        if atlas.engine.dialect.name != "postgresql":
            return atlas
        try:
            from .store.pool import pooled_engine

            engine = pooled_engine(atlas.engine.url.render_as_string(hide_password=False))
        except ImportError:
            import logging

            logging.getLogger("uvicorn.error").warning(
                "icatlas: psycopg_pool is not installed: SQLAlchemy's own pool lends the connections "
                "(pip install 'icatlas[postgres]' for the pool with checks and limits)")
            return atlas
        atlas.engine.dispose()
        return cls(engine)

    # -- objects with their analyses as DataFrames ----------------------------------------------------------------
    def region(self, query: str, context: list[str] | None = None) -> RegionView:
        """The region ``query`` resolves to (the dict of ``Store.region``), with its analyses."""
        return RegionView.of(self, query, context)

    def org(self, name: str) -> OrgView:
        """The organisation called ``name`` (name, short name or alias), with its analyses."""
        return OrgView.of(self, name)

    def alliance(self, name: str) -> AllianceView:
        """The alliance or association called ``name`` (name, alias or part of it), with its members, director units,
        agreements and resources."""
        return AllianceView.of(self, name)

    # -- ingest: the one path for files, uploads and re-extraction (icatlas.pipeline) -----------------------------
    def ingest_many(self, inputs: Iterable[Item | Document], report: Report | None = None, *,
                    budget: float | None = None) -> Iterator[tuple[Document, IngestResult]]:
        """Each input (read items or documents) processed and stored, with the store's answer; a failing input goes
        to ``report`` and the rest go on; ``budget``: seconds one document may take (None: no limit)."""
        return ingest_inputs(self, inputs, report, pipeline=Pipeline.default(budget=budget))

    def ingest_files(self, paths: Iterable[str | os.PathLike[str]], opts: ReadOptions | None = None,
                     report: Report | None = None, *, budget: float | None = None, workers: int | None = None,
                     progress: bool | None = None, spark: SparkOptions | None = None
                     ) -> Iterator[tuple[Document, IngestResult]]:
        """Every document under ``paths`` processed and stored, in input order, with the store's answer. ``workers``
        processes read, normalise and extract (None: one per core, or this process alone for fewer files than
        :data:`SMALL_RUN`; 1: this process alone) while this one stores; with ``spark``, Spark's executors extract
        instead (:mod:`icatlas.spark`). The store ends the same either way."""
        paths = list(paths)
        if spark is not None:
            from .spark import ingest_spark

            return ingest_spark(self, paths, opts, report, budget=budget, spark=spark, progress=progress)
        n = workers if workers is not None else default_workers()
        files = None if workers is not None else sum(1 for _ in iter_files(paths))
        if n <= 1 or (files is not None and files < SMALL_RUN):
            return self.ingest_many(read_inputs(paths, opts, progress), report, budget=budget)
        return ingest_parallel(self, paths, opts, report, workers=n, budget=budget, progress=progress)

    def reprocess(self, report: Report | None = None, progress: Callable[[int, int], None] | None = None
                  ) -> dict[str, int]:
        """Extract every stored document again with the current extractor; confirmed and corrected facts stay, and a
        document that fails is reported and keeps its facts."""
        return reprocess_store(self, report, progress)

    def upload_text(self, title: str, text: Any, published: Any) -> dict[str, Any]:
        """Store one pasted text as a document: ``{"id", "url", "status", "duplicate_of"}``."""
        return uploads.upload(self, title, text, published)

    def upload_file(self, filename: str, raw: bytes, title: str = "", published: Any = None) -> dict[str, Any]:
        """Store one uploaded file (text or an HTML page, any common Chinese encoding) as a document."""
        return uploads.upload_file(self, filename, raw, title, published)

    # -- the pages ------------------------------------------------------------------------------------------------
    def home_page(self, segment: str | None = None, as_of: str | None = None) -> dict[str, Any]:
        """The store's counts, chain segment ``segment`` province by province, the newest events and documents."""
        return overview.home_page(self, segment, as_of)

    def region_page(self, name: str, as_of: str | None = None) -> dict[str, Any]:
        """Region ``name``: chain map, gaps, complementary regions, timeline, events, organisations, collaboration."""
        return overview.region_page(self, name, as_of)

    def segment_page(self, node: str) -> dict[str, Any]:
        """Chain segment ``node``: its place in the chain, spread over the provinces and organisations."""
        return overview.segment_page(self, node)

    def org_page(self, org_id: int) -> dict[str, Any]:
        """Organisation ``org_id``: segments with evidence, events, relations, sources and collaboration."""
        return entities.org_page(self, org_id)

    def event_page(self, event_id: int) -> dict[str, Any]:
        """Event ``event_id`` with the sentence of every page that reported it."""
        return entities.event_page(self, event_id)

    def evidence_anchors(self, doc: dict[str, Any]) -> set[int]:
        """The offsets the page of ``doc`` (as :meth:`document` gives it) anchors: its evidence starts."""
        return entities.evidence_anchors(self, doc)

    def events_page(self, type: str | None = None, region: str | None = None,  # noqa: A002
                    participant: str | None = None, since: str | None = None, until: str | None = None,
                    page: str | int | None = None) -> dict[str, Any]:
        """Events in force, newest first, a page at a time, filtered by type, region, participant and dates."""
        return lists.events_page(self, type, region, participant, since, until, page)

    def documents_page(self, page: str | int | None = None) -> dict[str, Any]:
        """Documents, newest first, a page at a time, each with a label."""
        return lists.documents_page(self, page)

    def curation_page(self, limit: int = 500) -> dict[str, Any]:
        """The curation log, newest first."""
        return lists.curation_page(self, limit)

    def compare_page(self, a: str | None, b: str | None, as_of: str | None = None) -> dict[str, Any]:
        """Regions ``a`` and ``b`` compared; empty sides until both are given."""
        return lists.compare_page(self, a, b, as_of)

    def search(self, q: str, limit: int = 50) -> dict[str, Any]:
        """Documents, organisations, regions and segments matching ``q`` in either script."""
        return searching.search(self, q, limit)

    # -- organisations by name, and their events ------------------------------------------------------------------
    def org_row(self, org_id: int) -> dict[str, Any]:
        """The stored row of organisation ``org_id``; not found for anything else."""
        return entities.org_row(self, org_id)

    def find_orgs(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Organisations whose name or alias holds ``query`` (exact first); [] when none does."""
        return searching.find_orgs(self, query, limit)

    def org_list(self, query: str | None = None, origin: str | None = None, segment: str | None = None,
                 region: str | None = None, type: str | None = None,  # noqa: A002
                 limit: int | None = None, offset: int = 0) -> dict[str, Any]:
        """Every organisation, or those whose name or alias holds ``query``, filtered by origin (news, registry,
        reference, import), type, chain segment and region: ``{"q", "filters", "total", "offset", "count",
        "organizations"}`` (:func:`icatlas.library.organisations.org_list`); what ``icatlas org`` and ``/orgs``
        show."""
        return organisations.org_list(self, query, origin=origin, segment=segment, region=region, type=type,
                                      limit=limit, offset=offset)

    def orgs_page(self, q: str | None = None, origin: str | None = None, segment: str | None = None,
                  region: str | None = None, type: str | None = None,  # noqa: A002
                  page: str | int | None = None) -> dict[str, Any]:
        """What ``/orgs`` shows: :meth:`org_list` a page of 50 at a time, with the filter form's choices."""
        return organisations.orgs_page(self, q, origin=origin, segment=segment, region=region, type=type, page=page)

    def entity_id_of(self, ref: str) -> int:
        """The id of the organisation ``ref`` names: an id, or an exact name or alias of one organisation."""
        return searching.entity_id_of(self, ref)

    def events_of(self, participant: str, limit: int = 50, also: list[str] | None = None) -> list[dict[str, Any]]:
        """The events ``participant`` took part in, newest first (as ``events(participant=…)``); ``also`` are
        names a participant's whole name may be."""
        return entities.events_of(self, participant, limit, also)

    # -- the collaboration layer ----------------------------------------------------------------------------------
    def alliances_page(self, region: str | None = None) -> dict[str, Any]:
        """The alliances and associations, of ``region`` when given."""
        return collaboration.alliances_page(self, region)

    def alliance_page(self, name: str) -> dict[str, Any]:
        """One alliance with its seats, agreements, events and resources."""
        return collaboration.alliance_page(self, name)

    def resources_page(self, region: str | None = None, segment: str | None = None,
                       alliance: str | None = None) -> dict[str, Any]:
        """The shared research resources, by region, segment or alliance."""
        return collaboration.resources_page(self, region, segment, alliance)

    def talent_page(self, region: str | None = None) -> dict[str, Any]:
        """Talent figures, training, competitions and awards, grouped by region."""
        return collaboration.talent_page(self, region)

    def policies_page(self, region: str | None = None, segment: str | None = None, a: str | None = None,
                      b: str | None = None) -> dict[str, Any]:
        """The policies, by region and segment; with ``a`` and ``b`` two regions' policies side by side."""
        return collaboration.policies_page(self, region, segment, a, b)

    def goals_page(self, region: str | None = None, subject: str | None = None) -> dict[str, Any]:
        """Stated targets against later figures, by region or subject."""
        return collaboration.goals_page(self, region, subject)

    def region_collab(self, name: str) -> dict[str, Any]:
        """The collaboration of region ``name`` in short."""
        return collaboration.region_collab(self, name)

    def org_collab(self, org_id: int) -> dict[str, Any]:
        """The collaboration of organisation ``org_id``."""
        return collaboration.org_collab(self, org_id)

    def alliances(self, region: str | None = None) -> list[dict[str, Any]]:
        """The alliances and associations (of ``region`` when given): founding, members, director units, regions."""
        return collab.alliances(self, region=region)

    def find_alliance(self, name: str) -> dict[str, Any] | None:
        """The alliance or association called ``name`` (name, alias or part of it) with its seats, agreements,
        events and resources; None when there is none (:meth:`alliance` raises instead)."""
        return collab.alliance(self, name)

    def resources(self, region: str | None = None, segment: str | None = None,
                  alliance: str | None = None) -> list[dict[str, Any]]:
        """The shared research resources, of ``region``, ``segment`` or the members of ``alliance`` when given."""
        return collab.resources(self, region=region, segment=segment, alliance=alliance)

    def talent(self, region: str | None = None) -> list[dict[str, Any]]:
        """Talent figures, training programmes, competitions and talent awards, of ``region`` when given."""
        return collab.talent(self, region=region)

    def policies(self, region: str | None = None, segment: str | None = None) -> list[dict[str, Any]]:
        """The policy records, of ``region`` and ``segment`` when given."""
        return collab.policies(self, region=region, segment=segment)

    def compare_policies(self, a: str, b: str, segment: str | None = None) -> dict[str, Any]:
        """Regions ``a``'s and ``b``'s policies side by side by measure (of ``segment`` when given)."""
        return collab.compare_policies(self, a, b, segment=segment)

    def goals(self, region: str | None = None, subject: str | None = None) -> list[dict[str, Any]]:
        """Stated targets with the later figures for the same subject and their progress, of ``region`` or of the
        subjects whose name holds ``subject`` when given."""
        return collab.targets(self, region=region, subject=subject)

    # -- the analyses (the JSON of the matching commands) ---------------------------------------------------------
    def chain_map(self, region: str, evidence: int = 3, as_of: str | None = None, firms: int | None = 5
                  ) -> dict[str, Any]:
        """The chain map of ``region``, with ``evidence`` sentences per organisation, judged as of ``as_of``
        (default today), listing at most ``firms`` firms per chain node (None or 0: all of them)."""
        return chain_map(self, region, evidence_per_org=evidence, as_of=as_of, orgs_per_node=firms or None)

    def gaps(self, region: str, limit: int | None = None, as_of: str | None = None) -> dict[str, Any]:
        """The gaps of ``region``'s chain, highest priority first."""
        return region_gaps(self, region, limit=limit, as_of=as_of)

    def compare(self, a: str, b: str, orgs_per_node: int = 10, as_of: str | None = None) -> dict[str, Any]:
        """Where one of regions ``a`` and ``b`` is leading or specialised and the other not, with ``orgs_per_node``
        firms of each side per chain node."""
        return compare_regions(self, a, b, orgs_per_node=orgs_per_node, as_of=as_of)

    def partners(self, org: str, region: str | None = None, limit: int = 20, as_of: str | None = None
                 ) -> dict[str, Any]:
        """Partners for organisation ``org``, located in ``region`` when given."""
        return partners_of(self, org, region=region, limit=limit, as_of=as_of)

    def targets(self, region: str, gaps: int = 10, limit: int = 20, events_per_org: int = 3,
                as_of: str | None = None) -> dict[str, Any]:
        """Chain firms elsewhere that would fill ``region``'s top ``gaps`` gaps, each with ``events_per_org`` of
        its recent events."""
        return attraction_targets(self, region, gap_count=gaps, limit=limit, events_per_org=events_per_org,
                                  as_of=as_of)

    def timeline(self, region: str, by: str = "year", as_of: str | None = None) -> dict[str, Any]:
        """Money put into ``region``'s chain per year, quarter or month, up to ``as_of`` (default today)."""
        return money_timeline(self, region, by=by, as_of=as_of)

    def network(self, region: str | None = None, as_of: str | None = None) -> dict[str, Any]:
        """The collaboration network, of ``region`` when given, up to ``as_of`` (default today)."""
        return collab_network(self, region, as_of=as_of)

    def projects(self, region: str, stalled_months: int = 12, as_of: str | None = None) -> dict[str, Any]:
        """The projects of ``region`` through their life cycle; quiet for ``stalled_months`` before ``as_of``
        (default today): stalled."""
        return region_projects(self, region, stalled_months=stalled_months, as_of=as_of)

    def followthrough(self, region: str, as_of: str | None = None) -> dict[str, Any]:
        """The agreements of ``region`` and what followed them up to ``as_of`` (default today)."""
        return agreements_followed(self, region, as_of=as_of)

    def export(self, fmt: str, out: str | os.PathLike[str], region: str | None = None,
               include_off_topic: bool = False) -> dict[str, Any]:
        """The knowledge graph written to ``out`` as ``fmt`` (json, csv, graphml, xlsx), of ``region`` when given."""
        return export_graph(self, fmt, out, region=region, include_off_topic=include_off_topic)

    # -- the store's state, and values kept until it changes (the web app's caches and readying) ---------------
    def state(self) -> Version | None:
        """The store's state as its stamp gives it; None on a store without one (then nothing is kept per state).
        Inside ``with one_state():`` it is read once."""
        return store_version(self)

    def kept(self, name: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per store state under ``name``, in the one per-state memo every reader shares."""
        return per_version(self, name, compute)

    def ready_evidence(self, per_org: int = 1) -> int:
        """Read every organisation's evidence sentences in one pass, so that pages need not each read their own;
        returns how many organisations were read."""
        return preload_evidence(self, per_org=per_org)

    # -- what the analyses stand on, and what a citation shows (the region brief reads these) -------------------
    def snapshot(self) -> Snapshot:
        """The analyses' view of the store in memory: the chain, the regions, the organisations counted in each
        region and chain segment, their recent events; built once per store state."""
        return snapshot_of(self)

    def peers(self, level: str) -> list[str]:
        """The codes of the regions of ``level`` that hold a chain organisation (cities: with the municipalities)."""
        return level_peers(self.snapshot(), level)

    def flow_neighbours(self) -> dict[str, set[str]]:
        """Per chain segment, the segments linked to it (or to one under it) by the chain's flow, either way."""
        return chain_neighbours(self.snapshot().chain)

    def recent_activity(self, as_of: str | None = None) -> dict[str, set[int]]:
        """Per chain segment, the ids of the recent events (the 24 months up to ``as_of``, default today) one of its
        firms took part in."""
        return segment_activity(self.snapshot(), as_of)

    def evidence(self, org_ids: list[int], per_org: int = 3) -> dict[int, list[dict[str, Any]]]:
        """Up to ``per_org`` sentences naming each organisation of ``org_ids`` in IC-relevant documents, one per
        document first; an organisation named nowhere is left out."""
        return org_evidence(self, org_ids, per_org)

    def event_sentences(self, event_ids: list[int]) -> dict[int, tuple[int, str]]:
        """Per event of ``event_ids`` that exists: its document and the sentence of its evidence ("" without one)."""
        return entities.event_sentences(self, event_ids)

    def document_refs(self, doc_ids: Sequence[int]) -> dict[int, DocumentRef]:
        """What a citation shows of each document of ``doc_ids`` that exists: title, date, source and address."""
        return document_refs(self, doc_ids)

    def summary(self) -> StoreSummary:
        """How much the store holds: documents, the IC-relevant ones and the span of their dates, events."""
        return store_summary(self)
