"""The full `icatlas extract` pipeline (read, normalise, extract: regions, organisations with the tagger, people,
quantities, events, figures, relevance) in characters per second on one core, model and table loading excluded.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_extract.py [--mb 2]

The corpus is the seed pages (when ../shared is beside the repository), the frozen test pages and the demo
articles, repeated until it holds the requested number of characters.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from icatlas.extract.tagger import tagger  # noqa: E402
from icatlas.model import Document  # noqa: E402
from icatlas.normalise import normalise  # noqa: E402
from icatlas.pipeline import extract  # noqa: E402
from icatlas.read import ReadOptions, read_file  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCES = [HERE.parent.parent / "shared" / "corpus" / "seeds", HERE.parent / "tests" / "data" / "pages",
           HERE.parent / "examples" / "demo"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2, help="corpus size in millions of characters")
    args = ap.parse_args()
    pages = [p for d in SOURCES if d.is_dir() for p in sorted(d.iterdir()) if p.suffix in (".txt", ".md", ".html")]
    if not pages:
        sys.exit("no input pages found")
    raws = []
    for p in pages:
        for item in read_file(p, ReadOptions()):
            if item.doc is not None:
                raws.append((p.name, item.doc))
    # warm-up: tagger, gazetteers, converters (loading is excluded from the timing)
    tagger()
    extract(normalise(Document(source="w", raw="测试\n苏州市集成电路产业协会成立。", original="测试\n苏州市集成电路产业协会成立。")))
    total, n, docs = 0, 0, 0
    t0 = time.perf_counter()
    while total < args.mb * 1e6:
        name, d = raws[n % len(raws)]
        doc = Document(source=name, raw=d.raw, original=d.original, fmt=d.fmt, title=d.title, published=d.published)
        extract(normalise(doc))
        total += len(doc.original)
        n += 1
        docs += 1
    dt = time.perf_counter() - t0
    print(f"documents {docs}  chars {total:,}  seconds {dt:.2f}  extract {total / dt / 1e3:.1f} k chars/s (one core)")


if __name__ == "__main__":
    main()
