"""Annotation contract DESIGN 6.3: financial events of sentences in the FewFC format (投资, 签署合同, 收购, 中标).

Two engines:
- ``model`` (default): the trained CRF models of ``extract/fewfc_model.py`` (event-type classifiers, a trigger
  tagger and per-type argument taggers, shipped in ``data/events/`` and rebuilt by ``scripts/train_fewfc.py``);
- ``rules``: the first, rule-based pass: trigger words per type; the subject is the name right before the trigger,
  the object the name right after it; dates and amounts come from the quantity extractor.

FewFC's base split files acquisitions under 投资 and its trans split under 收购, so an acquisition yields both.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .extract.quantities import find_quantities
from .extract.scan import run_start

VERSION = "fewfc.rules.v1"
ENGINES = ("model", "rules")

# type → (trigger pattern, subject role, object role, amount role, extra roles)
TYPES: dict[str, tuple[re.Pattern[str], str, str, str]] = {
    "投资": (re.compile(r"收购|增持|购买|投资|新进|买入|增资|认购|参股|并购"), "sub", "obj", "money"),
    "收购": (re.compile(r"收购|并购"), "sub-org", "obj-org", "money"),
    "签署合同": (re.compile(r"签署合同|签订合同|签约|签署|签订|订立"), "sub-org", "obj-org", "amount"),
    "中标": (re.compile(r"预中标|中标"), "sub", "obj", "amount"),
}
_NAME = re.compile(r"[\u3400-\u9fffA-Za-z0-9()（）·&\-]")
_LEFT_STOPS = ("宣布", "公告", "表示", "称", "拟", "将", "已", "已经", "正式", "成功", "完成", "计划", "共同", "联合", "通过",
               "斥资", "出资", "以", "在", "于", "对", "向", "被", "由", "与", "和", "及", "的", "再次", "首次", "近日",
               "日前", "今日", "此前", "曾", "也", "还", "又", "均", "分别", "正在", "有意", "有望", "意欲", "欲")
_RIGHT_STOPS = ("的", "公司股权", "股权", "股份", "控股权", "合同", "协议", "后", "时", "一事", "事宜", "，", "。")
_NUMBER_AFTER_NAME = re.compile(r"(?<=[\u3400-\u9fff]{2})\d")


def annotate_events(text: str, engine: str = "model") -> list[dict[str, Any]]:
    """FewFC events of one sentence: [{"type", "mentions": [{"word", "span", "role"}]}]."""
    return annotate_texts([text], engine)[0]


def annotate_texts(texts: Sequence[str], engine: str = "model") -> list[list[dict[str, Any]]]:
    """FewFC events of each text, by the trained models (``model``) or the rules (``rules``)."""
    if engine == "rules":
        return [annotate_events_rules(t) for t in texts]
    if engine != "model":
        raise ValueError(f"unknown events engine {engine!r} (one of {', '.join(ENGINES)})")
    from .extract.fewfc_model import fewfc_model

    return fewfc_model().annotate(list(texts))


def annotate_events_rules(text: str) -> list[dict[str, Any]]:
    """FewFC events of one sentence by the rules."""
    quantities = find_quantities(text, None)
    events = []
    for etype, (pattern, sub_role, obj_role, amount_role) in TYPES.items():
        for m in pattern.finditer(text):
            mentions = [{"word": m.group(0), "span": [m.start(), m.end()], "role": "trigger"}]
            sub = _left_name(text, m.start())
            if sub:
                mentions.append({"word": text[sub[0]:sub[1]], "span": list(sub), "role": sub_role})
            obj = _right_name(text, m.end())
            if obj:
                mentions.append({"word": text[obj[0]:obj[1]], "span": list(obj), "role": obj_role})
            for q in quantities:
                if q.label == "date" and q.attrs.get("unit") in ("day", "month", "year") and q.start < m.start():
                    mentions.append({"word": q.surface, "span": [q.start, q.end], "role": "date"})
                    break
            money = [q for q in quantities if q.label == "money"]
            if money:
                q = min(money, key=lambda q: abs(q.start - m.end()))
                mentions.append({"word": q.surface, "span": [q.start, q.end], "role": amount_role})
            if etype == "收购":
                share = next((q for q in quantities if q.label == "percent" and q.start >= m.end()), None)
                if share:
                    mentions.append({"word": share.surface, "span": [share.start, share.end], "role": "proportion"})
            events.append({"type": etype, "mentions": mentions})
            break  # one event of a type per sentence
    return events


def _left_name(text: str, end: int) -> tuple[int, int] | None:
    i = run_start(text, end, _NAME, max(0, end - 24))
    span = text[i:end]
    cut = 0
    for stop in _LEFT_STOPS:
        pos = span.rfind(stop)
        if pos >= 0:
            cut = max(cut, pos + len(stop))
    start = i + cut
    return (start, end) if end - start >= 2 else None


def _right_name(text: str, start: int) -> tuple[int, int] | None:
    j = start
    while j < len(text) and _NAME.match(text[j]) and j - start < 24:
        j += 1
    span = text[start:j]
    cut = len(span)
    number = _NUMBER_AFTER_NAME.search(span)
    if number:
        cut = number.start()  # 众泰汽车100%股权: the share is not part of the name
    for stop in _RIGHT_STOPS:
        pos = span.find(stop)
        if pos >= 0:
            cut = min(cut, pos)
    end = start + cut
    return (start, end) if end - start >= 2 else None


def annotate_fewfc(records: list[dict[str, Any]], engine: str = "model") -> list[dict[str, Any]]:
    """Each record with ``events`` replaced by the annotation of its ``content``."""
    texts = [str(r.get("content") or "") for r in records]
    return [{"id": r.get("id"), "content": r.get("content", ""), "events": events}
            for r, events in zip(records, annotate_texts(texts, engine))]
