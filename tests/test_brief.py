"""The region brief: a store from the seeds and the demo corpus, rendered as HTML (always) and PDF (with Chromium)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icatlas.brief import find_chromium, gather, render_html, write_brief
from icatlas.errors import UsageError
from icatlas.atlas import Atlas

from .conftest import ROOT, SEEDS, need_shared

SECTIONS = ("一、产业链图谱", "二、优势环节", "三、补链方向", "四、互补地区", "五、招商目标", "六、近期动态", "七、协同合作", "八、资料来源")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    need_shared()
    from icatlas.pipeline import Report, run

    db = tmp_path_factory.mktemp("brief") / "brief.db"
    st = Atlas.open(db)
    report = Report()
    for d in run([SEEDS, ROOT / "examples" / "demo"], report=report, progress=False):
        st.ingest(d)
    assert not report.errors, report.errors
    return st


@pytest.fixture(scope="module")
def html(store: Atlas) -> str:
    return render_html(gather(store, "苏州"))


def test_sections_and_charts(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>") and "苏州市集成电路产业链简报" in html
    for title in SECTIONS:
        assert title in html, title
    assert html.count("<svg") >= 3 and "<script" not in html.lower()
    assert "@page" in html and "counter(page)" in html


def test_every_cited_source_is_listed_with_its_sentence(store: Atlas, html: str) -> None:
    data = gather(store, "苏州")
    assert data["sources"], "the brief cites no document"
    cited = {int(n) for n in re.findall(r'href="#src-(\d+)"', html)}
    listed = {int(n) for n in re.findall(r'id="src-(\d+)"', html)}
    assert cited and cited <= listed
    titles = {s["title"] for s in data["sources"]}
    assert any("苏州" in t or "蘇州" in t or "集成" in t or "集群" in t for t in titles), titles
    assert all(s["quotes"] for s in data["sources"])
    assert all(e["cite"]["n"] >= 1 for e in data["events"])


def test_document_text_is_escaped(store: Atlas, tmp_path: Path) -> None:
    from sqlalchemy import update

    from icatlas.store import schema as t

    data = gather(store, "苏州")
    doc_id = data["sources"][0]["doc_id"]
    with store.engine.begin() as conn:
        old = conn.execute(t.documents.select().where(t.documents.c.id == doc_id)).mappings().one()["title"]
        conn.execute(update(t.documents).where(t.documents.c.id == doc_id)
                     .values(title='<script>alert("x")</script>苏州 & 集成电路'))
    try:
        page = render_html(gather(store, "苏州"))
    finally:
        with store.engine.begin() as conn:
            conn.execute(update(t.documents).where(t.documents.c.id == doc_id).values(title=old))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;苏州 &amp; 集成电路" in page


def test_html_needs_no_chromium(store: Atlas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ICATLAS_CHROMIUM", str(tmp_path / "no-such-browser"))
    out = write_brief(store, "苏州", tmp_path / "b.html")
    assert "资料来源" in out.read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="Chromium") as exc:
        write_brief(store, "苏州", tmp_path / "b.pdf")
    assert "apt-get install" in str(exc.value)
    with pytest.raises(UsageError, match="format"):
        write_brief(store, "苏州", tmp_path / "b.docx")


def test_cli_writes_html(store: Atlas, tmp_path: Path) -> None:
    from icatlas.cli import app

    db = str(store.engine.url.database)
    out = tmp_path / "cli.html"
    res = CliRunner().invoke(app, ["brief", "上海", "-o", str(out), "--db", db, "--compare", "四川", "--gaps", "5"])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert "上海市集成电路产业链简报" in page and "四川省" in page


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_pdf(store: Atlas, tmp_path: Path) -> None:
    out = write_brief(store, "苏州", tmp_path / "brief.pdf")
    assert out.read_bytes()[:4] == b"%PDF"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "苏州市集成电路产业链简报" in text and "第 1 页" in text.replace("第1页", "第 1 页")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
                       check=True)
        assert list(tmp_path.glob("p*.png"))


# -- the collaboration section -----------------------------------------------------------------------------------
def _collab_section(page: str) -> str:
    return page[page.index('<section id="collab"'):page.index('<section id="sources"')]


def test_collaboration_section_of_suzhou(store: Atlas, html: str) -> None:
    data = gather(store, "苏州")
    c = data["collab"]
    assert c["counts"]["policies"] >= 1 and c["counts"]["talent"] >= 1
    assert any(x["kind"] == "人才表彰" for x in c["talent"])
    part = _collab_section(html)
    assert "七、协同合作" in part and "<h3>政策</h3>" in part and "<h3>人才</h3>" in part
    assert "人才表彰" in part
    # every claim of the section is cited, and the cited sources are listed with their sentence
    cited = {int(n) for n in re.findall(r'href="#src-(\d+)"', part)}
    listed = {s["n"]: s for s in data["sources"]}
    assert cited and all(listed[n]["quotes"] for n in cited)
    seed = [s for s in data["sources"] if "集群" in (s["title"] or "")]
    assert seed and seed[0]["n"] in cited  # seed 002: Suzhou's policy release and talent award


def test_collaboration_section_of_shanghai(store: Atlas) -> None:
    part = _collab_section(render_html(gather(store, "上海")))
    assert "上海市集成电路行业协会（理事长单位）" in part  # seed 001: a first director unit of the YRD alliance
    assert "上海集成电路设计产业园" in part  # seed 003: the design park's targets
    for text in ("10万人", "100万平方米", "1000亿元"):
        assert text in part, text


def test_collaboration_progress_and_an_empty_region(tmp_path: Path) -> None:
    from icatlas.pipeline import Report, run

    st = Atlas.open(tmp_path / "collab.db")
    for d in run([Path(__file__).parent / "data" / "collab" / "pages"], report=Report(), progress=False):
        st.ingest(d)
    data = gather(st, "浦东新区")
    goals = {g["metric"]: g for g in data["collab"]["goals"] if "浦江芯谷" in g["subject"]}
    assert goals["营收规模"]["target"] == "1000亿元" and goals["营收规模"]["latest"] == "820亿元"
    assert goals["营收规模"]["percent"] == 82.0
    part = _collab_section(render_html(data))
    assert 'style="width:82.0%"' in part and "82.0%" in part and "暂无后续数据" in part
    empty = _collab_section(render_html(gather(st, "拉萨")))
    assert "暂无可列出的协同合作信息" in empty and "<h3>" not in empty
