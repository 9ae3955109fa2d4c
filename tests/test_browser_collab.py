"""The collaboration pages in a real browser: Playwright drives Debian's Chromium (/usr/bin/chromium) against
``icatlas serve`` on a free loopback port, over a store built from examples/demo, the frozen pages of
tests/data/collab and ../shared/corpus/seeds when present (server start-up as in test_browser.py).

Steps: open home, click the nav link to the alliances, open the YRD alliance (the Wuxi design alliance without the
seeds), follow a director unit's evidence to the highlighted sentence; compare two regions' policies; filter the
resources by region; see the progress bars of the targets. Requests off the loopback are blocked. With
``ICATLAS_SCREENSHOTS=DIR`` the steps save full-page screenshots (1280 wide) named collab-*.png into DIR
(docs/screenshots holds the published ones).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import httpx
import pytest

from .browser_support import CHROMIUM, launch, open_page, save_shot, serve
from .conftest import ROOT, SEEDS

SHOTS = os.environ.get("ICATLAS_SCREENSHOTS")
COLLAB = Path(__file__).parent / "data" / "collab" / "pages"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is missing at /usr/bin/chromium (scripts/test.sh installs it)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``icatlas serve`` (read-only) over a store of the demo pages, the collaboration pages and the seeds."""
    sources = [str(ROOT / "examples" / "demo"), str(COLLAB)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    env = {k: v for k, v in os.environ.items() if k != "ICATLAS_TOKEN"}
    yield from serve(tmp_path_factory.mktemp("browser-collab"), sources, [], env)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch(sync_api)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    yield from open_page(browser, server)


def shot(page: Any, name: str) -> None:
    if SHOTS:
        save_shot(page, Path(SHOTS) / f"collab-{name}.png")


def _highlighted_sentence(page: Any) -> str:
    """The sentence the document page marks, found by its look (a highlight background or outline) from the
    element the URL fragment targets; it must be scrolled into view."""
    return str(page.evaluate(
        """() => {
        const plain = el => { const cs = getComputedStyle(el);
          return (!cs.backgroundColor || cs.backgroundColor === 'transparent' || cs.backgroundColor === 'rgba(0, 0, 0, 0)')
                 && cs.outlineStyle === 'none'; };
        const body = document.body.innerText.length;
        const id = location.hash ? decodeURIComponent(location.hash.slice(1)) : '';
        let el = id ? document.getElementById(id) : null;
        if (!el) return '';
        while (el && el !== document.body && (plain(el) || el.innerText.trim().length < 8)) el = el.parentElement;
        if (!el || el === document.body || el.innerText.length > body / 2) return '';
        const r = el.getBoundingClientRect();
        if (r.bottom < 0 || r.top > innerHeight) return 'NOT SCROLLED INTO VIEW: ' + el.innerText.trim();
        return el.innerText.trim();
        }"""))


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _yrd_alliance(server: str) -> tuple[str, str]:
    """(href, director unit) of the YRD alliance with 上海市集成电路行业协会 among its director units (seed 001);
    without the seeds, the Wuxi design alliance and its chair."""
    alliances = httpx.get(server + "/alliances.json", timeout=60).json()["alliances"]
    for a in alliances:
        if not ("长三角" in a["regions"] or a["group"] == "长三角") or not a["director_units"]:
            continue
        full = httpx.get(server + a["href"] + ".json", timeout=60).json()["alliance"]
        if any(m["name"] == "上海市集成电路行业协会" for m in full["director_units"]):
            return a["href"], "上海市集成电路行业协会"
    assert not SEEDS.is_dir(), "the seeds are there but no YRD alliance has 上海市集成电路行业协会 as a director unit"
    wuxi = next(a for a in alliances if a["name"] == "无锡市集成电路设计创新联盟")
    full = httpx.get(server + wuxi["href"] + ".json", timeout=60).json()["alliance"]
    return wuxi["href"], full["director_units"][0]["name"]


def test_nav_alliance_director_evidence(page: Any, server: str) -> None:
    href, director = _yrd_alliance(server)
    page.goto("/")
    page.locator("header nav a[href='/alliances']").click()
    page.wait_for_url(re.compile(r"/alliances$"))
    assert page.locator("h1").first.inner_text().startswith("产业联盟")
    assert page.locator("a.alliance-link").count() > 3
    shot(page, "alliances")

    page.locator(f"a.alliance-link[href='{href}']").click()
    page.wait_for_url(re.compile(r"/alliances/.+"))
    assert unquote(page.url.rsplit("/", 1)[-1]) == unquote(href.rsplit("/", 1)[-1])
    row = page.locator("#director-units tr").filter(has_text=director)
    assert row.count() == 1, f"{director} is not among the director units"
    assert "理事长单位" in row.inner_text() or "理事单位" in row.inner_text()
    shot(page, "alliance")

    link = row.locator("a.evidence").first
    evidence_href = link.get_attribute("href") or ""
    assert re.match(r"^/documents/\d+#m-\d+$", evidence_href), evidence_href
    quoted = link.get_attribute("title") or ""
    link.click()
    page.wait_for_url(re.compile(r"/documents/\d+#m-\d+"))
    hl = _highlighted_sentence(page)
    assert hl and not hl.startswith("NOT SCROLLED"), hl
    assert _norm(hl) in _norm(quoted) or _norm(quoted) in _norm(hl) or _norm(hl)[:12] in _norm(quoted), (hl, quoted)
    shot(page, "document")


def test_policies_side_by_side(page: Any) -> None:
    page.goto("/policies")
    form = page.locator("#policy-filters")
    form.locator("input[name=a]").fill("苏州")
    form.locator("input[name=b]").fill("深圳")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "a=" in page.url and "b=" in page.url
    cmp = page.locator("#policy-compare")
    assert cmp.is_visible()
    assert "苏州市" in cmp.locator("h2").inner_text() and "深圳市" in cmp.locator("h2").inner_text()
    subsidy = cmp.locator("tr[data-measure=subsidy]")
    assert subsidy.locator("td.side-a a.evidence").count() >= 1 and subsidy.locator("td.side-b a.evidence").count() >= 1
    rent = cmp.locator("tr[data-measure=rent]")
    assert rent.locator("td.side-a a.evidence").count() >= 1
    shot(page, "policies")


def test_resources_filtered_by_region(page: Any) -> None:
    page.goto("/resources")
    everything = page.locator("#resources tr.resource").count()
    form = page.locator("#resource-filters")
    form.locator("input[name=region]").fill("合肥")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "region=合肥" in unquote(page.url)
    rows = page.locator("#resources tr.resource")
    assert 0 < rows.count() < everything
    assert "芯火" in page.locator("#resources").inner_text()
    for i in range(rows.count()):
        assert "合肥" in rows.nth(i).locator("td").nth(2).inner_text()
    shot(page, "resources")


def test_talent_per_region(page: Any) -> None:
    page.goto("/talent")
    assert page.locator("#talent tr.talent-region").count() >= 3
    assert page.locator("#talent tr.talent-item").count() > page.locator("#talent tr.talent-region").count()
    shot(page, "talent")


def test_goals_progress_bars(page: Any) -> None:
    page.goto("/goals")
    bars = page.locator("[role=progressbar]")
    assert bars.count() >= 3
    values = [float(bars.nth(i).get_attribute("aria-valuenow") or 0) for i in range(bars.count())]
    assert 82.0 in values, values
    bar = bars.nth(values.index(82.0))
    outer = bar.bounding_box()
    inner = bar.locator("span").bounding_box()
    assert outer and inner and inner["width"] == pytest.approx(outer["width"] * 0.82, rel=0.05)
    assert "1000亿元" in page.locator("body").inner_text() and "820亿元" in page.locator("body").inner_text()
    shot(page, "goals")
    page.goto("/goals?subject=" + quote("浦江芯谷") + "&lang=en")
    assert "Targets and progress" in page.locator("h1").inner_text()
