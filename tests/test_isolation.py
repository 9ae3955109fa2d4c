"""Every input is isolated: whatever fails in reading, decoding, extracting or storing one document is one line on
stderr naming the file, the run goes on and stores the good ones, and the exit status says something failed; the
same on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from icatlas.pipeline import Report, ingest, read, run
from icatlas.read import ReadOptions
from icatlas.read.clean import loads, storable
from icatlas.store import Store
from icatlas.store import schema as t

from .stores import store_url

EXE = str(Path(sys.executable).with_name("icatlas"))
PAGE = "标题{n}\n{city}集成电路产业投资发展有限公司揭牌成立，现场发布了最新集成电路产业相关政策，第{n}期。\n"
CITIES = ["苏州", "无锡", "合肥", "武汉", "成都", "西安", "南京", "厦门"]


def good(n: int) -> str:
    return PAGE.format(n=n, city=CITIES[n % len(CITIES)]) + f"本期编号{n * 7919}，由{CITIES[(n + 3) % 8]}市主办。\n" * (n % 3 + 1)


def make_causes(d: Path) -> dict[str, str]:
    """Each input the issue names as having stopped a run, next to good ones; what each must give: ``stored``,
    ``error`` (one error line naming it) or ``warned`` (stored, with a warning)."""
    d.mkdir()
    deep = "[" * 100_000 + "]" * 100_000
    expect: dict[str, str] = {}

    def put(name: str | bytes, data: str | bytes, outcome: str) -> None:
        path = os.path.join(os.fsencode(d), os.fsencode(name))
        with open(path, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        if outcome:
            expect[os.fsdecode(name) if isinstance(name, str) else name.decode("utf-8", "replace")] = outcome

    for n in range(3):
        put(f"good{n}.txt", good(n), "stored")
    put("deep.json", deep, "error")
    put("deep.jsonl", json.dumps({"text": good(10)}) + "\n" + deep + "\n", "stored")  # line 1 stored, line 2 refused
    put("sidecar.txt", good(11), "warned")
    put("sidecar.txt.meta.json", deep, "")
    put("surrogate.json", '{"text": "\\ud800' + good(12).replace("\n", " ") + '"}', "warned")
    put("undefined.html", '<html><head><meta charset="undefined"><title>t</title></head><body><article><p>'
        + good(13) * 3 + "</p></article></body></html>", "stored")
    put("punycode.html", '<html><head><meta charset="punycode"><title>t</title></head><body><article><p>'
        + good(14) * 3 + "</p></article></body></html>", "stored")
    put(b"not-utf8-\xff\xfe.txt", good(15), "stored")
    put("n" * 246 + ".txt", good(16), "stored")
    put("nul.json", json.dumps({"text": "\u0000" + good(17), "title": "标题\u0000"}), "warned")
    put("nul-late.txt", good(18) + "x" * 9000 + "\x00" + "结尾。", "warned")
    put("nan.txt", good(19), "warned")
    put("nan.txt.meta.json", '{"published": "2024-01-02", "score": NaN}', "")
    put("nan.json", '{"text": "' + good(20).replace("\n", " ") + '", "score": Infinity}', "error")
    put("body.txt", "关于网页的说明\n" + good(21) + "模板里写着 <body 标签和 <p> 段落</p>。\n", "stored")
    return expect


def names_in(lines: list[str], name: str) -> int:
    return sum(name[:40] in ln for ln in lines)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_every_cause_is_one_line_and_the_run_goes_on(tmp_path: Path, kind: str) -> None:
    expect = make_causes(tmp_path / "in")
    with store_url(kind, tmp_path) as db:
        res = subprocess.run([EXE, "ingest", str(tmp_path / "in"), "--db", db, "--json", "--no-progress"],
                             capture_output=True, text=True, timeout=300)
        assert "Traceback" not in res.stderr, res.stderr
        assert res.returncode == 1, res.stderr  # something failed, and the exit status says so
        errors = [ln for ln in res.stderr.splitlines() if ln.startswith("icatlas: error:")]
        warnings = [ln for ln in res.stderr.splitlines() if ln.startswith("icatlas: warning:")]
        assert len(errors) == 3, res.stderr  # deep.json, deep.jsonl#2, nan.json
        assert names_in(errors, "deep.json:") == 1 and "nested too deeply" in res.stderr
        assert names_in(errors, "deep.jsonl#2") == 1
        assert names_in(errors, "nan.json") == 1 and "Infinity is not a JSON value" in res.stderr
        for name, outcome in expect.items():
            if outcome == "warned":
                assert names_in(warnings, name) >= 1, (name, res.stderr)
        out = json.loads(res.stdout)
        stored = {n for n, o in expect.items() if o in ("stored", "warned")}
        assert out["failed"] == 3
        assert out["stored"] + out["near_duplicate"] == len(stored), res.stderr
        store = Store.open(db)
        try:
            with store.engine.connect() as conn:
                sources = [r[0] for r in conn.execute(select(t.documents.c.source))]
                titles = [r[0] for r in conn.execute(select(t.documents.c.title))]
        finally:
            store.engine.dispose()
        for name in stored:
            assert any(name[:40] in s for s in sources), (name, sources)
        assert all("\x00" not in (s or "") and not any("\ud800" <= c <= "\udfff" for c in (s or ""))
                   for s in sources + titles)
        # the same run again: everything is unchanged, nothing is stored twice
        res2 = subprocess.run([EXE, "ingest", str(tmp_path / "in"), "--db", db, "--json", "--no-progress"],
                              capture_output=True, text=True, timeout=300)
        again = json.loads(res2.stdout)
        assert again["unchanged"] == len(stored) and again["stored"] == again["near_duplicate"] == 0, res2.stderr


def test_a_document_the_store_refuses_is_reported_and_the_rest_stored(tmp_path: Path) -> None:
    # a real database refusal (a trigger of the store), not a stand-in: the writer must isolate it
    store = Store.open(tmp_path / "kg.db")
    with store.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.title = '标题1' "
                          "BEGIN SELECT RAISE(ABORT, 'refused by the store'); END"))
    d = tmp_path / "in"
    d.mkdir()
    for n in range(3):
        (d / f"p{n}.txt").write_text(good(n), encoding="utf-8")
    report = Report()
    done = [(doc.source, res.status) for doc, res in ingest(store, read([d], progress=False), report)]
    assert [Path(s).name for s, _ in done] == ["p0.txt", "p2.txt"]
    assert len(report.errors) == 1
    line = report.errors[0].line()
    assert "p1.txt" in line and "cannot store" in line and "refused by the store" in line and "\n" not in line
    assert report.documents == 2
    with store.engine.connect() as conn:
        assert conn.execute(select(t.documents.c.title)).scalars().all() == ["标题0", "标题2"]
        # whole or nothing: no fact of the refused page was left behind
        assert conn.execute(text("select count(*) from mentions where doc_id not in (select id from documents)")
                            ).scalar_one() == 0


def test_special_files_are_refused_before_reading(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(good(1), encoding="utf-8")
    os.mkfifo(d / "fifo.txt")
    os.symlink(d / "fifo.txt", d / "to-fifo.jsonl")
    os.symlink("/dev/zero", d / "zero.txt")
    os.symlink("/dev/urandom", d / "random.md")
    report = Report()
    docs = list(run([d], ReadOptions(), report, progress=False))  # returns: nothing blocks or reads forever
    assert [Path(x.source).name for x in docs] == ["good.txt"]
    reasons = {Path(p.source).name: p.reason for p in report.errors}
    assert reasons == {"fifo.txt": "refused: not a regular file but a FIFO",
                       "to-fifo.jsonl": "refused: not a regular file but a FIFO",
                       "zero.txt": "refused: not a regular file but a character device",
                       "random.md": "refused: not a regular file but a character device"}


def test_an_overlong_jsonl_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_bytes(b'{"text": "' + b"a" * 3_000_000 + b'"}\n' + json.dumps({"text": good(2)}).encode() + b"\n")
    report = Report()
    docs = list(run([f], ReadOptions(max_bytes=100_000), report, progress=False))
    assert [x.source for x in docs] == [f"{f}#2"]
    assert "over the limit" in report.errors[0].reason and "2.9 MB" in report.errors[0].reason


def test_storable_and_loads() -> None:
    assert storable("a\x00b\ud800c") == ("ab\ufffdc", 2)
    assert storable("普通文字") == ("普通文字", 0)
    for bad, why in (("[" * 5000, "nested too deeply"), ('{"a": NaN}', "NaN"), ("[-Infinity]", "-Infinity")):
        with pytest.raises(ValueError, match=why):
            loads(bad)
    assert loads('{"a": [1, 2.5, "x"]}') == {"a": [1, 2.5, "x"]}


def test_plain_text_that_names_a_tag_is_not_read_as_html() -> None:
    from icatlas.read.sources import record_item

    item = record_item("x", {"text": "说明\n" + good(3) + "这里提到 <body 标签。"}, ReadOptions())
    assert item.doc is not None and item.doc.original.startswith("说明")
    page = record_item("y", {"text": "<html><body><article><p>" + good(4) * 3 + "</p></article></body></html>"},
                       ReadOptions())
    assert page.doc is not None and "<p>" not in page.doc.original
