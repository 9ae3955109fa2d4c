"""What the commands share: the common options and arguments, and printing a result as JSON or as a table."""
from __future__ import annotations

import json
from typing import Annotated, Any, Callable, Optional, TypeVar

import typer

DbOpt = Annotated[Optional[str], typer.Option(
    "--db", help="SQLite file or database URL (postgresql://...). Default: $ICATLAS_DB, else ./icatlas.db.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
WhoOpt = Annotated[str, typer.Option(help="Who makes the change (kept in the curation log).")]
DocIdArg = Annotated[int, typer.Argument(help="The document's id (see `icatlas documents`).")]
RegionArg = Annotated[str, typer.Argument(
    help="A region at any level: 浦东新区, 苏州, 上海, 四川, 苏州工业园区, 长三角, 成渝, Suzhou ...")]
RegionOpt = Annotated[Optional[str], typer.Option(
    "--region", help="Only this region and the regions inside it (苏州, 上海, 长三角, Suzhou ...).")]
SegmentOpt = Annotated[Optional[str], typer.Option(
    "--segment", help="Only this chain node and the nodes under it (an id, name or term: design, 设计, 光刻机).")]

T = TypeVar("T")


def echo_json(data: Any) -> None:
    """One line of JSON on stdout, non-ASCII text as it is; dates and other values as text."""
    typer.echo(json.dumps(data, ensure_ascii=False, default=str))


def show(data: T, as_json: bool, table: Callable[[T], None]) -> None:
    """Print a command's result: the JSON as it is with ``--json``, else the table ``table`` makes of it."""
    if as_json:
        echo_json(data)
    else:
        table(data)

