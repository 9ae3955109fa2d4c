"""The per-document pipeline: small components, each a function Document → Document, run in order.

A failing document is isolated: its error goes into the report and the batch goes on.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from . import __version__
from .extract import extract
from .model import Document
from .normalise import normalise
from .read import Item, Problem, ReadOptions, iter_files, read_file


@dataclass(frozen=True)
class Component:
    """A named, versioned pipeline stage and what it adds to the document."""

    name: str
    func: Callable[[Document], Document]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


def _require_text(doc: Document) -> Document:
    if not doc.text.strip():
        raise EmptyArticle("no article text left after removing page noise")
    return doc


class EmptyArticle(Exception):
    pass


DEFAULT_COMPONENTS: tuple[Component, ...] = (
    Component("normalise", normalise, ("text", "offsets", "language", "script", "title", "published", "tail")),
    Component("require_text", _require_text, ()),
    Component("extract", extract, ("mentions", "entities", "events", "figures")),
)


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


def process_item(item: Item, report: Report, components: Iterable[Component] = DEFAULT_COMPONENTS) -> Document | None:
    """The processed document of one read item, or None with the reason in the report."""
    for w in item.warnings:
        report.add(w)
    if item.problem is not None:
        report.add(item.problem)
        return None
    doc = item.doc
    assert doc is not None
    try:
        for comp in components:
            doc = comp(doc)
    except EmptyArticle as exc:
        report.add(Problem(doc.source, str(exc), "check that the file holds an article"))
        return None
    except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the batch
        report.add(Problem(doc.source, f"processing failed: {type(exc).__name__}: {exc}",
                           "skipped; please report this with the file"))
        return None
    doc.versions["icatlas"] = __version__
    report.documents += 1
    return doc


def run(paths: Iterable[str | os.PathLike[str]], opts: ReadOptions | None = None, report: Report | None = None,
        progress: bool | None = None) -> Iterator[Document]:
    """Every processed document under ``paths``; bad inputs go to ``report``; a progress bar on stderr."""
    opts = opts or ReadOptions()
    report = report if report is not None else Report(stream=sys.stderr)
    entries = list(iter_files(paths))
    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(len(entries), sys.stderr) if show and len(entries) > 1 else None
    try:
        for entry in entries:
            if isinstance(entry, Problem):
                report.add(entry)
            else:
                for item in read_file(entry, opts):
                    doc = process_item(item, report)
                    if doc is not None:
                        yield doc
            if bar is not None:
                bar.advance()
    finally:
        if bar is not None:
            bar.close()


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
