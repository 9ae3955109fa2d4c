"""A document's text as HTML: sentence by sentence, every mention marked with its label, anchors where evidence
starts."""
from __future__ import annotations

import html
import re
from typing import Any

LABEL_CLASS = {"person": "per", "region": "loc", "date": "num", "money": "num", "percent": "num", "count": "num"}
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def highlight(text: str, mentions: list[dict[str, Any]], anchors: set[int] | None = None) -> str:
    """The text as HTML, sentence by sentence (``<span class="sent">``), each mention in a <mark> carrying its label
    (no overlaps; first wins) after an empty anchor ``id="m-START"``; ``anchors`` adds anchors at other offsets
    (the start of an event's sentence). A link to ``#m-START`` highlights the sentence that holds it."""
    marks = []
    pos = 0
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        if m["start"] < pos or m["end"] > len(text):
            continue
        marks.append(m)
        pos = m["end"]
    inside = [(m["start"], m["end"]) for m in marks]
    cuts = []
    j = 0
    for x in _SENTENCE_END.finditer(text):
        end = x.end()
        while j < len(inside) and inside[j][1] <= end - 1:
            j += 1
        if j < len(inside) and inside[j][0] < end < inside[j][1]:
            continue
        cuts.append(end)
    points = sorted({*cuts, len(text)})
    spots = {int(m["start"]) for m in marks} | {a for a in (anchors or set()) if 0 <= a < len(text)}
    out: list[str] = ['<span class="sent">']
    pos = 0
    mi = 0
    events: list[tuple[int, int, str]] = []  # (offset, order, html): cuts close and open a sentence
    for c in points:
        if c < len(text):
            events.append((c, 0, '</span><span class="sent">'))
    for a in spots:
        events.append((a, 1, f'<span id="m-{a}" class="anchor"></span>'))
    events.sort()
    ei = 0
    while pos < len(text) or ei < len(events):
        nxt_m = marks[mi]["start"] if mi < len(marks) else len(text)
        nxt_e = events[ei][0] if ei < len(events) else len(text)
        if ei < len(events) and nxt_e <= nxt_m:
            out.append(html.escape(text[pos:nxt_e]))
            out.append(events[ei][2])
            pos = max(pos, nxt_e)
            ei += 1
            continue
        if mi < len(marks):
            m = marks[mi]
            out.append(html.escape(text[pos:m["start"]]))
            cls = LABEL_CLASS.get(m["label"], "org")
            label = html.escape(m["label"])
            out.append(f'<mark class="{cls}" data-label="{label}" title="{label}">'
                       f'{html.escape(text[m["start"]:m["end"]])}</mark>')
            pos = m["end"]
            mi += 1
            continue
        out.append(html.escape(text[pos:]))
        pos = len(text)
    out.append("</span>")
    return "".join(out).replace("\n", "<br>\n")


def is_web_address(url: object) -> bool:
    """Only http(s) addresses become links: a page's own url field could say javascript:…"""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))
