"""Properties that hold for any input (Hypothesis): the readers never raise and keep nothing a store refuses; the
normaliser's offset map stays intact; the quantity parsers never raise and give spans and values that hold."""
from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icatlas.errors import IcatlasError
from icatlas.extract.quantities import find_quantities
from icatlas.model import Document
from icatlas.normalise import normalise, normalise_text
from icatlas.normalise.aligned import Aligned
from icatlas.normalise.chars import repair_mojibake
from icatlas.read.clean import storable as clean
from icatlas.read.decode import decode
from icatlas.read.sources import ReadOptions, read_file, record_item

EXAMPLES = int(os.environ.get("ICATLAS_HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Characters pages are made of, and those that break parsers: CJK in both scripts, full-width forms, Markdown and
#: HTML syntax, digits and number words, pinyin with tones, mojibake, controls, NUL and unpaired surrogates.
PAGE_CHARS = st.one_of(
    st.sampled_from(list("苏州集成电路产業發展有限公司亿万元年月日，。、：；（）“”《》【】")),
    st.sampled_from(list("０１２３４５６７８９ＡＢｃ　％＋")),
    st.sampled_from(list("[]()!*_#>`-<>/&;=\"' \t\n\r\x00\x0b\u2028\ufeff")),
    st.sampled_from(list("0123456789.,%$¥一二三四五六七八九十百千")),
    st.sampled_from(list("chǎnyèÃ©Â鑺") + ["\ud800", "\udfff"]),
    st.characters(),
)
PAGE_TEXT = st.text(PAGE_CHARS, max_size=400)


def storable(s: str | None) -> bool:
    return s is None or ("\x00" not in s and not any("\ud800" <= c <= "\udfff" for c in s))


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"]))
def test_reading_any_bytes_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        items = list(read_file(path, ReadOptions(max_bytes=2000)))
    assert items or suffix == ".jsonl"  # a JSON Lines file of blank lines holds no record
    for item in items:
        assert (item.doc is None) != (item.problem is None)
        if item.doc is not None:
            d = item.doc
            assert all(storable(s) for s in (d.raw, d.original, d.title, d.url, d.source))
            json.dumps(d.meta)  # and JSON without NaN
        for p in ([item.problem] if item.problem else []) + item.warnings:
            assert "\n" not in p.line() and p.reason


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_decoding_raises_only_its_own_errors(data: bytes) -> None:
    try:
        out = decode(data)
    except IcatlasError:
        return
    assert isinstance(out.text, str) and out.encoding


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(PAGE_CHARS, max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["text", "title", "url", "published", "id", "content", "html", "x"]), inner, max_size=5),
    max_leaves=20)


@SETTINGS
@given(rec=JSON_VALUES)
def test_any_json_record_is_read_or_refused(rec: object) -> None:
    item = record_item("rec", rec, ReadOptions())
    assert (item.doc is None) != (item.problem is None)
    if item.doc is not None:
        assert storable(item.doc.raw) and storable(item.doc.title) and storable(item.doc.source)


@SETTINGS
@given(text=PAGE_TEXT, fmt=st.sampled_from(["txt", "md"]))
def test_the_offset_map_stays_intact(text: str, fmt: str) -> None:
    text = clean(text)[0]  # what the readers hand on
    # a line repaired for mojibake maps its new characters proportionally over the old ones; elsewhere a character
    # kept as it was points at itself
    exact = repair_mojibake(Aligned.of(text)).text == text
    for aligned in normalise_text(text, fmt):
        assert len(aligned.pos) == len(aligned.text)
        assert all(0 <= p <= len(text) for p in aligned.pos)
        assert all(a <= b for a, b in zip(aligned.pos, aligned.pos[1:])), "offsets go back"
        for i, c in enumerate(aligned.text):
            if exact and c.isascii() and c.isalnum() and aligned.pos[i] < len(text) and text[aligned.pos[i]].isascii():
                assert text[aligned.pos[i]] == c
    doc = normalise(Document(source="x", raw=text, original=text, fmt=fmt))
    assert len(doc.offsets) == len(doc.text) and all(0 <= p <= len(text) for p in doc.offsets)


@SETTINGS
@given(text=PAGE_TEXT, published=st.one_of(st.none(), st.sampled_from(["2024-02-29", "2019-12-31", "2000-01-01"])))
def test_quantities_hold_for_any_text(text: str, published: str | None) -> None:
    for m in find_quantities(text, published):
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.surface
        value = m.attrs.get("value")
        assert value is None or isinstance(value, str) or (isinstance(value, (int, float)) and math.isfinite(value)), m
