"""The frozen page set in tests/data/pages: written from the rules by someone who had not seen the
reader's code. Changing a page or an expectation needs a stated reason (see its README)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from icatlas.pipeline import Report, process_item
from icatlas.read import ReadOptions, read_file

PAGES = Path(__file__).parent / "data" / "pages"
CASES = sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "README.md") if PAGES.is_dir() else []


def _doc(path: Path):
    report = Report()
    items = list(read_file(path, ReadOptions()))
    assert len(items) == 1
    doc = process_item(items[0], report)
    assert doc is not None, report.problems
    return doc


def _variants(s: str) -> set[str]:
    import opencc

    return {s, opencc.OpenCC("t2s").convert(s)}


@pytest.mark.parametrize("page", CASES, ids=[p.name for p in CASES])
def test_page_structure(page: Path) -> None:
    expect = json.loads(page.with_name(page.stem + ".expect.json").read_text(encoding="utf-8"))
    doc = _doc(page)
    assert doc.language == expect["language"]
    text = doc.text
    first = min(text.find(v) for v in _variants(expect["body_first"]) if v in text) if any(
        v in text for v in _variants(expect["body_first"])) else -1
    assert first >= 0, f"body misses its first sentence {expect['body_first']!r}"
    assert any(v in text for v in _variants(expect["body_last"])), f"body misses {expect['body_last']!r}"
    for s in expect["body_must_contain"]:
        assert any(v in text for v in _variants(s)), f"body misses {s!r}"
    for s in expect["tail_must_not_be_in_body"]:
        assert not any(v in text for v in _variants(s)), f"tail or noise in body: {s!r}"
    # the body ends with its last sentence: nothing of substance after it
    last = max(text.rfind(v) for v in _variants(expect["body_last"]))
    assert len(text) - last < 200
    assert doc.published == expect["published"]
