"""The per-document pipeline: registered components (:mod:`icatlas.extract.component`) run in a checked order, over
documents in batches.

``Pipeline.default()`` reads nothing: it normalises, checks that an article is left, extracts the mentions, resolves
them into entities and extracts the rest (:data:`DEFAULT`). :meth:`Pipeline.pipe` runs it over read items or
documents, a batch at a time; a failing document is isolated: its error goes into the :class:`Report` and the batch
goes on. :func:`ingest` is the one path by which documents reach the store: ``icatlas ingest``, the web app's upload
and re-extraction (:func:`reprocess`) all go through it.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from .budget import OverBudget, time_budget
from .version import __version__
from . import normalise as _normalise
from .extract import steps as _extract_steps  # noqa: F401  (registers the extraction components)
from .extract.component import REGISTRY, Component, Work, component
from .model import Document
from .read import Item, Problem, ReadOptions, iter_files, read_file
from .resolve import steps as _resolve_steps  # noqa: F401  (registers the entity component)
from .store.db import explain_write_error

if TYPE_CHECKING:
    from .store import IngestResult, Store

#: What a read document holds before any component runs.
READ_FIELDS = ("doc.source", "doc.raw", "doc.original", "doc.fmt", "doc.encoding", "doc.url", "doc.title", "doc.meta")
#: What normalising adds.
NORMALISED_FIELDS = ("doc.text", "doc.offsets", "doc.language", "doc.script", "doc.title", "doc.dateline",
                     "doc.published", "doc.published_from", "doc.head", "doc.tail")
#: The extraction components, in order; ``tagger`` is optional (``Pipeline.default(tagger=False)``).
EXTRACTION = ("quantities", "places", "orgs", "people", "tagger", "org_names", "name_places", "mentions", "entities",
              "page_regions", "segments", "original_forms", "context", "events", "figures", "relations", "collab",
              "figure_subjects", "relevance")
DEFAULT = ("normalise", "require_text", *EXTRACTION)
#: The order of the versions in ``Document.versions`` (stored documents have always listed them so); the package's
#: version comes last, on documents read through the pipeline.
VERSION_ORDER = ("normalise", "segments", "relations", "relevance", "extract", "places", "orgs", "people", "events",
                 "figures", "collab")
BATCH_SIZE = 32
#: Short pages in each language and script the components read, run once before the first budgeted document.
WARM_PAGES = (
    "合肥长鑫存储签约\n2023年5月18日，合肥市人民政府与长鑫存储技术有限公司签署战略合作协议，总投资1500亿元，"
    "董事长朱一明出席。长三角集成电路产业链联盟成员单位达120家。\n",
    "台積電擴產\n台灣積體電路製造股份有限公司昨（17）日宣布，將投資新台幣3,000億元。產(chǎn)業(yè)\n",
    "SMIC expands\nOn May 10, 2023, Semiconductor Manufacturing International Corp. signed an agreement with the "
    "Beijing municipal government to invest US$7.6 billion, chairman Liu Xunfeng said.\n",
)


class EmptyArticle(Exception):
    pass


@component("normalise", requires=["doc.original", "doc.fmt", "doc.meta"], assigns=NORMALISED_FIELDS,
           version=lambda: _normalise.VERSION)
def _normalise_step(w: Work) -> None:
    _normalise.normalise(w.doc)


@component("require_text", requires=["doc.text"])
def _require_text(w: Work) -> None:
    if not w.doc.text.strip():
        raise EmptyArticle("no article text left after removing page noise")


class Pipeline:
    """Registered components by name, in an order where each one's requirements are assigned before it runs
    (``ValueError`` otherwise), with the versions they record."""

    def __init__(self, names: Iterable[str] = DEFAULT, provided: Iterable[str] = READ_FIELDS,
                 budget: float | None = None) -> None:
        """``budget``: the seconds one document may take in :meth:`pipe` before it is reported and skipped (None: no
        limit; see :mod:`icatlas.budget`)."""
        names = list(names)
        self.budget = budget
        self._warmed = False
        unknown = [n for n in names if n not in REGISTRY]
        if unknown or len(set(names)) != len(names):
            raise ValueError(f"pipeline components unknown or repeated: {', '.join(unknown) or ', '.join(names)}")
        self.components: list[Component] = [REGISTRY[n] for n in names]
        check_order(self.components, provided)
        self.versions = _versions(self.components)

    @classmethod
    def default(cls, *, tagger: bool = True, exclude: Iterable[str] = (), budget: float | None = None) -> Pipeline:
        """The whole pipeline from a read document; ``tagger``: the statistical tagger adds the companies and people
        the rules missed (the default); ``budget``: seconds per document (None: no limit)."""
        skip = {*exclude, *(() if tagger else ("tagger",))}
        return cls([n for n in DEFAULT if n not in skip], budget=budget)

    @classmethod
    def extraction(cls, *, tagger: bool = True) -> Pipeline:
        """The extraction components alone, for a document already normalised."""
        return cls([n for n in EXTRACTION if tagger or n != "tagger"], provided=READ_FIELDS + NORMALISED_FIELDS)

    def warm(self) -> None:
        """Run every component once on a short built-in page, outside any budget: what a component loads on first
        use (the tagger, the event models, the gazetteers, the script converter) is loaded here, so that a budget
        measures a document's own work and never interrupts a load half done."""
        if self._warmed:
            return
        self._warmed = True
        for text in WARM_PAGES:
            try:
                Pipeline(self.names)(Document(source="warm-up", raw=text, original=text))
            except Exception:  # noqa: BLE001 - warming is best effort; a real document reports its own errors
                pass

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, doc: Document) -> Document:
        """``doc`` through every component; an error is raised, not reported."""
        work = Work(doc)
        for comp in self.components:
            comp(work)
        doc.versions.update(self.versions)
        return doc

    def pipe(self, inputs: Iterable[Item | Document], report: Report | None = None,
             batch_size: int = BATCH_SIZE) -> Iterator[Document]:
        """Each input processed, in order, ``batch_size`` at a time. A read item's warnings and problem, and the error
        of a document that fails, go to ``report`` in input order and the batch goes on; a read item's document
        records the package's version."""
        report = report if report is not None else Report()
        batch: list[tuple[Item, bool]] = []
        for inp in inputs:
            batch.append((inp, True) if isinstance(inp, Item) else (Item(doc=inp), False))
            if len(batch) >= max(1, batch_size):
                yield from self._batch(batch, report)
                batch = []
        if batch:
            yield from self._batch(batch, report)

    def _batch(self, batch: list[tuple[Item, bool]], report: Report) -> Iterator[Document]:
        if self.budget is not None:
            self.warm()  # once, before the first document is timed
        works = [Work(item.doc) if item.doc is not None and item.problem is None else None for item, _ in batch]
        failed: dict[int, BaseException] = {}
        spent = [0.0] * len(works)
        for comp in self.components:
            for i, work in enumerate(works):
                if work is None or i in failed:
                    continue
                started = time.monotonic()
                try:
                    with time_budget(None if self.budget is None else self.budget - spent[i]):
                        comp(work)
                except (Exception, OverBudget) as exc:  # noqa: BLE001 - one document's failure must not stop the batch
                    failed[i] = exc
                spent[i] += time.monotonic() - started
        for i, (item, read) in enumerate(batch):
            for w in item.warnings:
                report.add(w)
            if item.problem is not None:
                report.add(item.problem)
                continue
            doc = item.doc
            assert doc is not None
            if i in failed:
                report.add(_problem(doc, failed[i], self.budget))
                continue
            doc.versions.update(self.versions)
            if read:
                doc.versions["icatlas"] = __version__
            report.documents += 1
            yield doc


def check_order(components: list[Component], provided: Iterable[str]) -> None:
    """Raise ``ValueError`` unless every component's requirements are provided or assigned by one before it."""
    have = set(provided)
    for comp in components:
        missing = [f for f in comp.requires if f not in have]
        if missing:
            raise ValueError(f"pipeline component {comp.name!r} requires {', '.join(missing)}, "
                             "which no component before it assigns")
        have.update(comp.assigns)


def _versions(components: list[Component]) -> dict[str, str]:
    found = {c.version_key: c.version_of() for c in components if c.version_of is not None}
    rank = {k: i for i, k in enumerate(VERSION_ORDER)}
    return {k: found[k] for k in sorted(found, key=lambda k: rank.get(k, len(rank)))}


def _problem(doc: Document, exc: BaseException, budget: float | None = None) -> Problem:
    if isinstance(exc, OverBudget):
        return Problem(doc.source, f"processing took longer than the time budget of {budget or 0:g} s",
                       "skipped; split the document or raise --time-budget")
    if isinstance(exc, EmptyArticle):
        return Problem(doc.source, str(exc), "check that the file holds an article")
    return Problem(doc.source, f"processing failed: {type(exc).__name__}: {exc}",
                   "skipped; please report this with the file")


def extract(doc: Document, *, tagger: bool = True) -> Document:
    """A normalised document with its mentions, entities, events, figures, relations, collaboration records and
    relevance filled in (the extraction components of the default pipeline); an error is raised, not reported."""
    return Pipeline.extraction(tagger=tagger)(doc)


@dataclass
class Report:
    """What went wrong in a run, one line per input, written to ``stream`` as it happens."""

    stream: TextIO | None = None
    problems: list[Problem] = field(default_factory=list)
    documents: int = 0

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if self.stream is not None:
            print(f"icatlas: {problem.line()}", file=self.stream, flush=True)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def summary(self) -> str:
        return (f"{self.documents} document(s) processed, {len(self.errors)} input(s) failed, "
                f"{len(self.warnings)} warning(s)")


def read(paths: Iterable[str | os.PathLike[str]], opts: ReadOptions | None = None,
         progress: bool | None = None) -> Iterator[Item]:
    """Every item read under ``paths``, in order (a path that does not exist is an item with its problem); a progress
    bar over the files on stderr (by default when stderr is a terminal)."""
    opts = opts or ReadOptions()
    entries = list(iter_files(paths))
    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(len(entries), sys.stderr) if show and len(entries) > 1 else None
    try:
        for entry in entries:
            if isinstance(entry, Problem):
                yield Item(problem=entry)
            else:
                yield from read_file(entry, opts)
            if bar is not None:
                bar.advance()
    finally:
        if bar is not None:
            bar.close()


def run(paths: Iterable[str | os.PathLike[str]], opts: ReadOptions | None = None, report: Report | None = None,
        progress: bool | None = None, pipeline: Pipeline | None = None,
        batch_size: int = BATCH_SIZE) -> Iterator[Document]:
    """Every processed document under ``paths``; bad inputs go to ``report`` (stderr by default)."""
    report = report if report is not None else Report(stream=sys.stderr)
    yield from (pipeline or Pipeline.default()).pipe(read(paths, opts, progress), report, batch_size)


def process_item(item: Item, report: Report, pipeline: Pipeline | None = None) -> Document | None:
    """The processed document of one read item, or None with the reason in the report."""
    return next((pipeline or Pipeline.default()).pipe([item], report, batch_size=1), None)


def ingest(store: Store, inputs: Iterable[Item | Document], report: Report | None = None, *, replace: bool = False,
           pipeline: Pipeline | None = None, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Document, IngestResult]]:
    """Each input processed and stored (one transaction per document), with the store's answer; failures go to
    ``report`` and the rest go on. An input whose content is already stored is answered ``unchanged`` at once,
    before it is extracted. With ``replace``, a document already stored has its facts replaced (see
    :meth:`icatlas.store.Store.ingest`)."""
    report = report if report is not None else Report()
    pipe = pipeline or Pipeline.default()
    pending: list[Item | Document] = []
    for inp in inputs:
        known = None if replace else _stored(store, inp, pipe.versions)
        if known is not None:
            report.documents += 1
            for w in inp.warnings if isinstance(inp, Item) else ():
                report.add(w)
            yield known
            continue
        pending.append(inp)
        if len(pending) >= max(1, batch_size):
            yield from _process_and_store(store, pending, report, replace, pipe, batch_size)
            pending = []
    yield from _process_and_store(store, pending, report, replace, pipe, batch_size)


def _stored(store: Store, inp: Item | Document, versions: dict[str, str]) -> tuple[Document, IngestResult] | None:
    """The stored document of ``inp``'s content, as the store's answer ``unchanged``; None when it is new, or was
    extracted by other ``versions`` of the extractor (it is extracted again and its facts replaced)."""
    from .store import IngestResult

    doc = inp.doc if isinstance(inp, Item) and inp.problem is None else inp if isinstance(inp, Document) else None
    if doc is None:
        return None
    try:
        found = store.stored_id(doc.raw, versions)
    except Exception:  # noqa: BLE001 - the write that follows reports what is wrong with the store
        return None
    return (doc, IngestResult("unchanged", found)) if found is not None else None


def _process_and_store(store: Store, inputs: list[Item | Document], report: Report, replace: bool,
                       pipe: Pipeline, batch_size: int) -> Iterator[tuple[Document, IngestResult]]:
    for doc in pipe.pipe(inputs, report, batch_size):
        result = store_document(store, doc, report, replace)
        if result is not None:
            yield doc, result


def store_document(store: Store, doc: Document, report: Report, replace: bool = False) -> IngestResult | None:
    """``doc`` stored (see :meth:`icatlas.store.Store.ingest`), with the store's answer; None when the write failed,
    which is reported and taken back from the documents counted."""
    try:
        return store.ingest(doc, replace=replace)
    except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the run
        report.documents -= 1
        reason, hint = explain_write_error(exc)
        report.add(Problem(doc.source, f"cannot store: {reason}", hint))
        return None


def reprocess(store: Store, report: Report | None = None, progress: Callable[[int, int], None] | None = None, *,
              pipeline: Pipeline | None = None, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Extract every stored document again with the current extractor (:func:`ingest` with ``replace``). Facts a user
    confirmed or corrected stay; a document that fails is reported and keeps its facts; ``progress(done, total)``
    after each document."""
    docs = store.stored_documents()
    report = report if report is not None else Report()
    total, failed_before = len(docs), len(report.errors)
    done = kept = told = 0
    for _doc, result in ingest(store, docs, report, replace=True, pipeline=pipeline, batch_size=batch_size):
        done += 1
        kept += result.curated_kept
        told = done + len(report.errors) - failed_before
        if progress is not None:
            progress(told, total)
    if progress is not None and total and told != total:
        progress(total, total)
    return {"documents": done, "curated_events_kept": kept}


class Progress:
    """Progress over input files on stderr: a live bar on a terminal, else a plain line every few seconds."""

    def __init__(self, total: int, stream: TextIO, every: float = 2.0) -> None:
        self.total, self.done, self.stream, self.every = total, 0, stream, every
        self.started = self.last = time.monotonic()
        self.live = None
        if stream.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self.live = RichProgress(TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                     console=Console(file=stream), transient=True)
            self.task = self.live.add_task("read", total=total)
            self.live.start()

    def advance(self) -> None:
        self.done += 1
        if self.live is not None:
            self.live.advance(self.task)
            return
        now = time.monotonic()
        if now - self.last >= self.every or self.done == self.total:
            self.last = now
            print(f"icatlas: read {self.done}/{self.total} files ({now - self.started:.0f} s)", file=self.stream,
                  flush=True)

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()
