"""The full `icatlas extract` pipeline (read, normalise, extract: regions, organisations with the tagger, people,
quantities, events, figures, relevance) in characters per second, model and table loading excluded.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_extract.py [--mb 2]          # one core, the seed pages
    .venv/bin/python benchmarks/bench_extract.py --text news --jieba [--mb 1]          # as a user runs it, + jieba

``--text pages`` (the default) is the seed pages (when ../shared is beside the repository), the frozen test pages
and the demo articles; ``--text news`` is entity-dense news-like documents of about 1.2 k characters from
``gen_corpus.py`` (``--docs``, ``--seed``: the registry's organisations, new firms, officials, sums, figures). The
texts are repeated until they hold the requested number of characters.

The figures are wall time and process CPU time (``time.process_time``: every thread of the process, so the tagger's
ONNX Runtime threads count). Threading is left as the environment sets it: without ``OMP_NUM_THREADS`` the run is
measured as a user runs it. ``--jieba`` then times ``jieba.posseg.lcut`` over the same texts in the same order and
the same run, after jieba's dictionary is loaded (that load is reported apart, not timed), and prints the ratio of
the two rates in CPU time. jieba is a benchmark comparison only (the ``bench`` extra).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from icatlas.extract.tagger import tagger
from icatlas.model import Document
from icatlas.pipeline import Pipeline
from icatlas.read import ReadOptions, read_file

HERE = Path(__file__).resolve().parent
SOURCES = [HERE.parent.parent / "shared" / "corpus" / "seeds", HERE.parent / "tests" / "data" / "pages",
           HERE.parent / "examples" / "demo"]


def page_texts() -> list[tuple[str, Document]]:
    """The seed, test and demo pages as read."""
    pages = [p for d in SOURCES if d.is_dir() for p in sorted(d.iterdir()) if p.suffix in (".txt", ".md", ".html")]
    if not pages:
        sys.exit("no input pages found")
    return [(p.name, item.doc) for p in pages for item in read_file(p, ReadOptions()) if item.doc is not None]


def news_texts(docs: int, seed: int) -> list[tuple[str, Document]]:
    """``docs`` generated news documents (gen_corpus.py's draw), as ``icatlas extract`` reads a .txt file."""
    sys.path.insert(0, str(HERE))
    from gen_corpus import Corpus, document

    c = Corpus(seed)
    out = []
    for i in range(docs):
        text, _meta = document(c, 1150)
        out.append((f"doc_{i:06d}.txt", Document(source=f"doc_{i:06d}.txt", raw=text, original=text)))
    return out


def timed(run: Callable[[], int]) -> tuple[int, float, float]:
    """(characters, wall seconds, CPU seconds) of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    chars = run()
    return chars, time.perf_counter() - w0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2, help="corpus size in millions of characters")
    ap.add_argument("--text", choices=("pages", "news"), default="pages")
    ap.add_argument("--docs", type=int, default=300, help="generated documents (--text news)")
    ap.add_argument("--seed", type=int, default=1, help="the generator's seed (--text news)")
    ap.add_argument("--jieba", action="store_true", help="also time jieba.posseg.lcut on the same texts")
    args = ap.parse_args()
    raws = page_texts() if args.text == "pages" else news_texts(args.docs, args.seed)
    order: list[tuple[str, Document]] = []
    total = 0
    while total < args.mb * 1e6:
        order.append(raws[len(order) % len(raws)])
        total += len(order[-1][1].original)
    # warm-up: tagger, gazetteers, converters (loading is excluded from the timing)
    tagger()
    pipe = Pipeline.default()
    pipe.warm()

    def run_extract() -> int:
        n = 0
        for name, d in order:
            pipe(Document(source=name, raw=d.raw, original=d.original, fmt=d.fmt, title=d.title,
                          published=d.published))
            n += len(d.original)
        return n

    chars, wall, cpu = timed(run_extract)
    print(f"documents {len(order)}  chars {chars:,}  wall {wall:.2f} s  CPU {cpu:.2f} s  "
          f"extract {chars / wall / 1e3:.1f} k chars/s, {chars / cpu / 1e3:.1f} k chars/CPU-s")
    if args.jieba:
        jieba_run(order, chars / cpu)


def jieba_run(order: list[tuple[str, Document]], extract_rate: float) -> None:
    """Time jieba.posseg.lcut over the same texts; print its rates and the ratio of extraction's to jieba's."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    w0, c0 = time.perf_counter(), time.process_time()
    jieba.initialize()
    jieba.posseg.lcut("测试\n苏州市集成电路产业协会成立。")
    print(f"jieba dictionary load (not timed below): wall {time.perf_counter() - w0:.2f} s  "
          f"CPU {time.process_time() - c0:.2f} s")

    def run_jieba() -> int:
        n = 0
        for _name, d in order:
            jieba.posseg.lcut(d.original)
            n += len(d.original)
        return n

    chars, wall, cpu = timed(run_jieba)
    print(f"jieba.posseg  chars {chars:,}  wall {wall:.2f} s  CPU {cpu:.2f} s  "
          f"{chars / wall / 1e3:.1f} k chars/s, {chars / cpu / 1e3:.1f} k chars/CPU-s")
    print(f"extraction / jieba.posseg in CPU time: {extract_rate / (chars / cpu):.2f}")


if __name__ == "__main__":
    main()
