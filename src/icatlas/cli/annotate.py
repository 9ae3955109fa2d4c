"""The ``annotate`` commands: ``annotate ner`` (CLUENER2020) and ``annotate events`` (FewFC) label sentences in
benchmark formats."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import IcatlasError

InArg = Annotated[Path, typer.Argument(metavar="IN", help="JSON Lines with a 'text' field per line.")]
OutArg = Annotated[Path, typer.Argument(metavar="OUT", help="Where to write the annotated JSON Lines ('-' for stdout).")]


def annotate_ner(
    in_path: InArg,
    out_path: OutArg,
    fmt: Annotated[str, typer.Option("--format", help="Output format: cluener.")] = "cluener",
    engine: Annotated[str, typer.Option("--engine", help="model (the trained tagger) or rules (the rule-based extractor).")] = "model",
    timing: Annotated[bool, typer.Option("--timing", help="Report characters per second on stderr, model loading excluded.")] = False,
) -> None:
    """Label entity spans of each line's text in the CLUENER2020 format (any label in IN is replaced)."""
    import time

    from ..annotate import ENGINES, annotate_records

    if fmt != "cluener":
        raise IcatlasError(f"--format {fmt!r} is not supported for ner", "use --format cluener")
    if engine not in ENGINES:
        raise IcatlasError(f"--engine {engine!r} is unknown", "use --engine model or --engine rules")
    records, bad = read_jsonl_records(in_path, "text")
    loaded = time.perf_counter()
    if engine == "model":
        from ..extract.tagger import tagger

        tagger()
    started = time.perf_counter()
    annotated = annotate_records(records, engine)
    took = time.perf_counter() - started
    write_records(out_path, annotated, len(records), bad)
    if timing:
        chars = sum(len(str(r.get("text") or "")) for r in records)
        typer.echo(f"icatlas: {chars} chars in {took:.2f} s ({chars / max(took, 1e-9):,.0f} chars/s); "
                   f"model loaded in {started - loaded:.2f} s", err=True)
    if bad:
        raise typer.Exit(1)


def annotate_events_cmd(
    in_path: Annotated[Path, typer.Argument(metavar="IN", help="JSON Lines with 'id' and 'content' per line.")],
    out_path: OutArg,
    fmt: Annotated[str, typer.Option("--format", help="Output format: fewfc.")] = "fewfc",
) -> None:
    """Label financial events (投资, 签署合同, 收购, 中标) of each line's content in the FewFC format."""
    from ..annotate_events import annotate_fewfc

    if fmt != "fewfc":
        raise IcatlasError(f"--format {fmt!r} is not supported for events", "use --format fewfc")
    records, bad = read_jsonl_records(in_path, "content")
    write_records(out_path, annotate_fewfc(records), len(records), bad)
    if bad:
        raise typer.Exit(1)


def read_jsonl_records(path: Path, field: str) -> tuple[list[dict[str, Any]], int]:
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


def write_records(path: Path, annotated: list[dict[str, Any]], read: int, bad: int) -> None:
    """Write the annotated records as JSON Lines to ``path`` ('-': stdout); say on stderr how many lines were read
    and how many of them were not JSON."""
    lines = [json.dumps(r, ensure_ascii=False) for r in annotated]
    text = "\n".join(lines) + ("\n" if lines else "")
    if str(path) == "-":
        sys.stdout.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    typer.echo(f"icatlas: {read} line(s) annotated, {bad} unreadable", err=True)
