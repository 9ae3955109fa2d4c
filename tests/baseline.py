"""Quality floors, read from one baseline file (tests/quality_baseline.json), as trafilatura keeps its evaluation.

Each check records its floor, the figure measured when the floor was set, the date, the commit, the data it was
measured on and that data's SHA-256. A test asks for its floor with ``floor(name)``; when the data's hash is no
longer the recorded one the test fails and says so, because a floor measured on other data means nothing.

Floors only go up. ``scripts/floors.py`` is the one way to change them: raising is plain, lowering needs
``--lower --reason TEXT`` and writes the reason into docs/quality.md.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(os.environ.get("ICATLAS_BASELINE") or Path(__file__).resolve().parent / "quality_baseline.json")


def data_files(patterns: list[str]) -> list[Path]:
    """The files behind a check, in a fixed order; patterns are relative to the checkout and may hold globs."""
    out: list[Path] = []
    for pattern in patterns:
        matches = sorted(ROOT.glob(pattern)) if any(c in pattern for c in "*?[") else [ROOT / pattern]
        out += [p for p in matches if p.is_file()]
    return out


def data_sha256(patterns: list[str]) -> str:
    """One hash over the data files: each file's path (relative to the checkout) and bytes."""
    h = hashlib.sha256()
    for path in data_files(patterns):
        h.update(os.path.relpath(path, ROOT).replace(os.sep, "/").encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@lru_cache(maxsize=1)
def baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _data_ok(group: str) -> str:
    spec = baseline()["data"][group]
    got = data_sha256(spec["files"])
    return "" if got == spec["sha256"] else (
        f"the data of '{group}' changed (sha256 {got[:12]}…, baseline {spec['sha256'][:12]}…): re-measure and record "
        f"with scripts/floors.py rehash {group} --reason ...")


def floor(name: str) -> float:
    """The floor of one check; fails the calling test when the check's data is not what it was measured on."""
    check = baseline()["checks"][name]
    problem = _data_ok(check["data"])
    assert not problem, problem
    return float(check["floor"])


def floors(prefix: str) -> dict[str, float]:
    """Every check whose name starts with ``prefix``, by the rest of its name."""
    return {name[len(prefix):]: floor(name) for name in baseline()["checks"] if name.startswith(prefix)}
