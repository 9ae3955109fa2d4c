"""Stated targets (a figure a page says is to be reached, with the year it is for) and the figures they can be measured
against (counts, shares, and amounts of output, revenue, capacity or investment, with the year they describe)."""
from __future__ import annotations

import re

from ...model import QUANTITY_LABELS, CollabRecord, Figure
from ..figures import CLAUSE_REACH, Named, figure_subject
from .alliances import is_alliance
from .page import CN_CLAUSE, FOR_YEAR, NATION, SCALE_WORDS, TARGET_CUE, Page, norm_unit, region_names
from .policies import goal
from .talent import PEOPLE_UNITS, TALENT_WORDS, TRAINING

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年|\b(?:in|by)\s+((?:19|20)\d\d)\b")
_MONTHLY = re.compile(r"\s*(?:/|每)\s*月|\s*(?:per|a)\s+month", re.I)
_MONTHLY_BEFORE = re.compile(r"月产能|月产|monthly")


def _metric(unit: str | None, what: str) -> str:
    u = unit or ""
    if u in ("CNY", "USD", "EUR", "HKD", "TWD", "JPY", "KRW"):
        return "investment" if re.search(r"投资|投入|invest", what, re.I) else (
            "output" if re.search(r"产值|output", what, re.I) else "revenue")
    if u in PEOPLE_UNITS or re.search(r"人才|people|talent", u):
        return "talent"
    if u in ("平方米", "平米", "亩", "空间", "m²", "square metres", "square meters"):
        return "space"
    if u.startswith("片"):
        return "capacity"
    if u == "percent":
        return "share"
    if u == "家":
        return "companies"
    return "other"


_FUND = re.compile(r"基金|fund", re.I)
_WHOLE = re.compile(r"(?:全|本)(省|市|区|县)")
_MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
_INDEFINITE = re.compile(r"(?:(?<![^。！？!?\n，,；;：:])|其中)\s*(?:其中，?)?(?:一家|另一家|另有|某|多家|一批|[\d一二三四五六七八九十]+家)[^，,；;。]{0,12}?"
                         r"(?:企业|公司|厂商|项目)")
_FIRM = re.compile(r"公司|集团|Co\.|Ltd|Inc|Corp", re.I)
_GROWTH = re.compile(r"增长|增速|同比|环比|提高|提升|增加|下降|growth|grew|increase|rose", re.I)
_ALREADY = re.compile(r"已经?|实现了|达到了|完成了|already", re.I)
_NOW = re.compile(r"目前|现在|当前|如今|截至目前|currently|\bnow\b", re.I)
_TARGET_MORE = re.compile(r"规划|建成后|达产后|达产|满产|设计产能", re.I)
_PRODUCTION_YEAR = re.compile(r"(?:于|在|到|至|by|in)\s*((?:19|20)\d\d)\s*年?(?:底|末|前)?[^，。；]{0,8}?(?:实现|达到|达产|满产|建成|投产|"
                              r"全面|full|reach)", re.I)
_FIG_ANAPHOR = re.compile(r"(?<![^。！？!?\n，,；;：:])\s*(?:目前|如今|现在|截至目前)?\s*(该联盟|联盟|该协会|协会|该产线|该生产线|产线|该项目|项目|该园区|园区|这里|"
                          r"该公司|公司|该基地|基地)")


def find_targets(page: Page, figures: list[Figure], policy_scopes: list[tuple[int, int]]) -> list[CollabRecord]:
    text = page.text
    out: list[CollabRecord] = []
    counts = [m for m in page.mentions if m.label in ("count", "percent")]

    def in_policy(pos: int) -> bool:
        return any(a <= pos < b for a, b in policy_scopes)

    for f in figures:
        q = next((m for m in counts if f.evidence[0] <= m.start < f.evidence[1] and m.attrs.get("value") == f.value
                  and m.attrs.get("unit") == f.unit), None)
        at = q.start if q else f.evidence[0]
        end = q.end if q else f.evidence[1]
        if in_policy(at):
            continue  # a policy's rates and sizes are its measures, not targets
        unit = norm_unit(f.unit)
        if unit == "人" and text.startswith("次", end):
            unit = "人次"
        if unit == "片" and (_MONTHLY.match(text, end) or _MONTHLY_BEFORE.search(text, max(f.evidence[0], at - 8), at)):
            unit = "片/月"
        metric = _metric(unit, f.what)
        if metric == "talent" and TRAINING.search(text, max([f.evidence[0], *(x.end() for x in CN_CLAUSE.finditer(
                text, f.evidence[0], at))]), at):
            continue  # the size of a training programme (培训工程师500人) is the programme's, not a headcount
        if metric == "other" or unit == "人次" or (metric == "talent" and not TALENT_WORDS.search(
                text, max(f.evidence[0], at - 16), min(f.evidence[1], end + 6))):
            continue
        sent = page.full_sentence(at)
        if metric == "share" and _GROWTH.search(text, max(f.evidence[0], at - 12), at):
            continue  # a growth rate is not a level a target can be measured by
        own = text[max([f.evidence[0], *(x.end() for x in CN_CLAUSE.finditer(text, f.evidence[0], at))]):at]
        target = (f.qualifier == "target" or bool(_TARGET_MORE.search(text, sent[0], at))) and not _ALREADY.search(own)
        subject = _better_subject(page, f.subject, sent[0], at) if q else f.subject
        qual = "target" if target else (None if f.qualifier == "target" else f.qualifier)
        out.append(_figure_record(page, subject, target, f.what, f.value, unit, qual, metric, f.evidence, at))
    named: Named | None = None
    for m in page.mentions:
        if m.label != "money" or (in_policy(m.start) and not goal(page, m)):
            continue
        s0, s1, para = page.sentence(m.start)
        near = max(s0, m.start - CLAUSE_REACH)  # a sum's words lie near it: a bound keeps the work per sum flat
        seps = [near, *(x.end() for x in CN_CLAUSE.finditer(text, near, m.start))]
        before = text[seps[-1]:m.start]
        after = text[m.end:min(s1, m.end + 14)]
        if not SCALE_WORDS.search(before) and not SCALE_WORDS.search(text, m.end, min(s1, m.end + 4)):
            continue
        if _FUND.search(after) or _FUND.search(before):
            continue  # the size of a fund is not a figure of the subject's scale
        sent = page.full_sentence(m.start)
        target = (bool(TARGET_CUE.search(text, sent[0], m.start)) or bool(_TARGET_MORE.search(text, sent[0], m.start))) \
            and not re.search(r"已|实现了|达到了|完成了", before)
        named = named or Named(page.mentions)
        subject = figure_subject(m, s0, para, page.mentions, False, text, named)
        subject = _better_subject(page, subject, sent[0], m.start)
        what = re.split(r"[，,、：:]", before)[-1].strip()[-24:] or str(m.attrs.get("unit"))
        unit = str(m.attrs.get("unit"))
        out.append(_figure_record(page, subject, target, what, float(m.attrs["value"]), unit,
                                  "target" if target else m.attrs.get("qualifier"), _metric(unit, what + before),
                                  (s0, s1), m.start))
    return [r for r in out if r.subject]


def _better_subject(page: Page, subject: str | None, s0: int, at: int) -> str | None:
    """The subject of a figure read again with the page's short names and its anaphora (该产线 → the line named
    before): an organisation named in the figure's own clause wins over a region; 该产线/园区 at a clause head is
    the organisation named last before it."""
    text = page.text
    seps = [s0, *(x.end() for x in CN_CLAUSE.finditer(text, s0, at))]
    own = [m for m in page.orgs if seps[-1] <= m.start and m.end <= at]
    if own:
        return page.name(own[-1])
    whole = _WHOLE.search(text, seps[-1], at)
    if whole:
        # 全省/全市…: the province or city named last before it
        level = {"省": "province", "市": "city", "区": "district", "县": "district"}[whole.group(1)]
        for m in reversed([m for m in page.places if m.end <= whole.start()]):
            r = page.index.get(str(m.attrs.get("code")))
            if r is not None and (r.level == level or (level == "city" and r.code in _MUNICIPALITIES)):
                return r.name
    if _INDEFINITE.search(text, s0, at):
        return None  # 一家半导体设备企业计划投资18亿元: no one named
    sent_orgs = [m for m in page.orgs if s0 <= m.start and m.end <= at]
    ana = [a for a in _FIG_ANAPHOR.finditer(text, s0, at)
           if not any(m.start <= a.start(1) < m.end for m in page.mentions if m.label not in QUANTITY_LABELS)]
    if ana:
        pos = ana[-1].start(1)
        before = [m for m in page.orgs if m.end <= pos and pos - m.end <= 400]
        if ana[-1].group(1) in ("该联盟", "联盟", "该协会", "协会"):
            before = [m for m in before if is_alliance(m)]
            if not before:
                return None
        if ana[-1].group(1) in ("该公司", "公司"):
            firms = [m for m in before if m.label == "company" and (m.attrs.get("ref_id") or _FIRM.search(m.surface))]
            before = firms or [m for m in before if m.label == "company"]
        zones = [m for m in page.places if m.end <= pos and pos - m.end <= 400 and
                 str(m.attrs.get("code", "")).startswith("Z-") and not any(
                     o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in page.orgs)]
        cands = before + zones
        if cands:
            last = max(cands, key=lambda m: (m.end, m.end - m.start, m.label != "region"))
            return page.name(last) if last.label != "region" else page.region_name(last)
    if subject in NATION:
        subject = None
    if subject is None:
        if sent_orgs:
            return page.name(sent_orgs[-1])
        para = page.sentence(s0)[2]
        prev = [m for m in page.orgs if para[0] <= m.start and m.end <= at]
        if prev:
            return page.name(prev[-1])
    return page.full.get(subject or "", subject)


def _figure_record(page: Page, subject: str | None, target: bool, what: str, value: float, unit: str | None,
                   qualifier: str | None, metric: str, evidence: tuple[int, int], at: int) -> CollabRecord:
    sent = page.full_sentence(at)
    year = None
    if target:
        for y in FOR_YEAR.finditer(page.text, sent[0], at):
            year = y.group(1) or y.group(2)
        if year is None:
            later = _PRODUCTION_YEAR.search(page.text, at, sent[1])
            year = later.group(1) if later else None
        if year is None:  # 今年计划…, 明年将…
            rel = [m for m in page.dates if sent[0] <= m.start < at and m.attrs.get("unit") == "year"]
            year = str(rel[-1].attrs["value"])[:4] if rel else None
    else:
        years = [(y.start(), y.group(1) or y.group(2)) for y in _YEAR.finditer(page.text, sent[0], at)]
        dates = [(m.start, str(m.attrs["value"])[:4]) for m in page.dates if sent[0] <= m.start < at]
        stated = max(years + dates, default=None)
        now = [x.start() for x in _NOW.finditer(page.text, sent[0], at)]
        if stated is not None and not (now and now[-1] > stated[0]):
            year = stated[1]
        else:
            year = page.doc_date[:4] if page.doc_date else None
    region = page.region_of(subject) or (subject if subject in region_names(page) else None)
    return CollabRecord("target" if target else "figure", subject, evidence, region=region,
                        date=page.date_at(*evidence) if not target else page.doc_date,
                        attrs={"what": what, "metric": metric, "value": value, "unit": unit, "qualifier": qualifier,
                               "year": year, "span": [at, at]})
