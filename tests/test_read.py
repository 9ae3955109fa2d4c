"""Reading inputs: encodings detected, HTML to main text, JSON and JSON Lines records, sidecars."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from icatlas.errors import BinaryInputError, EmptyInputError
from icatlas.pipeline import Report, run
from icatlas.read import ReadOptions, decode, read_inputs

ZH_HANS = "苏州工业园区集成电路产业投资发展有限公司揭牌成立，现场发布了最新政策。"
ZH_HANT = "蘇州工業園區集成電路產業投資發展有限公司揭牌成立，現場發布了最新政策。"


@pytest.mark.parametrize("data,enc", [
    (ZH_HANS.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + ZH_HANS.encode("utf-8"), "utf-8"),
    (ZH_HANS.encode("utf-16"), "utf-16-le"),
    (ZH_HANS.encode("utf-16-le"), "utf-16-le"),
    (ZH_HANS.encode("utf-16-be"), "utf-16-be"),
    (ZH_HANS.encode("gb18030"), "gb18030"),
    (ZH_HANS.encode("gbk"), "gb18030"),
    (ZH_HANT.encode("big5"), "big5"),
])
def test_encodings_are_detected(data: bytes, enc: str) -> None:
    out = decode(data)
    assert out.encoding == enc
    assert out.text.lstrip("\ufeff") in (ZH_HANS, ZH_HANT)
    assert out.replaced == 0


def test_html_charset_declaration_is_used() -> None:
    html = f'<html><head><meta charset="gbk"><title>标题</title></head><body><p>{ZH_HANS}</p></body></html>'
    out = decode(html.encode("gbk"))
    assert ZH_HANS in out.text


def test_binary_and_empty_inputs_are_refused() -> None:
    with pytest.raises(BinaryInputError):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(EmptyInputError):
        decode(b"  \n\t ")


def test_html_page_becomes_main_text_and_metadata(tmp_path: Path) -> None:
    body = "".join(f"<p>{ZH_HANS}第{i}段。</p>" for i in range(4))
    page = (f'<html><head><title>园区揭牌 - 某某新闻网</title><meta name="publishdate" content="2023-02-14"></head>'
            f'<body><nav><a href="/">首页</a><a href="/n">新闻</a></nav><article><h1>园区揭牌</h1>{body}</article>'
            f'<footer>版权所有 某某新闻网</footer></body></html>')
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    docs = list(run([tmp_path], report=Report(), progress=False))
    assert len(docs) == 1
    d = docs[0]
    assert ZH_HANS[:20] in d.text and "版权所有" not in d.text and "首页" not in d.text
    assert d.published == "2023-02-14"
    assert d.title and "园区揭牌" in d.title


def test_jsonl_records_and_their_sources(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ZH_HANS, "title": "一", "published": "2023-05-01"}, ensure_ascii=False),
        json.dumps({"id": "rec-7", "text": ZH_HANS + "二", "url": "https://example.com/2"}, ensure_ascii=False),
        json.dumps({"url": "https://example.com/3", "text": ZH_HANS + "三"}, ensure_ascii=False),
    ]
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(run([f], report=Report(), progress=False))
    assert [d.source for d in docs] == [f"{f}#1", "rec-7", "https://example.com/3"]
    assert docs[0].published == "2023-05-01" and docs[0].title == "一"
    assert docs[2].url == "https://example.com/3"


def test_sidecar_and_published_option_supply_missing_dates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("标题\n" + ZH_HANS, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"published": "2022-11-30", "url": "https://example.com/a"}')
    (tmp_path / "b.txt").write_text("标题\n" + ZH_HANS + "乙", encoding="utf-8")
    (tmp_path / "c.txt").write_text("标题\n发布时间：2021-01-02\n" + ZH_HANS + "丙", encoding="utf-8")
    docs = {Path(d.source).name: d for d in run([tmp_path], ReadOptions(published="2020-06-01"), Report(), False)}
    assert set(docs) == {"a.txt", "b.txt", "c.txt"}, "the sidecar is not read as a document"
    assert docs["a.txt"].published == "2022-11-30" and docs["a.txt"].url == "https://example.com/a"
    assert docs["b.txt"].published == "2020-06-01"
    assert docs["c.txt"].published == "2021-01-02", "the page's own date wins over --published"


def test_directories_are_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "deep.md").write_text("# 标题\n\n" + ZH_HANS, encoding="utf-8")
    (tmp_path / "x" / "note.docx").write_bytes(b"PK\x03\x04")
    items = list(read_inputs([tmp_path]))
    assert [Path(i.doc.source).name for i in items if i.doc] == ["deep.md"]
