"""The extraction components, in the order the default pipeline runs them (:mod:`icatlas.pipeline`): mentions
(quantities, places, organisations, people, and what the statistical tagger adds), then, once the entities are
resolved, segments, events, figures, relations, the collaboration records and relevance.

Each is a function of the :class:`~icatlas.extract.component.Work`; none reads the database.
"""
from __future__ import annotations

import re
from typing import Any

from .. import extract as _package
from ..dates import parse_month
from ..model import Mention
from ..reference.orgs import ORG_TYPES
from ..reference.regions import RegionIndex
from . import collab as _collab
from . import event_facts as _event_facts
from . import events as _events
from . import figures as _figures
from . import batches as _batches
from . import backers as _backers
from . import projects as _projects
from . import occurrences as _occurrences
from . import org_names as _org_names
from . import role_orgs as _role_orgs
from . import orgs as _orgs
from . import people as _people
from . import places as _places
from . import quantities as _quantities
from . import relations as _relations
from . import relevance as _relevance
from . import segments as _segments
from .component import Work, component
from .known_orgs import find_known_orgs
from .tagged import tagged_mentions

# the country and the compass-point areas inside a name (中国科学院, 华中科技大学) are not places of the text
_NAME_ONLY_GROUPS = {"G-CN", "G-ML", "G-NORTH", "G-ECHINA", "G-CCHINA", "G-SCHINA", "G-SW", "G-NW", "G-EAST", "G-WEST",
                     "G-CENTRAL", "G-NE"}
_BARE_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?=[\u4e00-\u9fff])(?!年)")


@component("quantities", requires=["doc.text", "doc.published", "doc.language", "doc.meta"],
           assigns=["quantities", "reference"])
def quantities(w: Work) -> None:
    """Dates, money, percentages and counts; on a Taiwan page a bare 元 is the New Taiwan dollar."""
    yuan = _quantities.page_yuan(w.doc.text, w.doc.language)
    # a page known to the month only (a sidecar's "2018-03") still dates its 3月2日 and its 11月16日
    w.reference = _quantities.story_reference(w.doc.text, w.doc.published)
    reference = w.reference or parse_month(w.doc.meta.get("published"))
    w.quantities = _quantities.find_quantities(w.doc.text, reference, yuan=yuan)


@component("places", requires=["doc.text"], assigns=["places", "addresses"], version=lambda: _places.VERSION)
def places(w: Work) -> None:
    """Regions, zones and parks from the gazetteer, and street addresses."""
    w.places = _places.find_regions(w.doc.text, w.index)
    w.addresses = _places.find_addresses(w.doc.text, w.index, w.places)


@component("orgs", requires=["doc.text", "places"], assigns=["orgs"], version=lambda: _orgs.VERSION)
def orgs(w: Work) -> None:
    """Organisations by the rules, and the reference organisations by any written form."""
    w.orgs = merge_known(_orgs.find_orgs(w.doc.text, w.places), find_known_orgs(w.doc.text))


@component("people", requires=["doc.text", "orgs"], assigns=["people", "orgs"], version=lambda: _people.VERSION)
def people(w: Work) -> None:
    """People with their posts; a short organisation name inside a post (…主任) is the post's, not an organisation."""
    w.people = _people.find_people(w.doc.text)
    w.orgs = [o for o in w.orgs if not any(p.start < o.end and o.start < p.end for p in w.people
                                           if p.attrs.get("positions")) or len(o.surface) > 6]


@component("tagger", requires=["doc.text", "doc.language", "places", "addresses", "orgs", "people"],
           assigns=["orgs", "people"])
def tagger(w: Work) -> None:
    """The companies and people the statistical tagger finds on a Chinese page and the rules missed."""
    extra = tagged_mentions(w.doc.text, w.places + w.addresses + w.orgs + w.people, w.doc.language)
    w.orgs += [m for m in extra if m.label != "person"]
    w.people += [m for m in extra if m.label == "person"]


@component("org_names", requires=["doc.text", "doc.language", "places", "orgs", "people"], assigns=["orgs"])
def org_names(w: Work) -> None:
    """Companies a sentence names by their role (the investors of a round, the firm of a project; in English a
    firm in apposition, the one invested in or a stake bought in) are added; then phrases that look like
    organisations and name none (a count, a pronoun, a clause, a line of business without a trade name, a sector) are
    dropped; the reference organisations always stay. Last, the bare bodies that act (市委、市政府举行…, named with the
    page's one city) and the firms Taiwan's press names after their line of business (被动元件厂国巨) are added, each
    with its own checks. (Its rules are versioned with the organisation rules: ``orgs.VERSION``.)"""
    # a name read from its role in the sentence outranks the statistical tagger's guess at the same characters
    # (显鋆晶圆测试…项目: 显鋆, not 鋆晶圆)
    guessed = {id(o) for o in w.orgs if o.extractor.startswith("tagger.") and not o.attrs.get("ref_id")}
    found = _role_orgs.find_role_orgs(w.doc.text, w.places + [o for o in w.orgs if id(o) not in guessed] + w.people)
    held = _role_orgs.occupied(len(w.doc.text), found)
    w.orgs = [o for o in w.orgs if id(o) not in guessed or not any(held[max(0, o.start):max(0, o.end)])]
    w.orgs += found
    w.orgs += _role_orgs.list_siblings(w.doc.text, w.orgs, w.places + w.people)
    w.orgs += _role_orgs.english_siblings(w.doc.text, w.orgs, w.places + w.people, w.index)
    w.orgs += _role_orgs.later_acronyms(w.doc.text, w.orgs, w.places + w.people)
    w.orgs += _role_orgs.other_occurrences(w.doc.text, w.orgs, w.places + w.people)
    ends, text = {p.end for p in w.places}, w.doc.text
    w.orgs = [o if o.attrs.get("ref_id") or o.label == "person" else _org_names.after_deal_verb(_org_names.after_agent(o))
              for o in w.orgs]
    w.orgs = [o for o in w.orgs if o.attrs.get("ref_id") or o.label == "person"
              or _org_names.is_name(o.surface, after_region=o.start in ends)]
    trimmed = [o if o.attrs.get("ref_id") or o.label == "person" else _org_names.without_the_verb(o, text, w.places)
               for o in w.orgs]
    w.orgs = [o for o in trimmed if o is not None]
    w.orgs = _org_names.government_units(_org_names.left_continued(w.orgs, text), text)
    w.orgs = _org_names.without_projects(_org_names.right_continued(w.orgs, text), text, w.index)
    w.orgs += _org_names.bare_bodies(w.orgs, text, w.places, w.people, w.index)
    w.orgs += _org_names.foreign_governments(w.orgs, w.places, text)
    w.orgs += _org_names.place_investors(w.orgs, w.places, text)
    w.orgs += _org_names.trade_makers(text, w.orgs + w.places + w.people, w.doc.language)


@component("name_places", requires=["places", "orgs", "people"], assigns=["places"])
def name_places(w: Work) -> None:
    """The country and the compass-point areas inside an organisation's name are not places of the text, nor is a
    place read inside a person's name (张江 of 市委书记张江汀)."""
    named = [(p.start, p.end) for p in w.people if p.label == "person"]
    w.places = [p for p in w.places if not (str(p.attrs.get("code")) in _NAME_ONLY_GROUPS
                                            and any(o.start <= p.start and p.end <= o.end for o in w.orgs))
                and not any(a <= p.start and p.end <= b and b - a > p.end - p.start for a, b in named)]


@component("mentions", requires=["places", "addresses", "orgs", "people", "quantities"], assigns=["doc.mentions"],
           version=lambda: _package.VERSION, version_key="extract")
def mentions(w: Work) -> None:
    """Every mention of the page, in text order."""
    w.doc.mentions = sorted(w.places + w.addresses + w.orgs + w.people + w.quantities, key=lambda m: (m.start, m.end))


@component("page_regions", requires=["doc.entities", "doc.title"], assigns=["doc.entities"])
def page_regions(w: Work) -> None:
    """The country and the compass-point areas (中国, 华东地区) are regions of the page only when the page is about them:
    its title names them, or (the country) the page names it more often than all narrower regions together;
    otherwise they were mentioned in passing (国内领先, 华东地区最大的) and are no region of the page. Their mentions
    stay, for the events' places."""
    regions = [e for e in w.doc.entities if e.type == "region"]
    title = w.doc.title or ""

    def broad(e: Any) -> Any:
        r = next((x for x in w.index.lookup(e.name) if x.name == e.name), None)
        return r if r is not None and r.code in _NAME_ONLY_GROUPS else None

    drop = set()
    for e in regions:
        r = broad(e)
        if r is None:
            continue
        named = any(n and n in title for n in (r.name, r.short, *r.aliases)) or (r.code == "G-CN" and "我国" in title)
        # the country is the page's subject when it is named more often than every narrower region together
        narrower = sum(len(x.mentions) for x in regions if x is not e and broad(x) is None)
        if not named and (r.code not in ("G-CN", "G-ML") or 0 < narrower >= len(e.mentions)):
            drop.add(id(e))
    if drop:
        w.doc.entities = [e for e in w.doc.entities if id(e) not in drop]


@component("segments", requires=["doc.text", "doc.mentions", "doc.entities"], assigns=["doc.entities"],
           version=lambda: _segments.VERSION)
def segments(w: Work) -> None:
    """The chain segments of the organisations."""
    _segments.infer_segments(w.doc.text, w.doc.mentions, w.doc.entities)


@component("original_forms", requires=["doc.entities", "doc.original", "doc.offsets"], assigns=["doc.entities"])
def original_forms(w: Work) -> None:
    """The name as the page wrote it (芯海微納 on a Traditional page) joins the entity's aliases."""
    doc = w.doc
    if not doc.offsets or doc.original == doc.text:
        return
    for e in doc.entities:
        if e.type == "region":
            continue
        for s, t in e.mentions[:3]:
            a, b = doc.original_span(s, t)
            form = doc.original[a:b]
            if form and form != e.name and form not in e.aliases and len(form) <= 2 * (t - s) and "\n" not in form:
                e.aliases.append(form)


@component("context", requires=["doc.text", "doc.mentions", "doc.published", "reference", "places", "people"],
           assigns=["doc_date", "doc_place", "protagonist"])
def context(w: Work) -> None:
    """What the lede tells the events: their date and city, and the person the page is about."""
    text = w.doc.text
    lede = _lede(text)
    lo, hi = _dated_lede(text, lede, w.doc.mentions)
    w.doc_date = _doc_date([m for m in w.doc.mentions if m.start >= lo], text[lo:hi],
                           w.reference, lo)
    # the lede's place: the one it says something happens in (… to expand in Nanjing, 落户无锡), else the first
    # who reports is not where it happened: a place inside a dateline or a byline (中国江苏网讯, 新华社南京…电) is none
    masked = _event_facts.metadata_spans(text[:max(lede, _OPENING) + 200])
    # nor is a place inside a company's name (台湾茂矽电子, 上海华虹): a firm's home, not its happenings' place
    firms = [(o.start, o.end) for o in w.doc.mentions if o.label == "company"]
    places = [m for m in w.places if not any(a <= m.start and m.end <= b for a, b in [*masked, *firms])]
    in_lede = [m for m in places if m.start < lede]
    if not in_lede:  # a title that names no place: the opening of the body does
        in_lede = [m for m in places if m.start < max(lede, _OPENING)]
    said = [m for m in in_lede if _LEDE_LOCATIVE.search(text, max(0, m.start - 8), m.start)]
    w.doc_place = next((p for p in (_lede_place(m, text, w.index) for m in _outermost(said) + _outermost(in_lede))
                        if p is not None), None) or _our_city(text, w.places, w.index)
    w.protagonist = _protagonist(w.people)


def _our_city(text: str, places: list[Mention], index: RegionIndex) -> str | None:
    """The city a city's own paper means by 我市 (the one city the page names, in a name or alone), when the lede
    names no place."""
    if "我市" not in text[:_OPENING]:
        return None
    cities = {index.city_level(r).name for r in (index.get(str(m.attrs.get("code"))) for m in places)
              if r is not None and r.level in ("city", "district", "zone")}
    return cities.pop() if len(cities) == 1 else None


@component("events", requires=["doc.text", "doc.title", "doc.mentions", "doc.entities", "doc.published", "doc_date",
                               "doc_place", "protagonist"],
           assigns=["doc.events"], version=lambda: _events.VERSION)
def events(w: Work) -> None:
    """Events with their participants, date, place and amount: the acts of each sentence, joined into
    occurrences (:mod:`icatlas.extract.occurrences`)."""
    # the dateline's city is the events' last fallback (RULES 4.4), never a figure's subject
    places = [m for m in w.doc.mentions if m.label == "region"]
    filed = _dateline_place(w.doc.text, places, w.index) or _head_dateline_place(w.doc.dateline, w.index)
    doc_place = w.doc_place or filed
    if w.index is not None and filed and w.doc_place and w.doc_place != filed and any(
            r.level == "province" and any(a.code == r.code for c in w.index.lookup(filed) for a in w.index.ancestors(c))
            for r in w.index.lookup(w.doc_place)):
        doc_place = filed  # 台湾 in the lede, a Taipei dateline: the city it was filed from is the more precise
    found = _events.find_events(w.doc.text, w.doc.mentions, w.doc_date, doc_place, w.protagonist, w.index,
                                w.doc.published, w.doc.title)
    joined = _backers.join_backers(_occurrences.join(found, w.doc.text), w.doc.text, w.doc.mentions)
    _occurrences.fill_amounts(joined, w.doc.text, [m for m in w.doc.mentions if m.label == "money"])
    w.doc.events = _batches.respectively(_batches.split(joined, w.doc.text, w.doc.mentions), w.doc.text)
    _projects.name_projects(w.doc.events, w.doc.text)
    _projects.project_sites(w.doc.events, w.doc.text, w.doc.mentions, w.index)
    _projects.english_sites(w.doc.events, w.doc.text, w.doc.mentions, w.index)
    _projects.firm_of_project(w.doc.events, w.doc.mentions, w.index)
    _projects.bare_projects(w.doc.events, w.doc.text, w.index)
    _projects.project_owners(w.doc.events, w.doc.text, w.doc.mentions)
    _projects.plant_sites(w.doc.events, w.doc.text, w.doc.mentions, w.index)
    _projects.project_totals(w.doc.events, w.doc.text, [m for m in w.doc.mentions if m.label == "money"])
    _projects.visit_sites(w.doc.events, w.doc.mentions, w.index)
    w.doc.events = _occurrences.one_per_visited(w.doc.events)  # where the visit was, then one per body visited
    _projects.city_of_province(w.doc.events, w.doc.mentions, w.index)
    _projects.home_of_financed(w.doc.events, w.doc.entities, w.doc.text, w.index)
    _projects.fuller_names(w.doc.events, w.doc.mentions, w.index)
    _projects.unplaced(w.doc.events, _most_named_place(w.doc.text, w.doc.mentions, w.index), w.index)
    for ev in w.doc.events:
        ev.page_year = _page_year(w.doc.published)  # the rate of a sum whose own date is unknown


@component("figures", requires=["doc.text", "doc.mentions", "doc.events", "doc.published"], assigns=["doc.figures"],
           version=lambda: _figures.VERSION)
def figures(w: Work) -> None:
    """Counts and shares with what they are about; a batch's count and total are its place's."""
    w.doc.figures = _figures.find_figures(w.doc.text, w.doc.mentions)
    _batches.batch_figures(w.doc.figures, w.doc.events, w.doc.text)
    for f in w.doc.figures:
        f.page_year = _page_year(w.doc.published)


@component("relations", requires=["doc.text", "doc.mentions", "doc.entities", "doc.events"], assigns=["doc.relations"],
           version=lambda: _relations.VERSION)
def relations(w: Work) -> None:
    """Relations between the entities, each with its sentence."""
    w.doc.relations = _relations.find_relations(w.doc.text, w.doc.mentions, w.doc.entities, w.doc.events)


@component("collab", requires=["doc.text", "doc.mentions", "doc.entities", "doc.events", "doc.figures",
                               "doc.relations", "doc_date", "doc_place", "full_names"],
           assigns=["doc.collab"], version=lambda: _collab.VERSION)
def collab(w: Work) -> None:
    """The collaboration records: alliances and seats, resources, talent, policies, targets and figures."""
    doc = w.doc
    doc.collab = _collab.find_collab(doc.text, doc.mentions, doc.entities, doc.events, doc.figures, doc.relations,
                                     w.index, w.doc_date, w.doc_place, full_names=w.full_names)


@component("figure_subjects", requires=["doc.text", "doc.mentions", "doc.entities", "doc.figures", "doc.collab",
                                        "doc_place"], assigns=["doc.figures"])
def figure_subjects(w: Work) -> None:
    """A figure whose sentence and paragraph name nothing is the page's: its firm's (a firm's results) or its
    place's. It runs after the collaboration records, which read such figures with their own anaphora. A firm named
    by a shorter form (Intel) is named as the page names it in full (Intel Corp), so that its figures and its
    entity read alike."""
    place = w.doc_place or _most_named_place(w.doc.text, w.doc.mentions, w.index) \
        or ("中国" if _OUR_COUNTRY.search(w.doc.text, 0, _OPENING + 600) else None)
    _figures.fill_subjects(w.doc.figures, w.doc.text, _figures.page_topics(w.doc.text, w.doc.mentions, place))
    fuller: dict[str, str] = {}
    for e in w.doc.entities:
        if e.type in ORG_TYPES and e.name in w.doc.text:
            for form in e.aliases:
                if len(form) < len(e.name) and form in e.name:
                    fuller.setdefault(form, e.name)
    for f in w.doc.figures:
        if f.subject in fuller:
            f.subject = fuller[f.subject]


#: a page about the whole country (我国半导体行业…): its figures that name nothing are the country's
_OUR_COUNTRY = re.compile(r"我国|全国(?!人大|政协|工商联)|中国半导体|中国集成电路")

#: how often a page must name a place for the place to be the page's own
_PAGE_PLACE_MIN = 2


def _most_named_place(text: str, mentions: list[Mention], index: RegionIndex | None) -> str | None:
    """The place a page names most often (at least twice), when its lede names none: what its figures are about
    when their sentences name nothing (全市…总规模超过1000亿元 on a page about one city). A place inside a company's
    name, a dateline or a byline is none, and the country is no such place."""
    if index is None:
        return None
    masked = _event_facts.metadata_spans(text[:_OPENING + 1200])
    firms = [(o.start, o.end) for o in mentions if o.label == "company"]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in mentions:
        if m.label != "region" or any(a <= m.start and m.end <= b for a, b in [*masked, *firms]):
            continue
        r = index.get(str(m.attrs.get("code")))
        if r is None or r.level not in ("province", "city", "district", "zone") or r.code in ("G-CN", "G-ML"):
            continue
        counts[r.name] = counts.get(r.name, 0) + 1
        first.setdefault(r.name, m.start)
    best = max(counts, key=lambda n: (counts[n], -first[n]), default=None)
    return best if best is not None and counts[best] >= _PAGE_PLACE_MIN else None


@component("relevance", requires=["doc.text", "doc.title"],
           assigns=["doc.relevance", "doc.relevant", "doc.relevance_reasons"], version=lambda: _relevance.VERSION)
def relevance(w: Work) -> None:
    """How much the page is about integrated circuits, with the reasons."""
    rel = _relevance.relevance(w.doc.text, w.doc.title)
    w.doc.relevance, w.doc.relevant, w.doc.relevance_reasons = rel.score, rel.relevant, rel.reasons


def merge_known(found: list[Mention], known: list[Mention]) -> list[Mention]:
    """Rule-found organisations and known ones together: a known name links the rule-found span it equals
    or lies inside of; a known name not covered by a rule-found span is added."""
    out = list(found)
    for k in known:
        cover = next((f for f in found if f.start <= k.start and k.end <= f.end), None)
        if cover is not None:
            if cover.start == k.start and cover.end == k.end or cover.surface in (k.attrs["canonical"],):
                cover.attrs.update(k.attrs)
                cover.label = k.label
            continue
        if any(f.start < k.end and k.start < f.end for f in found):
            continue
        out.append(k)
    return sorted(out, key=lambda m: m.start)


def _page_year(published: str | None) -> int | None:
    return int(published[:4]) if published and published[:4].isdigit() else None


_LEDE_LOCATIVE = re.compile(r"(?:在|于|落户|落地|\b(?:in|at)(?:\s+the)?)\s*$")


#: how far into the page its opening reaches, when its first line names no place
_OPENING = 300


def _outermost(places: list[Mention]) -> list[Mention]:
    """The places not inside a longer one (成都高新区, not the 成都 it begins with), in one sweep by start."""
    keep: set[int] = set()
    furthest, furthest_start = -1, -1
    for m in sorted(places, key=lambda x: (x.start, -x.end)):
        inside = furthest > m.end or (furthest == m.end and furthest_start < m.start)
        if not inside:
            keep.add(id(m))
        if m.end > furthest:
            furthest, furthest_start = m.end, m.start
    return [m for m in places if id(m) in keep]


def _lede_place(m: Mention, text: str, index: RegionIndex) -> str | None:
    """The lede's place for the page's events: a zone stays a zone, named as the text names it (a zone is never
    folded into its city); any other place is taken at its city, since a district there is as often a firm's home
    as the event's."""
    r = index.get(str(m.attrs.get("code")))
    if r is None or _events.too_wide(m, index) or r.code in ("G-CN", "G-ML"):
        return None  # 中国, 华北地区: no place for the page's happenings
    if r.level == "zone":
        return _events.place_of([m], text, index) or r.name
    return index.city_level(r).name


#: the city word that opens an English dateline, in capitals (CHONGQING, Feb. 14 (Xinhua) --)
_DATELINE_CITY = re.compile(r"[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+)?(?=[,\s(/])")


#: what follows the city a report was filed from: 南京10月16日电, 苗栗报导 (Taiwan's papers), 台北 2025-10-28
_FILED = re.compile(r"\s*(?:\d{1,2}月?\d{0,2}日?(?:电|讯)|报导|报道|\d{4}[-/]\d{1,2}[-/]\d{1,2})")


def _dateline_place(text: str, places: list[Mention], index: RegionIndex | None) -> str | None:
    """The city of the page's dateline (新华社南京10月16日电, CHONGQING, Feb. 14 (Xinhua) --), the last place the
    page's events fall back to when neither their sentence nor the lede names one."""
    if index is None:
        return None
    for a, b in _event_facts.metadata_spans(text[:1500]):
        # a city the report was filed from (新华社南京10月16日电), not a medium's name (中国江苏网讯)
        inside = [m for m in places if a <= m.start and m.end <= b and _FILED.match(text, m.end, b)]
        for m in inside:
            r = index.get(str(m.attrs.get("code")))
            if r is not None and r.level in ("city", "district", "province") and r.code not in ("G-CN", "G-ML"):
                return index.city_level(r).name
        word = _DATELINE_CITY.match(text, a + len(text[a:b]) - len(text[a:b].lstrip()))
        if word is not None:
            found = [r for r in index.lookup(word.group(0).title()) if r.level in ("city", "province")]
            if found:
                return index.city_level(found[0]).name
    return None


def _head_dateline_place(dateline: str | None, index: RegionIndex | None) -> str | None:
    """The city of a dateline printed above the article (中央社／ 新竹24日电), kept as the page's metadata: read as a
    dateline in the text is."""
    if not dateline or index is None:
        return None
    return _dateline_place(dateline, _places.find_regions(dateline, index), index)


def _lede(text: str) -> int:
    end = text.find("\n")
    return len(text) if end < 0 else max(end, 1)


#: how far into the page a lede that opens with its date is looked for, past lines of page noise
_DATED_LEDE_REACH = 1500


def _dated_lede(text: str, lede: int, mentions: list[Mention]) -> tuple[int, int]:
    """The span of the lede that dates the page's events: the first line, unless it holds no date and a paragraph
    in the opening opens with one (page noise before 昨日上午，市长…在调研…: that paragraph)."""
    if any(m.label == "date" and m.start < lede for m in mentions):
        return 0, lede
    starts = {m.start for m in mentions if m.label == "date" and m.attrs.get("unit") == "day" and m.start < _DATED_LEDE_REACH}
    at = text.find("\n")
    while 0 <= at < _DATED_LEDE_REACH:
        begin = at + 1
        while begin < len(text) and text[begin] in " \u3000\t":
            begin += 1
        end = text.find("\n", begin)
        if begin in starts:
            if 0 <= end and end - begin < 40:  # a date stamp line (2017-05-11 10:12 来源：…): the paragraph after it too
                nxt = text.find("\n", end + 1)
                end = len(text) if nxt < 0 else nxt
            return begin, (len(text) if end < 0 else end)
        at = end
    return 0, lede


def _doc_date(mentions: list[Mention], lede: str, published: str | None,
              offset: int = 0) -> tuple[str | None, str | None]:
    """The date the lede's events happened: its first full date (a day told relative to the page, 昨日 or 21日,
    before the page's own date stamp), else the publish date, else its year. ``lede`` starts at ``offset``."""
    dates = [m for m in mentions if m.label == "date" and offset <= m.start < offset + len(lede)]
    days = [m for m in dates if m.attrs.get("value") and m.attrs.get("unit") == "day"]
    told = [m for m in days if m.attrs.get("qualifier") == "relative"]
    if days and told and published and str(days[0].attrs["value"]) == published[:10]:
        return str(told[0].attrs["value"]), "day"
    for m in days:
        return str(m.attrs["value"]), "day"
    if published:
        return published, "day"
    for m in dates:
        if m.attrs.get("value"):
            return str(m.attrs["value"]), str(m.attrs.get("unit"))
    bare = _BARE_YEAR.search(lede)  # 2023苏州市集成电路产业…推进会: the year of a named event
    return (bare.group(1), "year") if bare else (None, None)


def _protagonist(people: list[Mention]) -> str | None:
    counts: dict[str, int] = {}
    for p in people:
        if p.attrs.get("all_positions"):
            counts[p.surface] = counts.get(p.surface, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None

