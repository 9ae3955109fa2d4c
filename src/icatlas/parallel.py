"""Ingest on every core: reading, normalising and extracting in worker processes, storing in this one.

:func:`ingest_files` hands the input files, a few at a time, to ``workers`` processes (the ``spawn`` start method:
fresh interpreters, nothing inherited but the environment). Each worker reads its files, answers ``unchanged`` for
content the store already holds (it opens the store to read, never to write), and runs the default pipeline
(:meth:`icatlas.pipeline.Pipeline.pipe`, with the per-document time budget: the worker runs it in its main thread)
over the rest, with one ONNX Runtime and BLAS thread, at a lower scheduling priority than the parent's
(:data:`WORKER_NICE`: the parent's storing is the run's one serial step, and must not wait for a core). The parent
takes the workers' answers back in input order, writes their report lines in that order, and stores the documents
one transaction each, as the single-process :func:`icatlas.pipeline.ingest` does, so the store ends the same. A
worker exits when the parent dies (a parent-death signal, and a watchdog thread that notices the parent is gone); a
worker that dies itself has its files reported as failed, and a new one takes its place.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Document
from .pipeline import Pipeline, Progress, Report, store_document
from .read import Item, Problem, ReadOptions, iter_files, read_file

if TYPE_CHECKING:
    from .store import IngestResult, Store

#: Files handed to a worker at a time, and tasks in flight per worker (bounds the memory of documents waiting).
FILES_PER_TASK = 4
IN_FLIGHT_PER_WORKER = 4
#: Below this many input files, ``--workers`` left at its default stores from one process (starting workers and
#: loading their models costs more than it saves).
SMALL_RUN = 16
#: The environment of a worker: one thread for ONNX Runtime, OpenMP and BLAS, whatever the parent's.
WORKER_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
#: How much lower a worker's scheduling priority is than the parent's (``nice``): the parent's storing is the one
#: serial step, and when it waits for a core behind its own workers the whole run waits; the workers take what cores
#: the parent leaves.
WORKER_NICE = 10


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass
class _Config:
    url: str  # the store, to answer ``unchanged`` before extracting
    opts: ReadOptions
    budget: float | None
    parent: int


def ingest_files(store: Store, paths: Iterable[str | os.PathLike[str]], opts: ReadOptions | None = None,
                 report: Report | None = None, *, workers: int, budget: float | None = None,
                 progress: bool | None = None) -> Iterator[tuple[Document, IngestResult]]:
    """Every document under ``paths`` processed by ``workers`` processes and stored here, in input order, with the
    store's answer; bad inputs and failing documents go to ``report`` in input order and the rest go on."""
    report = report if report is not None else Report(stream=sys.stderr)
    entries = list(iter_files(paths))
    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(len(entries), sys.stderr) if show and len(entries) > 1 else None
    tasks = [entries[i:i + FILES_PER_TASK] for i in range(0, len(entries), FILES_PER_TASK)]
    config = _Config(store.engine.url.render_as_string(hide_password=False), opts or ReadOptions(), budget,
                     os.getpid())
    pool = _Pool(min(workers, max(1, len(tasks))), config)
    try:
        for task, answers in zip(tasks, pool.run(tasks)):
            yield from store_answers(store, task, answers, report)
            if bar is not None:
                for _ in task:
                    bar.advance()
    finally:
        pool.close()
        if bar is not None:
            bar.close()


def store_answers(store: Store, task: list[Path | Problem], answers: list[tuple[Any, ...]] | str,
                   report: Report) -> Iterator[tuple[Document, IngestResult]]:
    from .store import IngestResult

    if isinstance(answers, str):  # the worker died with these files
        for entry in task:
            source = entry.source if isinstance(entry, Problem) else str(entry)
            report.add(Problem(source, f"processing failed: {answers}", "skipped; please report this with the file"))
        return
    for kind, problems, doc, found in answers:
        for p in problems:
            report.add(p)
        if doc is None:
            continue
        report.documents += 1
        if kind == "unchanged":
            yield doc, IngestResult("unchanged", found)
            continue
        stored = store_document(store, doc, report)
        if stored is not None:
            yield doc, stored


# -- the workers -------------------------------------------------------------------------------------------------
class _Pool:
    """``n`` worker processes fed tasks in order, whose answers come back in the same order."""

    def __init__(self, n: int, config: _Config) -> None:
        self.ctx = mp.get_context("spawn")
        self.config = config
        self.tasks: Any = self.ctx.Queue()
        self.answers: Any = self.ctx.Queue()
        self.procs: list[Any] = []
        for _ in range(n):
            self._spawn()

    def _spawn(self) -> None:
        saved = {k: os.environ.get(k) for k in WORKER_ENV}
        os.environ.update(WORKER_ENV)  # a spawned worker starts with the parent's environment of this moment
        try:
            proc = self.ctx.Process(target=_worker, args=(self.tasks, self.answers, self.config), daemon=True)
            proc.start()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        self.procs.append(proc)

    def run(self, tasks: list[list[Path | Problem]]) -> Iterator[list[tuple[Any, ...]] | str]:
        """The answer of each task, in order (a string: why its worker died)."""
        window = IN_FLIGHT_PER_WORKER * len(self.procs)
        sent, done = 0, 0
        held: dict[int, Any] = {}  # answers that came back before the ones ahead of them
        working: dict[int, int] = {}  # worker pid -> the task it took
        while done < len(tasks):
            while sent < len(tasks) and sent - done < window:
                self.tasks.put((sent, tasks[sent]))
                sent += 1
            while done in held:
                yield held.pop(done)
                done += 1
            if done >= len(tasks):
                break
            try:
                kind, seq, pid, payload = self.answers.get(timeout=1.0)
            except queue.Empty:
                self._replace_dead(working, held)
                continue
            if kind == "start":
                working[pid] = seq
            else:
                working.pop(pid, None)
                held[seq] = payload

    def _replace_dead(self, working: dict[int, int], held: dict[int, Any]) -> None:
        for proc in list(self.procs):
            if proc.is_alive():
                continue
            self.procs.remove(proc)
            seq = working.pop(proc.pid, None)
            if seq is not None:
                held[seq] = f"the worker process exited with code {proc.exitcode}"
            self._spawn()

    def close(self) -> None:
        for _ in self.procs:
            self.tasks.put(None)
        deadline = time.monotonic() + 5
        for proc in self.procs:
            proc.join(timeout=max(0.1, deadline - time.monotonic()))
            if proc.is_alive():
                proc.kill()
        for q in (self.tasks, self.answers):
            q.cancel_join_thread()
            q.close()


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent dies: at once by the kernel's parent-death signal where there is one, and by a
    watchdog thread that sees the worker handed to another parent."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True, name="icatlas-parent-watch").start()
    if os.getppid() != parent:
        os._exit(1)


def _stored_id(store: Any, doc: Document, versions: dict[str, str]) -> int | None:
    try:
        return store.stored_id(doc.raw, versions)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - the parent's write reports what is wrong with the store
        return None


def lower_priority(step: int = WORKER_NICE) -> None:
    """This process's scheduling priority ``step`` below what it is (before it starts threads: a thread started
    later inherits it); where the system has no ``nice``, nothing."""
    try:
        os.nice(step)
    except (AttributeError, OSError):
        pass


def _worker(tasks: Any, answers: Any, config: _Config) -> None:
    lower_priority()
    _exit_with_parent(config.parent)
    from .store import Store

    pipeline = Pipeline.default(budget=config.budget)
    store = Store.open(config.url, reference=False)
    pid = os.getpid()
    while True:
        task = tasks.get()
        if task is None:
            break
        seq, entries = task
        answers.put(("start", seq, pid, None))
        out: list[tuple[Any, ...]] = []
        for entry in entries:
            out.extend(process_entry(entry, config.opts, pipeline, lambda doc: _stored_id(store, doc, pipeline.versions)))
        answers.put(("done", seq, pid, out))
    store.engine.dispose()


def process_entry(entry: Path | Problem, opts: ReadOptions, pipeline: Pipeline,
                  stored: Callable[[Document], int | None]) -> Iterator[tuple[Any, ...]]:
    """The answers of one input file: ``(kind, problems, document, stored id)`` for each document in it, ``kind``
    ``unchanged`` (``stored`` knows its content: not extracted) or ``piped`` (read and extracted, the document None
    when it failed). The one step of a worker process and of a Spark task (:mod:`icatlas.spark`)."""
    if isinstance(entry, Problem):
        yield ("piped", [entry], None, None)
        return
    for item in read_file(entry, opts):
        yield process_item_answer(item, pipeline, stored)


def process_item_answer(item: Item, pipeline: Pipeline, stored: Callable[[Document], int | None]) -> tuple[Any, ...]:
    """:func:`process_entry`'s answer for one read item."""
    doc = item.doc if item.problem is None else None
    found = stored(doc) if doc is not None else None
    if doc is not None and found is not None:
        return ("unchanged", list(item.warnings), doc, found)
    rep = Report()
    docs = list(pipeline.pipe([item], rep))
    return ("piped", rep.problems, docs[0] if docs else None, None)
