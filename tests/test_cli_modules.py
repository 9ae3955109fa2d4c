"""The commands are plain functions: each can be imported from its area's module and called alone, and its table
printed from a result without a store; the app registers every one of them in the order `icatlas --help` shows."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer.main

from icatlas.cli import analytics, annotate, collab, documents, reference, root


def test_every_command_is_a_top_level_function_registered_in_order() -> None:
    names = [c.name for c in root.app.registered_commands]
    assert names == [name for name, _ in root.COMMANDS]
    for name, command in root.COMMANDS:
        module = command.__module__.rsplit(".", 1)[-1]
        assert module in {"documents", "reference", "serve", "analytics", "collab", "brief"}, name
        assert "." not in command.__qualname__, f"{name} is nested"
    groups = typer.main.get_command(root.app).commands  # type: ignore[attr-defined]
    assert set(groups["annotate"].commands) == {"ner", "events"} and set(groups["import"].commands) == {"orgs"}


def test_commands_called_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "kg.db")
    reference.chain("光刻机", db=db, as_json=True)
    node = json.loads(capsys.readouterr().out)
    assert node["name"] == "光刻设备" and "children" in node
    reference.region("蘇州", db=db)
    assert capsys.readouterr().out.startswith("苏州市 < 江苏省")
    documents.stats(db=db, as_json=True)
    assert json.loads(capsys.readouterr().out)["documents"] == 0
    analytics.gaps_cmd("苏州", db=db, limit=2)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("苏州市 [city") and lines[1].startswith("  1. ")


def test_tables_from_results() -> None:
    assert analytics.yuan(None) == "—" and analytics.yuan(2.5e8) == "2.50 亿元" and analytics.yuan(3e4) == "3.00 万元"
    assert collab.number(12345) == "1.234万" and collab.number(None) == "—"
    assert collab.evidence_line({"doc_id": 7, "sentence": " a\n b "}) == "      [doc 7] a b"
    assert collab.evidence_line(None, "  ") == "  (no source)"


def test_annotate_reads_and_writes_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "a"}\nnot json\n\n"b"\n', encoding="utf-8")
    records, bad = annotate.read_jsonl_records(src, "text")
    assert records == [{"text": "a"}, {"text": ""}, {"text": "b"}] and bad == 1
    annotate.write_records(Path("-"), records, len(records), bad)
    out = capsys.readouterr()
    assert out.out.splitlines() == ['{"text": "a"}', '{"text": ""}', '{"text": "b"}']
    assert "3 line(s) annotated, 1 unreadable" in out.err
