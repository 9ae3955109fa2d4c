"""The bundled region gazetteer: coverage, aliases, ambiguity, groups; and that the script rebuilds it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from icatlas.extract.places import find_regions
from icatlas.reference.regions import regions

from .conftest import ROOT, SHARED


def test_coverage_and_parents() -> None:
    idx = regions()
    levels = [r.level for r in idx.by_code.values()]
    assert levels.count("province") == 34 and levels.count("city") >= 330 and levels.count("district") >= 2800
    assert levels.count("group") >= 6 and levels.count("zone") >= 50
    for r in idx.by_code.values():
        if r.parent:
            assert idx.get(r.parent) is not None, r
    assert idx.get("320500").lon and idx.get("320500").name == "苏州市"


@pytest.mark.parametrize("text,name", [
    ("蘇州工業園區", "苏州工业园区"), ("Suzhou", "苏州市"), ("长三角", "长三角"),
    ("Yangtze River Delta", "长三角"), ("川渝", "成渝"), ("浦东", "浦东新区"), ("临港新片区", "中国(上海)自由贸易试验区临港新片区"),
])
def test_written_forms(text: str, name: str) -> None:
    r = regions().resolve(text)
    assert r is not None and r.name == name


def test_group_words_need_their_context() -> None:
    idx = regions()
    assert idx.resolve("三省一市") is None
    assert idx.resolve("三省一市", {"G-YRD"}).name == "长三角"
    assert idx.resolve("三省一市", {"320000"}).name == "长三角"
    assert [m.attrs["name"] for m in find_regions("长三角三省一市", idx)] == ["长三角", "长三角"]
    assert [m.attrs["name"] for m in find_regions("湖南等三省一市", idx)] == ["湖南省"]


def test_ambiguity_is_settled_by_context() -> None:
    idx = regions()
    beijing = find_regions("北京市朝阳区举办集成电路论坛", idx)
    assert [m.attrs["code"] for m in beijing][-1] == "110105"
    changchun = find_regions("吉林省长春市朝阳区", idx)
    assert changchun[-1].attrs["code"] == "220104"
    anhui = find_regions("安徽省 Suzhou", idx)
    assert anhui[-1].attrs["name"] == "宿州市"
    assert find_regions("Suzhou", idx)[0].attrs["name"] == "苏州市"


def test_groups_and_city_level() -> None:
    idx = regions()
    assert idx.smallest_group({"310000", "330000"}).name == "长三角"
    assert idx.smallest_group({"510000", "500000"}).name == "成渝"
    assert idx.city_level(idx.get("310115")).name == "上海市"
    assert idx.city_level(idx.get("320506")).name == "苏州市"


def test_build_script_reproduces_the_bundled_file(tmp_path: Path) -> None:
    ref = SHARED / "ref" / "regions"
    if not ref.is_dir():
        pytest.skip("../shared/ref/regions is not beside the checkout")
    for name in ("region_groups.csv", "zones.csv"):
        (tmp_path / name).write_bytes((ROOT / "src" / "icatlas" / "data" / name).read_bytes())
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_regions.py"), "--ref", str(ref), "--out",
                          str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "regions.csv").read_text(encoding="utf-8") == \
        (ROOT / "src" / "icatlas" / "data" / "regions.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["四川天府新区", "天府新区", "成都天府新區", "Tianfu New Area"])
def test_a_national_new_area_goes_by_its_common_name(text: str) -> None:
    """A national new area is named as pages and people name it, without the province in front (天府新区 as 两江新区
    and 贵安新区); a city in front stays where it tells two apart (天津滨海新区, 绍兴滨海新区)."""
    r = regions().resolve(text)
    assert r is not None and r.name == "天府新区"
    province_prefixed = [z.name for z in regions().by_code.values() if z.kind == "new_area"
                         and z.name[:2] in ("四川", "湖南", "江西", "云南", "贵州", "陕西", "河北", "重庆")]
    assert province_prefixed == []


@pytest.mark.parametrize("text", ["Xiqing Economic and Technology Development Area",
                                  "Xiqing Economic and Technological Development Zone"])
def test_english_zone_names_in_the_spellings_pages_use(text: str) -> None:
    r = regions().resolve(text)
    assert r is not None and r.name == "西青经济技术开发区"


def test_places_abroad_are_regions_of_their_own_level_under_their_country() -> None:
    idx = regions()
    kumamoto = idx.resolve("熊本縣")
    assert kumamoto is not None and kumamoto.level == "abroad" and idx.get(kumamoto.parent).name == "日本"
    assert idx.resolve("Arizona").name == "亚利桑那州" and idx.resolve("美國").level == "country"
    # 德州 alone is the Shandong city; after the United States it is Texas
    assert idx.resolve("德州").name == "德州市"
    found = {m.attrs["name"] for m in find_regions("星辰晶圆在美国德州新建工厂。", idx)}
    assert found == {"美国", "得克萨斯州"}
    found = {m.attrs["name"] for m in find_regions("台积电在日本熊本县菊阳町的工厂量产。", idx)}
    assert {"日本", "熊本县", "菊阳町"} <= found
    # no place abroad is compared with the regions of China: none lies under a Chinese region or a group
    for r in idx.by_code.values():
        if r.level in ("country", "abroad"):
            assert not any(a.level in ("province", "city", "group") for a in idx.ancestors(r)), r


def test_a_place_abroad_that_opens_a_firms_name_is_no_place() -> None:
    for text in ("他曾在美国德州仪器工作了20年。", "德州仪器宣布扩产。", "Texas Instruments said it would expand."):
        found = {m.attrs["name"] for m in find_regions(text, regions())}
        assert not found & {"得克萨斯州", "德州市"}, (text, found)


def test_a_name_shared_at_home_and_abroad_is_the_one_at_home_unless_a_country_opens_it() -> None:
    found = [m.attrs["name"] for m in find_regions("美国对华实施出口管制。德州经济技术开发区签约。", regions())]
    assert "得克萨斯州" not in found and "德州市" in found, found
    # everyday words and English names that are no places abroad
    for text in ("江北上市公司", "十二月四日市委书记", "Bob Taylor and Austin Lee of Phoenix Capital"):
        assert not any(m.attrs["level"] in ("country", "abroad") for m in find_regions(text, regions())), text


def test_a_municipalitys_district_written_by_its_stem_after_the_city() -> None:
    idx = regions()
    found = {m.surface: m.attrs["name"] for m in find_regions("12个项目集中签约落户重庆沙坪坝，另有一家工厂在上海松江投产。", idx)}
    assert found.get("重庆沙坪坝") == "沙坪坝区" and found.get("上海松江") == "松江区"
    # words after the city that are no district of it stay words
    assert [m.attrs["name"] for m in find_regions("北京大学与重庆长安汽车合作。", idx)] == ["北京市", "重庆市"]


def test_a_province_by_its_one_character_name_where_someone_is_or_goes() -> None:
    idx = regions()
    found = [(m.surface, m.attrs["name"]) for m in find_regions("合作推介会在沪举行，代表团随后赴渝考察。", idx)]
    assert found == [("沪", "上海市"), ("渝", "重庆市")]
    # the character alone is a word elsewhere
    assert find_regions("在新建项目中，京东方来人。", idx) == []


def test_a_meeting_held_in_shanghai_by_its_one_character_name_is_there() -> None:
    from tests.test_occurrences import events

    evs = events("1月19日下午，长三角一体化·绍兴合作推介会在沪举行。", published="2024-01-20")
    meeting = next(e for e in evs if e.type == "meeting")
    assert meeting.place == "上海市", "where it was held, not the region in its name"


def test_an_english_name_a_city_shares_with_a_county_is_the_city() -> None:
    idx = regions()
    fujian = {"350000", "350500"}  # a page about Jinjiang: Fujian in view, where 南靖县 lies
    assert idx.resolve("Nanjing", fujian).name == "南京市"
    assert idx.resolve("Nanjing County", fujian).name == "南靖县"


def test_a_place_and_a_zone_joined_by_a_conjunction_are_not_one_zone() -> None:
    from tests.test_occurrences import events

    evs = events("8月8日，产业园开工建设，这是新吴区和锡山高新区落实全会精神的重要举措。", published="2024-08-09")
    assert evs and all("和" not in (e.place or "") for e in evs)
