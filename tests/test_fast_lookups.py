"""The fast lookups of extraction find exactly what the plain ones they replace find: the Viterbi against the
textbook one, a piece's occurrences against re.finditer, the place finder's lengths and the registry's name
patterns against a scan of every length and the plain alternation."""
from __future__ import annotations

import random
import re

import numpy as np

from icatlas.extract.known_orgs import _forms, find_known_orgs
from icatlas.extract.scan import occurrences
from icatlas.extract.tagger import tagger, viterbi
from icatlas.reference.regions import RegionIndex, regions


def _textbook_viterbi(em: np.ndarray, trans: np.ndarray, start: np.ndarray | None,
                      end: np.ndarray | None) -> list[list[int]]:
    """Back-pointers by an argmax over every pair of tags at every step."""
    b, t, _n = em.shape
    score = em[:, 0] if start is None else start[None, :] + em[:, 0]
    back = np.zeros((t, b, em.shape[2]), dtype=np.int64)
    for i in range(1, t):
        s = score[:, :, None] + trans[None]
        back[i] = s.argmax(1)
        score = s.max(1) + em[:, i]
    paths = np.zeros((b, t), dtype=np.int64)
    paths[:, -1] = (score if end is None else score + end[None]).argmax(1)
    for i in range(t - 1, 0, -1):
        paths[:, i - 1] = back[i, np.arange(b), paths[:, i]]
    return paths.tolist()


def test_viterbi_finds_the_textbook_paths_ties_included() -> None:
    model = tagger()
    rng = np.random.default_rng(20)
    for kind in ("random", "rounded", "flat"):
        for b, t in ((1, 200), (1, 1), (2, 57), (5, 3), (16, 40)):
            em = (rng.standard_normal((b, t, len(model.tags))) * 3).astype(np.float32)
            em = np.round(em) if kind == "rounded" else np.zeros_like(em) if kind == "flat" else em
            for start, end in ((model.start, model.end), (None, None)):
                assert viterbi(em, model.trans, start, end) == _textbook_viterbi(em, model.trans, start, end)


def test_occurrences_are_what_finditer_finds() -> None:
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice("ab芯片.") for _ in range(rng.randrange(0, 40)))
        piece = "".join(rng.choice("ab芯.") for _ in range(rng.randrange(1, 4)))
        assert occurrences(text, piece) == [m.start() for m in re.finditer(re.escape(piece), text)]
    assert occurrences("aaaa", "aa") == [0, 2]


def _scan_lengths(index: RegionIndex, text: str, i: int) -> list[int]:
    return [k for k in range(min(index.max_len, len(text) - i), 1, -1)
            if index.lookup(text[i:i + k]) or text[i:i + k] in index.contextual]


def test_region_lengths_hold_every_length_a_form_has_there_and_follow_made_up_zones() -> None:
    index = RegionIndex(list(regions().by_code.values()))
    forms = [f for f in [*index.by_form, *index.contextual] if len(f) >= 2]
    rng = random.Random(7)
    text = "，".join(rng.choice(forms) + rng.choice(("", "市", "高新区", "的")) for _ in range(300))
    for i in range(len(text)):
        tried = [k for k in index.lengths_at(text, i) if k <= len(text) - i]
        assert [k for k in tried if index.lookup(text[i:i + k]) or text[i:i + k] in index.contextual] == \
            _scan_lengths(index, text, i)
    before = set(index.by_code)
    made = [z for z in (index.generic_zone(r, "经开区") for r in list(index.by_code.values()) if r.level == "city")
            if z.code not in before]
    assert made  # zones made up from their city (珠海经开区): their forms are found from then on
    for zone in made:
        for form in zone.names():
            assert len(form) in index.lengths_at(form, 0)


def test_registry_names_are_found_as_by_a_scan_of_every_length_and_the_plain_alternation() -> None:
    cjk, latin, longest, pattern = _forms()
    plain = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(f) for f in sorted(latin, key=len, reverse=True))
                       + r")(?![A-Za-z0-9])")
    rng = random.Random(11)
    names = list(latin)
    glued = ["".join(rng.choice(names)[:rng.randint(2, 40)] + rng.choice(("", " ", "1", "，", " Co", "x"))
                     for _ in range(30)) for _ in range(100)]
    for text in glued:
        assert [(m.span(), m.group(0)) for m in pattern.finditer(text)] == \
            [(m.span(), m.group(0)) for m in plain.finditer(text)]
    forms = list(cjk)
    text = "".join(rng.choice(forms)[:rng.randint(2, 30)] + rng.choice(("", "，", "与", "和")) for _ in range(400))
    spans, i = [], 0
    while i < len(text):  # the scan the walk replaces: every length from the longest down
        k = next((k for k in range(min(longest, len(text) - i), 2, -1) if text[i:i + k] in cjk), 0)
        if k and re.match(r"[\u3400-\u9fff]", text[i]):
            spans.append((i, i + k))
        i += k if k and re.match(r"[\u3400-\u9fff]", text[i]) else 1
    found = [(m.start, m.end) for m in find_known_orgs(text) if re.match(r"[\u3400-\u9fff]", m.surface)]
    assert found == spans
