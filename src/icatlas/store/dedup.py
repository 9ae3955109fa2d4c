"""Near-duplicate detection: MinHash signatures over character shingles, with an LSH index."""
from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 5
THRESHOLD = 0.7
#: The permutations every signature uses (those of ``seed=7``), drawn once instead of once per MinHash.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32").permutations


def signature(text: str) -> bytes:
    """The MinHash signature of a text's character 5-grams (whitespace ignored), as bytes."""
    compact = "".join(text.split())
    mh = MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32", permutations=_PERMUTATIONS)
    grams = {compact[i:i + SHINGLE] for i in range(max(1, len(compact) - SHINGLE + 1))}
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh.hashvalues.astype(np.uint64).tobytes()


def _minhash(sig: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7, hashvalues=np.frombuffer(sig, dtype=np.uint64), scheme="affine32",
                   permutations=_PERMUTATIONS)


class NearDuplicates:
    """The documents seen so far, searchable for near-duplicates of a new one."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sigs: dict[int, MinHash] = {}
        self.threshold = threshold

    def add(self, doc_id: int, sig: bytes) -> None:
        if doc_id in self.sigs:
            return
        mh = _minhash(sig)
        self.sigs[doc_id] = mh
        self.lsh.insert(str(doc_id), mh)

    def match(self, sig: bytes) -> tuple[int, float] | None:
        """(id, estimated Jaccard similarity) of the most similar stored document above the threshold."""
        mh = _minhash(sig)
        best: tuple[int, float] | None = None
        for key in self.lsh.query(mh):
            sim = float(self.sigs[int(key)].jaccard(mh))
            if sim >= self.threshold and (best is None or sim > best[1] or (sim == best[1] and int(key) < best[0])):
                best = (int(key), sim)
        return best
