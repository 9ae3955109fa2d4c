"""Bring the real-page texts back from saved answers of the stored-pages search, for benchmarks/realpages.py.

    python benchmarks/realpages_restore.py --list [--gold GOLD]          doc, url and query per page (TSV)
    python benchmarks/realpages_restore.py OUTDIR ANSWER.json... [--gold GOLD]

The repository keeps no page text. Each gold document has the search ``query`` that brings its page back and the
page's ``url``. Run each query against the stored public pages (the ``pages`` corpus of the search tool), save its
JSON answer (``{"results": [{"url": ..., "excerpt": ...}, ...]}``; JSON Lines of ``{"url", "excerpt"}`` records
also work), then run this script on the saved answers. It writes ``OUTDIR/DOC`` with the excerpt exactly as
stored and ``OUTDIR/DOC.meta.json`` with the gold's publish date, and says which pages are still missing and which
texts differ from the ones the gold was written on (length and SHA-256).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "realpages" / "gold.json"
RESERVED = ROOT.parent / "shared" / "eval" / "reserved.py"


@lru_cache(maxsize=1)
def _reserved() -> Any:
    spec = importlib.util.spec_from_file_location("reserved", RESERVED)
    if spec is None or spec.loader is None or not RESERVED.exists():
        sys.exit(f"{RESERVED} is missing: put ../shared beside the checkout")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def normal(url: str) -> str:
    """An address as the maintainers compare them (``../shared/eval/reserved.py``): no scheme, leading www. or m.,
    trailing slash or fragment."""
    return str(_reserved().normal(url))


def answers(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8").strip()
    if not text:
        return []
    if text.startswith("{") and "\n{" not in text:
        data = json.loads(text)
        return list(data.get("results", [data]))
    if text.startswith("["):
        return list(json.loads(text))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def pick(texts: list[str], doc: dict) -> str | None:
    """One address can come back twice with different excerpts: the one the gold was written on (same SHA-256),
    else the one closest to its length."""
    for text in texts:
        if hashlib.sha256(text.encode("utf-8")).hexdigest() == doc.get("sha256"):
            return text
    return min(texts, key=lambda t: abs(len(t) - int(doc.get("length") or 0)), default=None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", nargs="?", type=Path)
    ap.add_argument("answers", nargs="*", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--list", action="store_true", help="print doc, url and query of every page")
    a = ap.parse_args()
    docs = json.loads(a.gold.read_text(encoding="utf-8"))["docs"]
    if a.list:
        for d in docs:
            print(f"{d['doc']}\t{d['url']}\t{d['query']}")
        return
    if a.outdir is None or not a.answers:
        ap.error("give OUTDIR and at least one saved answer (or --list)")
    found: dict[str, list[str]] = {}
    for path in a.answers:
        for r in answers(path):
            if isinstance(r, dict) and isinstance(r.get("url"), str) and isinstance(r.get("excerpt"), str):
                found.setdefault(normal(r["url"]), []).append(r["excerpt"])
    a.outdir.mkdir(parents=True, exist_ok=True)
    written = changed = 0
    missing = []
    for d in docs:
        text = pick(found.get(normal(d["url"]), []), d)
        if text is None:
            missing.append(d["doc"])
            continue
        data = text.encode("utf-8")
        (a.outdir / d["doc"]).write_bytes(data)
        meta = {"published": d.get("published")} if d.get("published") else {}
        (a.outdir / (d["doc"] + ".meta.json")).write_text(json.dumps(meta) + "\n", encoding="utf-8")
        written += 1
        if hashlib.sha256(data).hexdigest() != d.get("sha256"):
            changed += 1
            print(f"changed: {d['doc']} ({len(text)} chars, gold written on {d.get('length')})", file=sys.stderr)
    print(f"{written} of {len(docs)} pages written to {a.outdir}; {changed} differ from the annotated text; "
          f"{len(missing)} missing" + (": " + " ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
                                     if missing else ""))


if __name__ == "__main__":
    main()
