"""A re-run over unchanged files hashes each one and skips it before extracting."""
from __future__ import annotations

import time
from pathlib import Path

from icatlas.pipeline import Report, ingest, read
from icatlas.store import Store

from .test_concurrent import corpus


def test_unchanged_files_are_skipped_before_extracting(tmp_path: Path) -> None:
    corpus(tmp_path / "in", 12)
    store = Store.open(tmp_path / "kg.db")
    first = [r.status for _d, r in ingest(store, read([tmp_path / "in"], progress=False), Report())]
    assert first.count("unchanged") == 0 and len(first) == 12
    started = time.process_time()
    report = Report()
    again = list(ingest(store, read([tmp_path / "in"], progress=False), report))
    spent = time.process_time() - started
    assert [r.status for _d, r in again] == ["unchanged"] * 12 and report.documents == 12
    # nothing was extracted: the documents come back as read, without text or facts
    assert all(d.text == "" and not d.entities and not d.versions for d, _r in again)
    assert spent < 2.0, spent
