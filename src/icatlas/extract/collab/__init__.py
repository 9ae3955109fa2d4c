"""The collaboration layer of a document: alliances and their units, shared research resources, talent, policies,
targets and the figures they can be measured against. Rules over the mentions, events, figures and relations the
other extractors found; cheap (precompiled patterns, one pass per sentence), no model calls.

Each record (:class:`~icatlas.model.CollabRecord`) names its kind, subject, region, date and evidence sentence:

- ``alliance``: an alliance or association named on the page (联盟, 协会, Alliance ...), its founding date and place
  when an ``organization_founded`` event names it; ``attrs``: type, founded, member_count, initiators.
- ``member``: a unit's seat in an alliance (理事长单位, 副理事长单位, 秘书长单位, 理事单位, 成员单位, "director unit"),
  bound to the nearest cue of its clause; ``attrs``: alliance, role (as written), rank, first (首届/首批/first).
- ``resource``: a shared research resource (国家重点实验室, 重点实验室, 工程研究中心, 中试线, 公共测试/设计/服务平台,
  芯火双创基地, 创新中心, and the items of a list ending 等一批创新平台) with its kind, host (依托…建设, 由…承建/牵头,
  X的…实验室, a host named at the head of its name) and segments.
- ``talent``: people figures (人才, 技术人员, 从业人员, 工程师 … with a people unit), training programmes (培训),
  competitions (大赛, 竞赛) and talent awards (表彰…人才, 人才奖); ``attrs``: talent_kind, name, value, unit,
  qualifier, planned.
- ``policy``: a policy release (发布/印发/出台 《title》, and the ``policy_released`` events): issuer, title, measures
  (lexicon ``MEASURES``), segments (chain terms of the policy's own clauses) and amounts.
- ``target``: a stated target (a figure with qualifier ``target``, and amounts in target clauses), with the year
  it is for (到2025年); ``figure``: a figure that is not a target (counts, shares, and amounts of output, revenue,
  capacity or investment), with the year it describes, to measure targets against.

One module per kind: :mod:`.alliances`, :mod:`.resources`, :mod:`.talent`, :mod:`.policies` and :mod:`.targets`; what
they share (the page they read) is in :mod:`.page`.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model import CollabRecord, Entity, Event, Figure, Mention
from ...reference.regions import RegionIndex
from .alliances import ALLIANCE_WORDS, CUE, Cue, bind_members, find_alliances, find_cues, is_alliance
from .page import VERSION, Page, stage_terms, visible
from .policies import MEASURES, POLICY, find_policies
from .resources import find_resources
from .talent import find_talent
from .targets import find_targets

__all__ = ["ALLIANCE_WORDS", "CUE", "Cue", "MEASURES", "POLICY", "VERSION", "bind_members", "find_collab", "find_cues",
           "is_alliance", "stage_terms", "visible"]


def find_collab(text: str, mentions: list[Mention], entities: list[Entity], events: list[Event],
                figures: list[Figure], relations: list[Any], index: RegionIndex,
                doc_date: tuple[str | None, str | None] = (None, None), doc_place: str | None = None, *,
                full_names: Mapping[str, str]) -> list[CollabRecord]:
    """The collaboration records of one page (see the package's docstring). ``full_names`` maps an organisation's
    short name to the full name written elsewhere on the page (``icatlas.resolve.full_names``)."""
    page = Page(text, mentions, entities, index, doc_date, doc_place, full_names)
    out: list[CollabRecord] = []
    out += find_alliances(page, events, relations)
    out += find_resources(page)
    policies = find_policies(page, events)
    out += policies
    # the collaboration records measure counts and shares; sums of money are the figures' own
    figures = [f for f in figures if f.kind != "money"]
    out += find_talent(page, figures)
    out += find_targets(page, figures, [(p.attrs["scope"][0], p.attrs["scope"][1]) for p in policies])
    return out
