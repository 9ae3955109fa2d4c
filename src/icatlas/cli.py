"""The ``icatlas`` command. It parses arguments, calls the library and formats the result; nothing more."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .dates import parse_iso
from .errors import IcatlasError, UsageError
from .model import QUANTITY_LABELS
from .pipeline import Report, read, run
from .read import ReadOptions
from .read.sources import DEFAULT_MAX_BYTES

app = typer.Typer(
    name="icatlas",
    help="The industrial map of integrated-circuit clusters: pages in, a knowledge graph with evidence out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOpt = Annotated[Optional[str], typer.Option(
    "--db", help="SQLite file or database URL (postgresql://...). Default: $ICATLAS_DB, else ./icatlas.db.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
PathsArg = Annotated[list[Path], typer.Argument(help="Files or directories (.txt .md .html .htm .json .jsonl).")]
PublishedOpt = Annotated[Optional[str], typer.Option(
    "--published", help="Publish date YYYY-MM-DD for pages that carry none.")]
MaxSizeOpt = Annotated[float, typer.Option(
    "--max-size", help="Largest document to read, in MB (one JSON Lines record counts as one document).")]
EncodingOpt = Annotated[Optional[str], typer.Option(
    "--encoding", help="Read every file with this encoding instead of detecting it.")]
ProgressOpt = Annotated[Optional[bool], typer.Option(
    "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icatlas {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """The industrial map of integrated-circuit clusters."""


def _options(published: str | None, max_size: float, encoding: str | None) -> ReadOptions:
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


def _finish(report: Report) -> None:
    typer.echo(f"icatlas: {report.summary()}", err=True)
    if report.errors:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: PathsArg,
    as_json: JsonOpt = False,
    published: PublishedOpt = None,
    max_size: MaxSizeOpt = DEFAULT_MAX_BYTES / 1024 / 1024,
    encoding: EncodingOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Extract entities, events and figures from pages; one JSON object per document with --json."""
    report = Report(stream=sys.stderr)
    for doc in run(paths, _options(published, max_size, encoding), report, progress):
        data = doc.as_contract()
        if as_json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            typer.echo(f"{doc.source}  [{doc.language}] {doc.title or ''}")
            typer.echo(f"  {len(doc.entities)} entities, {len(doc.events)} events, {len(doc.figures)} figures")
    _finish(report)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    published: PublishedOpt = None,
    max_size: MaxSizeOpt = DEFAULT_MAX_BYTES / 1024 / 1024,
    encoding: EncodingOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Read pages and store them with their facts; re-ingesting the same content changes nothing."""
    from .pipeline import ingest as ingest_items
    from .store import Store

    store = Store.open(db)
    report = Report(stream=sys.stderr)
    counts = {"stored": 0, "unchanged": 0, "near_duplicate": 0}
    for doc, result in ingest_items(store, read(paths, _options(published, max_size, encoding), progress), report):
        counts[result.status] += 1
        if result.status == "near_duplicate":
            typer.echo(f"icatlas: note: {doc.source}: near-duplicate of document {result.duplicate_of} "
                       f"(similarity {result.similarity:.2f}); linked", err=True)
    if as_json:
        typer.echo(json.dumps({"db": store.url, **counts, "failed": len(report.errors)}, ensure_ascii=False))
    else:
        typer.echo(f"{counts['stored']} stored, {counts['unchanged']} unchanged, "
                   f"{counts['near_duplicate']} near-duplicates linked -> {store.url}")
    _finish(report)


@app.command()
def stats(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of documents, entities, events and figures in the store."""
    from .store import Store

    data = Store.open(db).stats()
    if as_json:
        typer.echo(json.dumps(data))
    else:
        for k, v in data.items():
            typer.echo(f"{k:18} {v}")


@app.command()
def documents(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
) -> None:
    """List stored documents, most recently stored first."""
    from .store import Store

    rows = Store.open(db).documents(limit=limit)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    if rows:
        typer.echo(f"{'id':>5}  {'published':10}  {'lang':7}  title")
    for r in rows:
        dup = f" (duplicate of {r['duplicate_of']})" if r["duplicate_of"] else ""
        typer.echo(f"{r['id']:5}  {r['published'] or '----------'}  {r['language']:7}  {r['title'] or r['source']}{dup}")


@app.command()
def events(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    since: Annotated[Optional[str], typer.Option(help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    event_type: Annotated[Optional[list[str]], typer.Option("--type", help="An event type (repeatable), e.g. agreement_signed.")] = None,
    region: Annotated[Optional[str], typer.Option(help="Only events placed in this region or inside it (苏州, 成渝, 长三角).")] = None,
    participant: Annotated[Optional[str], typer.Option(help="Only events with a participant whose name holds this text.")] = None,
    all_documents: Annotated[bool, typer.Option("--all", help="Include events from documents judged off-topic.")] = False,
    limit: Annotated[int, typer.Option(help="How many to list.")] = 200,
) -> None:
    """List events, newest first: one line per event, however many pages reported it."""
    from .extract.events import EVENT_TYPES
    from .store import Store

    for et in event_type or []:
        if et not in EVENT_TYPES:
            raise UsageError(f"unknown event type {et!r}", "types: " + ", ".join(EVENT_TYPES))
    rows = Store.open(db).events(since=since, until=until, types=event_type, region=region, participant=participant,
                                 include_off_topic=all_documents, limit=limit)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, default=str))
        return
    for r in rows:
        who = "、".join(p["name"] for p in r["participants"] or [])
        src = f" [{len(r['sources'])} sources]" if len(r["sources"]) > 1 else ""
        typer.echo(f"{r['id']:5}  {r['date'] or '----------':10}  {r['type']:18}  {r['place'] or '-':8}  {who}{src}")
    typer.echo(f"icatlas: {len(rows)} event(s)", err=True)


@app.command()
def reprocess(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Extract every stored document again with the current extractor; confirmed and corrected facts stay."""
    from .pipeline import reprocess as reprocess_store
    from .store import Store

    store = Store.open(db)

    def tell(done: int, total: int) -> None:
        if sys.stderr.isatty() or done == total:
            typer.echo(f"\ricatlas: re-extracted {done}/{total}", err=True, nl=done == total)

    report = Report(stream=sys.stderr)
    counts = reprocess_store(store, report, progress=tell)
    if as_json:
        typer.echo(json.dumps(counts, ensure_ascii=False))
    else:
        typer.echo(f"icatlas: {counts['documents']} document(s) re-extracted, "
                   f"{counts['curated_events_kept']} curated event(s) kept", err=True)
    if report.errors:
        raise typer.Exit(1)


@app.command()
def curate(
    what: Annotated[str, typer.Argument(help="event, entity or record (a collaboration record).")],
    target_id: Annotated[int, typer.Argument(metavar="ID", help="The event's, entity's or record's id.")],
    field: Annotated[str, typer.Argument(help="The field to correct, 'confirmed' to confirm an event as it is, or 'merge' to fold entity VALUE into ID.")],
    value: Annotated[Optional[str], typer.Argument(help="The new value (JSON for lists and numbers, else text).")] = None,
    db: DbOpt = None,
    who: Annotated[str, typer.Option(help="Who makes the change (kept in the curation log).")] = "cli",
    as_json: JsonOpt = False,
) -> None:
    """Confirm, correct or merge facts by hand; the change is logged and survives re-extraction."""
    from .store import Store

    store = Store.open(db)
    parsed: Any = value
    if value is not None:
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = value
    if what == "event":
        out: Any = store.curate_event(target_id, field, True if field == "confirmed" else parsed, who)
    elif what == "entity":
        if value is None:
            raise UsageError("an entity correction needs a value", "e.g. icatlas curate entity 12 name 上海微电子装备(集团)股份有限公司")
        if field == "merge":
            if not isinstance(parsed, int):
                raise UsageError(f"{value!r} is not an entity id", "e.g. icatlas curate entity 12 merge 34")
            out = _plain(store.merge_entities(target_id, parsed, who))
        else:
            store.curate_entity(target_id, field, parsed, who)
            out = {"id": target_id, field: parsed}
    elif what == "record":
        from .store.collab import curate_record

        out = _plain(curate_record(store.engine, target_id, field, True if value is None else parsed, who))
    else:
        raise UsageError(f"cannot curate {what!r}", "curate an event, an entity or a record")
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False, default=str))
    else:
        typer.echo(f"icatlas: {what} {target_id}: {field} curated", err=True)


@app.command()
def relevance(
    doc_id: Annotated[int, typer.Argument(help="The document's id (see `icatlas documents`).")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    set_call: Annotated[Optional[str], typer.Option("--set", help="relevant, off-topic, or auto (back to the automatic call).")] = None,
    who: Annotated[str, typer.Option(help="Who makes the change (kept in the curation log).")] = "cli",
) -> None:
    """Show a document's IC relevance (score, reasons, call), or override the call with --set."""
    from .store import Store

    store = Store.open(db)
    if set_call is not None:
        calls = {"relevant": True, "off-topic": False, "auto": None}
        if set_call not in calls:
            raise UsageError(f"--set {set_call!r} is not a call", "use --set relevant, off-topic or auto")
        info = store.set_relevance(doc_id, calls[set_call], who)
    else:
        info = store.relevance(doc_id)
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False))
        return
    call = "relevant" if info["in_force"] else "off-topic"
    by = "user" if info["relevance_override"] is not None else "automatic"
    typer.echo(f"document {info['id']}: {call} ({by}); score {info['relevance']}")
    for reason in info["reasons"]:
        typer.echo(f"  - {reason}")


@app.command()
def document(
    doc_id: Annotated[int, typer.Argument(help="The document's id (see `icatlas documents`).")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one stored document: its clean text, mentions, events and figures."""
    from .store import Store

    data = Store.open(db).document(doc_id)
    if as_json:
        typer.echo(json.dumps(_plain(data), ensure_ascii=False))
        return
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


@app.command()
def init(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Reload even when the store has this version.")] = False,
) -> None:
    """Create the store and load the bundled reference data (chain, regions, organisations)."""
    from .store import Store

    store = Store.open(db, reference=False)
    data = {"db": store.url, **store.init(force=force)}
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    state = "loaded" if data["loaded"] else "already up to date"
    typer.echo(f"reference data {data['version']} {state} -> {store.url}")
    stats = store.stats()
    typer.echo(f"  chain nodes {stats['chain_nodes']}, regions {sum(stats['regions'].values())}, "
               f"region groups {stats['region_groups']}, parks {stats['parks']}, organisations {stats['organizations']}")


@app.command()
def chain(
    node: Annotated[Optional[str], typer.Argument(help="A node id, name or term (光刻机, equipment.etch); default all.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the IC chain taxonomy as a tree, whole or from one node."""
    from .store import Store

    tree = Store.open(db).chain(node)
    if as_json:
        typer.echo(json.dumps(tree if node is None else tree[0], ensure_ascii=False))
        return

    def show(n: dict[str, Any], depth: int) -> None:
        flow = f"  → {', '.join(n['goes_into'])}" if n["goes_into"] and node else ""
        typer.echo(f"{'  ' * depth}{n['id']}  {n['name']} / {n['name_en']}{flow}")
        for c in n["children"]:
            show(c, depth + 1)

    for root in tree:
        show(root, 0)


@app.command()
def region(
    query: Annotated[str, typer.Argument(help="A region name: 苏州, 蘇州, Suzhou, 苏州工业园区, 长三角 ...")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    context: Annotated[Optional[list[str]], typer.Option(
        "--context", help="Other region names in view, to settle ambiguity (朝阳区 --context 北京).")] = None,
) -> None:
    """Resolve a region name and show its hierarchy, groups and members."""
    from .store import Store

    data = Store.open(db).region(query, context)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    r = data["region"]
    street = [data["street"]["name"]] if data.get("street") else []
    chain_up = " < ".join([*street, r["name"], *(h["name"] for h in data["hierarchy"])])
    typer.echo(f"{chain_up}   [{r['level']} {r['code']}]")
    if data["members"]:
        typer.echo("members: " + "、".join(m["name"] for m in data["members"]))
    if data["groups"]:
        typer.echo("groups:  " + "、".join(g["name"] for g in data["groups"]))
    for alt in data["alternatives"]:
        typer.echo(f"also:    {alt['name']} < {' < '.join(alt['hierarchy'])}  [{alt['code']}]")


@app.command()
def org(
    query: Annotated[str, typer.Argument(help="An organisation's name, short name or English name.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option(help="How many matches to show.")] = 10,
) -> None:
    """Show organisations matching a name, with their type, region and chain segments."""
    from .store import Store

    hits = Store.open(db).orgs(query, limit)
    if as_json:
        typer.echo(json.dumps(hits, ensure_ascii=False, default=str))
        return
    for h in hits:
        typer.echo(f"{h['name']}  [{h['type']}, {h['region'] or '—'}]")
        if h["aliases"]:
            typer.echo(f"  aliases:  {'、'.join(h['aliases'])}")
        for seg in h["segments"]:
            typer.echo(f"  segment:  {seg['id']}  {seg['name'] or ''} / {seg['name_en'] or ''}")


annotate_app = typer.Typer(help="Annotate sentences in benchmark formats.", no_args_is_help=True)
app.add_typer(annotate_app, name="annotate")


@annotate_app.command("ner")
def annotate_ner(
    in_path: Annotated[Path, typer.Argument(metavar="IN", help="JSON Lines with a 'text' field per line.")],
    out_path: Annotated[Path, typer.Argument(metavar="OUT", help="Where to write the annotated JSON Lines ('-' for stdout).")],
    fmt: Annotated[str, typer.Option("--format", help="Output format: cluener.")] = "cluener",
    engine: Annotated[str, typer.Option("--engine", help="model (the trained tagger) or rules (the rule-based extractor).")] = "model",
    timing: Annotated[bool, typer.Option("--timing", help="Report characters per second on stderr, model loading excluded.")] = False,
) -> None:
    """Label entity spans of each line's text in the CLUENER2020 format (any label in IN is replaced)."""
    import time

    from .annotate import ENGINES, annotate_records

    if fmt != "cluener":
        raise IcatlasError(f"--format {fmt!r} is not supported for ner", "use --format cluener")
    if engine not in ENGINES:
        raise IcatlasError(f"--engine {engine!r} is unknown", "use --engine model or --engine rules")
    records, bad = _read_jsonl_records(in_path, "text")
    loaded = time.perf_counter()
    if engine == "model":
        from .extract.tagger import tagger

        tagger()
    started = time.perf_counter()
    annotated = annotate_records(records, engine)
    took = time.perf_counter() - started
    _write_lines(out_path, [json.dumps(r, ensure_ascii=False) for r in annotated])
    typer.echo(f"icatlas: {len(records)} line(s) annotated, {bad} unreadable", err=True)
    if timing:
        chars = sum(len(str(r.get("text") or "")) for r in records)
        typer.echo(f"icatlas: {chars} chars in {took:.2f} s ({chars / max(took, 1e-9):,.0f} chars/s); "
                   f"model loaded in {started - loaded:.2f} s", err=True)
    if bad:
        raise typer.Exit(1)


@annotate_app.command("events")
def annotate_events_cmd(
    in_path: Annotated[Path, typer.Argument(metavar="IN", help="JSON Lines with 'id' and 'content' per line.")],
    out_path: Annotated[Path, typer.Argument(metavar="OUT", help="Where to write the annotated JSON Lines ('-' for stdout).")],
    fmt: Annotated[str, typer.Option("--format", help="Output format: fewfc.")] = "fewfc",
) -> None:
    """Label financial events (投资, 签署合同, 收购, 中标) of each line's content in the FewFC format."""
    from .annotate_events import annotate_fewfc

    if fmt != "fewfc":
        raise IcatlasError(f"--format {fmt!r} is not supported for events", "use --format fewfc")
    records, bad = _read_jsonl_records(in_path, "content")
    _write_lines(out_path, [json.dumps(r, ensure_ascii=False) for r in annotate_fewfc(records)])
    typer.echo(f"icatlas: {len(records)} line(s) annotated, {bad} unreadable", err=True)
    if bad:
        raise typer.Exit(1)


def _read_jsonl_records(path: Path, field: str) -> tuple[list[dict[str, Any]], int]:
    """The records of a JSON Lines file; a line that is not JSON becomes an empty record and is reported."""
    records, bad = [], 0
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            rec, bad = {field: ""}, bad + 1
            typer.echo(f"icatlas: error: {path}#{n}: line is not JSON (written with no annotation)", err=True)
        records.append(rec if isinstance(rec, dict) else {field: str(rec)})
    return records, bad


def _write_lines(path: Path, lines: list[str]) -> None:
    text = "\n".join(lines) + ("\n" if lines else "")
    if str(path) == "-":
        sys.stdout.write(text)
    else:
        path.write_text(text, encoding="utf-8")


import_app = typer.Typer(help="Import users' own registries.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@import_app.command("orgs")
def import_orgs(
    path: Annotated[Path, typer.Argument(help="CSV (UTF-8) or .xlsx with columns name, region, segments, aliases, type, website.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Import organisations; bad rows are reported with their line, good rows go in; re-importing changes nothing."""
    from .store import Store

    data = Store.open(db).import_orgs(path)
    for bad in data["rejected"]:
        typer.echo(f"icatlas: error: {path}:{bad['line']}: {bad['reason']} (row skipped)", err=True)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
    else:
        typer.echo(f"{data['added']} added, {data['updated']} updated, {data['unchanged']} unchanged, "
                   f"{len(data['rejected'])} rejected")
    if data["rejected"]:
        raise typer.Exit(1)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        help="Token that allows writes (upload, curation); else $ICATLAS_TOKEN; without one the app is read-only.",
        show_default=False)] = None,
    workers: Annotated[int, typer.Option(
        min=1, envvar="ICATLAS_WORKERS",
        help="Worker processes (uvicorn workers) sharing the port; else $ICATLAS_WORKERS, else 1.")] = 1,
) -> None:
    """Serve the web app and its JSON API."""
    import os

    import uvicorn

    from .serve import create_app

    token = token or os.environ.get("ICATLAS_TOKEN") or None
    if not token:
        typer.echo("icatlas: note: no --token or ICATLAS_TOKEN: the web app is read-only", err=True)
    if workers <= 1:
        uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")
        return
    import secrets

    from .serve.app import ENV_SESSION_KEY, ENV_TOKEN
    from .store import Store
    from .store.db import ENV_DB, resolve_url

    # the workers are new processes: they read the store, the token and one shared session key (so a cookie or CSRF
    # token made by one worker is valid at every other) from the environment; the store is migrated here, once
    url = resolve_url(db)
    Store.open(url).engine.dispose()
    os.environ[ENV_DB] = url
    if token:
        os.environ[ENV_TOKEN] = token
    os.environ[ENV_SESSION_KEY] = secrets.token_hex(32)
    uvicorn.run("icatlas.serve.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                http="icatlas.serve.server:NoDelayH11Protocol", log_level="info")


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data, default=str))


def main() -> None:
    """Entry point: user-facing errors as one line, never a traceback."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except IcatlasError as exc:
        typer.echo(f"icatlas: error: {exc}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("icatlas: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # usage errors from Click (or Typer's own copy of it): shown as Click shows them
        if type(exc).__name__ == "NoArgsIsHelpError":
            ctx = getattr(exc, "ctx", None)
            typer.echo(ctx.get_help() if ctx is not None else "Usage: icatlas [OPTIONS] COMMAND [ARGS]...")
            sys.exit(0)
        show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            sys.exit(exit_code)
        if isinstance(exc, (ImportError, OSError)):
            typer.echo(f"icatlas: error: {type(exc).__name__}: {exc}", err=True)
            sys.exit(2)
        raise


from .cli_analytics import register as _register_analytics  # noqa: E402  (map, gaps, compare, partners, targets)

_register_analytics(app)

from .cli_brief import register as _register_brief  # noqa: E402  (brief)

_register_brief(app)
