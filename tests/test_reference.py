"""Reference data: the chain taxonomy, organisations, loading into the store, look-ups, imports, curation."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from icatlas.reference import chain, reference_orgs, regions
from icatlas.store import Store

EXE = str(Path(sys.executable).with_name("icatlas"))
REQUIRED_TERMS = ["光刻机", "刻蚀", "薄膜沉积", "离子注入", "CMP", "量测", "大硅片", "掩膜版", "光罩", "光刻胶", "电子特气",
                  "湿化学品", "靶材", "封装基板", "键合丝", "EDA", "IP核", "晶圆代工", "DRAM", "NAND", "IGBT", "SiC", "GaN",
                  "BAW", "SAW", "MCU", "MEMS", "AI芯片", "座舱芯片", "FPGA", "Chiplet", "2.5D", "测试机", "探针台"]


def test_chain_taxonomy_shape() -> None:
    ch = chain()
    assert len(ch) >= 100
    stages = {n.id for n in ch.nodes.values() if n.parent is None}
    assert stages == {"design_tools", "design", "manufacturing", "packaging_test", "equipment", "materials",
                      "applications"}
    for n in ch.nodes.values():
        assert n.name and n.name_hant and n.name_en and n.source, n.id
        assert n.parent is None or n.parent in ch.nodes, n.id
        assert n.stage in stages and (n.parent is None or n.stage == ch.nodes[n.parent].stage), n.id
        for target in n.goes_into:
            assert target in ch.nodes, (n.id, target)
    assert len(ch.edges()) >= 100
    all_terms = {t.lower() for n in ch.nodes.values() for t in n.terms}
    for term in REQUIRED_TERMS:
        assert term.lower() in all_terms or any(term.lower() in t for t in all_terms), term


def test_every_organisation_resolves() -> None:
    orgs = reference_orgs()
    assert len(orgs) >= 300
    ch, idx = chain(), regions()
    ids = [o.id for o in orgs]
    assert len(ids) == len(set(ids))
    for o in orgs:
        assert idx.get(o.region) is not None, (o.id, o.region)
        assert o.segments and all(s in ch.nodes for s in o.segments), (o.id, o.segments)
        assert o.source and o.type in ("company", "government", "association", "university", "institute", "park",
                                       "fund", "platform", "media", "organization"), o.id


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "ref.db")


def test_fresh_store_counts(store: Store) -> None:
    st = store.stats()
    assert st["chain_nodes"] >= 100
    assert st["regions"]["province"] == 34 and st["regions"]["city"] >= 330 and st["regions"]["district"] >= 2800
    assert st["region_groups"] >= 5 and st["parks"] >= 50 and st["organizations"] >= 300
    assert st["reference_version"].startswith("ref-")


def test_org_lookup_shows_segments(store: Store) -> None:
    hits = store.orgs("上海微电子")
    top = hits[0]
    assert top["name"].startswith("上海微电子装备")
    assert "equipment.lithography" in [s["id"] for s in top["segments"]]
    assert any("光刻" in (s["name"] or "") for s in top["segments"])
    res = subprocess.run([EXE, "org", "上海微电子", "--db", str(store.engine.url.database)], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0 and "equipment.lithography" in res.stdout and "光刻" in res.stdout


@pytest.mark.parametrize("query,context,name,up", [
    ("苏州", None, "苏州市", ["江苏省"]),
    ("蘇州", None, "苏州市", ["江苏省"]),
    ("Suzhou", None, "苏州市", ["江苏省"]),
    ("苏州工业园区", None, "苏州工业园区", ["苏州市", "江苏省"]),
    ("浦东新区", None, "浦东新区", ["上海市"]),
    ("朝阳区", ["北京"], "朝阳区", ["北京市"]),
    ("朝阳区", ["长春"], "朝阳区", ["长春市", "吉林省"]),
])
def test_region_resolver(store: Store, query: str, context: list[str] | None, name: str, up: list[str]) -> None:
    info = store.region(query, context)
    assert info["region"]["name"] == name
    assert [h["name"] for h in info["hierarchy"]] == up


def test_region_groups(store: Store) -> None:
    assert [m["name"] for m in store.region("成渝")["members"]] == ["四川省", "重庆市"]
    assert sorted(m["name"] for m in store.region("三省一市", ["长三角"])["members"]) == ["上海市", "安徽省", "江苏省",
                                                                                        "浙江省"]
    assert "长三角" in [g["name"] for g in store.region("苏州")["groups"]]


def test_chain_tree(store: Store) -> None:
    tree = store.chain()
    assert len(tree) == 7
    sub = store.chain("光刻机")[0]
    assert sub["id"] == "equipment.lithography" and sub["goes_into"]


def test_import_orgs_csv_and_xlsx(store: Store, tmp_path: Path) -> None:
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "name,region,segments,aliases,type,website\n"
        "示例芯片设计有限公司,苏州,design.mcu|design.analog,示例芯片,company,https://example.com\n"
        "示例封测有限公司,无锡市,封装测试;先进封装,,company,\n"
        ",上海,design,,company,\n"
        "坏地区公司,火星市,design,,company,\n"
        "坏环节公司,上海,量子隧道,,company,\n"
        "坏类型公司,上海,design,,spaceship,\n", encoding="utf-8")
    first = store.import_orgs(csv_file)
    assert first["added"] == 2 and [r["line"] for r in first["rejected"]] == [4, 5, 6, 7]
    assert "火星市" in first["rejected"][1]["reason"] and "量子隧道" in first["rejected"][2]["reason"]
    again = store.import_orgs(csv_file)
    assert again["added"] == 0 and again["updated"] == 0 and again["unchanged"] == 2
    hit = store.orgs("示例芯片")[0]
    assert hit["region"] == "苏州市" and {s["id"] for s in hit["segments"]} == {"design.mcu", "design.analog"}

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["name", "region", "segments", "aliases", "type", "website"])
    ws.append(["示例材料有限公司", "Hefei", "光刻胶", "示例材料", "company", "example.org"])
    wb.save(tmp_path / "mine.xlsx")
    res = store.import_orgs(tmp_path / "mine.xlsx")
    assert res["added"] == 1 and not res["rejected"]
    assert store.orgs("示例材料")[0]["region"] == "合肥市"


def test_cli_import_reports_lines(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text("name,region,segments\n甲公司,上海,design\n乙公司,nowhere,design\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    res = subprocess.run([EXE, "import", "orgs", str(f), "--db", db, "--json"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 1
    assert f"{f}:3:" in res.stderr and "nowhere" in res.stderr
    assert json.loads(res.stdout)["added"] == 1


def test_curation_survives_a_reload(store: Store) -> None:
    hit = store.orgs("上海微电子")[0]
    store.curate_entity(hit["id"], "region", "浦东新区", who="analyst")
    store.init(force=True)
    again = store.orgs("上海微电子")[0]
    assert again["region"] == "浦东新区"
    assert again["segments"] and again["segments"][0]["id"]


def test_init_command(tmp_path: Path) -> None:
    db = str(tmp_path / "i.db")
    first = json.loads(subprocess.run([EXE, "init", "--db", db, "--json"], capture_output=True, text=True,
                                      timeout=60).stdout)
    assert first["version"].startswith("ref-") and first["chain_nodes"] >= 100
    second = json.loads(subprocess.run([EXE, "init", "--db", db, "--json"], capture_output=True, text=True,
                                       timeout=60).stdout)
    assert second["loaded"] is False and second["version"] == first["version"]


def test_streets_feed_the_address_gazetteer(store: Store) -> None:
    from icatlas.reference.regions import streets

    st = streets()
    assert sum(len(v) for v in st.values()) > 40000
    idx = regions()
    assert all(idx.get(s.district) is not None for v in list(st.values())[:2000] for s in v)
    info = store.region("张江镇")
    assert info["street"]["name"] == "张江镇" and info["region"]["name"] == "浦东新区"


def test_known_organisations_are_found_by_short_names() -> None:
    from icatlas.model import Document
    from icatlas.normalise import normalise
    from icatlas.pipeline import extract

    text = "标题\n中芯国际、长电科技和北方华创等企业代表出席了会议，Amkor与SMIC的负责人也在现场。\n"
    doc = extract(normalise(Document(source="t.txt", raw=text, original=text)))
    by_alias = {a: e for e in doc.entities for a in [e.name, *e.aliases]}
    for short in ("中芯国际", "长电科技", "北方华创"):
        e = by_alias.get(short)
        assert e is not None and e.type == "company" and e.segments and e.region, short
        assert len(e.name) > len(short), "the canonical name is the full name"
    assert by_alias["中芯国际"] is by_alias.get("SMIC", by_alias["中芯国际"])
