#!/usr/bin/env python3
"""Build ``src/icatlas/data/regions.csv`` from the administrative-division reference data.

Usage (from the repository root)::

    python scripts/build_regions.py --ref ../shared/ref/regions --out src/icatlas/data

Inputs (read only here, never by the package):

* ``provinces.csv``, ``cities.csv``, ``areas.csv`` -- modood/Administrative-divisions-of-China,
  2023 statistical division codes of the National Bureau of Statistics (WTFPL);
* ``HK-MO-TW.json`` -- names of Hong Kong, Macao and Taiwan (same project);
* ``china_provinces_cp.csv``, ``china_cities_cp.csv`` -- reference points (``cp``) of the
  Apache ECharts 4.9.0 map data (Apache-2.0).

Output: ``regions.csv`` with the columns
``code,name,level,parent_code,short_name,name_hant,name_en,aliases,lon,lat,source``.

``region_groups.csv`` and ``zones.csv`` in the same folder are hand-written; this script only checks
that the division codes they name exist (``--check-only`` runs the checks without rebuilding).

The rules for short names, English names and aliases are documented next to the code below and in
``src/icatlas/data/REGIONS-SOURCES.md``.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_CODES = "modood/Administrative-divisions-of-China 2023 (WTFPL)"
SOURCE_CP = "ECharts 4.9.0 cp (Apache-2.0)"
# Hong Kong, Macao and Taiwan: names from HK-MO-TW.json, codes from GB/T 2260.
SOURCE_HMT = f"{SOURCE_CODES} HK-MO-TW.json; code per GB/T 2260"
COLUMNS = ["code", "name", "level", "parent_code", "short_name", "name_hant", "name_en",
           "aliases", "lon", "lat", "source"]
GROUP_COLUMNS = ["code", "name", "name_hant", "name_en", "aliases", "context_aliases", "members", "source"]
ZONE_COLUMNS = ["code", "name", "name_hant", "name_en", "kind", "parent_code", "aliases",
                "lon", "lat", "source"]
ZONE_KINDS = {"new_area", "high_tech_zone", "economic_zone", "industrial_park", "science_city",
              "free_trade_zone"}

# Hong Kong, Macao and Taiwan are not in provinces.csv; HK-MO-TW.json names them without codes.
# Their province-level codes are those of GB/T 2260.
HMT_CODES = {"香港特别行政区": "810000", "澳门特别行政区": "820000", "台湾省": "710000"}

# Taiwan's cities and counties, and their districts, townships and county-level cities, from HK-MO-TW.json. No
# national division codes exist below 710000; the script numbers them 71CC00 (cities and counties, in the file's
# order) and 71CCDD (their units), and their rows say so in ``source``. The units are named in full only (楠梓区,
# 铜锣乡): their stems are often common words (中和, 复兴, 和平, 树林). English names of the cities and counties are
# the ones in use there (Wade–Giles and postal spellings, not Hanyu Pinyin).
SOURCE_TW = f"{SOURCE_CODES} HK-MO-TW.json; code numbered by scripts/build_regions.py (no national code)"
TAIWAN_EN: dict[str, tuple[str, list[str]]] = {
    "台北市": ("Taipei", ["Taipei City"]), "新北市": ("New Taipei", ["New Taipei City"]),
    "桃园市": ("Taoyuan", ["Taoyuan City"]), "台中市": ("Taichung", ["Taichung City"]),
    "台南市": ("Tainan", ["Tainan City"]), "高雄市": ("Kaohsiung", ["Kaohsiung City"]),
    "基隆市": ("Keelung", ["Keelung City"]), "新竹市": ("Hsinchu City", []), "嘉义市": ("Chiayi City", []),
    "新竹县": ("Hsinchu County", []), "苗栗县": ("Miaoli", ["Miaoli County"]),
    "彰化县": ("Changhua", ["Changhua County"]), "南投县": ("Nantou", ["Nantou County"]),
    "云林县": ("Yunlin", ["Yunlin County"]), "嘉义县": ("Chiayi County", []),
    "屏东县": ("Pingtung", ["Pingtung County"]), "宜兰县": ("Yilan", ["Yilan County"]),
    "花莲县": ("Hualien", ["Hualien County"]), "台东县": ("Taitung", ["Taitung County"]),
    "澎湖县": ("Penghu", ["Penghu County"]), "金门县": ("Kinmen", ["Kinmen County"]),
    "连江县": ("Lienchiang", ["Lienchiang County", "Matsu"]),
}
#: the one-word English name of a city whose city and county share it (Hsinchu, Chiayi): the city's
TAIWAN_EN_SHARED = {"新竹市": "Hsinchu", "嘉义市": "Chiayi"}

# Rows of cities.csv that are not prefecture-level cities but containers of county-level units.
PSEUDO_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

MUNICIPALITIES = {"110000", "120000", "310000", "500000"}

# --------------------------------------------------------------------------------------------
# Provinces: hand-written short forms, English names and abbreviations (简称).
# short, name_en, English names with suffix, abbreviations (single characters, provinces only),
# further aliases.
# --------------------------------------------------------------------------------------------
PROVINCES: dict[str, tuple[str, str, list[str], list[str], list[str]]] = {
    "110000": ("北京", "Beijing", ["Beijing Municipality", "Beijing City"], ["京"], ["Peking"]),
    "120000": ("天津", "Tianjin", ["Tianjin Municipality", "Tianjin City"], ["津"], []),
    "130000": ("河北", "Hebei", ["Hebei Province"], ["冀"], []),
    "140000": ("山西", "Shanxi", ["Shanxi Province"], ["晋"], []),
    "150000": ("内蒙古", "Inner Mongolia",
               ["Inner Mongolia Autonomous Region", "Nei Mongol Autonomous Region"], ["蒙"],
               ["Nei Mongol", "Neimenggu", "Nei Menggu"]),
    "210000": ("辽宁", "Liaoning", ["Liaoning Province"], ["辽"], []),
    "220000": ("吉林", "Jilin", ["Jilin Province"], ["吉"], []),
    "230000": ("黑龙江", "Heilongjiang", ["Heilongjiang Province"], ["黑"], []),
    "310000": ("上海", "Shanghai", ["Shanghai Municipality", "Shanghai City"], ["沪", "申"], []),
    "320000": ("江苏", "Jiangsu", ["Jiangsu Province"], ["苏"], []),
    "330000": ("浙江", "Zhejiang", ["Zhejiang Province"], ["浙"], []),
    "340000": ("安徽", "Anhui", ["Anhui Province"], ["皖"], []),
    "350000": ("福建", "Fujian", ["Fujian Province"], ["闽"], []),
    "360000": ("江西", "Jiangxi", ["Jiangxi Province"], ["赣"], []),
    "370000": ("山东", "Shandong", ["Shandong Province"], ["鲁"], []),
    "410000": ("河南", "Henan", ["Henan Province"], ["豫"], []),
    "420000": ("湖北", "Hubei", ["Hubei Province"], ["鄂"], []),
    "430000": ("湖南", "Hunan", ["Hunan Province"], ["湘"], []),
    "440000": ("广东", "Guangdong", ["Guangdong Province"], ["粤"], []),
    "450000": ("广西", "Guangxi", ["Guangxi Zhuang Autonomous Region"], ["桂"], []),
    "460000": ("海南", "Hainan", ["Hainan Province"], ["琼"], []),
    "500000": ("重庆", "Chongqing", ["Chongqing Municipality", "Chongqing City"], ["渝"],
               ["Chungking"]),
    "510000": ("四川", "Sichuan", ["Sichuan Province"], ["川", "蜀"], []),
    "520000": ("贵州", "Guizhou", ["Guizhou Province"], ["黔", "贵"], []),
    "530000": ("云南", "Yunnan", ["Yunnan Province"], ["滇", "云"], []),
    "540000": ("西藏", "Tibet", ["Tibet Autonomous Region", "Xizang Autonomous Region"], ["藏"],
               ["Xizang"]),
    "610000": ("陕西", "Shaanxi", ["Shaanxi Province"], ["陕", "秦"], []),
    "620000": ("甘肃", "Gansu", ["Gansu Province"], ["甘", "陇"], []),
    "630000": ("青海", "Qinghai", ["Qinghai Province"], ["青"], []),
    "640000": ("宁夏", "Ningxia", ["Ningxia Hui Autonomous Region"], ["宁"], []),
    "650000": ("新疆", "Xinjiang",
               ["Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region"], ["新"],
               []),
    "710000": ("台湾", "Taiwan", ["Taiwan Province"], ["台"], ["台灣"]),
    "810000": ("香港", "Hong Kong",
               ["Hong Kong SAR", "Hong Kong Special Administrative Region"], ["港"],
               ["HK", "HKSAR", "Hongkong"]),
    "820000": ("澳门", "Macao",
               ["Macao SAR", "Macao Special Administrative Region", "Macau SAR"], ["澳"],
               ["Macau"]),
}

# --------------------------------------------------------------------------------------------
# Ethnic groups named in autonomous prefectures, counties and banners, with the English forms
# used in official English names ("Enshi Tujia and Miao Autonomous Prefecture").
# --------------------------------------------------------------------------------------------
ETHNIC_EN = {
    "蒙古族": "Mongol", "蒙古": "Mongol", "回族": "Hui", "藏族": "Tibetan", "维吾尔": "Uygur",
    "苗族": "Miao", "彝族": "Yi", "壮族": "Zhuang", "布依族": "Bouyei", "朝鲜族": "Korean",
    "满族": "Manchu", "侗族": "Dong", "瑶族": "Yao", "白族": "Bai", "土家族": "Tujia",
    "哈尼族": "Hani", "哈萨克族": "Kazak", "哈萨克": "Kazak", "傣族": "Dai", "黎族": "Li",
    "傈僳族": "Lisu", "佤族": "Va", "畲族": "She", "拉祜族": "Lahu", "水族": "Shui",
    "东乡族": "Dongxiang", "纳西族": "Naxi", "景颇族": "Jingpo", "柯尔克孜": "Kirgiz",
    "土族": "Tu", "达斡尔族": "Daur", "仫佬族": "Mulao", "羌族": "Qiang", "布朗族": "Blang",
    "撒拉族": "Salar", "毛南族": "Maonan", "仡佬族": "Gelao", "锡伯": "Xibe", "普米族": "Pumi",
    "塔吉克": "Tajik", "怒族": "Nu", "鄂温克族": "Ewenki", "保安族": "Bonan", "裕固族": "Yugur",
    "独龙族": "Derung", "鄂伦春": "Oroqen", "各族": "Various Nationalities",
}
_ETHNIC_BY_LENGTH = sorted(ETHNIC_EN, key=len, reverse=True)

AUTONOMOUS_EN = {"自治区": "Autonomous Region", "自治州": "Autonomous Prefecture",
                 "自治县": "Autonomous County", "自治旗": "Autonomous Banner"}

# Plain suffixes, longest first, per level, with their English forms.  A compound suffix
# (新区, 矿区, 特区) is only stripped when at least two characters remain and the stem is not the
# short name of a sibling unit (井陉矿区 next to 井陉县 stays 井陉矿); otherwise only 区 is stripped.
CITY_SUFFIXES = [("地区", "Prefecture"), ("盟", "League"), ("市", "City")]
DISTRICT_SUFFIXES = [("新区", "New Area"), ("矿区", "Mining District"), ("特区", "Special District"),
                     ("区", "District"), ("县", "County"), ("市", "City"), ("旗", "Banner")]
COMPOUND = {"新区", "矿区", "特区"}
# Units whose suffix rule is special.
SPECIAL_SPLIT = {"神农架林区": ("神农架", "Forestry District")}

# County-level codes xxxx7x are the NBS's statistical codes for development zones, new areas and
# management zones that are not administrative divisions; their names stay whole.  Some further
# units carry no suffix to strip.
WHOLE_NAME_RE = re.compile(r"(管委会|委员会|群岛|海域)$")

# Statistical zones: English for the generic part of the name, longest first.
ZONE_SUFFIX_EN = [
    ("高新技术产业开发区", "High-tech Industrial Development Zone"),
    ("高技术产业开发区", "High-tech Industrial Development Zone"),
    ("高新技术产业园区", "High-tech Industrial Park"),
    ("高新技术开发区", "High-tech Development Zone"),
    ("经济技术开发区", "Economic and Technological Development Zone"),
    ("经济开发区", "Economic Development Zone"),
    ("现代产业园区", "Modern Industrial Park"),
    ("循环化工园区", "Circular Chemical Industry Park"),
    ("工业园区", "Industrial Park"),
    ("城乡一体化示范区", "Urban-Rural Integration Demonstration Zone"),
    ("示范区", "Demonstration Zone"),
    ("管理区管委会", "Administrative Zone"),
    ("管理区", "Administrative Zone"),
    ("开发区", "Development Zone"),
    ("新区", "New Area"),
    ("新城", "New Town"),
]
ZONE_EN_OVERRIDES = {
    "吉林中国新加坡食品区": "Jilin China-Singapore Food Zone",
    "中新苏滁高新技术产业开发区": "China-Singapore Suchu High-tech Industrial Development Zone",
    "豫东综合物流产业聚集区": "Yudong Integrated Logistics Industry Cluster",
    "五台山风景名胜区": "Wutaishan Scenic Area",
    "山西转型综合改革示范区": "Shanxi Comprehensive Reform Demonstration Zone for Transformation",
    "郑州航空港经济综合实验区": "Zhengzhou Airport Economy Zone",
    "西藏文化旅游创意园区": "Tibet Culture and Tourism Creative Park",
    "格尔木藏青工业园区": "Golmud Tibet-Qinghai Industrial Park",
    "威海火炬高技术产业开发区": "Weihai Torch High-tech Industrial Development Zone",
    "包头稀土高新技术产业开发区": "Baotou Rare Earth High-tech Industrial Development Zone",
    "东营港经济开发区": "Dongying Port Economic Development Zone",
    "河北唐山海港经济开发区": "Hebei Tangshan Seaport Economic Development Zone",
    "长春汽车经济技术开发区": "Changchun Automotive Economic and Technological Development Zone",
    "大柴旦行政委员会": "Da Qaidam Administrative Committee",
    "西沙群岛": "Xisha Islands",
    "南沙群岛": "Nansha Islands",
    "中沙群岛的岛礁及其海域": "Zhongsha Islands and their waters",
}
ZONE_ALIASES = {
    "五台山风景名胜区": ["Mount Wutai Scenic Area"],
    "西沙群岛": ["Paracel Islands"],
    "南沙群岛": ["Spratly Islands"],
    "郑州航空港经济综合实验区": ["郑州航空港区", "郑州航空港", "Zhengzhou Airport Economy Zone"],
    "苏州工业园区": ["苏州园区", "SIP"],
}

# --------------------------------------------------------------------------------------------
# Pinyin.  pypinyin reads many place names with their everyday reading (长治 zhang-zhi, 朝阳
# zhao-yang).  CHAR_READINGS gives the reading a character has in place names; PINYIN_OVERRIDES
# gives whole stems whose reading differs from both.
# --------------------------------------------------------------------------------------------
CHAR_READINGS = {
    "长": "chang", "朝": "chao", "都": "du", "乐": "le", "单": "shan", "涡": "guo", "浚": "xun",
    "柏": "bai", "莘": "shen", "厦": "xia", "圩": "xu", "曲": "qu", "那": "na", "宁": "ning",
    "行": "xing", "会": "hui", "区": "qu", "藏": "zang", "沈": "shen", "蚌": "beng", "济": "ji",
    "铅": "yan", "泌": "bi", "枞": "zong", "犍": "qian", "筠": "jun", "漯": "luo", "蠡": "li",
    "茌": "chi", "扎": "zha", "调": "diao", "盖": "gai", "查": "cha", "宿": "su", "番": "fan",
    "冲": "chong", "干": "gan", "合": "he", "六": "liu", "洞": "dong", "阿": "a", "华": "hua",
    "大": "da", "万": "wan", "石": "shi", "峙": "zhi", "尉": "wei", "陂": "pi", "埔": "pu",
    "什": "shi", "句": "ju", "荥": "xing", "亳": "bo", "歙": "she", "黟": "yi", "郫": "pi",
    "睢": "sui", "濮": "pu", "鄄": "juan", "郯": "tan", "莒": "ju", "阆": "lang", "芮": "rui",
    "淖": "nao", "喀": "ka", "贾": "jia", "吐": "tu", "红": "hong", "家": "jia", "荷": "he",
    "台": "tai", "叶": "ye", "屯": "tun", "车": "che", "塔": "ta", "色": "se", "佛": "fo",
    "曾": "zeng", "卡": "ka", "泊": "bo", "勒": "le", "伽": "jia",
}
PINYIN_OVERRIDES = {
    # whole stems (the short form without suffix) whose place-name reading is special
    "长子": "Zhangzi", "乐清": "Yueqing", "乐亭": "Laoting", "洪洞": "Hongtong", "番禺": "Panyu",
    "六安": "Lu'an", "六合": "Luhe", "东阿": "Dong'e", "蔚": "Yu", "尉犁": "Yuli", "铅山": "Yanshan",
    "大埔": "Dabu", "黄埔": "Huangpu", "吴堡": "Wubu", "莎车": "Shache", "台州": "Taizhou",
    "天台": "Tiantai", "涪陵": "Fuling", "亳州": "Bozhou", "濉溪": "Suixi", "万柏林": "Wanbailin",
    "柏乡": "Baixiang", "蓟州": "Jizhou", "浚": "Xun", "单": "Shan", "盱眙": "Xuyi", "繁峙": "Fanshi",
    "巴彦淖尔": "Bayannur", "吐鲁番": "Turpan", "乌鲁木齐": "Urumqi", "哈密": "Hami", "呼和浩特": "Hohhot",
    "拉萨": "Lhasa", "喀什": "Kashi", "日喀则": "Xigaze", "荥经": "Yingjing", "荥阳": "Xingyang",
    "牟平": "Muping", "中牟": "Zhongmou", "长垣": "Changyuan", "枞阳": "Zongyang", "筠连": "Junlian",
    "犍为": "Qianwei", "漯河": "Luohe", "泌阳": "Biyang", "蠡": "Li", "茌平": "Chiping",
    "调兵山": "Diaobingshan", "盖州": "Gaizhou", "百色": "Baise", "宿州": "Suzhou", "宿迁": "Suqian",
    "宿松": "Susong", "宿城": "Sucheng", "厦门": "Xiamen", "蚌埠": "Bengbu", "扎囊": "Zhanang",
    "扎赉特": "Zhalaite", "扎兰屯": "Zhalantun", "扎鲁特": "Jarud", "尖扎": "Jianzha", "札达": "Zanda",
    "麦积": "Maiji", "解放": "Jiefang", "鄯善": "Shanshan", "阿城": "Acheng", "东胜": "Dongsheng",
    "曲阜": "Qufu", "曲沃": "Quwo", "那曲": "Nagqu", "阿里": "Ngari", "朝阳": "Chaoyang",
    "朝天": "Chaotian", "覃塘": "Qintang", "马尾": "Mawei", "乐都": "Ledu", "都江堰": "Dujiangyan",
    "都匀": "Duyun", "都昌": "Duchang", "都安": "Du'an", "都兰": "Dulan", "成都": "Chengdu",
    "丰都": "Fengdu", "花都": "Huadu", "华容": "Huarong", "华阴": "Huayin", "涡阳": "Guoyang",
    "沈丘": "Shenqiu", "济源": "Jiyuan", "蓬莱": "Penglai", "洞头": "Dongtou", "句容": "Jurong",
    "藁城": "Gaocheng", "兴安": "Xing'an", "什邡": "Shifang", "六盘水": "Liupanshui", "六枝": "Liuzhi",
    "称多": "Chenduo", "澄江": "Chengjiang", "澄迈": "Chengmai", "澄海": "Chenghai", "澄城": "Chengcheng",
    "鹤壁": "Hebi", "贾汪": "Jiawang", "呼图壁": "Hutubi", "堆龙德庆": "Doilungdeqen",
    "塔什库尔干": "Taxkorgan", "和布克赛尔": "Hoboksar", "巴音郭楞": "Bayingolin", "克孜勒苏": "Kizilsu",
    "博尔塔拉": "Bortala", "阿拉善": "Alxa", "鄂尔多斯": "Ordos", "呼伦贝尔": "Hulunbuir", "锡林郭勒": "Xilingol",
    "乌兰察布": "Ulanqab", "克拉玛依": "Karamay", "库尔勒": "Korla", "格尔木": "Golmud", "阿克苏": "Aksu",
    "和田": "Hotan", "伊犁": "Ili", "哈尔滨": "Harbin", "闵行": "Minhang", "召陵": "Shaoling",
    "崆峒": "Kongtong",
}
# Conventional English spellings that differ from the Pinyin, added as aliases; the Pinyin
# spelling of these names is added as an alias too when name_en uses the conventional one.
CONVENTIONAL_PINYIN = {
    "Bayannur": "Bayannao'er", "Turpan": "Tulufan", "Urumqi": "Wulumuqi", "Hohhot": "Huhehaote",
    "Lhasa": "Lasa", "Xigaze": "Rikaze", "Nagqu": "Naqu", "Ngari": "Ali", "Jarud": "Zhalute",
    "Zanda": "Zhada", "Doilungdeqen": "Duilongdeqing", "Taxkorgan": "Tashikuergan",
    "Hoboksar": "Hebukesaier", "Bayingolin": "Bayinguoleng", "Kizilsu": "Kezilesu",
    "Bortala": "Boertala", "Alxa": "Alashan", "Ordos": "E'erduosi", "Hulunbuir": "Hulunbei'er",
    "Xilingol": "Xilinguole", "Ulanqab": "Wulanchabu", "Karamay": "Kelamayi", "Korla": "Kuerle",
    "Golmud": "Ge'ermu", "Aksu": "Akesu", "Hotan": "Hetian", "Ili": "Yili", "Harbin": "Ha'erbin",
}
EXTRA_EN_ALIASES = {
    "喀什": ["Kashgar"], "日喀则": ["Shigatse"], "哈密": ["Kumul"], "伊犁": ["Yili"],
    "和田": ["Khotan"], "拉萨": ["Lasa"], "厦门": ["Amoy"], "广州": ["Canton"],
    "香格里拉": ["Shangri-La"],
}
# English names of whole units whose one-character stem is part of the proper name.
NAME_EN_OVERRIDES = {"芒市": "Mangshi"}
# Banner names: the position words of 左旗, 右翼前旗 ... in English.
BANNER_POSITION_EN = [("左翼", "Left Wing"), ("右翼", "Right Wing"), ("左", "Left"), ("右", "Right"),
                      ("前", "Front"), ("中", "Middle"), ("后", "Rear")]

# Corrections to opencc s2t output for place names where the phrase-blind character mapping gives
# a form not used for that place.  Applied as substring replacements on the converted name.
HANT_FIXES = {
    "湖裏": "湖里",      # 厦门市湖里区
    "嶽普湖": "岳普湖",  # 岳普湖县 (Uygur name, no 嶽)
    "嶽池": "岳池",      # 岳池县
    "嶽西": "岳西",      # 岳西县
    "新幹": "新干",      # 新干县
    "云城": "雲城",      # 云浮市云城区 (opencc leaves 云 unconverted here)
    "羣": "群",          # 西沙群岛 ...: 群 is the standard form in Hong Kong and Taiwan
}


def to_hant(text: str) -> str:
    out = _s2t().convert(text)
    for wrong, right in HANT_FIXES.items():
        out = out.replace(wrong, right)
    return out


_CONVERTER = None


def _s2t():
    global _CONVERTER
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("s2t")
    return _CONVERTER


def pinyin_word(stem: str) -> str:
    """Toneless Pinyin of a place-name stem as one capitalised word (苏州 -> Suzhou, 西安 -> Xi'an)."""
    if stem in PINYIN_OVERRIDES:
        return PINYIN_OVERRIDES[stem]
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True, errors="ignore")
    if len(syllables) != len(stem):  # should not happen for CJK-only stems
        raise ValueError(f"cannot romanise {stem!r}: {syllables}")
    syllables = [CHAR_READINGS.get(ch, syl) for ch, syl in zip(stem, syllables)]
    word = syllables[0]
    for syl in syllables[1:]:
        word += ("'" + syl) if syl[:1] in "aoe" else syl
    return word[:1].upper() + word[1:]


def ascii_fold(text: str) -> str:
    return text.replace("ü", "u").replace("Ü", "U")


# --------------------------------------------------------------------------------------------
# Name analysis
# --------------------------------------------------------------------------------------------
@dataclass
class Parts:
    stem: str                 # the name without its suffix (may be one character)
    suffix_en: str = ""       # English for the stripped suffix ("District", "Autonomous County")
    ethnic: list[str] = field(default_factory=list)
    whole: bool = False       # name kept whole (statistical zones, islands)
    extra_en: list[str] = field(default_factory=list)  # further English names with suffix


def strip_ethnic(text: str) -> tuple[str, list[str]]:
    groups: list[str] = []
    changed = True
    while changed and text:
        changed = False
        for token in _ETHNIC_BY_LENGTH:
            if text.endswith(token) and len(text) >= len(token):
                groups.insert(0, token)
                text = text[: -len(token)]
                changed = True
                break
    return text, groups


def split_autonomous(name: str) -> Parts | None:
    for suffix, english in AUTONOMOUS_EN.items():
        if name.endswith(suffix):
            rest, groups = strip_ethnic(name[: -len(suffix)])
            if not rest:  # 鄂伦春自治旗, 东乡族自治县: the place is named after the people
                rest = groups[0].removesuffix("族")
            return Parts(rest, english, groups)
    if name.endswith("族区"):  # 管城回族区, 梅里斯达斡尔族区
        rest, groups = strip_ethnic(name[:-1])
        return Parts(rest, "District", groups)
    return None


def split_name(name: str, level: str, code: str, sibling_stems: set[str] | None = None) -> Parts:
    if name in SPECIAL_SPLIT:
        stem, english = SPECIAL_SPLIT[name]
        return Parts(stem, english)
    if level == "district" and (code[4] == "7" or WHOLE_NAME_RE.search(name)):
        return Parts(name, whole=True)
    auto = split_autonomous(name)
    if auto:
        return auto
    suffixes = CITY_SUFFIXES if level == "city" else DISTRICT_SUFFIXES
    for suffix, english in suffixes:
        if not name.endswith(suffix) or len(name) == len(suffix):
            continue
        stem = name[: -len(suffix)]
        if suffix in COMPOUND and (len(stem) < 2 or (sibling_stems and stem in sibling_stems)):
            if len(stem) >= 2:  # 井陉矿区 next to 井陉县: short 井陉矿, English still "Jingxing Mining District"
                return Parts(name[:-1], "District", extra_en=[f"{pinyin_word(stem)} {english}"])
            continue
        if suffix == "旗":
            return Parts(stem, english, extra_en=banner_english(stem))
        return Parts(stem, english)
    return Parts(name, whole=True)


def banner_english(stem: str) -> list[str]:
    """土默特左 -> ["Tumote Left Banner"]; [] when the banner name has no position word."""
    words: list[str] = []
    rest = stem
    changed = True
    while changed:
        changed = False
        for word, english in BANNER_POSITION_EN:
            if rest.endswith(word) and len(rest) - len(word) >= 2:
                words.insert(0, english)
                rest = rest[: -len(word)]
                changed = True
                break
    if not words:
        return []
    return [f"{pinyin_word(rest)} {' '.join(words)} Banner"]


def zone_english(name: str, tokens: list[tuple[str, str]]) -> str:
    if name in ZONE_EN_OVERRIDES:
        return ZONE_EN_OVERRIDES[name]
    generic = ""
    prefix = name
    for suffix, english in ZONE_SUFFIX_EN:
        if name.endswith(suffix):
            generic, prefix = english, name[: -len(suffix)]
            break
    words: list[str] = []
    rest = prefix
    while rest:
        for token, english in tokens:
            if rest.startswith(token):
                words.append(english)
                rest = rest[len(token):]
                if rest.startswith("市"):
                    rest = rest[1:]
                break
        else:
            words.append(pinyin_word(rest))
            rest = ""
    return " ".join(words + ([generic] if generic else []))


def english_full(parts: Parts, name_en: str) -> str:
    """The English name with its suffix ("Suzhou City", "Enshi Tujia and Miao Autonomous Prefecture")."""
    if parts.whole or not parts.suffix_en:
        return name_en
    if parts.ethnic:
        peoples = []
        for g in parts.ethnic:
            if ETHNIC_EN[g] not in peoples:
                peoples.append(ETHNIC_EN[g])
        if len(peoples) == 1:
            people = peoples[0]
        else:
            people = ", ".join(peoples[:-1]) + " and " + peoples[-1]
        # the place named after its people: "Oroqen Autonomous Banner"
        if parts.stem + "族" in parts.ethnic or parts.stem in parts.ethnic:
            return f"{people} {parts.suffix_en}"
        return f"{name_en} {people} {parts.suffix_en}"
    return f"{name_en} {parts.suffix_en}"


# --------------------------------------------------------------------------------------------
# Reading the reference data
# --------------------------------------------------------------------------------------------
def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def read_points(path: Path) -> dict[str, tuple[str, str, str]]:
    points: dict[str, tuple[str, str, str]] = {}
    for row in read_csv(path):
        points[row["id"]] = (row["name"], row["cp_lon"], row["cp_lat"])
    return points


@dataclass
class Region:
    code: str
    name: str
    level: str
    parent_code: str
    short_name: str = ""
    name_hant: str = ""
    name_en: str = ""
    aliases: list[str] = field(default_factory=list)
    lon: str = ""
    lat: str = ""
    source: str = SOURCE_CODES
    parts: Parts | None = None

    def row(self) -> list[str]:
        return [self.code, self.name, self.level, self.parent_code, self.short_name, self.name_hant,
                self.name_en, "|".join(self.aliases), self.lon, self.lat, self.source]


def build(ref: Path) -> tuple[list[Region], list[str]]:
    notes: list[str] = []
    provinces = read_csv(ref / "provinces.csv")
    cities = read_csv(ref / "cities.csv")
    areas = read_csv(ref / "areas.csv")
    hmt = json.loads((ref / "HK-MO-TW.json").read_text(encoding="utf-8"))
    prov_points = read_points(ref / "china_provinces_cp.csv")
    city_points = read_points(ref / "china_cities_cp.csv")

    regions: dict[str, Region] = {}

    # provinces ---------------------------------------------------------------------------
    for row in provinces:
        code = row["code"].ljust(6, "0")
        regions[code] = Region(code, row["name"], "province", "")
    for name in hmt:
        if name not in HMT_CODES:
            raise SystemExit(f"HK-MO-TW.json: unknown top-level name {name!r}")
        regions[HMT_CODES[name]] = Region(HMT_CODES[name], name, "province", "", source=SOURCE_HMT)
    for ci, (city, units) in enumerate(hmt["台湾省"].items(), 1):
        ccode = f"71{ci:02d}00"
        regions[ccode] = Region(ccode, city, "city", "710000", source=SOURCE_TW)
        for di, unit in enumerate(units, 1):
            dcode = f"71{ci:02d}{di:02d}"
            regions[dcode] = Region(dcode, unit, "district", ccode, source=SOURCE_TW)
    notes.append("HK-MO-TW.json: Hong Kong's and Macao's units are left out (no division codes); Taiwan's "
                 f"{len(hmt['台湾省'])} cities and counties and their units are numbered 71CC00 and 71CCDD")

    # prefecture-level cities -------------------------------------------------------------
    container_parent: dict[str, str] = {}  # 4-digit cityCode -> 6-digit parent for districts
    for row in cities:
        prov = row["provinceCode"].ljust(6, "0")
        if row["name"] in PSEUDO_CITIES:
            container_parent[row["code"]] = prov
            continue
        code = row["code"] + "00"
        regions[code] = Region(code, row["name"], "city", prov)
        container_parent[row["code"]] = code

    # county-level units ----------------------------------------------------------------
    for row in areas:
        code = row["code"]
        parent = container_parent.get(row["cityCode"])
        if parent is None:
            notes.append(f"areas.csv {code} {row['name']}: unknown cityCode {row['cityCode']}, skipped")
            continue
        if code == parent or (parent in regions and regions[parent].name == row["name"]):
            notes.append(f"areas.csv {code} {row['name']}: stands for the city {parent} itself "
                         "(a city without county-level divisions), not added as a district")
            continue
        if code in regions:
            notes.append(f"areas.csv {code} {row['name']}: duplicate code, skipped")
            continue
        regions[code] = Region(code, row["name"], "district", parent)

    ordered = sorted(regions.values(), key=lambda r: r.code)

    # names ------------------------------------------------------------------------------
    # stems of plain suffixes per parent, to keep compound suffixes from colliding (井陉矿区/井陉县)
    plain_stems: dict[str, set[str]] = defaultdict(set)
    for r in ordered:
        if r.level == "district":
            p = split_name(r.name, "district", r.code, None)
            if p.suffix_en in ("County", "City", "District", "Banner") and not p.whole:
                plain_stems[r.parent_code].add(p.stem)

    for r in ordered:
        r.name_hant = to_hant(r.name)
        if r.source == SOURCE_TW:
            taiwan_names(r)
            continue
        if r.level == "province":
            short, name_en, en_full, abbrevs, extra = PROVINCES[r.code]
            r.short_name = short
            r.name_en = name_en
            aliases = [to_hant(short)] + en_full + abbrevs
            aliases += [to_hant(a) for a in abbrevs]
            aliases += extra
            r.aliases = aliases
            continue
        # a compound suffix must not take the stem of a sibling with a plain suffix
        siblings = plain_stems[r.parent_code] if r.level == "district" else None
        parts = split_name(r.name, r.level, r.code, siblings)
        r.parts = parts
        if parts.whole:
            r.short_name = r.name
        else:
            r.short_name = parts.stem if len(parts.stem) >= 2 else ""
        aliases: list[str] = []
        if parts.whole:
            tokens = _zone_tokens(ordered)
            r.name_en = zone_english(r.name, tokens)
            aliases += ZONE_ALIASES.get(r.name, [])
        else:
            base = pinyin_word(parts.stem)
            full = english_full(parts, base)
            r.name_en = NAME_EN_OVERRIDES.get(r.name) or (base if r.short_name else full)
            if r.short_name:
                hant_short = to_hant(r.short_name)
                if hant_short != r.short_name:
                    aliases.append(hant_short)
            if r.name not in NAME_EN_OVERRIDES:
                aliases.append(full)
            aliases += parts.extra_en
            if base in CONVENTIONAL_PINYIN:
                plain = CONVENTIONAL_PINYIN[base]
                aliases.append(plain)
                aliases.append(english_full(parts, plain))
            aliases += EXTRA_EN_ALIASES.get(parts.stem, [])
            if parts.ethnic and not (parts.stem + "族" in parts.ethnic or parts.stem in parts.ethnic):
                aliases.append(f"{base} {parts.suffix_en}")  # "Enshi Autonomous Prefecture"
        r.aliases = aliases

    # ASCII variants, dedupe, drop the name itself and single characters below province level
    for r in ordered:
        extra = []
        for a in [r.name_en] + r.aliases:
            folded = ascii_fold(a)
            if folded != a:
                extra.append(folded)
                extra.append(a.replace("ü", "v"))
            if "'" in a:
                extra.append(a.replace("'", ""))
        seen = {r.name, r.short_name, r.name_en, r.name_hant, ""}
        out = []
        for a in r.aliases + extra:
            a = a.strip()
            if a in seen:
                continue
            if "|" in a:
                raise ValueError(f"alias with '|': {a!r}")
            if len(a) == 1 and r.level != "province":
                continue
            seen.add(a)
            out.append(a)
        r.aliases = out

    # reference points ----------------------------------------------------------------------
    by_code = {r.code: r for r in ordered}
    used_city_points: set[str] = set()
    for r in ordered:
        if r.level == "province":
            pt = prov_points.get(r.code)
            if pt:
                r.lon, r.lat = pt[1], pt[2]
                r.source = f"{r.source}; {SOURCE_CP}"
            else:
                notes.append(f"no cp point for province {r.code} {r.name}")
    for r in ordered:
        if r.level != "city":
            continue
        pt = city_points.get(r.code)
        if pt and pt[0] != r.short_name and pt[0] != r.name:
            notes.append(f"cp {r.code} is named {pt[0]!r} but the division is {r.name}; point not used")
            pt = None
        if pt is None:  # codes changed since 2019: match by name within the province
            cands = [(k, v) for k, v in city_points.items()
                     if k[:2] == r.code[:2] and k not in by_code and v[0] == r.short_name]
            if len(cands) == 1:
                k, pt = cands[0]
                notes.append(f"cp point for {r.code} {r.name} taken from old code {k} ({pt[0]})")
                used_city_points.add(k)
        else:
            used_city_points.add(r.code)
        if pt:
            r.lon, r.lat = pt[1], pt[2]
            r.source = f"{SOURCE_CODES}; {SOURCE_CP}"
        else:
            notes.append(f"no cp point for city {r.code} {r.name}: lon/lat left empty")
    for r in ordered:
        if r.level != "district":
            continue
        parent = by_code[r.parent_code]
        pt = None
        if parent.level == "province" and r.parent_code not in MUNICIPALITIES:
            # a county-level unit directly under a province (济源, 仙桃, 五指山, 石河子 ...):
            # its own cp point where ECharts has one, else the province's
            own = city_points.get(r.code)
            if own and (own[0] == r.short_name or own[0] == r.name):
                pt = (own[1], own[2])
                used_city_points.add(r.code)
        if pt is None and parent.lon:
            pt = (parent.lon, parent.lat)
        if pt:
            r.lon, r.lat = pt
            r.source = f"{SOURCE_CODES}; {SOURCE_CP}"
    unused = sorted(k for k in city_points if k not in used_city_points and k not in by_code)
    for k in unused:
        notes.append(f"cp point {k} {city_points[k][0]} matches no 2023 division (not used)")
    return ordered, notes


_TOKENS: list[tuple[str, str]] | None = None


def taiwan_names(r: Region) -> None:
    """Short and English names of a Taiwan city or county (台北, Taipei, 臺北); its units keep their full name."""
    hant = r.name_hant.replace("台", "臺")
    r.aliases = [hant] if hant != r.name_hant else []
    if r.level != "city":
        return
    r.short_name = r.name[:-1]
    r.name_en, extra = TAIWAN_EN[r.name]
    r.aliases += [to_hant(r.short_name), to_hant(r.short_name).replace("台", "臺")] + extra
    if r.name in TAIWAN_EN_SHARED:
        r.aliases.append(TAIWAN_EN_SHARED[r.name])


def _zone_tokens(ordered: list[Region]) -> list[tuple[str, str]]:
    """Province and city short names with their English, longest first, to segment zone names."""
    global _TOKENS
    if _TOKENS is None:
        tokens = {}
        for r in ordered:
            if r.level == "province":
                tokens[PROVINCES[r.code][0]] = PROVINCES[r.code][1]
        for r in ordered:
            if r.level == "city":
                stem = split_name(r.name, "city", r.code).stem
                tokens.setdefault(stem, pinyin_word(stem))
        _TOKENS = sorted(tokens.items(), key=lambda kv: len(kv[0]), reverse=True)
    return _TOKENS


# --------------------------------------------------------------------------------------------
# Output and checks
# --------------------------------------------------------------------------------------------
def write_regions(regions: list[Region], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "regions.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in regions:
            w.writerow(r.row())


def check(out: Path) -> list[str]:
    """Checks on the written files; returns a list of problems (empty when all is well)."""
    problems: list[str] = []
    rows = read_csv(out / "regions.csv")
    with (out / "regions.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    if header != COLUMNS:
        problems.append(f"regions.csv header {header}")
    codes = Counter(r["code"] for r in rows)
    problems += [f"regions.csv duplicate code {c}" for c, n in codes.items() if n > 1]
    by_code = {r["code"]: r for r in rows}
    for r in rows:
        if not re.fullmatch(r"\d{6}", r["code"]):
            problems.append(f"bad code {r['code']}")
        if r["level"] not in ("province", "city", "district"):
            problems.append(f"{r['code']} bad level {r['level']}")
        if r["level"] == "province":
            if r["parent_code"]:
                problems.append(f"{r['code']} province with parent")
        elif r["parent_code"] not in by_code:
            problems.append(f"{r['code']} parent {r['parent_code']} missing")
        elif r["level"] == "city" and by_code[r["parent_code"]]["level"] != "province":
            problems.append(f"{r['code']} city under non-province")
        if r["level"] != "province":
            for a in r["aliases"].split("|") if r["aliases"] else []:
                if len(a) == 1:
                    problems.append(f"{r['code']} single-character alias {a}")
        if len(r["short_name"]) == 1:
            problems.append(f"{r['code']} one-character short name")
        if bool(r["lon"]) != bool(r["lat"]):
            problems.append(f"{r['code']} half a point")
    for name, columns in (("region_groups.csv", GROUP_COLUMNS), ("zones.csv", ZONE_COLUMNS)):
        path = out / name
        if not path.exists():
            problems.append(f"{name} missing")
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        if header != columns:
            problems.append(f"{name} header {header}")
        seen: set[str] = set()
        for row in read_csv(path):
            if row["code"] in seen:
                problems.append(f"{name} duplicate code {row['code']}")
            seen.add(row["code"])
            if len([v for v in row.values() if v is None]):
                problems.append(f"{name} {row['code']} short row")
            if name == "region_groups.csv":
                for m in row["members"].split("|"):
                    if m not in by_code:
                        problems.append(f"{name} {row['code']} member {m} unknown")
            else:
                if row["parent_code"] not in by_code:
                    problems.append(f"{name} {row['code']} parent {row['parent_code']} unknown")
                if row["kind"] not in ZONE_KINDS:
                    problems.append(f"{name} {row['code']} kind {row['kind']}")
                if bool(row["lon"]) != bool(row["lat"]):
                    problems.append(f"{name} {row['code']} half a point")
    return problems


def summary(out: Path) -> str:
    rows = read_csv(out / "regions.csv")
    levels = Counter(r["level"] for r in rows)
    with_point = Counter(r["level"] for r in rows if r["lon"])
    lines = [f"regions.csv: {len(rows)} rows: " + ", ".join(
        f"{lvl} {levels[lvl]} ({with_point[lvl]} with lon/lat)" for lvl in ("province", "city", "district"))]
    for name in ("region_groups.csv", "zones.csv"):
        if (out / name).exists():
            lines.append(f"{name}: {len(read_csv(out / name))} rows")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", type=Path, required=True, help="folder with the division reference data")
    ap.add_argument("--out", type=Path, required=True, help="the package's data folder")
    ap.add_argument("--check-only", action="store_true", help="only check the files in --out")
    ap.add_argument("--quiet", action="store_true", help="do not list the notes on the source data")
    args = ap.parse_args(argv)
    if not args.check_only:
        regions, notes = build(args.ref)
        write_regions(regions, args.out)
        if not args.quiet:
            for note in notes:
                print("note:", note, file=sys.stderr)
    problems = check(args.out)
    for p in problems:
        print("problem:", p, file=sys.stderr)
    print(summary(args.out))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
