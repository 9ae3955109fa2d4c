"""Every normalisation step, on hand-written text and on the seeds, with the offset map checked."""
from __future__ import annotations

import opencc
import pytest

from icatlas.model import Document
from icatlas.normalise import normalise, normalise_text
from icatlas.normalise.aligned import Aligned
from icatlas.normalise.chars import clean_whitespace, fold_width, repair_mojibake, strip_markdown
from icatlas.normalise.pinyin import count_annotations, remove_pinyin
from icatlas.normalise.script import detect_language, to_simplified

T2S = opencc.OpenCC("t2s")


def check_offsets(a: Aligned, original: str) -> None:
    """Each character of the result comes from a character of the original that reads the same
    (same character, or its Simplified or ASCII form)."""
    assert len(a.pos) == len(a.text)
    for ch, p in zip(a.text, a.pos):
        assert 0 <= p < len(original)
        src = original[p]
        if ch in "\n ":
            continue
        folded = fold_width(Aligned.of(src)).text
        assert ch in (src, T2S.convert(src), folded), (ch, src, p)


def test_width_folds_latin_digits_and_space_but_keeps_chinese_punctuation() -> None:
    text = "ＡＢＣ公司　投资１２３亿元，（暂定）：５Ｇ；３．５％"
    out = fold_width(Aligned.of(text)).text
    assert out == "ABC公司 投资123亿元，（暂定）：5G；3.5%"
    assert "，" in out and "（" in out and "：" in out and "；" in out


def test_whitespace_collapses_and_offsets_hold() -> None:
    text = "第一行  多个   空格\r\n\t第二行\u3000\r\n"
    a = clean_whitespace(fold_width(Aligned.of(text)))
    assert a.text == "第一行 多个 空格\n第二行\n"
    check_offsets(a, text)


def test_mojibake_utf8_read_as_latin1_is_repaired() -> None:
    good = "集成电路产业联盟成立"
    bad = good.encode("utf-8").decode("latin-1")
    a = repair_mojibake(Aligned.of("标题\n" + bad))
    assert a.text == "标题\n" + good
    assert len(a.pos) == len(a.text)


def test_mojibake_utf8_read_as_gbk_is_repaired() -> None:
    good = "上海集成电路设计产业园在张江科学城"
    bad = good.encode("utf-8").decode("gb18030", errors="replace")
    a = repair_mojibake(Aligned.of(bad))
    # the last character lost a byte in the bad decoding; everything before it comes back
    assert a.text.startswith(good[:-2])
    assert len(a.pos) == len(a.text)


def test_mojibake_leaves_clean_text_alone() -> None:
    text = "Café Zürich 半导体 — “quoted”"
    assert repair_mojibake(Aligned.of(text)).text == text


def test_pinyin_annotations_are_removed() -> None:
    text = "全力打造國內(nèi)一流產(chǎn)業(yè)創(chuàng)新集群"
    a = remove_pinyin(Aligned.of(text))
    assert a.text == "全力打造國內一流產業創新集群"
    check_offsets(a, text)


def test_damaged_spot_is_restored_from_the_pinyin() -> None:
    text = "項目成功簽約?,F(xiàn)場發(fā)布了政策"
    assert remove_pinyin(Aligned.of(text)).text == "項目成功簽約。現場發布了政策"


def test_damaged_spot_in_simplified_text() -> None:
    text = "会议结束?,F(xiàn)场签约"
    assert remove_pinyin(Aligned.of(text)).text == "会议结束。现场签约"


def test_brackets_that_are_not_pinyin_stay() -> None:
    text = "安靠封装测试(上海)有限公司与AMKOR(美国)以及(2023)年"
    assert remove_pinyin(Aligned.of(text)).text == text


def test_traditional_to_simplified_keeps_meaning_and_offsets() -> None:
    text = "核心技術與產業鏈協同發展，蘇州工業園區"
    a = to_simplified(Aligned.of(text))
    assert a.text == "核心技术与产业链协同发展，苏州工业园区"
    check_offsets(a, text)


@pytest.mark.parametrize("text,lang", [
    ("蘇州工業園區集成電路產業投資發展有限公司揭牌成立，現場發布了最新政策。", "zh-Hant"),
    ("苏州工业园区集成电路产业投资发展有限公司揭牌成立，现场发布了最新政策。", "zh-Hans"),
    ("The Yangtze River Delta accounts for more than 60% of the national integrated circuit sales.", "en"),
    ("Die Halbleiterindustrie wächst schnell und schafft neue Arbeitsplätze in der Region.", "other"),
])
def test_language_and_script(text: str, lang: str) -> None:
    assert detect_language(text)[0] == lang


def test_full_normalise_offsets_on_a_noisy_traditional_page() -> None:
    original = "標題\n\n蘇報訊（記者　王明）昨天，產(chǎn)業(yè)大會在蘇州召開。ＡＢＣ公司投資３５億元。\n（責任編輯：李華）\n- 無關新聞一\n- 無關新聞二\n- 無關新聞三\n"
    own, simp = normalise_text(original)
    check_offsets(simp, original)
    doc = normalise(Document(source="x.txt", raw=original, original=original))
    assert doc.language == "zh-Hant"
    assert "(chǎn)" not in doc.text and "产业大会在苏州召开" in doc.text
    assert "ABC公司投资35亿元" in doc.text
    assert "无关新闻" not in doc.text and "无关" in doc.tail.replace("無關", "无关")
    # every clean character maps back to a character of the original that reads the same
    for i, ch in enumerate(doc.text):
        if ch not in "\n ":
            src = original[doc.offsets[i]]
            assert ch in (src, T2S.convert(src), fold_width(Aligned.of(src)).text)


def test_seed_languages(seed_docs) -> None:
    langs = {k: d.language for k, d in seed_docs.items()}
    assert langs == {"000": "en", "001": "en", "002": "zh-Hant", "003": "zh-Hant", "004": "zh-Hans"}


def test_seed_002_is_clean_simplified_and_has_no_unrelated_headlines(seed_docs) -> None:
    d = seed_docs["002"]
    assert count_annotations(d.text) == 0
    assert "(" + "chǎn" + ")" not in d.text
    assert T2S.convert(d.text) == d.text
    assert "现场发布解读了最新集成电路产业相关政策" in d.text
    for headline in ("中国药谷", "小行星探测", "执行死刑", "充电桩", "土耳其", "责任编辑"):
        assert headline not in d.text


def test_seeds_003_and_004_end_where_their_articles_end(seed_docs) -> None:
    assert seed_docs["003"].text.rstrip().endswith("副市长吴清参加相关活动。")
    assert seed_docs["004"].text.rstrip().endswith("协助两地政府加强集成电路领域合作。")
    assert "京东" not in seed_docs["003"].text and "本文转载" not in seed_docs["004"].text
    assert seed_docs["003"].published == "2019-03-21"


def test_seed_offsets_point_into_the_original(seed_docs) -> None:
    for d in seed_docs.values():
        assert len(d.offsets) == len(d.text)
        for i in range(0, len(d.text), 7):
            ch, src = d.text[i], d.original[d.offsets[i]]
            restored = src.isascii() and "(" in d.original[d.offsets[i]: d.offsets[i] + 4]
            if ch not in "\n " and not restored:
                assert ch in (src, T2S.convert(src), fold_width(Aligned.of(src)).text)


def test_markdown_syntax_is_removed_with_offsets() -> None:
    original = "# 标题：园区揭牌\n\n**本报讯** 据[新华网](https://example.com/a)报道，![图](x.png)园区*今天*揭牌。\n\n> 引用的一句话。\n\n---\n"
    a = strip_markdown(Aligned.of(original))
    assert a.text == "标题：园区揭牌\n\n本报讯 据新华网报道，园区今天揭牌。\n\n引用的一句话。\n\n\n"
    for ch, p in zip(a.text, a.pos):
        if ch != "\n":
            assert original[p] == ch


def test_a_title_ending_in_a_quote_is_not_the_body() -> None:
    original = '建设"芯"高地 合肥再添一座晶圆厂"\n发布时间：2023-09-07\n\n合肥市今天宣布打造"芯"高地。这是很长的一句话，用来测试正文的开头。\n'
    doc = normalise(Document(source="t.txt", raw=original, original=original))
    assert doc.title and doc.title.startswith("建设") and doc.published == "2023-09-07"
    assert doc.text.startswith("合肥市今天宣布")


def test_dateline_needs_a_news_agency_form() -> None:
    for text, dateline in [("新华社上海3月5日电（记者 王明）上海集成电路产业规模再创新高，这是一句很长的正文内容。", "新华社上海3月5日电（记者 王明）"),
                           ("西安集成电路产业联盟于2023年12月1日成立，这是一句很长的正文内容用于测试。", None),
                           ("苏报讯(记者 朱琦)昨天,苏州市集成电路产业推进会召开,这是一句很长的正文内容。", "苏报讯(记者 朱琦)")]:
        doc = normalise(Document(source="t.txt", raw=text, original=text))
        assert doc.dateline == dateline


def test_an_article_in_key_points_keeps_them_with_its_headline_as_lede() -> None:
    from icatlas.model import Document
    from icatlas.normalise import normalise

    page = ("The plant's headquarters in Shanghai, China. Photo: Bloomberg\nSemiconductors\n"
            "Big chip maker pushes ahead with construction of new Tianjin plant despite lockdowns\n\n"
            "  • The project, with a total investment of US$7.5 billion, began construction last Saturday, according "
            "to reports\n  • The new plant will have a capacity of 100,000 12-inch wafers per month\n\n"
            "Why you can trust us\nREAD FULL ARTICLE\n")
    doc = normalise(Document(source="t.txt", raw=page, original=page))
    assert doc.title == "Big chip maker pushes ahead with construction of new Tianjin plant despite lockdowns"
    assert doc.text.startswith(doc.title + "\n• The project")
    assert "began construction last Saturday" in doc.text and "READ FULL" not in doc.text
    a, b = doc.original_span(0, len(doc.title))
    assert doc.original[a:b] == doc.title, "offsets still point into the page"


def test_a_sites_menu_of_short_items_between_bars_is_not_the_article() -> None:
    page = ("首页| 滚动| 国内| 国际| 军事| 社会| 财经| 台湾| 华人| 经纬\n"
            "某某芯城项目正式开工\n"
            "中新网成都4月21日电 某某芯城项目开工仪式21日在成都市科学城产业功能区举行。该项目投资额约500亿元。\n")
    doc = normalise(Document(source="t.txt", raw=page, original=page))
    assert doc.text.startswith("中新网成都4月21日电"), "a line of menu items is page noise, never the lede"
    assert doc.title == "某某芯城项目正式开工"


def test_a_sentence_set_phrase_by_phrase_over_short_lines_is_one_sentence() -> None:
    from icatlas.normalise.lines import join_broken_sentences

    original = "标题\n\n近日，\n\n华芯精密零部件产业园项目\n\n在合肥高新区正式开工！\n该项目总投资12亿元，\n将补齐本地设备零部件环节。\n"
    a = join_broken_sentences(clean_whitespace(Aligned.of(original)))
    assert "近日，华芯精密零部件产业园项目在合肥高新区正式开工！\n" in a.text
    assert "该项目总投资12亿元，将补齐本地设备零部件环节。" in a.text
    assert a.text.startswith("标题\n\n近日"), "a headline without a comma keeps its line"
    check_offsets(a, original)


def test_lines_that_close_their_sentence_or_are_list_items_keep_their_breaks() -> None:
    from icatlas.normalise.lines import join_broken_sentences

    kept = ["会议指出：\n一、加快项目建设。\n二、优化营商环境。\n",  # list items after a colon
            "项目已经开工。\n市长出席仪式。\n",  # sentences that end on their line
            "主要任务如下，\nThe plant will make chips.\n",  # an English line does not continue a Chinese one
            "打造专业园区\n园区位于高新西区，占地170亩。\n"]  # a section heading without a comma before it
    for text in kept:
        assert join_broken_sentences(Aligned.of(text)).text == text
    # a line without punctuation continues the sentence only when the line after it closes the sentence
    open_end = "近日，\n华芯项目\n开工仪式现场\n更多图片\n"
    assert join_broken_sentences(Aligned.of(open_end)).text == "近日，华芯项目\n开工仪式现场\n更多图片\n"


def test_a_lede_set_over_short_lines_is_the_start_of_the_body() -> None:
    doc = normalise(Document(source="t.txt", raw="", original=(
        "总投资12亿元!合肥高新区又一项目开工\n2025-10-21 08:00\n0\n近日，\n\n华芯精密零部件产业园项目\n\n在合肥高新区正式开工！\n"
        "该项目由合肥华芯精密科技有限公司投资建设，占地80亩，主要生产刻蚀设备零部件。\n")))
    assert doc.text.startswith("近日，华芯精密零部件产业园项目在合肥高新区正式开工！")


def test_a_heading_or_a_date_stamp_is_not_joined_into_a_sentence() -> None:
    from icatlas.normalise.lines import join_broken_sentences

    for text in ("点击蓝字，关注我们，\n\n华芯项目开工\n\n近日，合肥华芯项目开工。\n", "来源：合肥日报，\n2024-01-01\n近日，合肥华芯开工。\n"):
        assert join_broken_sentences(Aligned.of(text)).text == text
