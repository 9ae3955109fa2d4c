"""Setup problems are one line that names the problem and the fix: a missing database, a wrong URL, a path that
cannot be written, a store another process holds locked."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .stores import pg_available

EXE = str(Path(sys.executable).with_name("icatlas"))


def stats(db: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, "stats", "--db", db], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def one_line(res: subprocess.CompletedProcess[str]) -> str:
    assert res.returncode == 2 and "Traceback" not in res.stderr and "OperationalError" not in res.stderr, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    return lines[0]


def test_missing_folder(tmp_path: Path) -> None:
    line = one_line(stats(str(tmp_path / "no" / "such" / "kg.db")))
    assert "folder" in line and "does not exist" in line and "create the folder" in line


def test_path_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    line = one_line(stats(str(tmp_path / "file" / "kg.db")))
    assert "not a folder" in line


def test_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "x.db").write_text("this is text, not a database " * 200)
    line = one_line(stats(str(tmp_path / "x.db")))
    assert "is not an icatlas store" in line and "give --db" in line


def test_wrong_url() -> None:
    line = one_line(stats("http://example.com/db"))
    assert "is not a database URL" in line and "postgresql://" in line


def test_locked_store(tmp_path: Path) -> None:
    db = tmp_path / "kg.db"
    assert subprocess.run([EXE, "init", "--db", str(db)], capture_output=True, timeout=300).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process's write in progress
    try:
        res = subprocess.run([EXE, "ingest", str(Path(__file__).parents[1] / "examples" / "demo"), "--db", str(db)],
                             capture_output=True, text=True, timeout=300, env={**os.environ, "ICATLAS_LOCK_TIMEOUT": "1"})
    finally:
        holder.rollback()
        holder.close()
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert "is locked" in res.stderr and "ICATLAS_LOCK_TIMEOUT" in res.stderr, res.stderr


@pytest.mark.skipif(not pg_available(), reason="no local PostgreSQL")
def test_missing_postgresql_database() -> None:
    line = one_line(stats("postgresql://postgres:hunter2@127.0.0.1:5432/icatlas_hard_missing"))
    assert "database 'icatlas_hard_missing' does not exist" in line and "createdb icatlas_hard_missing" in line
    assert "hunter2" not in line and "***@" in line  # the credentials are masked


def test_no_server_at_that_port() -> None:
    line = one_line(stats("postgresql://postgres@127.0.0.1:1/test"))
    assert "no PostgreSQL server answers" in line and "check the host and port" in line
