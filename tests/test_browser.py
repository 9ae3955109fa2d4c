"""The web app in a real browser: Playwright drives Debian's Chromium (/usr/bin/chromium) against ``icatlas serve``
on a free loopback port, over a store built from examples/demo (and ../shared/corpus/seeds when present).

Steps: open home, click a province, open an organisation, follow its evidence to the sentence, search in both
scripts, upload a document with the token and see it ingested. Requests off the loopback are blocked, so nothing
here needs the network. With ``ICATLAS_SCREENSHOTS=DIR`` the steps also save full-page screenshots (1280 wide)
into DIR (docs/screenshots holds the published ones).
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

import httpx
import pytest

from .browser_support import CHROMIUM, launch, open_page, save_shot, serve
from .conftest import ROOT, SEEDS

TOKEN = "browser-test-token-7f3a"
SHOTS = os.environ.get("ICATLAS_SCREENSHOTS")

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is missing at /usr/bin/chromium (scripts/test.sh installs it)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``icatlas serve`` with a token over a store of the demo pages (and the seeds): its base URL."""
    sources = [str(ROOT / "examples" / "demo")] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    yield from serve(tmp_path_factory.mktemp("browser"), sources, ["--token", TOKEN],
                     {**os.environ, "ICATLAS_TOKEN": TOKEN})


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch(sync_api)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    yield from open_page(browser, server)


def need(server: str, path: str) -> None:
    """Skip when the page's route is not built yet (404); any other failure is the test's to report."""
    r = httpx.get(server + path, timeout=30)
    if r.status_code == 404:
        pytest.skip(f"the web app has no {path.split('?')[0]} page yet (404)")


def shot(page: Any, name: str) -> None:
    if SHOTS:
        save_shot(page, Path(SHOTS) / f"{name}.png")


def test_home_province_organisation_evidence(page: Any, server: str) -> None:
    page.goto("/")
    page.locator("#china-map").wait_for(state="attached")
    page.locator("#segment-select").wait_for(state="attached")
    shot(page, "home")
    need(server, "/regions/" + quote("上海市"))
    links = page.locator("a.region-link")
    assert links.count() > 0, "the home page lists no province (a.region-link)"
    shanghai = links.filter(has_text="上海")
    link = shanghai.first if shanghai.count() else links.first
    name = link.inner_text().strip()
    link.click()
    page.wait_for_url(re.compile(r"/regions/"))
    assert page.locator("h1").first.inner_text().strip(), "the region page has no heading"
    region_name = unquote(urlparse(page.url).path.rsplit("/", 1)[-1])
    assert region_name[:2] in name or name[:2] in region_name, (name, page.url)
    shot(page, "region")

    orgs = page.locator("a.org-link")
    assert orgs.count() > 0, f"the region page of {region_name} lists no organisation (a.org-link)"
    need(server, orgs.first.get_attribute("href") or "/orgs/1")
    # the organisation with the most evidence is the better example; the demo's 上海微电子 when it is listed
    smee = orgs.filter(has_text="上海微电子")
    _reveal_and_click(page, smee.first if smee.count() else orgs.first)
    page.wait_for_url(re.compile(r"/orgs/\d+"))
    org_name = page.locator("h1").first.inner_text().strip()
    assert org_name
    shot(page, "organisation")

    evidence = page.locator("a.evidence")
    assert evidence.count() > 0, f"the page of {org_name} links no evidence (a.evidence)"
    first = evidence.first
    href = first.get_attribute("href") or ""
    assert re.match(r"^/documents/\d+", href), href
    # the sentence quoted next to the evidence link on the organisation page
    quoted = first.evaluate("a => (a.closest('li, tr, p, blockquote, div') || a).innerText")
    first.click()
    page.wait_for_url(re.compile(r"/documents/\d+"))
    hl = _highlighted_sentence(page)
    assert hl, f"the document page {page.url} highlights no sentence"
    assert not hl.startswith("NOT SCROLLED"), hl
    norm = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert norm(hl) in norm(page.locator("body").inner_text())
    assert norm(hl) in norm(quoted) or norm(quoted) in norm(hl) or norm(hl)[:12] in norm(quoted), \
        f"highlighted sentence {hl!r} is not the evidence quoted for {org_name}: {quoted!r}"
    shot(page, "document")


def test_province_page_labels_districts_and_city_points(page: Any, server: str) -> None:
    """A province's page names each label's meaning, lists its cities and parks with their firms, and draws the
    cities as points on a map; a click on a city opens its page, which lists its districts and parks."""
    page.goto("/regions/" + quote("江苏省"))
    legend = page.locator("#label-legend")
    assert "规模领先" in legend.inner_text() and "偏弱" in legend.inner_text()
    subs = page.locator("#subregions a.region-link")
    assert subs.count() >= 3 and "苏州市" in subs.all_inner_texts()
    page.locator("#cities-map canvas").first.wait_for(state="attached", timeout=10_000)
    shot(page, "province")
    subs.filter(has_text="苏州市").first.click()
    page.wait_for_url(re.compile(r"/regions/"))
    names = page.locator("#subregions a.region-link").all_inner_texts()
    assert "苏州工业园区" in names, names
    assert page.locator("#cities-map").count() == 0  # a city's districts share its point: no map of them


def _reveal_and_click(page: Any, link: Any) -> None:
    """Click a link as a user would: open the folded section (<details>) that holds it first."""
    if not link.is_visible():
        summary = link.locator("xpath=ancestor::details[not(@open)][last()]/summary")
        if summary.count():
            summary.first.click()
    if not link.is_visible():
        link.scroll_into_view_if_needed()
    link.click()


def _highlighted_sentence(page: Any) -> str:
    """The text of the sentence the page marks as the evidence, found by its look, not a class name: from the
    element the URL fragment targets, the nearest element up with a highlight background or outline, which must
    be scrolled into view; without a fragment, the longest highlighted run of text."""
    return str(page.evaluate(
        """() => {
        const plain = el => { const cs = getComputedStyle(el);
          return (!cs.backgroundColor || cs.backgroundColor === 'transparent' || cs.backgroundColor === 'rgba(0, 0, 0, 0)')
                 && cs.outlineStyle === 'none'; };
        const body = document.body.innerText.length;
        const id = location.hash ? decodeURIComponent(location.hash.slice(1)) : '';
        let el = id ? document.getElementById(id) : null;
        if (el) {
          while (el && el !== document.body && (plain(el) || el.innerText.trim().length < 8)) el = el.parentElement;
          if (!el || el === document.body || el.innerText.length > body / 2) return '';
          const r = el.getBoundingClientRect();
          if (r.bottom < 0 || r.top > innerHeight) return 'NOT SCROLLED INTO VIEW: ' + el.innerText.trim();
          return el.innerText.trim();
        }
        const cands = [...document.querySelectorAll('main *, body *')].filter(e => !e.matches('a, a *, nav *')
          && !plain(e) && e.innerText.trim().length >= 8 && e.innerText.length <= 400);
        cands.sort((a, b) => b.innerText.length - a.innerText.length);
        return cands.length ? cands[0].innerText.trim() : '';
        }"""))


def _result_links(page: Any) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "main a[href^='/orgs/'], main a[href^='/documents/'], main a[href^='/events/'], "
        "#results a[href^='/orgs/'], #results a[href^='/documents/'], #results a[href^='/events/']",
        "els => els.map(e => e.getAttribute('href'))")
    if not hrefs:
        hrefs = page.eval_on_selector_all("a[href^='/orgs/'], a[href^='/documents/'], a[href^='/events/']",
                                          "els => els.map(e => e.getAttribute('href'))")
    return sorted(set(hrefs))


def test_search_both_scripts(page: Any, server: str) -> None:
    need(server, "/search?q=" + quote("上海微电子"))
    results = {}
    for q in ("上海微电子", "上海微電子"):
        page.goto("/")
        form = page.locator("#search-form")
        form.locator("input[name=q]").fill(q)
        form.locator("input[name=q]").press("Enter")
        page.wait_for_url(re.compile(r"/search\?"))
        page.wait_for_load_state()
        assert page.locator("#search-form input[name=q]").input_value() == q
        results[q] = _result_links(page)
        if q == "上海微电子":
            assert "上海微电子" in page.locator("body").inner_text()
            shot(page, "search")
    assert results["上海微电子"], "searching 上海微电子 found nothing"
    assert any(h.startswith("/orgs/") for h in results["上海微电子"]), results["上海微电子"]
    assert results["上海微电子"] == results["上海微電子"], "Simplified and Traditional searches differ"


def test_upload_with_token(page: Any, server: str) -> None:
    need(server, "/upload")
    marker = f"浏览器上传测试{int(time.time() * 1000) % 100000}号"
    text = (f"{marker}：上海微电子装备（集团）股份有限公司在上海市浦东新区张江科学城启动光刻机新产线项目，"
            "总投资20亿元，预计2027年投产。")
    page.goto("/upload")
    form = page.locator("#upload-form")
    form.locator("[name=title]").fill(f"{marker} 光刻机新产线")
    form.locator("[name=text]").fill(text)
    form.locator("[name=published]").fill("2026-11-20")
    form.locator("[name=token]").fill(TOKEN)
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()
    if not re.search(r"/documents/\d+", page.url):
        link = page.locator("a[href^='/documents/']").filter(has_text=marker)
        if not link.count():
            link = page.locator("a[href^='/documents/']")
        assert link.count(), f"after the upload the page ({page.url}) neither is nor links the new document: " \
                             + page.locator("body").inner_text()[:500]
        link.first.click()
        page.wait_for_url(re.compile(r"/documents/\d+"))
    body = page.locator("body").inner_text()
    assert marker in body and "光刻机新产线项目" in body, body[:800]
    # ingested: the extractor ran over it (the organisation is marked in the text)
    assert page.locator("mark").count() > 0, "the uploaded document's page marks no mention"


def test_upload_needs_the_token(page: Any, server: str) -> None:
    need(server, "/upload")
    page.goto("/upload")
    form = page.locator("#upload-form")
    form.locator("[name=title]").fill("无令牌上传")
    form.locator("[name=text]").fill("无令牌上传的文档不应入库。")
    form.locator("[name=token]").fill("wrong-token")
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()
    assert not re.search(r"/documents/\d+", page.url)
    r = httpx.get(server + "/search", params={"q": "无令牌上传"}, timeout=30)
    assert not re.findall(r'href="/documents/\d+"', r.text)


def test_upload_a_file_with_the_token(page: Any, server: str, tmp_path: Path) -> None:
    marker = f"文件上传测试{int(time.time() * 1000) % 100000}号"
    f = tmp_path / "新闻稿.txt"
    f.write_bytes((f"{marker}\n合肥长鑫存储技术有限公司在合肥市经济技术开发区启动存储芯片扩产项目，总投资80亿元。")
                  .encode("gb18030"))
    page.goto("/upload")
    form = page.locator("#upload-form")
    form.locator("input[type=file]").set_input_files(str(f))
    form.locator("[name=token]").fill(TOKEN)
    shot(page, "upload")
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/documents/\d+"))
    body = page.locator("body").inner_text()
    assert marker in body and "合肥长鑫存储技术有限公司" in body, body[:500]
    assert page.locator("mark").count() > 0


def test_event_list_filter_then_event_and_its_source(page: Any, server: str) -> None:
    page.goto("/")
    page.locator("header nav a[href='/events']").click()
    page.wait_for_url(re.compile(r"/events$"))
    rows = page.locator("#event-list tr")
    assert rows.count() > 2
    page.locator("#events-filter select[name=type]").select_option("agreement_signed")
    page.locator("#events-filter button[type=submit]").click()
    page.wait_for_url(re.compile(r"type=agreement_signed"))
    types = page.locator("#event-list td:nth-child(2)").all_inner_texts()
    assert types and set(types) == {"协议签署"}, types
    shot(page, "events")
    page.locator("#event-list a.event-link").first.click()
    page.wait_for_url(re.compile(r"/events/\d+$"))
    shot(page, "event")
    page.locator("#event-sources a.evidence").first.click()
    page.wait_for_url(re.compile(r"/documents/\d+#m-\d+"))
    assert _highlighted_sentence(page), "the event's source sentence is not highlighted"


def test_document_list_names_every_document(page: Any, server: str) -> None:
    page.goto("/documents")
    links = page.locator("#document-list a[href^='/documents/']")
    assert links.count() > 3
    for label in links.all_inner_texts():
        assert label.strip() and not label.startswith(("/", "examples", "..")), label
    shot(page, "documents")
    page.goto("/compare?a=" + quote("江苏省") + "&b=" + quote("上海市"))
    assert page.locator("#a_strong_b_weak tr").count() > 1
    shot(page, "compare")
