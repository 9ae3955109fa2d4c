"""The statistical FewFC event extractor: CRF models for event types, triggers and, per type, argument roles.

The models live in ``icatlas/data/events/``: ``fewfc.json`` (version, training data, validation scores, and per
group of event types the trigger lexicon, thresholds and model file names) and one CRFsuite file per model.
``scripts/train_fewfc.py`` rebuilds them from the FewFC training data.

Two groups of types are learned apart, each from its own FewFC split, since the splits annotate differently: the
base split's 投资 (which includes acquisitions), and the trans split's 收购, 签署合同 and 中标. Every sentence goes
through both, so an acquisition yields a 投资 event and a 收购 event.

Per group and sentence:
1. a classifier per type (a one-item CRF, i.e. a logistic regression over the sentence's words, bigrams and
   trigger-lexicon contexts) says whether the sentence holds an event of that type;
2. for the types it holds, a trigger tagger (B-type / I-type / O per character) gives the triggers: its best path,
   plus trigger-lexicon words whose B- marginal reaches the group's trigger threshold, or else the most likely one;
3. each trigger goes to its type's argument tagger, whose features say where each character stands relative to
   that trigger (and, for the base group, LAC's contextual state of the character; with the trans group's few
   examples it scored no better and got plain sentences wrong);
4. where the group's training data names a party again at each place its name recurs, or on the alias given right
   after it (以下简称“…”), so does the model (``spread`` in the group's entry, measured by the training script).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .fewfc_features import (Sentence, analyse, argument_features, lexicon_spans, sentence_features,
                             spans_from_bio, spread, trigger_features)

META = "fewfc.json"
MAX_SENTENCE = 500  # longer texts (FewFC's are sentences of at most 450 characters) are cut into sentences
_ENDS = "。！？!?；;\n"


def _tagger(path: Path) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


class Group:
    """The models of one group of event types."""

    def __init__(self, root: Path, spec: dict[str, Any]) -> None:
        self.name: str = spec["name"]
        self.types: list[str] = spec["types"]
        self.lexicon: dict[str, int] = spec["lexicon"]
        self.type_threshold: float = spec.get("type_threshold", 0.5)
        self.trigger_threshold: float = spec.get("trigger_threshold", 0.5)
        self.trigger = _tagger(root / spec["trigger"])
        self.classifiers = {t: _tagger(root / name) for t, name in (spec.get("classifiers") or {}).items()}
        self.arguments = {t: _tagger(root / name) for t, name in spec["arguments"].items()}
        self.shared = bool(spec.get("shared_arguments"))
        options = spec.get("argument_options") or {}
        self.context = bool(options.get("context"))
        self.dense = bool(options.get("dense"))
        spreading = spec.get("spread") or {}
        self.again = bool(spreading.get("again"))
        self.aliases = bool(spreading.get("aliases"))

    def argument_features(self, sent: Sentence, start: int, end: int, etype: str) -> list[Any]:
        return argument_features(sent, start, end, etype if self.shared else "", self.context, self.dense)

    def type_probs(self, sent: Sentence) -> dict[str, float]:
        """P(the sentence holds an event of the type), per type with a classifier."""
        if not self.classifiers:
            return {}
        feats = [sentence_features(sent, self.lexicon)]
        out = {}
        for t, clf in self.classifiers.items():
            clf.set(feats)
            out[t] = clf.marginal("Y", 0)
        return out

    def triggers(self, sent: Sentence, probs: dict[str, float] | None = None) -> list[tuple[int, int, str]]:
        """(start, end_exclusive, type) of the sentence's triggers."""
        tagger = self.trigger
        tagger.set(trigger_features(sent, self.lexicon))
        best = [(s, e, t) for s, e, t in spans_from_bio(tagger.tag()) if t in self.types]
        if probs is None:
            return best
        labels = set(tagger.labels())
        n = len(sent.text)
        out: list[tuple[int, int, str]] = []
        for t in self.types:
            if t in probs and probs[t] < self.type_threshold:
                continue
            mine = [x for x in best if x[2] == t]
            if f"B-{t}" not in labels:
                out += mine
                continue
            scored = []
            for s, e in lexicon_spans(sent.text, self.lexicon):
                scored.append((tagger.marginal(f"B-{t}", s), s, e))
            for p, s, e in scored:
                if p >= self.trigger_threshold and not any(s < b and a < e for a, b, _ in mine):
                    mine.append((s, e, t))
            if not mine and t in probs:
                if scored:
                    _, s, e = max(scored)
                else:
                    s = max(range(n), key=lambda i: tagger.marginal(f"B-{t}", i))
                    e = s + 1
                    while e < n and f"I-{t}" in labels and tagger.marginal(f"I-{t}", e) >= 0.5:
                        e += 1
                mine.append((s, e, t))
            out += mine
        return sorted(out)

    def events(self, sent: Sentence, original: str) -> list[dict[str, Any]]:
        if not sent.text:
            return []
        probs = self.type_probs(sent) if self.classifiers else None
        out = []
        for start, end, etype in self.triggers(sent, probs):
            if etype not in self.arguments:
                continue
            mentions = [{"word": original[start:end], "span": [start, end], "role": "trigger"}]
            roles = self.arguments[etype].tag(self.argument_features(sent, start, end, etype))
            args: list[tuple[int, int, str]] = []
            for s, e, role in spans_from_bio(roles):
                while s < e and original[s].isspace():
                    s += 1
                while e > s and original[e - 1].isspace():
                    e -= 1
                if s == e or (s < end and start < e):
                    continue  # an argument is not blank and does not overlap its trigger
                args.append((s, e, role))
            if self.again or self.aliases:
                args += spread(original, args + [(start, end, "trigger")], again=self.again, aliases=self.aliases)
            mentions += [{"word": original[s:e], "span": [s, e], "role": role} for s, e, role in args]
            out.append({"type": etype, "mentions": mentions})
        return out


class FewfcModel:
    """Loads the models once; ``annotate(texts)`` returns each text's FewFC events."""

    def __init__(self, folder: Path | None = None) -> None:
        root = Path(folder) if folder is not None else Path(str(resources.files("icatlas") / "data" / "events"))
        self.meta: dict[str, Any] = json.loads((root / META).read_text(encoding="utf-8"))
        self.version: str = self.meta["version"]
        self.groups = [Group(root, spec) for spec in self.meta["groups"]]

    def annotate(self, texts: Sequence[str]) -> list[list[dict[str, Any]]]:
        pieces = [(k, s, e) for k, text in enumerate(texts) for s, e in sentence_pieces(text)]
        sents = analyse([texts[k][s:e] for k, s, e in pieces])
        out: list[list[dict[str, Any]]] = [[] for _ in texts]
        for (k, offset, end), sent in zip(pieces, sents):
            events: list[dict[str, Any]] = []
            for group in self.groups:
                events += group.events(sent, texts[k][offset:end])
            for ev in _share_price(events):
                for m in ev["mentions"]:
                    m["span"] = [m["span"][0] + offset, m["span"][1] + offset]
                out[k].append(ev)
        return out


def sentence_pieces(text: str, limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """The whole text, or for a text longer than ``limit`` its sentences (cut after 。！？; and line ends, pieces
    of at most ``limit`` characters where a sentence is longer)."""
    if len(text) <= limit:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0
    for i, c in enumerate(text):
        if c in _ENDS or i + 1 - start >= limit:
            out.append((start, i + 1))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _share_price(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A 收购 event without a price takes the money of the 投资 event of the same trigger (the base split's model
    finds prices more often, having seen more of them)."""
    invest = {tuple(m["span"]): e for e in events if e["type"] == "投资"
              for m in e["mentions"] if m["role"] == "trigger"}
    for e in events:
        if e["type"] != "收购" or any(m["role"] == "money" for m in e["mentions"]):
            continue
        trig = next((tuple(m["span"]) for m in e["mentions"] if m["role"] == "trigger"), None)
        other = invest.get(trig) if trig else None
        if other:
            e["mentions"] += [dict(m) for m in other["mentions"] if m["role"] == "money"]
    return events


@lru_cache(maxsize=1)
def fewfc_model() -> FewfcModel:
    return FewfcModel()
