"""What a document at a given size costs: CPU seconds and peak memory of `icatlas extract` on one core, for a page
made of real article text (the demo corpus's articles, repeated) in each format, at each size asked for.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/size_limit.py 1 2 4 8 [--fmt txt,html,md,jsonl]

The size limit (`--max-size`, `read.sources.DEFAULT_MAX_BYTES`) is chosen so that a page at the limit stays within
60 s and 1 GB here; benchmarks/README.md has the last figures.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo"


def article_text() -> str:
    """The paragraphs of the demo corpus's Chinese plain-text articles (no titles or date lines, so that the whole
    page is one long article body)."""
    paras: list[str] = []
    for p in sorted(DEMO.glob("*.txt")):
        lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines()[2:]]
        paras += [ln for ln in lines if len(ln) > 40 and not ln.isascii()]
    return "\n\n".join(paras)


def page(size: int, fmt: str) -> bytes:
    base = article_text()
    reps = size // len(base.encode("utf-8")) + 1
    body = ("\n\n".join([base] * reps)).encode("utf-8")[:size].decode("utf-8", "ignore")
    body = "长页标题\n\n" + body
    if fmt == "html":
        paras = "".join(f"<p>{line}</p>\n" for line in body.splitlines() if line.strip())
        return f"<html><head><title>长页</title></head><body><article>{paras}</article></body></html>".encode()
    if fmt == "jsonl":
        return (json.dumps({"title": "长页", "text": body}, ensure_ascii=False) + "\n").encode("utf-8")
    return body.encode("utf-8")


def measure(path: Path) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak resident MB) of `icatlas extract` on ``path`` in a fresh process."""
    exe = str(Path(sys.executable).with_name("icatlas"))
    start = time.monotonic()
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen([exe, "extract", str(path), "--json", "--max-size", "1000", "--no-progress",
                             "--time-budget", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    if proc.returncode:
        print(f"exit status {proc.returncode}", file=sys.stderr)
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="+", type=float, help="sizes in MB")
    ap.add_argument("--fmt", default="txt,html")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.fmt.split(","):
            for mb in args.sizes:
                path = Path(tmp) / f"page.{fmt}"
                path.write_bytes(page(int(mb * 1024 * 1024), fmt))
                cpu, wall, rss = measure(path)
                print(f"{fmt:5} {mb:6.1f} MB  cpu {cpu:7.1f} s  wall {wall:7.1f} s  peak {rss:7.0f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
