"""Read + normalise throughput, in characters per second on one core.

Builds a corpus of files from the seed pages and the frozen test pages (repeated, each copy made
distinct), then times decoding and normalisation (no extraction). Run:

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_read_normalise.py [--mb 20]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from icatlas.model import Document
from icatlas.normalise import normalise
from icatlas.read import ReadOptions, read_file

HERE = Path(__file__).resolve().parent
SOURCES = [HERE.parent.parent / "shared" / "corpus" / "seeds", HERE.parent / "tests" / "data" / "pages"]


def build(tmp: Path, target_chars: int) -> tuple[list[Path], int]:
    pages = [p for d in SOURCES if d.is_dir() for p in sorted(d.iterdir()) if p.suffix in (".txt", ".md")]
    if not pages:
        sys.exit("no input pages found (../shared/corpus/seeds or tests/data/pages)")
    texts = [read_file(p, ReadOptions()).__next__().doc.raw for p in pages]  # type: ignore[union-attr]
    files, total, n = [], 0, 0
    while total < target_chars:
        text = texts[n % len(texts)]
        body = text * 4 + f"\n第{n}份\n"
        f = tmp / f"p{n:05d}{pages[n % len(pages)].suffix}"
        f.write_text(body, encoding="utf-8")
        files.append(f)
        total += len(body)
        n += 1
    return files, total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20, help="corpus size in millions of characters")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with tempfile.TemporaryDirectory() as d:
        files, total = build(Path(d), int(args.mb * 1e6))
        # warm-up: load the converters and character tables once (model loading is excluded)
        normalise(Document(source="w", raw="測試", original="測試"))
        t0 = time.perf_counter()
        read_chars = 0
        for f in files:
            for item in read_file(f, ReadOptions()):
                assert item.doc is not None
                read_chars += len(item.doc.original)
                normalise(item.doc)
        dt = time.perf_counter() - t0
    print(f"files {len(files)}  chars {read_chars:,}  seconds {dt:.2f}  "
          f"read+normalise {read_chars / dt / 1e6:.2f} M chars/s (one core)")


if __name__ == "__main__":
    main()
