"""Charts of the region brief as inline SVG, written in Python: no JavaScript, no network, so the PDF prints as is.

Every text that reaches a chart is escaped here. Sizes are in CSS pixels; the SVGs scale to the page width.
"""
from __future__ import annotations

from html import escape
from typing import Any

#: Colours of the five labels of a chain node (leading / specialised / present / thin / absent) and of the chart
#: furniture.
STRONG = "#1f5f8b"
SPECIALISED = "#4f8fbd"
PRESENT = "#9cc3dc"
WEAK = "#d8e8f3"
ABSENT = "#ffffff"
ABSENT_LINE = "#c3c9cf"
INK = "#1d2328"
MUTED = "#6b7580"
GRID = "#e3e7eb"
ACCENT = "#c0392b"
FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif"


def text_width(s: str, size: float) -> float:
    """Rough width of ``s`` at font size ``size``: CJK characters take a full em, the rest about half."""
    return sum(size if ord(c) > 0x2E80 else size * (0.68 if c.isupper() or c.isdigit() else 0.56) for c in s)


def fit(s: str, size: float, width: float) -> str:
    """``s`` cut with an ellipsis so that it fits in ``width``."""
    if text_width(s, size) <= width:
        return s
    while s and text_width(s + "…", size) > width:
        s = s[:-1]
    return s + "…"


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="100%" role="img" aria-label="{escape(label)}" font-family="{escape(FONT)}">'
            + "".join(body) + "</svg>")


def _text(x: float, y: float, s: str, size: float = 11, fill: str = INK, anchor: str = "start",
          weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" text-anchor="{anchor}" '
            f'font-weight="{weight}">{escape(s)}</text>')


#: The labels from strongest to weakest, with their names in the brief and their one-character marks.
LABELS = ("leading", "specialised", "present", "thin", "absent")
NAMES = {"leading": "规模领先", "specialised": "专业化集聚", "present": "已有", "thin": "偏弱", "absent": "缺失"}
MARKS = {"leading": "领", "specialised": "专", "present": "有", "thin": "弱", "absent": "无"}


def _fill(status: str) -> tuple[str, str, str]:
    """(fill, stroke, text colour) of a node with label ``status``."""
    if status == "leading":
        return STRONG, STRONG, "#ffffff"
    if status == "specialised":
        return SPECIALISED, SPECIALISED, "#ffffff"
    if status == "present":
        return PRESENT, PRESENT, INK
    if status == "thin":
        return WEAK, "#9cc3dc", INK
    return ABSENT, ABSENT_LINE, MUTED


def legend(x: float, y: float) -> list[str]:
    out = []
    for status in LABELS:
        label = NAMES[status]
        fill, stroke, _ = _fill(status)
        out.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" rx="2" fill="{fill}" stroke="{stroke}"/>')
        out.append(_text(x + 17, y + 1, label, 10.5, MUTED))
        x += 17 + text_width(label, 10.5) + 18
    return out


def stage_bars(stages: list[dict[str, Any]], width: float = 680) -> str:
    """Per stage: a bar of its segments split by label (leading / specialised / present / thin / absent), the firm
    count and the stage's LQ. ``stages``: ``[{"name", "count", "lq", "status", "leading", ..., "absent"}]``."""
    label_w, right_w, row_h, top = 96, 150, 30, 30
    bar_w = width - label_w - right_w
    height = top + row_h * len(stages) + 8
    body = legend(label_w, 14)
    body.append(_text(width - right_w + 10, 14, "企业数 · 区位商 LQ", 10.5, MUTED))
    for i, s in enumerate(stages):
        y = top + i * row_h
        body.append(_text(label_w - 10, y + 15, fit(s["name"], 12, label_w - 12), 12, INK, "end", "bold"))
        total = max(1, sum(s[k] for k in LABELS))
        x = float(label_w)
        for key in LABELS:
            n = s[key]
            if not n:
                continue
            w = bar_w * n / total
            fill, stroke, ink = _fill(key)
            body.append(f'<rect x="{x + 0.5:.1f}" y="{y + 2:.1f}" width="{max(w - 1, 1):.1f}" height="18" '
                        f'fill="{fill}" stroke="{stroke}"/>')
            if w >= 22:
                body.append(_text(x + w / 2, y + 15, str(n), 10.5, ink, "middle"))
            x += w
        flag = s["status"]
        mark = MARKS[flag]
        colour = MUTED if flag == "absent" else INK
        body.append(_text(width - right_w + 10, y + 15, f"{s['count']} 家 · LQ {s['lq']:.2f}", 11.5, INK))
        body.append(f'<rect x="{width - 30:.1f}" y="{y + 3:.1f}" width="24" height="16" rx="3" fill="{_fill(flag)[0]}" '
                    f'stroke="{_fill(flag)[1]}"/>')
        body.append(_text(width - 18, y + 15, mark, 10.5, _fill(flag)[2] if flag != "absent" else colour, "middle"))
    body.append(_text(label_w, height - 1, "条形：该环节下各细分领域的状态（个数）", 9.5, MUTED))
    return _svg(width, height + 4, body, "产业链各环节概览")


def segment_grid(stages: list[dict[str, Any]], width: float = 680) -> str:
    """The chain map: one block per stage, one cell per segment coloured by state, with its count and LQ.
    ``stages``: ``[{"name", "segments": [{"name", "count", "lq", "status"}]}]``."""
    label_w, cols, cell_h, gap = 92, 6, 34, 4
    cell_w = (width - label_w - gap * (cols - 1)) / cols
    body = legend(label_w, 14)
    y = 28.0
    for s in stages:
        segs = s["segments"]
        rows = max(1, -(-len(segs) // cols))
        body.append(_text(label_w - 10, y + 21, fit(s["name"], 12, label_w - 12), 12, INK, "end", "bold"))
        for i, seg in enumerate(segs):
            cx = label_w + (i % cols) * (cell_w + gap)
            cy = y + (i // cols) * (cell_h + gap)
            fill, stroke, ink = _fill(seg["status"])
            body.append(f'<rect x="{cx:.1f}" y="{cy:.1f}" width="{cell_w:.1f}" height="{cell_h}" rx="3" '
                        f'fill="{fill}" stroke="{stroke}"/>')
            body.append(_text(cx + cell_w / 2, cy + 14, fit(seg["name"], 10.5, cell_w - 10), 10.5, ink, "middle"))
            detail = f"{seg['count']} 家 · LQ {seg['lq']:.2f}" if seg["count"] else "—"
            body.append(_text(cx + cell_w / 2, cy + 28, detail, 9.5, ink if seg["count"] else MUTED, "middle"))
        y += rows * (cell_h + gap) + 10
        body.append(f'<line x1="{label_w}" y1="{y - 6:.1f}" x2="{width}" y2="{y - 6:.1f}" stroke="{GRID}"/>')
    return _svg(width, y, body, "产业链图谱：各细分领域的状态")


def lq_bars(items: list[dict[str, Any]], width: float = 680) -> str:
    """Horizontal LQ bars with the line LQ = 1 and each node's strong bar (max(1, 75th percentile) ticked).
    ``items``: ``[{"name", "lq", "bar", "count"}]``."""
    label_w, right_w, row_h, top = 130, 70, 22, 22
    plot_w = width - label_w - right_w
    top_lq = max([1.5] + [float(i["lq"]) for i in items] + [float(i["bar"]) for i in items]) * 1.05
    height = top + row_h * len(items) + 20

    def sx(v: float) -> float:
        return label_w + plot_w * min(v, top_lq) / top_lq

    body = [_text(label_w, 12, "区位商 LQ（竖线：LQ = 1；短线：同级地区 75 分位门槛）", 10, MUTED)]
    for i, it in enumerate(items):
        y = top + i * row_h
        body.append(_text(label_w - 8, y + 13, fit(it["name"], 11.5, label_w - 10), 11.5, INK, "end"))
        body.append(f'<rect x="{label_w}" y="{y + 3:.1f}" width="{sx(float(it["lq"])) - label_w:.1f}" height="13" '
                    f'fill="{STRONG}"/>')
        bx = sx(float(it["bar"]))
        body.append(f'<line x1="{bx:.1f}" y1="{y:.1f}" x2="{bx:.1f}" y2="{y + 19:.1f}" stroke="{ACCENT}" '
                    f'stroke-width="2"/>')
        body.append(_text(width - right_w + 8, y + 13, f"{float(it['lq']):.2f}（{it['count']}）", 10.5, INK))
    one = sx(1.0)
    body.append(f'<line x1="{one:.1f}" y1="{top - 4}" x2="{one:.1f}" y2="{height - 16:.1f}" stroke="{MUTED}" '
                f'stroke-dasharray="3 3"/>')
    body.append(_text(one, height - 4, "1.0", 9.5, MUTED, "middle"))
    return _svg(width, height, body, "优势环节的区位商")


def priority_bars(items: list[dict[str, Any]], width: float = 680) -> str:
    """Gap priorities as stacked bars of their weighted parts. ``items``: ``[{"name", "priority", "parts":
    [(label, value)]}]`` where the parts add up to the priority."""
    label_w, right_w, row_h, top = 130, 50, 22, 30
    plot_w = width - label_w - right_w
    top_p = max([0.1] + [float(i["priority"]) for i in items]) * 1.05
    colours = ("#1f5f8b", "#5a9bc4", "#b7d4e8", "#e0b45a")
    height = top + row_h * len(items) + 4
    body: list[str] = []
    x = float(label_w)
    for (label, _v), c in zip(items[0]["parts"] if items else [], colours):
        body.append(f'<rect x="{x:.1f}" y="5" width="12" height="12" rx="2" fill="{c}"/>')
        body.append(_text(x + 17, 15, label, 10.5, MUTED))
        x += 17 + text_width(label, 10.5) + 18
    for i, it in enumerate(items):
        y = top + i * row_h
        body.append(_text(label_w - 8, y + 13, fit(it["name"], 11.5, label_w - 10), 11.5, INK, "end"))
        x = float(label_w)
        for (_label, v), c in zip(it["parts"], colours):
            w = plot_w * float(v) / top_p
            if w > 0:
                body.append(f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="{w:.1f}" height="13" fill="{c}"/>')
            x += w
        body.append(_text(x + 6, y + 13, f"{float(it['priority']):.2f}", 10.5, INK))
    return _svg(width, height, body, "补链优先级")
