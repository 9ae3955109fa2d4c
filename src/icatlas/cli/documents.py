"""Commands on pages and stored documents: ``extract``, ``ingest``, ``stats``, ``documents``, ``events``,
``reprocess``, ``curate``, ``relevance``, ``document``, ``init`` and ``import orgs``."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..dates import parse_iso
from ..errors import IcatlasError, UsageError
from ..model import PRESENT_ROLES, QUANTITY_LABELS
from ..budget import DEFAULT_SECONDS
from ..pipeline import Pipeline, Report, run
from ..read import ReadOptions
from ..read.sources import DEFAULT_MAX_BYTES
from .common import DbOpt, DocIdArg, JsonOpt, WhoOpt, echo_json, show
from .library import curate_record, open_store

PathsArg = Annotated[list[Path], typer.Argument(help="Files or directories (.txt .md .html .htm .json .jsonl).")]
PublishedOpt = Annotated[Optional[str], typer.Option(
    "--published", help="Publish date YYYY-MM-DD for pages that carry none.")]
MaxSizeOpt = Annotated[float, typer.Option(
    "--max-size", help="Largest document to read, in MB (one JSON Lines record counts as one document).")]
EncodingOpt = Annotated[Optional[str], typer.Option(
    "--encoding", help="Read every file with this encoding instead of detecting it.")]
ProgressOpt = Annotated[Optional[bool], typer.Option(
    "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).")]
BudgetOpt = Annotated[float, typer.Option(
    "--time-budget", help="Seconds one document may take; one that takes longer is reported and skipped (0: no limit).")]
LimitOpt = Annotated[int, typer.Option(min=0, help="How many to list; 0 for all.")]
MAX_SIZE = DEFAULT_MAX_BYTES / 1024 / 1024


def read_options(published: str | None, max_size: float, encoding: str | None) -> ReadOptions:
    """The reading options of ``--published``, ``--max-size`` and ``--encoding``, each checked."""
    import codecs
    import re

    if published and not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) and parse_iso(published)):
        raise IcatlasError(f"--published {published!r} is not a date", "write it as YYYY-MM-DD")
    if max_size <= 0:
        raise IcatlasError(f"--max-size {max_size} is not a size", "give a positive number of megabytes, e.g. 20")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise IcatlasError(f"--encoding {encoding!r} is not an encoding",
                               "use a name such as utf-8, gb18030, big5 or utf-16") from None
    return ReadOptions(max_bytes=int(max_size * 1024 * 1024), published=parse_iso(published), encoding=encoding)


def finish(report: Report) -> None:
    """The run's summary on stderr; exit 1 when a document failed."""
    typer.echo(f"icatlas: {report.summary()}", err=True)
    if report.errors:
        raise typer.Exit(1)


def extract(
    paths: PathsArg,
    as_json: JsonOpt = False,
    published: PublishedOpt = None,
    max_size: MaxSizeOpt = MAX_SIZE,
    encoding: EncodingOpt = None,
    progress: ProgressOpt = None,
    time_budget: BudgetOpt = DEFAULT_SECONDS,
) -> None:
    """Extract entities, events and figures from pages; one JSON object per document with --json."""
    report = Report(stream=sys.stderr)
    pipeline = Pipeline.default(budget=time_budget or None)
    for doc in run(paths, read_options(published, max_size, encoding), report, progress, pipeline):
        data = doc.as_contract()
        if as_json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            typer.echo(f"{doc.source}  [{doc.language}] {doc.title or ''}")
            typer.echo(f"  {len(doc.entities)} entities, {len(doc.events)} events, {len(doc.figures)} figures")
    finish(report)


def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    published: PublishedOpt = None,
    max_size: MaxSizeOpt = MAX_SIZE,
    encoding: EncodingOpt = None,
    progress: ProgressOpt = None,
    time_budget: BudgetOpt = DEFAULT_SECONDS,
    workers: Annotated[Optional[int], typer.Option(
        "--workers", min=1, help="Processes that read and extract while this one stores (default: one per core; "
                                 "one process alone for fewer than 16 files).")] = None,
    engine: Annotated[str, typer.Option(
        "--engine", help="Where extraction runs: 'local' (this machine's worker processes) or 'spark' (Apache "
                         "Spark's executors; this process stores).")] = "local",
    spark_master: Annotated[Optional[str], typer.Option(
        "--spark-master", help="With --engine spark: the Spark master (default $ICATLAS_SPARK_MASTER, else "
                               "local[*]: every core here).")] = None,
    facts: Annotated[Optional[str], typer.Option(
        "--facts", help="With --engine spark: keep the extracted facts in this Parquet folder (default: a "
                        "temporary one).")] = None,
) -> None:
    """Read pages and store them with their facts; re-ingesting the same content changes nothing."""
    from ..spark import SparkOptions

    if engine not in ("local", "spark"):
        raise UsageError(f"unknown engine {engine!r}", "use --engine local or --engine spark")
    if engine != "spark" and (spark_master or facts):
        raise UsageError("--spark-master and --facts go with --engine spark", "add --engine spark")
    if engine == "spark" and workers is not None:
        raise UsageError("--workers goes with --engine local", "Spark's master sets the cores: --spark-master local[N]")
    store = open_store(db)
    report = Report(stream=sys.stderr)
    counts = {"stored": 0, "unchanged": 0, "near_duplicate": 0, "replaced": 0}
    spark = SparkOptions(spark_master, facts) if engine == "spark" else None
    found = store.ingest_files(paths, read_options(published, max_size, encoding), report,
                               budget=time_budget or None, workers=workers, progress=progress, spark=spark)
    for doc, result in found:
        counts[result.status] += 1
        if result.status == "near_duplicate":
            typer.echo(f"icatlas: note: {doc.source}: near-duplicate of document {result.duplicate_of} "
                       f"(similarity {result.similarity:.2f}); linked", err=True)
    if as_json:
        echo_json({"db": store.url, **counts, "failed": len(report.errors)})
    else:
        again = f", {counts['replaced']} extracted again (a new extractor)" if counts["replaced"] else ""
        typer.echo(f"{counts['stored']} stored, {counts['unchanged']} unchanged, "
                   f"{counts['near_duplicate']} near-duplicates linked{again} -> {store.url}")
    finish(report)


def stats(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of documents, entities, events and figures in the store."""
    show(open_store(db).stats(), as_json, print_stats)


def print_stats(data: dict[str, Any]) -> None:
    for k, v in data.items():
        typer.echo(f"{k:18} {v}")


def documents(db: DbOpt = None, as_json: JsonOpt = False, limit: LimitOpt = 50) -> None:
    """List stored documents, most recently stored first."""
    show(open_store(db).documents(limit=limit or None), as_json, print_documents)


def print_documents(rows: list[dict[str, Any]]) -> None:
    if rows:
        typer.echo(f"{'id':>5}  {'published':10}  {'lang':7}  title")
    for r in rows:
        dup = f" (duplicate of {r['duplicate_of']})" if r["duplicate_of"] else ""
        typer.echo(f"{r['id']:5}  {r['published'] or '----------'}  {r['language']:7}  {r['title'] or r['source']}{dup}")


def events(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    since: Annotated[Optional[str], typer.Option(help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    event_type: Annotated[Optional[list[str]], typer.Option("--type", help="An event type (repeatable), e.g. agreement_signed.")] = None,
    region: Annotated[Optional[str], typer.Option(help="Only events placed in this region or inside it (苏州, 成渝, 长三角).")] = None,
    participant: Annotated[Optional[str], typer.Option(help="Only events with a participant whose name holds this text.")] = None,
    all_documents: Annotated[bool, typer.Option("--all", help="Include events from documents judged off-topic.")] = False,
    limit: LimitOpt = 200,
) -> None:
    """List events, newest first: one line per event, however many pages reported it."""
    from ..extract.events import EVENT_TYPES

    for et in event_type or []:
        if et not in EVENT_TYPES:
            raise UsageError(f"unknown event type {et!r}", "types: " + ", ".join(EVENT_TYPES))
    rows = open_store(db).events(since=since, until=until, types=event_type, region=region, participant=participant,
                                 include_off_topic=all_documents, limit=limit or None)
    show(rows, as_json, print_events)


def print_events(rows: list[dict[str, Any]]) -> None:
    """One line per event: id, date (a planned event: ``~`` and its expected date), type, status, place, its parties,
    and the officials who attended or witnessed it."""
    for r in rows:
        people = r["participants"] or []
        who = "、".join(p["name"] for p in people if p.get("role") not in PRESENT_ROLES)
        present = [f"{p['name']} ({p['role']})" for p in people if p.get("role") in PRESENT_ROLES]
        if present:
            who += ("; " if who else "") + "present: " + "、".join(present)
        src = f" [{len(r['sources'])} sources]" if len(r["sources"]) > 1 else ""
        when = r["date"] or (f"~{r['expected_date']}" if r.get("expected_date") else "----------")
        typer.echo(f"{r['id']:5}  {when:10}  {r['type']:20}  {r.get('status') or 'done':7}  {r['place'] or '-':8}  "
                   f"{who}{src}")
    typer.echo(f"icatlas: {len(rows)} event(s)", err=True)


def reprocess(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Extract every stored document again with the current extractor; confirmed and corrected facts stay."""
    def tell(done: int, total: int) -> None:
        if sys.stderr.isatty() or done == total:
            typer.echo(f"\ricatlas: re-extracted {done}/{total}", err=True, nl=done == total)

    report = Report(stream=sys.stderr)
    show(open_store(db).reprocess(report, progress=tell), as_json, print_reprocessed)
    if report.errors:
        raise typer.Exit(1)


def print_reprocessed(counts: dict[str, int]) -> None:
    typer.echo(f"icatlas: {counts['documents']} document(s) re-extracted, "
               f"{counts['curated_events_kept']} curated event(s) kept", err=True)


def curate(
    what: Annotated[str, typer.Argument(help="event, entity or record (a collaboration record).")],
    target_id: Annotated[int, typer.Argument(metavar="ID", help="The event's, entity's or record's id.")],
    field: Annotated[str, typer.Argument(help="The field to correct, 'confirmed' to confirm an event as it is, or 'merge' to fold entity VALUE into ID.")],
    value: Annotated[Optional[str], typer.Argument(help="The new value (JSON for lists and numbers, else text).")] = None,
    db: DbOpt = None,
    who: WhoOpt = "cli",
    as_json: JsonOpt = False,
) -> None:
    """Confirm, correct or merge facts by hand; the change is logged and survives re-extraction."""
    store = open_store(db)
    parsed = _value(value)
    if what == "event":
        out: Any = store.curate_event(target_id, field, True if field == "confirmed" else parsed, who)
    elif what == "entity":
        if value is None:
            raise UsageError("an entity correction needs a value", "e.g. icatlas curate entity 12 name 上海微电子装备(集团)股份有限公司")
        if field == "merge":
            if not isinstance(parsed, int):
                raise UsageError(f"{value!r} is not an entity id", "e.g. icatlas curate entity 12 merge 34")
            out = store.merge_entities(target_id, parsed, who)
        else:
            store.curate_entity(target_id, field, parsed, who)
            out = {"id": target_id, field: parsed}
    elif what == "record":
        out = curate_record(store, target_id, field, True if value is None else parsed, who)
    else:
        raise UsageError(f"cannot curate {what!r}", "curate an event, an entity or a record")
    if as_json:
        echo_json(out)
    else:
        typer.echo(f"icatlas: {what} {target_id}: {field} curated", err=True)


def _value(value: str | None) -> Any:
    """A value given on the command line: JSON for lists and numbers, else the text as it is."""
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value


def relevance(
    doc_id: DocIdArg,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    set_call: Annotated[Optional[str], typer.Option("--set", help="relevant, off-topic, or auto (back to the automatic call).")] = None,
    who: WhoOpt = "cli",
) -> None:
    """Show a document's IC relevance (score, reasons, call), or override the call with --set."""
    store = open_store(db)
    if set_call is not None:
        calls = {"relevant": True, "off-topic": False, "auto": None}
        if set_call not in calls:
            raise UsageError(f"--set {set_call!r} is not a call", "use --set relevant, off-topic or auto")
        info = store.set_relevance(doc_id, calls[set_call], who)
    else:
        info = store.relevance(doc_id)
    show(info, as_json, print_relevance)


def print_relevance(info: dict[str, Any]) -> None:
    call = "relevant" if info["in_force"] else "off-topic"
    by = "user" if info["relevance_override"] is not None else "automatic"
    typer.echo(f"document {info['id']}: {call} ({by}); score {info['relevance']}")
    for reason in info["reasons"]:
        typer.echo(f"  - {reason}")


def document(doc_id: DocIdArg, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Show one stored document: its clean text, mentions, events and figures."""
    show(open_store(db).document(doc_id), as_json, print_document)


def print_document(data: dict[str, Any]) -> None:
    typer.echo(f"{data['title'] or data['source']}  [{data['language']}] {data['published'] or ''}")
    typer.echo(f"source: {data['url'] or data['source']}\n")
    typer.echo(data["text"])
    named = [m for m in data["mentions"] if m["label"] not in QUANTITY_LABELS]
    typer.echo(f"\nmentions ({len(data['mentions'])}):")
    for m in named:
        typer.echo(f"  {m['label']:12} {m['surface']}  [{m['start']}:{m['end']}]")
    typer.echo(f"events ({len(data['events'])}):")
    for e in data["events"]:
        who = "、".join(p["name"] for p in e["participants"] or [])
        amount = f" {e['amount_value']:g} {e['amount_currency']}" if e["amount_value"] else ""
        typer.echo(f"  {e['type']:20} {e['date'] or '—':10} {e['place'] or '—'}  {who}{amount}  {e['name'] or ''}")
    typer.echo(f"figures ({len(data['figures'])}):")
    for f in data["figures"]:
        typer.echo(f"  {f['subject'] or '—'}: {f['what']} {f['value']:g} {f['unit'] or ''} {f['qualifier'] or ''}")


def init(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Reload even when the store has this version.")] = False,
) -> None:
    """Create the store and load the bundled reference data (chain, regions, organisations)."""
    store = open_store(db, reference=False)
    data = {"db": store.url, **store.init(force=force)}
    if as_json:
        echo_json(data)
        return
    print_init(data, store.stats())


def print_init(data: dict[str, Any], stats: dict[str, Any]) -> None:
    state = "loaded" if data["loaded"] else "already up to date"
    typer.echo(f"reference data {data['version']} {state} -> {data['db']}")
    typer.echo(f"  chain nodes {stats['chain_nodes']}, regions {sum(stats['regions'].values())}, "
               f"region groups {stats['region_groups']}, parks {stats['parks']}, organisations {stats['organizations']}")


def import_orgs(
    path: Annotated[Path, typer.Argument(help="CSV (UTF-8) or .xlsx with columns name, region, segments, aliases, type, website.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Import organisations; bad rows are reported with their line, good rows go in; re-importing changes nothing."""
    data = open_store(db).import_orgs(path)
    for bad in data["rejected"]:
        typer.echo(f"icatlas: error: {path}:{bad['line']}: {bad['reason']} (row skipped)", err=True)
    show(data, as_json, print_imported)
    if data["rejected"]:
        raise typer.Exit(1)


def print_imported(data: dict[str, Any]) -> None:
    typer.echo(f"{data['added']} added, {data['updated']} updated, {data['unchanged']} unchanged, "
               f"{len(data['rejected'])} rejected")
