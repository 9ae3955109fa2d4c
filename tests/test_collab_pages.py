"""The collaboration pages of the web app, in-process (httpx over ASGI): alliances, shared resources, talent,
policies and targets, with their JSON twins, filters, evidence links and escaping.

The store holds the frozen pages of tests/data/collab (always) and the seeds of ../shared/corpus/seeds (their tests
skip without them), plus one hostile page with markup in its names."""
from __future__ import annotations

import asyncio
import html as html_lib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import httpx
import pytest

from icatlas.pipeline import Report, run
from icatlas.serve import create_app
from icatlas.library.collaboration import org_collab, region_collab
from icatlas.money import quantity
from icatlas.store import Store

from .conftest import SEEDS, need_shared

COLLAB = Path(__file__).parent / "data" / "collab" / "pages"
EVIL = {"id": "evil-collab", "url": "javascript:alert(1)", "published": "2024-05-06",
        "title": "联盟<script>alert(1)</script>成立",
        "text": "苏州<script>alert('x')</script>集成电路创新联盟成立\n2024年5月5日，苏州<script>alert('x')</script>集成电路创新"
                "联盟在苏州工业园区揭牌成立，苏州芯测<b>科技</b>有限公司为理事长单位，首批成员单位30家。苏州市人民政府发布"
                "《关于支持<script>集成电路</script>产业发展的若干措施》，对流片给予最高500万元补贴。"}
EVIDENCE = re.compile(r'<a class="evidence" href="(/documents/(\d+)(?:#[^"]*)?)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("collab-pages") / "kg.db"
    store = Store.open(db)
    evil = db.parent / "evil.jsonl"
    evil.write_text(json.dumps(EVIL, ensure_ascii=False) + "\n", encoding="utf-8")
    sources = [COLLAB, evil] + ([SEEDS] if SEEDS.is_dir() else [])
    ids: dict[str, int] = {}
    report = Report()
    for d in run(sources, report=report, progress=False):
        name = Path(d.source.split("#")[0]).name
        ids[name[:3] if d.source.startswith(str(SEEDS)) else name] = store.ingest(d).doc_id
    assert not report.errors, report.errors
    return {"app": create_app(db), "ids": ids, "store": store}


def get(site: dict[str, Any], path: str, **params: str) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=site["app"]), base_url="http://test") as c:
            return await c.get(path, params=params or None)
    return asyncio.run(go())


def both(site: dict[str, Any], path: str, **params: str) -> tuple[str, dict[str, Any]]:
    """The page and its JSON twin, both answering 200."""
    page = get(site, path, **params)
    twin = get(site, path + ".json", **params)
    assert page.status_code == 200, page.text[-2000:]
    assert twin.status_code == 200, twin.text[-2000:]
    return page.text, twin.json()


def one_alliance(site: dict[str, Any], href: str) -> tuple[str, dict[str, Any]]:
    page, data = both(site, href)
    return page, data["alliance"]


def shown(text: str | None, page: str) -> bool:
    return text is not None and html_lib.escape(str(text), quote=False) in page


def evidence_hrefs(page: str) -> list[str]:
    return [m.group(1) for m in EVIDENCE.finditer(page)]


def anchors_exist(site: dict[str, Any], hrefs: list[str]) -> None:
    """Every evidence link names an anchor the document page has (``#m-K``), or, for a sentence without one, a
    text fragment (``#:~:text=``) found in the document's text."""
    assert hrefs
    pages: dict[str, str] = {}
    for h in hrefs:
        doc, _, frag = html_lib.unescape(h).partition("#")
        assert frag, f"the evidence link {h} names no sentence"
        if doc not in pages:
            r = get(site, doc)
            assert r.status_code == 200, h
            pages[doc] = r.text
        if frag.startswith(":~:text="):
            text = get(site, doc + ".json").json()["text"]
            assert unquote(frag[len(":~:text="):]) in " ".join(text.split()), h
        else:
            assert re.fullmatch(r"m-\d+", frag) and f'id="{frag}"' in pages[doc], f"{h}: no anchor {frag}"


def alliance_named(data: dict[str, Any], part: str) -> dict[str, Any]:
    hits = [a for a in data["alliances"] if part in a["name"]]
    assert hits, [a["name"] for a in data["alliances"]]
    return hits[0]


# -- alliances ---------------------------------------------------------------------------------------------------
def test_alliance_list_and_its_twin(site) -> None:
    page, data = both(site, "/alliances")
    assert data["count"] == len(data["alliances"]) > 0
    assert f"({data['count']})" in page
    for a in data["alliances"]:
        assert f'href="{a["href"]}"' in page and shown(a["name"], page), a["name"]
        assert a["href"] == "/alliances/" + quote(a["name"], safe="")
    wuxi = alliance_named(data, "无锡市集成电路设计创新联盟")
    assert wuxi["founded"]["date"] == "2023-06-16" and wuxi["director_units"] == 5


def test_alliance_page_seats_founding_and_evidence(site) -> None:
    name = "无锡市集成电路设计创新联盟"
    page, a = one_alliance(site, "/alliances/" + quote(name))
    assert a["name"] == name and f'<h1 id="alliance-name">{name}</h1>' in page
    seats = {m["name"]: m for m in a["director_units"]}
    chair = next(m for n, m in seats.items() if "锡芯微电子" in n)
    assert chair["rank"] == "director"
    assert {m["rank"] for m in a["director_units"]} >= {"director", "vice_director", "secretary_general"}
    table = page[page.index('id="director-units"'):page.index('id="members"')]
    assert table.count('class="tag rank-director">理事长单位<') == 1
    assert table.count('class="tag rank-vice_director">副理事长单位<') == 3
    assert table.count('class="tag rank-secretary_general">秘书长单位<') == 1
    for m in a["director_units"]:
        assert shown(m["name"], table)
        if m["entity_id"] is not None:
            assert f'href="/orgs/{m["entity_id"]}"' in table
    assert "2023-06-16" in page[page.index('id="alliance-founded"'):]
    assert 'href="/regions/无锡市"' in page
    anchors_exist(site, evidence_hrefs(page))
    # the English switch: labels change, no Chinese label is left
    en = get(site, "/alliances/" + quote(name), lang="en").text
    assert "Director units" in en and ">Chair unit<" in en and ">Vice-chair unit<" in en
    assert "<h2>理事单位" not in en and 'rank-vice_director">副理事长单位' not in en


def test_alliance_agreement_between_two_provinces(site) -> None:
    _, data = both(site, "/alliances")
    zj = alliance_named(data, "浙江省集成电路产业创新联盟")
    page, a = one_alliance(site, zj["href"])
    assert a["agreements"], "the 浙江-安徽 agreement is missing"
    assert any("安徽" in p["name"] for e in a["agreements"] for p in e["participants"])
    assert 'id="agreements"' in page and f'href="/events/{a["agreements"][0]["id"]}"' in page


def test_unknown_alliance_is_404(site) -> None:
    r = get(site, "/alliances/" + quote("没有这个联盟xyz"))
    assert r.status_code == 404 and "没有这个联盟xyz" in r.text
    j = get(site, "/alliances/" + quote("没有这个联盟xyz") + ".json")
    assert j.status_code == 404 and j.json()["error"] == "E404"


def test_alliance_region_filter(site) -> None:
    _, xiamen = both(site, "/alliances", region="厦门")
    names = [a["name"] for a in xiamen["alliances"]]
    assert any("厦门" in n for n in names) and not any("无锡" in n for n in names)
    assert get(site, "/alliances", region="没有的地方").status_code == 404


# -- resources ---------------------------------------------------------------------------------------------------
def test_resources_filters_and_twin(site) -> None:
    page, data = both(site, "/resources")
    assert data["count"] == len(data["resources"]) > 0
    for r in data["resources"]:
        assert shown(r["name"], page)
    assert 'id="resource-filters"' in page and '<select name="segment">' in page and '<select name="alliance">' in page
    page, hefei = both(site, "/resources", region="合肥")
    assert hefei["resources"] and all(r["region"] in ("合肥市", "合肥高新区", "蜀山区", "包河区", "庐阳区", "瑶海区")
                                      or "合肥" in (r["region"] or "") for r in hefei["resources"])
    assert any("芯火" in r["name"] and r["kind"] == "innovation_base" for r in hefei["resources"])
    assert 'value="合肥"' in page  # the form keeps the filter
    test = next(r for r in hefei["resources"] if r["kind"] == "test_platform")
    assert test["host"] and "晶测" in test["host"]
    _, design = both(site, "/resources", segment="design")
    assert design["resources"] and all(any(s.split(".")[0] == "design" for s in r["segments"])
                                       for r in design["resources"])
    assert len(design["resources"]) < data["count"]
    assert get(site, "/resources", alliance="没有这个联盟xyz").status_code == 404


# -- talent ------------------------------------------------------------------------------------------------------
def test_talent_per_region_over_time(site) -> None:
    page, data = both(site, "/talent")
    assert data["count"] == sum(g["count"] for g in data["regions"])
    for g in data["regions"]:
        dates = [x["date"] or "" for x in g["entries"]]
        assert dates == sorted(dates), g["region"]
    _, nanjing = both(site, "/talent", region="南京")
    kinds = {x["kind"] for g in nanjing["regions"] for x in g["entries"]}
    assert {"award", "figure"} <= kinds, kinds


# -- policies ----------------------------------------------------------------------------------------------------
def test_policies_and_side_by_side(site) -> None:
    page, data = both(site, "/policies")
    for p in data["policies"]:
        if p["title"]:
            assert shown(p["title"], page)
    _, sz = both(site, "/policies", region="深圳")
    assert sz["policies"] and all(p["region"] == "深圳市" for p in sz["policies"])
    shenzhen = sz["policies"][0]
    assert "若干措施" in (shenzhen["title"] or "") and shenzhen["amount_cny"] > 0
    page, cmp = both(site, "/policies", a="苏州", b="深圳")
    c = cmp["compare"]
    assert c["a"]["region"] == "苏州市" and c["b"]["region"] == "深圳市"
    assert 'id="policy-compare"' in page
    rent = next(m for m in c["measures"] if m["measure"] == "rent")
    assert rent["a"], "the SIP policy's rent measure is missing"
    row = page[page.index('data-measure="rent"'):]
    row = row[:row.index("</tr>")]
    assert "租金减免" in row and shown(rent["a"][0]["title"][:10], row)
    assert get(site, "/policies", a="苏州").status_code == 400
    assert get(site, "/policies", a="苏州", b="没有的地方").status_code == 404


# -- goals -------------------------------------------------------------------------------------------------------
def test_goals_progress_bars(site) -> None:
    page, data = both(site, "/goals", subject="浦江芯谷")
    assert len(data["subjects"]) == 1
    goals = {x["metric"]: x for x in data["subjects"][0]["targets"]}
    assert goals["revenue"]["value"] == 1e11 and goals["revenue"]["progress"] == pytest.approx(0.82)
    assert goals["talent"]["progress"] == pytest.approx(0.72)
    assert "1000亿元" in page and "820亿元" in page and "3.6万人" in page
    assert 'aria-valuenow="82.0"' in page and "width:82.0%" in page and "82.0%" in page
    _, xm = both(site, "/goals", region="厦门")
    cap = next(x for s in xm["subjects"] for x in s["targets"] if x["metric"] == "capacity")
    assert cap["value"] == 50000 and cap["latest"]["value"] == 32000 and cap["percent"] == 64.0


def test_quantities_read_in_chinese_and_english() -> None:
    assert quantity(1e11, "CNY") == "1000亿元" and quantity(2.5e7, "CNY") == "2500万元"
    assert quantity(30000, "人", "zh", "nearly") == "近3万人" and quantity(1e6, "平方米") == "100万平方米"
    assert quantity(1e11, "CNY", "en") == "100 billion yuan" and quantity(None) == "—"


# -- the seeds ---------------------------------------------------------------------------------------------------
def test_seed_yrd_alliance_with_the_shanghai_association_as_director(site) -> None:
    need_shared()
    _, data = both(site, "/alliances", region="长三角")
    found = None
    for a in data["alliances"]:
        _, full = one_alliance(site, a["href"])
        if any(m["name"] == "上海市集成电路行业协会" for m in full["director_units"]):
            found = full
            break
    assert found, [a["name"] for a in data["alliances"]]
    assert "长三角" in found["regions"] or found["group"] == "长三角"
    page = get(site, "/alliances/" + quote(found["name"], safe="")).text
    seat = next(m for m in found["director_units"] if m["name"] == "上海市集成电路行业协会")
    assert seat["first"] and seat["evidence"][0]["doc_id"] == site["ids"]["001"]
    assert f'href="/orgs/{seat["entity_id"]}"' in page
    anchors_exist(site, evidence_hrefs(page))


def test_seed_suzhou_policy_and_talent_award(site) -> None:
    need_shared()
    doc = site["ids"]["002"]
    page, data = both(site, "/policies", region="苏州")
    mine = [p for p in data["policies"] if any(e["doc_id"] == doc for e in p["evidence"])]
    assert mine and mine[0]["region"] == "苏州市"
    assert f'href="/documents/{doc}#m-' in page
    page, talent = both(site, "/talent", region="苏州")
    awards = [x for g in talent["regions"] for x in g["entries"] if x["kind"] == "award"]
    assert any(x["evidence"]["doc_id"] == doc for x in awards)
    assert "人才表彰" in page


def test_seed_design_park_targets(site) -> None:
    need_shared()
    page, data = both(site, "/goals", subject="上海集成电路设计产业园")
    targets = [x for s in data["subjects"] for x in s["targets"] if x["evidence"]["doc_id"] == site["ids"]["003"]]
    got = {(x["metric"], x["value"], x["unit"]) for x in targets}
    assert {("talent", 100000, "人"), ("space", 1000000, "平方米"), ("revenue", 1e11, "CNY")} <= got, got
    for text in ("10万人", "100万平方米", "1000亿元"):
        assert text in page, text


def test_seed_sichuan_talent_and_chengdu_xinhuo(site) -> None:
    need_shared()
    doc = site["ids"]["004"]
    page, talent = both(site, "/talent", region="四川")
    figures = [x for g in talent["regions"] for x in g["entries"] if x["kind"] == "figure"
               and x["evidence"]["doc_id"] == doc]
    assert any(x["value"] == 30000 and x["qualifier"] == "nearly" for x in figures), figures
    assert "近3万人" in page
    page, res = both(site, "/resources", region="成都")
    xinhuo = [r for r in res["resources"] if "芯火" in r["name"]]
    assert xinhuo and xinhuo[0]["region"] == "成都市" and xinhuo[0]["evidence"][0]["doc_id"] == doc
    anchors_exist(site, evidence_hrefs(page))


# -- links, escaping, summaries ----------------------------------------------------------------------------------
def test_every_evidence_link_names_an_anchor_of_its_document(site) -> None:
    hrefs: list[str] = []
    for path in ("/resources", "/talent", "/policies", "/goals"):
        hrefs += evidence_hrefs(get(site, path).text)
    for a in get(site, "/alliances.json").json()["alliances"]:
        hrefs += evidence_hrefs(get(site, a["href"]).text)
    anchors_exist(site, sorted(set(hrefs)))


def test_markup_in_the_data_is_escaped(site) -> None:
    for path in ("/policies", "/alliances", "/goals", "/talent"):
        page = get(site, path).text
        assert "<script>alert" not in page and "<script>集成电路" not in page, path
    page = get(site, "/policies", region="苏州").text
    assert "&lt;script&gt;集成电路&lt;/script&gt;" in page
    data = get(site, "/policies.json", region="苏州").json()
    assert any("<script>" in (p["title"] or "") for p in data["policies"])  # the twin keeps the text as it is


def test_nav_links_reach_every_page(site) -> None:
    home = get(site, "/").text
    for path in ("/alliances", "/resources", "/talent", "/policies", "/goals"):
        assert f'href="{path}"' in home
        assert get(site, path).status_code == 200


def test_region_and_org_summaries_render(site) -> None:
    from icatlas.serve.render import TEMPLATES
    from icatlas.serve.i18n import translator

    store = site["store"]
    rc = region_collab(store, "浦东新区")
    assert rc["goals"]["count"] >= 3 and rc["goals"]["href"] == "/goals?region=" + quote("浦东新区")
    assert rc["goals"]["top"][0]["percent"] == pytest.approx(82.0)
    out = TEMPLATES.get_template("_collab_region.html").render(collab=rc, t=translator("zh"), lang="zh")
    assert 'id="region-collab"' in out and 'href="/goals?region=' in out and "82.0%" in out
    anchors_exist(site, evidence_hrefs(out))

    _, data = one_alliance(site, "/alliances/" + quote("无锡市集成电路设计创新联盟"))
    chair = next(m for m in data["director_units"] if m["rank"] == "director" and m["entity_id"] is not None)
    oc = org_collab(store, chair["entity_id"])
    assert [a["name"] for a in oc["leads"]] == ["无锡市集成电路设计创新联盟"]
    out = TEMPLATES.get_template("_collab_org.html").render(collab=oc, t=translator("en"), lang="en")
    assert "Chair unit" in out and 'href="/alliances/' in out
    with pytest.raises(Exception):
        org_collab(store, 10 ** 9)


def test_region_and_org_pages_show_their_collaboration(site) -> None:
    """The region page and the organisation page carry the collaboration sections, and every evidence link in
    them names an ``m-K`` anchor of its document (each record's evidence start is anchored)."""
    page = get(site, "/regions/浦东新区").text
    assert 'id="region-collab"' in page and 'href="/goals?region=' in page
    assert get(site, "/regions/浦东新区.json").json()["collab"]["goals"]["count"] >= 3
    _, data = one_alliance(site, "/alliances/" + quote("无锡市集成电路设计创新联盟"))
    chair = next(m for m in data["director_units"] if m["rank"] == "director" and m["entity_id"] is not None)
    org = get(site, f"/orgs/{chair['entity_id']}").text
    assert 'id="org-collab"' in org and "无锡市集成电路设计创新联盟" in org
    hrefs = evidence_hrefs(page) + evidence_hrefs(org)
    for path in ("/resources", "/talent", "/policies", "/goals"):
        hrefs += evidence_hrefs(get(site, path).text)
    assert not [h for h in hrefs if ":~:text=" in h], "an evidence link falls back to a text fragment"
    anchors_exist(site, sorted(set(hrefs)))
