"""Docs do not drift: every command and option is in docs/cli.md, every command in the README."""
from __future__ import annotations

from pathlib import Path

import typer.main

from icatlas.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> dict:
    group = typer.main.get_command(app)
    commands = dict(group.commands)  # type: ignore[attr-defined]
    assert {"extract", "ingest", "stats", "serve"} <= set(commands)
    return commands


def test_every_command_and_option_is_documented() -> None:
    cli_md = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, cmd in _commands().items():
        assert f"icatlas {name}" in cli_md, f"docs/cli.md lacks `icatlas {name}`"
        assert f"icatlas {name}" in readme, f"README lacks `icatlas {name}`"
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt.split("/")[0] in cli_md, f"docs/cli.md lacks {opt} of {name}"


def test_environment_settings_are_documented() -> None:
    from icatlas.store import DEFAULT_DB, ENV_DB

    for doc in ("README.md", "docs/cli.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert ENV_DB in text and DEFAULT_DB in text


def test_readme_commands_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/install.sh && .venv/bin/icatlas ingest examples/demo" in readme
    assert "bash scripts/test.sh" in readme
    assert (ROOT / "scripts" / "install.sh").is_file() and (ROOT / "scripts" / "test.sh").is_file()
    assert (ROOT / "examples" / "demo").is_dir()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci


def test_library_core_is_typed() -> None:
    """mypy is clean on the package (py.typed ships with it)."""
    import subprocess
    import sys

    assert (ROOT / "src" / "icatlas" / "py.typed").is_file()
    res = subprocess.run([sys.executable, "-m", "mypy", str(ROOT / "src" / "icatlas")], capture_output=True, text=True,
                         timeout=300, cwd=ROOT)
    assert res.returncode == 0, res.stdout[-3000:]
