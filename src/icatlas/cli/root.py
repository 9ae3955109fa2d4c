"""The root ``icatlas`` command: the app with its commands, registered in the order ``icatlas --help`` lists them,
and the entry point that turns user-facing errors into one line."""
from __future__ import annotations

import sys
from typing import Annotated, Any, Callable

import typer

from .. import __version__
from ..errors import IcatlasError
from . import analytics, annotate, brief, collab, documents, reference, serve

app = typer.Typer(
    name="icatlas",
    help="The industrial map of integrated-circuit clusters: pages in, a knowledge graph with evidence out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMANDS: list[tuple[str, Callable[..., Any]]] = [
    ("extract", documents.extract), ("ingest", documents.ingest), ("stats", documents.stats),
    ("documents", documents.documents), ("events", documents.events), ("reprocess", documents.reprocess),
    ("curate", documents.curate), ("relevance", documents.relevance), ("document", documents.document),
    ("init", documents.init),
    ("chain", reference.chain), ("region", reference.region), ("org", reference.org), ("search", reference.search),
    ("serve", serve.serve),
    ("map", analytics.map_cmd), ("gaps", analytics.gaps_cmd), ("compare", analytics.compare_cmd),
    ("partners", analytics.partners_cmd), ("targets", analytics.targets_cmd), ("timeline", analytics.timeline_cmd),
    ("network", analytics.network_cmd), ("projects", analytics.projects_cmd),
    ("followthrough", analytics.followthrough_cmd), ("export", analytics.export_cmd),
    ("alliances", collab.alliances_cmd), ("alliance", collab.alliance_cmd), ("resources", collab.resources_cmd),
    ("talent", collab.talent_cmd), ("policies", collab.policies_cmd), ("goals", collab.goals_cmd),
    ("brief", brief.brief_cmd),
]
GROUPS: list[tuple[str, str, list[tuple[str, Callable[..., Any]]]]] = [
    ("annotate", "Annotate sentences in benchmark formats.",
     [("ner", annotate.annotate_ner), ("events", annotate.annotate_events_cmd)]),
    ("import", "Import users' own registries.", [("orgs", documents.import_orgs)]),
]


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


def register(root: typer.Typer) -> None:
    """Add every command and command group to ``root``."""
    for name, command in COMMANDS:
        root.command(name)(command)
    for name, help_text, commands in GROUPS:
        group = typer.Typer(help=help_text, no_args_is_help=True)
        for sub, command in commands:
            group.command(sub)(command)
        root.add_typer(group, name=name)


register(app)


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
