"""Ingest with Apache Spark (``icatlas ingest --engine spark``, icatlas.spark) in ``local[2]``: the store ends as a
single-process run leaves it (demo, seeds, a generated corpus, bad inputs), on SQLite and PostgreSQL; Parquet
records are read as JSON Lines records are; the facts folder holds the extraction contract; stored content is not
extracted again; a machine without Java gets a clear error."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .storedump import differences, dump
from .stores import store_url
from .test_parallel import _lines, inputs  # noqa: F401 - the same inputs: demo, seeds, generated pages, bad inputs
from .test_parallel import icatlas as run_cli


def icatlas(*args: str, env: dict[str, str] | None = None, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=env, timeout=timeout)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_spark_stores_what_one_process_stores(kind: str, inputs: list[str], tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    with store_url(kind, tmp_path) as one, store_url(kind, tmp_path) as two:
        a = icatlas("ingest", *inputs, "--db", one, "--workers", "1")
        b = icatlas("ingest", *inputs, "--db", two, "--engine", "spark", "--spark-master", "local[2]",
                    "--facts", str(facts))
        assert a.returncode == b.returncode == 1, (a.stderr[-2000:], b.stderr[-3000:])  # the bad inputs
        assert a.stdout.split(" -> ")[0] == b.stdout.split(" -> ")[0] and "26 stored, 1 unchanged" in a.stdout
        assert _lines(a.stderr) == _lines(b.stderr) and len(_lines(a.stderr)) >= 3
        got, want = dump(two), dump(one)
        assert not differences(got, want), "\n".join(differences(got, want))
        if kind == "sqlite":
            _facts_hold_the_contract(facts, inputs)
            again = icatlas("ingest", *inputs, "--db", two, "--engine", "spark", "--spark-master", "local[2]",
                            "--facts", str(facts))
            assert "0 stored, 27 unchanged" in again.stdout, again.stdout + again.stderr[-2000:]
            assert not differences(dump(two), want)
            kinds = _read(facts, "kind")
            assert set(kinds) == {"unchanged", "piped"} and kinds.count("unchanged") == 27  # nothing stored extracted
            _older_extractor_again(two, facts, inputs)


def _older_extractor_again(url: str, facts: Path, inputs: list[str]) -> None:
    """A document an older extractor processed is extracted again, and only that one."""
    from icatlas.store import Store

    from .test_skip_unchanged import _age

    store = Store.open(url)
    _age(store, 3)
    store.engine.dispose()
    res = icatlas("ingest", *inputs, "--db", url, "--engine", "spark", "--spark-master", "local[2]",
                  "--facts", str(facts))
    assert "0 stored, 26 unchanged, 0 near-duplicates linked, 1 extracted again" in res.stdout, res.stdout
    kinds = [k for k, d in zip(_read(facts, "kind"), _read(facts, "document")) if d is not None]
    assert kinds.count("piped") == 1 and kinds.count("unchanged") == 26


def _read(facts: Path, column: str) -> list[object]:
    import pyarrow.parquet as pq

    table = pq.read_table(str(facts)).sort_by([("seq", "ascending"), ("part", "ascending")])
    return list(table.column(column).to_pylist())


def _facts_hold_the_contract(facts: Path, inputs: list[str]) -> None:
    """The facts folder: one row per document read, the contract as ``icatlas extract --json`` prints it."""
    import pyarrow.parquet as pq

    from icatlas.spark import COLUMNS

    assert tuple(pq.read_schema(str(next(facts.rglob("*.parquet")))).names) == COLUMNS
    sources = _read(facts, "source")
    rows = dict(zip(sources, _read(facts, "facts")))
    seed = next(p for p in sorted(Path(inputs[1]).glob("*.txt")))
    out = icatlas("extract", str(seed), "--json")
    want = json.loads(out.stdout.splitlines()[0])
    got = json.loads(str(rows[want["source"]]))
    assert got == want
    assert len(sources) == 29 and sum(1 for s in _read(facts, "document") if s is None) == 2  # the two bad inputs


def test_parquet_records_are_read_as_json_lines_records(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    demo = sorted((ROOT / "examples" / "demo").glob("*.txt"))[:4]
    recs = [{"url": f"https://example.org/{p.stem}", "title": p.stem, "published": "2024-05-01",
             "text": p.read_text(encoding="utf-8")} for p in demo]
    recs.append({"url": "https://example.org/empty", "title": "empty", "published": None, "text": " "})
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                                          encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(recs), str(tmp_path / "pages.parquet"))
    a = icatlas("ingest", str(tmp_path / "pages.jsonl"), "--db", str(tmp_path / "a.db"), "--workers", "1")
    b = icatlas("ingest", str(tmp_path / "pages.parquet"), "--db", str(tmp_path / "b.db"), "--engine", "spark",
                "--spark-master", "local[2]")
    assert a.stdout.split(" -> ")[0] == b.stdout.split(" -> ")[0] == "4 stored, 0 unchanged, 0 near-duplicates linked"
    assert "has no 'text'" in a.stderr and "pages.parquet#5: record has no 'text'" in b.stderr, b.stderr[-2000:]
    got, want = dump(f"sqlite:///{tmp_path / 'b.db'}"), dump(f"sqlite:///{tmp_path / 'a.db'}")
    assert not differences(got, want), "\n".join(differences(got, want))


def test_no_java_is_a_clear_error(tmp_path: Path) -> None:
    env = {"PATH": str(Path(sys.executable).parent), "JAVA_HOME": ""}
    res = icatlas("ingest", str(ROOT / "examples" / "demo"), "--db", str(tmp_path / "kg.db"), "--engine", "spark",
                  env=env, timeout=120)
    assert res.returncode != 0
    assert "needs a Java runtime" in res.stderr and "openjdk-17" in res.stderr and "Traceback" not in res.stderr


def test_engine_options_are_checked(tmp_path: Path) -> None:
    res = icatlas("ingest", str(ROOT / "examples" / "demo"), "--db", str(tmp_path / "kg.db"), "--facts", "x")
    assert res.returncode != 0 and "go with --engine spark" in res.stderr
    res = icatlas("ingest", str(ROOT / "examples" / "demo"), "--db", str(tmp_path / "kg.db"), "--engine", "ray")
    assert res.returncode != 0 and "unknown engine 'ray'" in res.stderr
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    res = icatlas("ingest", str(ROOT / "examples" / "demo"), "--db", str(tmp_path / "kg.db"), "--engine", "spark",
                  "--facts", str(mine))
    assert res.returncode != 0 and "not a facts folder" in res.stderr and (mine / "notes.txt").exists()
