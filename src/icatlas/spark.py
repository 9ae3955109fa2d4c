"""Ingest with Apache Spark (``icatlas ingest --engine spark``): extraction in Spark's executors, storing by the same
resolver as every other ingest.

Stage 1 runs in the executors. Each input file (``.txt``, ``.md``, ``.html``, ``.json``, ``.jsonl``) is one task
item, and each record of a Parquet input (a file or a folder ending in ``.parquet``, with the fields of a JSON Lines
record: ``text``, ``title``, ``published``, ``url``, ``id``) is one item of a task over its Parquet split. Each item is
read, normalised and extracted by the default pipeline (:func:`icatlas.parallel.process_entry`, the step of an
``--workers`` process), with one ONNX Runtime thread per task and the per-document time budget. Content the store
already holds (its content hashes are sent to every executor) is not extracted again. The extracted facts are
written as Parquet to the facts folder, one row per document (:data:`COLUMNS`): its place in the input, source,
content hash, language, title, publish date, the extraction contract as JSON (``facts``, for Spark SQL or any
Parquet reader), the problems met, and the whole processed document (pickled) for stage 2. The inputs go in
waves (one Spark job each, a subfolder ``wave=NNNNN`` of the facts folder each), so that stage 2 of one wave runs
while the executors extract the next.

Stage 2 runs here, as the one writer: the rows in input order are resolved and stored one transaction each by
:func:`icatlas.pipeline.store_document`, as a single-process ingest stores them, so the store ends as ``icatlas
ingest --workers 1`` leaves it on the same input (tested).
"""
from __future__ import annotations

import os
import pickle
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import IcatlasError
from .model import Document
from .parallel import WORKER_ENV, process_entry, process_item_answer, store_answers
from .pipeline import Pipeline, Progress, Report
from .read import Item, Problem, ReadOptions, iter_files
from .read.sources import record_item

if TYPE_CHECKING:
    from .store import IngestResult, Store

HINT = "install PySpark (pip install 'icatlas[spark]') and a Java 17 runtime (Debian: openjdk-17-jre-headless)"
#: The columns of the facts folder, in order.
COLUMNS = ("seq", "part", "kind", "source", "content_hash", "language", "title", "published", "facts", "problems",
           "document")

#: Input files per Spark task when the inputs are files.
FILES_PER_PARTITION = 8


@dataclass
class SparkOptions:
    """Where Spark runs and where the extracted facts go."""

    master: str | None = None  # None: $ICATLAS_SPARK_MASTER, else local[*] (every core of this machine)
    facts: str | None = None  # the facts folder (Parquet); None: a temporary folder, removed after the run

    def master_url(self) -> str:
        return self.master or os.environ.get("ICATLAS_SPARK_MASTER") or "local[*]"


def session(master: str) -> Any:
    """A Spark session on ``master`` whose Python workers run with one ONNX Runtime, OpenMP and BLAS thread."""
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        raise IcatlasError("--engine spark needs a Java runtime, and none was found (no java, no $JAVA_HOME)", HINT)
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark\.")  # its pandas version notes
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise IcatlasError("--engine spark needs PySpark, which is not installed", HINT) from exc
    builder = SparkSession.builder.master(master).appName("icatlas ingest")
    for k, v in WORKER_ENV.items():
        builder = builder.config(f"spark.executorEnv.{k}", v)
    if master.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers run this interpreter, with icatlas in it
    builder = builder.config("spark.ui.showConsoleProgress", "true" if sys.stderr.isatty() else "false")
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - the JVM did not start: say so in one line
        raise IcatlasError(f"Spark did not start on {master}: {str(exc).splitlines()[0] if str(exc) else exc}",
                           HINT) from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def ingest_spark(store: Store, paths: Iterable[str | os.PathLike[str]], opts: ReadOptions | None = None,
                 report: Report | None = None, *, budget: float | None = None, spark: SparkOptions | None = None,
                 progress: bool | None = None) -> Iterator[tuple[Document, IngestResult]]:
    """Every document under ``paths`` extracted by Spark and stored here, in input order, with the store's answer;
    bad inputs and failing documents go to ``report`` in input order and the rest go on.

    The inputs go to Spark in waves (:data:`WAVES`): while this process stores one wave, the executors extract the
    next, so that storing takes no time of its own when the executors are busy."""
    report = report if report is not None else Report(stream=sys.stderr)
    spark = spark or SparkOptions()
    opts = opts or ReadOptions()
    names = [str(p) for p in paths]
    entries = list(iter_files([p for p in names if not _is_parquet(p)]))
    waves = _waves(entries, [p for p in names if _is_parquet(p)])
    folder = _facts_folder(spark.facts)  # a folder that is not an earlier run's is refused before Spark starts
    try:
        ss = session(spark.master_url())
    except BaseException:
        if spark.facts is None:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(len(waves), sys.stderr) if show and len(waves) > 1 else None
    try:
        current = Pipeline.default(budget=budget).versions  # stored content extracted by these is not extracted again
        hashes = ss.sparkContext.broadcast(frozenset(store.content_hashes(current)))
        with ThreadPoolExecutor(1, thread_name_prefix="icatlas-spark") as pool:
            ahead = pool.submit(extract_to_parquet, ss, waves[0], _wave(folder, 0), opts, budget, hashes) \
                if waves else None
            for i in range(len(waves)):
                assert ahead is not None
                ahead.result()
                if i + 1 < len(waves):  # the executors extract the next wave while this one is stored
                    ahead = pool.submit(extract_to_parquet, ss, waves[i + 1], _wave(folder, i + 1), opts, budget,
                                        hashes)
                yield from store_from_parquet(store, _wave(folder, i), report, budget)
                if bar is not None:
                    bar.advance()
    finally:
        if bar is not None:
            bar.close()
        ss.stop()
        if spark.facts is None:
            shutil.rmtree(folder, ignore_errors=True)


#: Waves the input files are cut into: enough that storing one overlaps extracting the next, few enough that each
#: wave keeps every executor core busy; and the least number of files in a wave.
WAVES = 16
WAVE_MIN_FILES = 64


@dataclass
class Wave:
    """Input files (each with its place in the input) or one Parquet table, extracted as one Spark job."""

    files: list[tuple[int, str | Problem]]
    table: tuple[int, str] | None = None


def _waves(entries: list[Path | Problem], tables: list[str]) -> list[Wave]:
    items = [(seq, str(e) if isinstance(e, Path) else e) for seq, e in enumerate(entries)]
    size = max(WAVE_MIN_FILES, -(-len(items) // WAVES))
    waves = [Wave(items[i:i + size]) for i in range(0, len(items), size)]
    return waves + [Wave([], (len(entries) + n, t)) for n, t in enumerate(tables)]


def _wave(folder: str, i: int) -> str:
    return os.path.join(folder, f"wave={i:05d}")


def _facts_folder(facts: str | None) -> str:
    """The facts folder, emptied: a new temporary one, or ``facts`` (refused when it holds anything but waves)."""
    if facts is None:
        return tempfile.mkdtemp(prefix="icatlas-facts-")
    path = Path(facts)
    if path.exists():
        others = [p.name for p in path.iterdir() if not p.name.startswith(("wave=", "_", "."))] \
            if path.is_dir() else [path.name]
        if others:
            raise IcatlasError(f"--facts {facts}: not a facts folder (it holds {', '.join(sorted(others)[:3])})",
                               "give a new folder, or one an earlier --engine spark run wrote")
        shutil.rmtree(path)
    return str(path)


def _is_parquet(path: str) -> bool:
    return path.rstrip("/").lower().endswith(".parquet")


def extract_to_parquet(ss: Any, wave: Wave, folder: str, opts: ReadOptions, budget: float | None,
                       hashes: Any) -> None:
    """Stage 1 of one wave: its documents extracted in Spark's executors, each task writing its rows to
    ``folder/part-NNNNN.parquet`` itself (:data:`COLUMNS`), so that the documents never pass through the JVM.
    ``hashes``: the broadcast content hashes not to extract again."""
    sc = ss.sparkContext
    os.makedirs(folder, exist_ok=True)
    if wave.table is None:
        slices = max(1, min(len(wave.files), max(sc.defaultParallelism, -(-len(wave.files) // FILES_PER_PARTITION))))
        done = sc.parallelize(wave.files, slices).mapPartitionsWithIndex(
            lambda i, part: _write_part(folder, i, _extract_files(part, opts, budget, hashes.value)))
    else:
        seq, table = wave.table
        name = os.path.basename(table.rstrip("/"))
        records = ss.read.parquet(table).rdd.map(lambda r: r.asDict()).zipWithIndex()
        done = records.mapPartitionsWithIndex(
            lambda i, part: _write_part(folder, i, _extract_records(part, seq, name, opts, budget, hashes.value)))
    done.collect()


def store_from_parquet(store: Store, folder: str, report: Report,
                       budget: float | None = None) -> Iterator[tuple[Document, IngestResult]]:
    """Stage 2 of one wave: its documents stored here one at a time, in input order, by the same resolver as every
    ingest; a document the store took meanwhile is ``unchanged``."""
    import pyarrow.parquet as pq

    table = pq.read_table(folder, columns=["seq", "part", "kind", "problems", "document"])
    table = table.sort_by([("seq", "ascending"), ("part", "ascending")])
    local: Pipeline | None = None
    for batch in table.to_batches(max_chunksize=64):
        for kind, raw_problems, raw_doc in zip(*(batch.column(c).to_pylist() for c in ("kind", "problems",
                                                                                       "document"))):
            problems = pickle.loads(raw_problems)
            doc = pickle.loads(raw_doc) if raw_doc is not None else None
            found = None
            if kind == "unchanged" and doc is not None:
                found = store.stored_id(doc.raw)
                if found is None:  # gone from the store since stage 1 began: extract it here
                    local = local or Pipeline.default(budget=budget)
                    kind, problems, doc, found = process_item_answer(Item(doc=doc, warnings=problems), local,
                                                                     lambda _d: None)
            yield from store_answers(store, [], [(kind, problems, doc, found)], report)


# -- in the executors --------------------------------------------------------------------------------------------
_PIPELINES: dict[float | None, Pipeline] = {}


def _pipeline(budget: float | None) -> Pipeline:
    """The default pipeline of this Python worker (kept while Spark reuses the worker)."""
    if budget not in _PIPELINES:
        _PIPELINES[budget] = Pipeline.default(budget=budget)
    return _PIPELINES[budget]


def _known(hashes: frozenset[str]) -> Any:
    from .store.db import content_hash

    return lambda doc: 0 if content_hash(doc.raw) in hashes else None


def _extract_files(part: Iterable[tuple[int, str | Problem]], opts: ReadOptions, budget: float | None,
                   hashes: frozenset[str]) -> Iterator[tuple[Any, ...]]:
    pipeline, stored = _pipeline(budget), _known(hashes)
    for seq, entry in part:
        answers = process_entry(Path(entry) if isinstance(entry, str) else entry, opts, pipeline, stored)
        for n, answer in enumerate(answers):
            yield _row(seq, n, answer)


def _extract_records(part: Iterable[tuple[dict[str, Any], int]], seq: int, name: str, opts: ReadOptions,
                     budget: float | None, hashes: frozenset[str]) -> Iterator[tuple[Any, ...]]:
    pipeline, stored = _pipeline(budget), _known(hashes)
    for rec, n in part:
        item = record_item(f"{name}#{n + 1}", {k: v for k, v in rec.items() if v is not None}, opts)
        yield _row(seq, n, process_item_answer(item, pipeline, stored))


def _write_part(folder: str, index: int, rows: Iterator[tuple[Any, ...]]) -> Iterator[int]:
    """The rows of one task written to ``folder/part-NNNNN.parquet`` (a retried task writes it again); yields how
    many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: list[list[Any]] = [[] for _ in COLUMNS]
    for row in rows:
        for col, value in zip(columns, row):
            col.append(value)
    schema = pa.schema([(n, t) for n, t in zip(COLUMNS, (pa.int64(), pa.int64(), *[pa.string()] * 7, pa.binary(),
                                                          pa.binary()))])
    table = pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)
    path, part = os.path.join(folder, f"part-{index:05d}.parquet"), os.path.join(folder, f".part-{index:05d}.tmp")
    pq.write_table(table, part)  # a task that dies leaves no half file among the wave's parts
    os.replace(part, path)
    yield table.num_rows


def _row(seq: int, n: int, answer: tuple[Any, ...]) -> tuple[Any, ...]:
    import json

    from .store.db import content_hash

    kind, problems, doc, _found = answer
    facts = json.dumps(doc.as_contract(), ensure_ascii=False) if doc is not None and kind == "piped" else None
    return (seq, n, kind, doc.source if doc is not None else (problems[0].source if problems else None),
            content_hash(doc.raw) if doc is not None else None, doc.language if doc is not None else None,
            doc.title if doc is not None else None, doc.published if doc is not None else None, facts,
            pickle.dumps(list(problems)), pickle.dumps(doc) if doc is not None else None)
