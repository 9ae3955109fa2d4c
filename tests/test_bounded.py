"""Bounded work: the runs that were quadratic are linear now, and a document that takes longer than its time budget
is reported and skipped while the run goes on."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from icatlas.budget import OverBudget, available, time_budget
from icatlas.extract.quantities import find_quantities
from icatlas.normalise.aligned import Aligned
from icatlas.normalise.chars import strip_markdown
from icatlas.pipeline import Pipeline, Report
from icatlas.read.sources import DEFAULT_MAX_BYTES, ReadOptions, make_document


def cpu(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


@pytest.mark.parametrize("unit", ["[", "![", "[a](", "![a](", "*a"])
def test_markdown_stripping_is_linear(unit: str) -> None:
    small, big = (Aligned.of(unit * (n // len(unit))) for n in (50_000, 200_000))
    t_small, t_big = cpu(strip_markdown, small), cpu(strip_markdown, big)
    # 40,000 '[' took 6.7 s when it was quadratic; linear is well under a second, and 4 times the input about 4 times
    assert t_big < 1.0 and t_big < 10 * max(t_small, 0.05), (t_small, t_big)


def test_markdown_links_still_keep_their_text() -> None:
    out = strip_markdown(Aligned.of("见[长鑫存储](https://example.com/a)和![图](x.png)。[[注]]"))
    assert out.text == "见长鑫存储和。[[注]]"
    assert [out.pos[i] for i in range(1, 5)] == [2, 3, 4, 5]  # the link text keeps its place in the original


@pytest.mark.parametrize("unit", ["7", ",111", "一二三", "万", "5元5", "1.1"])
def test_number_patterns_are_linear_on_long_runs(unit: str) -> None:
    small, big = (unit * (n // len(unit)) for n in (5_000, 20_000))
    t_small = cpu(find_quantities, small, "2024-01-01")
    t_big = cpu(find_quantities, big, "2024-01-01")
    # 20,000 digits took 118 s when the number patterns were quadratic
    assert t_big < 2.0 and t_big < 10 * max(t_small, 0.05), (t_small, t_big)  # a 20 ms run is noise


def test_numbers_are_still_read() -> None:
    values = {(m.label, m.surface): m.attrs.get("value") for m in find_quantities(
        "总投资12,000万元，增长3.5%，共有120家企业，人民币三十亿元。", "2024-01-01")}
    assert values[("money", "12,000万元")] == 1.2e8
    assert values[("percent", "3.5%")] == pytest.approx(0.035)
    assert values[("count", "120家")] == 120
    assert values[("money", "人民币三十亿元")] == 3e9


@pytest.mark.skipif(not available(), reason="no interval timer here")
def test_time_budget_interrupts_and_restores() -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget):
        with time_budget(0.2):
            while True:
                try:
                    sum(range(10_000))
                except Exception:  # noqa: BLE001 - a component that swallows errors cannot swallow the budget
                    pass
    assert time.monotonic() - started < 2
    with time_budget(5):
        pass  # nothing left armed: the rest of the test is not interrupted
    time.sleep(0.3)


def slow_page(n: int) -> str:
    # a long page dense with companies, signings and amounts: extraction is linear, but n = 2,000 lines (120,000
    # characters) still takes over ten seconds on one core, well over a budget of 2 s
    line = ("苏州工业园区集成电路产业投资发展有限公司揭牌成立，中芯国际与华虹半导体签署合作协议，"
            "投资50亿元建设12英寸晶圆生产线。\n")
    return "标题\n" + line * n


def test_a_document_over_its_budget_is_reported_and_the_run_goes_on() -> None:
    good = "标题\n苏州工业园区集成电路产业投资发展有限公司揭牌成立，现场发布了最新集成电路产业相关政策。\n"
    items = [make_document("slow.txt", slow_page(2_000), "txt", ReadOptions()),
             make_document("good.txt", good, "txt", ReadOptions())]
    report = Report()
    started = time.monotonic()
    docs = list(Pipeline.default(budget=2.0).pipe(items, report))
    assert time.monotonic() - started < 20
    assert [d.source for d in docs] == ["good.txt"]
    assert len(report.errors) == 1 and report.errors[0].source == "slow.txt"
    assert "longer than the time budget of 2 s" in report.errors[0].reason


def test_cli_time_budget(tmp_path: Path) -> None:
    (tmp_path / "slow.txt").write_text(slow_page(2_000), encoding="utf-8")
    exe = str(Path(sys.executable).with_name("icatlas"))
    res = subprocess.run([exe, "extract", str(tmp_path / "slow.txt"), "--time-budget", "2", "--json"],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert res.returncode == 1 and "time budget of 2 s" in res.stderr and "Traceback" not in res.stderr


def test_the_size_limit_is_the_measured_one() -> None:
    # benchmarks/size_limit.py: a page of article text at this size finishes within 60 s and 1 GB on one core
    assert DEFAULT_MAX_BYTES == 512 * 1024


@pytest.mark.parametrize("unit", ["甲乙、", "、甲乙晶圆项目", "由甲乙丙、", "2家研究院和"])
def test_role_named_companies_are_linear(unit: str) -> None:
    """The lists of investors and of projects are read in bounded work at each place (four times the input, about
    four times the time)."""
    from icatlas.extract.role_orgs import find_role_orgs

    small, big = (unit * (n // len(unit)) + "领投" for n in (20_000, 80_000))
    t_small, t_big = cpu(find_role_orgs, small, []), cpu(find_role_orgs, big, [])
    assert t_big < 2.0 and t_big < 10 * max(t_small, 0.05), (t_small, t_big)  # a 20 ms run is noise


@pytest.mark.parametrize("unit", ["5%、", "5元5", ",111"])
def test_many_mentions_in_one_sentence_are_linear(unit: str) -> None:
    """Figures' subjects, the collaboration targets and the people counts look only a bounded way back from each
    mention (thousands of percentages in one sentence took 34 s at 20,000 characters when each was compared with
    all the others)."""
    pipeline = Pipeline.default()

    def run(n: int) -> None:
        text = "标题\n苏州集成电路产业增长" + unit * (n // len(unit)) + "。\n"
        list(pipeline.pipe([make_document("probe.txt", text, "txt", ReadOptions())], Report()))

    run(200)  # the model is loaded
    t_small, t_big = cpu(run, 5_000), cpu(run, 20_000)
    assert t_big < 6.0 and t_big < 10 * max(t_small, 0.05), (t_small, t_big)


def test_a_page_of_english_sums_is_linear() -> None:
    """Thousands of sums on an English page: the organisation step compared every guess with every other (8 s at
    80,000 characters)."""
    pipeline = Pipeline.default()

    def run(n: int) -> None:
        text = "标题\n" + ("1 billion " * (n // 10 + 1))[:n]
        list(pipeline.pipe([make_document("probe.txt", text, "txt", ReadOptions())], Report()))

    run(200)
    t_small, t_big = cpu(run, 20_000), cpu(run, 80_000)
    assert t_big < 4.0 and t_big < 7 * max(t_small, 0.05), (t_small, t_big)
