"""The ``brief`` command: a region brief as PDF or HTML."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from .common import DbOpt
from .library import open_store


def brief_cmd(
    region: Annotated[str, typer.Argument(help="A region at any level: 苏州, 上海, 四川, 浦东新区, 长三角 ...")],
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="The file to write; the suffix picks the format: .pdf (needs Chromium) or .html.")],
    db: DbOpt = None,
    compare_with: Annotated[Optional[list[str]], typer.Option(
        "--compare", help="A region to compare with (repeatable). Default: the same-level regions of the "
                          "region's groups (长三角 ...), the most complementary first.")] = None,
    gap_count: Annotated[int, typer.Option("--gaps", help="How many gaps to list (and to find targets for).")] = 8,
    target_count: Annotated[int, typer.Option("--targets", help="How many attraction targets to list.")] = 10,
    event_count: Annotated[int, typer.Option("--events", help="How many recent events to list.")] = 12,
    as_of: Annotated[Optional[str], typer.Option(
        "--as-of", help="Judge as of this date (YYYY-MM-DD; default today): 'recent' is the 24 months before it, and "
                        "nothing after it counts.")] = None,
) -> None:
    """A Chinese-language region brief: chain map, strengths, gaps, complements, targets, events, sources."""
    from ..brief import write_brief

    for name, value in (("--gaps", gap_count), ("--targets", target_count), ("--events", event_count)):
        if value < 1:
            raise UsageError(f"{name} {value} is not a count", "give a positive number")
    out = write_brief(open_store(db), region, output, compare_with=compare_with or None, gap_count=gap_count,
                      target_count=target_count, event_count=event_count, as_of=as_of)
    typer.echo(f"icatlas: brief of {region} written to {out}", err=True)
