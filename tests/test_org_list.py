"""The list of organisations (``Atlas.org_list``, ``icatlas org``, ``/orgs`` and ``/orgs.json``): every one, or those
matching a name, filtered by origin, type, chain segment and region, on a small store worked out by hand.

The bundled registry, and one imported: 甲晶圆 (苏州, foundry), 丁设备 (成都, etch).
Pages: p1 (IC-relevant) names 甲晶圆 and 戊代工 (a foundry in 苏州 found in pages only); p2 (IC-relevant) names 戊代工
and 己大学 (上海, chip design); p3 (off-topic) names 庚管委会 (a government, no segment, no region).

The chain map's firm lists (``--firms``) are checked here too, on the bundled registry's many firms in 上海.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icatlas.atlas import Atlas
from icatlas.errors import NotFound, UsageError
from icatlas.model import Document, Entity, Mention

REGISTRY = """name,region,segments,type
甲晶圆有限公司,苏州,manufacturing.foundry,company
丁设备有限公司,成都,equipment.etch,company
"""
JIA, DING, WU, JI, GENG = "甲晶圆有限公司", "丁设备有限公司", "戊代工公司", "己大学", "庚管委会"
FOUND = {WU: Entity("company", WU, region="苏州市", segments=["manufacturing.foundry"]),
         JI: Entity("university", JI, region="上海市", segments=["design"]),
         GENG: Entity("government", GENG), JIA: Entity("company", JIA)}


def _page(source: str, text: str, relevant: bool) -> Document:
    d = Document(source=source, raw=text, original=text, text=text, offsets=list(range(len(text))),
                 language="zh-Hans", title=source, published="2024-01-01")
    for name, e in FOUND.items():
        if name in text:
            s = text.index(name)
            d.entities.append(Entity(e.type, name, mentions=[(s, s + len(name))], region=e.region,
                                     segments=list(e.segments)))
            d.mentions.append(Mention(s, s + len(name), e.type, name))
    d.relevant, d.relevance = relevant, 1.0 if relevant else 0.0
    return d


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    path = tmp_path_factory.mktemp("orgs") / "kg.db"
    a = Atlas.open(path)
    reg = path.parent / "registry.csv"
    reg.write_text(REGISTRY, encoding="utf-8")
    assert a.import_orgs(reg)["added"] == 2
    for source, text, relevant in (("p1", f"{JIA}与{WU}签署晶圆代工合作协议。", True),
                                   ("p2", f"{WU}与{JI}共建芯片设计联合实验室。", True),
                                   ("p3", f"{GENG}举办美食节。", False)):
        assert a.ingest(_page(source, text, relevant)).status == "stored"
    return a


def names(data: dict) -> list[str]:
    return [o["name"] for o in data["organizations"]]


# -- the library ------------------------------------------------------------------------------------------------
def test_every_organisation_once_most_documented_first(atlas: Atlas) -> None:
    data = atlas.org_list()
    assert data["total"] == data["count"] == atlas.stats()["organizations"]
    assert len({o["id"] for o in data["organizations"]}) == data["total"]
    assert names(data)[:3] == [WU, JI, JIA]  # two documents, then one (by name); then the rest by name
    rest = names(data)[3:]
    assert rest == sorted(rest) and {DING, GENG} <= set(rest)
    wu = data["organizations"][0]
    assert wu["documents"] == 2 and wu["origin"] is None and wu["region"] == "苏州市"
    assert wu["segments"] == [{"id": "manufacturing.foundry", "name": "晶圆代工", "name_en": "Foundry"}]
    assert {o["name"]: o["documents"] for o in data["organizations"]}[GENG] == 0  # its page is off-topic


def test_filters_by_origin(atlas: Atlas) -> None:
    assert set(names(atlas.org_list(origin="news"))) == {WU, JI, GENG}
    reference = atlas.org_list(origin="reference")
    assert reference["total"] > 400 and {o["origin"] for o in reference["organizations"]} == {"reference"}
    assert atlas.org_list(origin="registry")["total"] == atlas.org_list(origin="reference")["total"] + 2
    assert set(names(atlas.org_list(origin="import"))) == {JIA, DING}
    assert atlas.org_list(origin="import")["organizations"][0]["origin"] == "import:registry.csv"
    with pytest.raises(UsageError, match="news, registry, reference, import"):
        atlas.org_list(origin="web")


def test_filters_by_segment_type_and_region(atlas: Atlas) -> None:
    mine = {"origin": "import"}
    assert set(names(atlas.org_list(segment="manufacturing", **mine))) == {JIA}  # the node and every node under it
    assert set(names(atlas.org_list(segment="晶圆代工", **mine))) == {JIA}
    assert names(atlas.org_list(origin="news", segment="manufacturing")) == [WU]
    assert names(atlas.org_list(origin="news", type="university")) == [JI]
    assert set(names(atlas.org_list(origin="news", region="江苏"))) == {WU}  # the region and every region inside it
    assert set(names(atlas.org_list(origin="news", region="长三角"))) == {WU, JI}
    assert names(atlas.org_list(region="Chengdu", **mine)) == [DING]
    for o in atlas.org_list(segment="equipment", region="上海")["organizations"]:  # a bundled firm: 上海微电子装备
        assert o["region"] and any(s["id"].startswith("equipment") for s in o["segments"])
    # under some node, or under none (the news firms admitted to the map, and those kept off it)
    placed, unplaced = atlas.org_list(origin="news", segment="any"), atlas.org_list(origin="news", segment="none")
    assert WU in names(placed) and all(o["segments"] for o in placed["organizations"])
    assert unplaced["total"] and not any(o["segments"] for o in unplaced["organizations"])
    assert set(names(placed)) | set(names(unplaced)) == set(names(atlas.org_list(origin="news")))
    with pytest.raises(UsageError):
        atlas.org_list(type="shop")
    with pytest.raises(NotFound):
        atlas.org_list(segment="nowhere")
    with pytest.raises(NotFound):
        atlas.org_list(region="nowhere")


def test_query_ranks_as_the_name_lookup_does(atlas: Atlas) -> None:
    for q in ("公司", "有限公司", "戊代工公司", "大学", "中芯", "SMEE"):
        assert [o["id"] for o in atlas.org_list(q, limit=20)["organizations"]] == [o["id"] for o in atlas.orgs(q)]
    assert names(atlas.org_list("公司", origin="news")) == [WU]


def test_limit_and_offset_keep_the_total(atlas: Atlas) -> None:
    every = names(atlas.org_list())
    page = atlas.org_list(limit=2, offset=1)
    assert page["total"] == len(every) and page["count"] == 2 and names(page) == every[1:3]


# -- the command line --------------------------------------------------------------------------------------------
def test_cli_lists_and_filters(atlas: Atlas) -> None:
    from icatlas.cli import app

    db = str(atlas.engine.url.database)
    run = CliRunner().invoke
    r = run(app, ["org", "--origin", "news", "--segment", "manufacturing", "--json", "--db", db])
    assert r.exit_code == 0, r.output
    assert [o["name"] for o in json.loads(r.stdout)] == [WU]
    r = run(app, ["org", "--db", db])
    total = atlas.stats()["organizations"]
    assert r.exit_code == 0 and all(n in r.stdout for n in (JIA, DING, WU, JI, GENG))
    assert f"{total} organisation(s)" in r.stderr
    r = run(app, ["org", "--origin", "news", "--db", db])
    assert "3 organisation(s) (origin news)" in r.stderr
    r = run(app, ["org", "--limit", "2", "--json", "--db", db])
    assert len(json.loads(r.stdout)) == 2 and f"2 of {total} shown" in r.stderr
    r = run(app, ["org", "公司", "--json", "--db", db])  # a query: as before, a list of at most ten
    assert [o["name"] for o in json.loads(r.stdout)] == [o["name"] for o in atlas.orgs("公司", limit=10)]
    r = run(app, ["org", "--type", "university", "--region", "上海", "--db", db])
    assert r.exit_code == 0 and JI in r.stdout and "news, 1 doc(s)" in r.stdout
    r = run(app, ["org", "无此机构", "--db", db])
    assert r.exit_code != 0 and "no organisation matches" in str(r.exception)
    r = run(app, ["org", "--origin", "web", "--db", db])
    assert r.exit_code != 0 and "news, registry, reference, import" in str(r.exception)


# -- the web app -------------------------------------------------------------------------------------------------
def _get(atlas: Atlas, *paths: str) -> list:
    import asyncio

    import httpx

    from icatlas.serve import create_app

    async def go() -> list:
        transport = httpx.ASGITransport(app=create_app(str(atlas.engine.url.database)))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return [await c.get(p) for p in paths]
    return asyncio.run(go())


def test_orgs_page_and_its_json_twin(atlas: Atlas) -> None:
    page, twin, second, bad, nowhere = _get(
        atlas, "/orgs?origin=news&segment=manufacturing", "/orgs.json?origin=news&segment=manufacturing",
        "/orgs.json?page=2", "/orgs.json?origin=web", "/orgs.json?region=火星")
    assert twin.status_code == 200
    data = twin.json()
    assert data == atlas.orgs_page(origin="news", segment="manufacturing")
    assert [o["name"] for o in data["organizations"]] == [WU] and data["total"] == 1 and not data["has_next"]
    assert data["filters"] == {"origin": "news", "type": None, "segment": "manufacturing", "region": None}
    assert page.status_code == 200 and f'href="/orgs/{data["organizations"][0]["id"]}"' in page.text
    assert 'id="org-list"' in page.text and "仅见于新闻" in page.text
    every = atlas.org_list()
    assert second.json()["offset"] == 50 and [o["id"] for o in second.json()["organizations"]] == \
        [o["id"] for o in every["organizations"][50:100]]
    assert bad.status_code == 400 and "news, registry, reference, import" in bad.json()["hint"]
    assert nowhere.status_code == 404


def test_segment_and_region_pages_say_how_many_they_list(atlas: Atlas) -> None:
    seg, seg_json, region = _get(atlas, "/segments/manufacturing?lang=en", "/segments/manufacturing.json",
                                 "/regions/苏州")
    data = seg_json.json()
    shown, total = len(data["organizations"]), data["organizations_total"]
    assert shown == 50 < total  # the bundled registry alone has more wafer makers
    assert f"the first {shown} of {total} are listed here" in seg.text
    assert 'href="/orgs?segment=manufacturing"' in seg.text
    assert 'href="/orgs?region=%E8%8B%8F%E5%B7%9E%E5%B8%82"' in region.text  # 苏州市


# -- the chain map's firms ---------------------------------------------------------------------------------------
def test_map_lists_every_firm_when_asked(atlas: Atlas) -> None:
    from icatlas.cli import app

    five, every = atlas.chain_map("上海", evidence=0), atlas.chain_map("上海", evidence=0, firms=0)
    crowded = 0
    for a, b in zip(five["nodes"], every["nodes"]):
        assert a["firms"] == b["firms"] == len(b["organizations"]) and b["more"] == 0
        assert len(a["organizations"]) == min(5, a["firms"]) and a["more"] == a["firms"] - len(a["organizations"])
        assert len(a["support"]) + a["support_more"] == len(b["support"]) and b["support_more"] == 0
        crowded += a["more"] > 0
    assert crowded  # some node of 上海 has more than five firms
    db = str(atlas.engine.url.database)
    r = CliRunner().invoke(app, ["map", "上海", "--firms", "0", "--evidence", "0", "--json", "--db", db])
    assert r.exit_code == 0 and json.loads(r.stdout)["nodes"] == json.loads(json.dumps(every["nodes"], default=str))
    r = CliRunner().invoke(app, ["map", "上海", "--db", db])
    assert "more (--firms 0 lists all)" in r.stdout
    (api,) = _get(atlas, "/api/map/上海?firms=0&evidence=0")
    assert api.status_code == 200 and api.json()["nodes"] == json.loads(json.dumps(every["nodes"], default=str))
