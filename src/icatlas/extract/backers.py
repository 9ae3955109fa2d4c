"""Investors named apart from their round: the backers a page lists in a sentence of their own.

Financing news names the round in one sentence and its investors in later ones: "secured the fresh capital from
investors including X", "Other strategic investors in the deal include Y and Z", "One of the backers was X",
"Another new investor of ACME, X, …", 投资方包括X, 参与本轮融资的还有X. Such a sentence is no happening of its own:
the organisations it lists (not the firm that receives the money, not an owner written before its arm) are
investors of their round: the round the sentence itself tells before the cue, else the one told last before it.
The sentence's own events (the fund's size read as an investment, "mass production" in a description) are facets
of that round and join it.
"""
from __future__ import annotations

import re

from ..model import NON_ORG_LABELS, Event, Mention, party_key
from .events import as_written
from .occurrences import absorb

__all__ = ["join_backers"]

_BACKERS = re.compile(
    r"\binvestors?,? (?:such as|including|include[sd]?)\b"
    r"|\b(?:one|another|two|three|some) of the (?:\w+ )?(?:backers|investors)\b"
    r"|\bother (?:\w+ )?(?:backers|investors)\b(?:[^.;]{0,30}?\binclude[sd]?\b)?"
    r"|\bbackers,? (?:such as|including|include[sd]?)\b"
    r"|\b(?:an|another) (?:new |other )?(?:backer|investor) (?:of|in)\b"
    r"|投资方(?:包括|还有|为|是)|(?:参与|參與)(?:本轮|此次|本次|此轮|本輪|此輪)?(?:融资|投资|融資|投資)的(?:还有|包括|機構|机构|還有)"
    r"|其他投资(?:方|人|机构)(?:包括|还有|为)|其他投資(?:方|人|機構)(?:包括|還有|為)", re.I)
#: who joined the round, named before: "Sinovation also participated in the funding round", X也参与了本轮融资
_JOINED = re.compile(r"\b(?:also|too)\s+(?:participated|took part|joined|invested)\b(?:\s+in)?(?:\s+(?:the|this))?"
                     r"(?:\s+(?:funding|financing|investment))?\s+round\b"
                     r"|(?:也|亦|还)(?:参与|参加)了?(?:本轮|此轮|本次|此次)(?:融资|投资)", re.I)
_ROUNDS = ("financing", "investment")
_INVESTOR_ROLES = ("investor", "lead_investor")
_RECEIVES = ("investee", "financed", "target")
# an owner written before its arm (Guangzhou Automobile Group's investment arm GAC Capital) or after it (the private
# equity unit of X): the arm invests, not the owner
_OWNER_AFTER = re.compile(r"\s*['’]s?\b\s+(?:[\w\-]+\s+){0,3}(?:arm|unit|subsidiary|division|fund|affiliate)\b", re.I)
_ARM_OF_BEFORE = re.compile(r"\b(?:unit|arm|subsidiary|division|affiliate|parent)\s+of\s+(?:[\w\-().]+\s+){0,5}$", re.I)


def join_backers(events: list[Event], text: str, mentions: list[Mention]) -> list[Event]:
    """``events`` with the investors of each backers' sentence given to their round: the round its own sentence
    tells before the cue (完成B轮融资，投资方包括X), else the round told last before it (the first when none is)."""
    if not any(ev.type in _ROUNDS for ev in events):
        return events
    orgs = [m for m in mentions if m.label not in NON_ORG_LABELS]
    cues: list[tuple[int, int, int, list[Mention]]] = []  # sentence start, cue start, sentence end, names
    for cue in _BACKERS.finditer(text):
        end = _sentence_end(text, cue.end())
        named = [o for o in orgs if cue.end() <= o.start and o.end <= end and not _owner(o, text, cue.end())]
        if named:
            cues.append((_sentence_start(text, cue.start()), cue.start(), end, named))
    for cue in _JOINED.finditer(text):  # X also took part in the round: the names before the cue
        start = _sentence_start(text, cue.start())
        named = [o for o in orgs if start <= o.start and o.end <= cue.start()]
        if named:
            cues.append((start, cue.start(), _sentence_end(text, cue.end()), named))
    own = {id(ev) for ev in events for a, at, b, _ in cues if ev.type in _ROUNDS and a <= ev.trigger[0] < at
           and (ev.amount is not None or any(p.get("role") in _RECEIVES for p in ev.participants))}
    rounds = [ev for ev in events if ev.type in _ROUNDS
              and (id(ev) in own or not any(a <= ev.evidence[0] < b for a, _, b, _ in cues))]
    if not rounds:
        return events
    receivers = {party_key(p) for ev in rounds for p in ev.participants if p.get("role") in _RECEIVES}
    for start, at, end, named in cues:
        backers = [_party(o) for o in named if party_key(_party(o)) not in receivers]
        mine = [ev for ev in rounds if id(ev) in own and start <= ev.trigger[0] < at]
        target = mine[-1] if mine else next((r for r in reversed(rounds) if r.evidence[0] < start), rounds[0])
        have = {party_key(p) for p in target.participants}
        target.participants += [p for p in backers if party_key(p) not in have]
    return _absorb_sentences(events, [(a, b) for a, _, b, _ in cues], rounds, own)


def _absorb_sentences(events: list[Event], taken: list[tuple[int, int]], rounds: list[Event],
                      own: set[int]) -> list[Event]:
    """A round or a production read in a backers' sentence, not the sentence's own round, is a facet of the round
    told before it (the first round when none is before)."""
    out: list[Event] = []
    for ev in events:
        if id(ev) not in own and any(a <= ev.evidence[0] < b for a, b in taken) \
                and ev.type in (*_ROUNDS, "production_milestone"):
            main = next((r for r in reversed(rounds) if r.evidence[0] < ev.evidence[0]), rounds[0])
            amount = main.amount
            absorb(main, _without_parties(ev))
            main.amount = amount  # the round keeps its own sum (or none): a fund's size is not the round's
            continue
        out.append(ev)
    return out


def _without_parties(ev: Event) -> Event:
    """The facet as it joins: its parties were read as another act's (producers, investees) and are not kept."""
    ev.participants = []
    return ev


def _party(o: Mention) -> dict[str, str]:
    return as_written(o, "investor")


def _owner(o: Mention, text: str, floor: int) -> bool:
    """An owner named with its arm (X's investment arm Y; the unit of X): not itself a backer."""
    if _OWNER_AFTER.match(text[o.end:o.end + 60]):
        return True
    return bool(_ARM_OF_BEFORE.search(text, max(floor, o.start - 60), o.start))


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``text[at]`` starts, English full stops included."""
    stop = text.rfind(". ", 0, at)
    return max(max(text.rfind(c, 0, at) for c in "。！？!?；;\n") + 1, stop + 2 if stop >= 0 else 0)


_SENTENCE_STOP = re.compile(r"[。！？!?；;\n]|\.(?:\s|$)")


def _sentence_end(text: str, at: int) -> int:
    m = _SENTENCE_STOP.search(text, at)
    return m.end() if m else len(text)
