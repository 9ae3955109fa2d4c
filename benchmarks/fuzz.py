"""Fuzzed inputs mixed with good ones, ingested: no run may abort, and no good file may be lost.

A seeded generator writes files of every kind that has stopped an ingest (JSON nested deeper than the parser's
stack, as a file, a line or a sidecar; unpaired surrogates; NUL characters, early and after 8 KB; NaN and Infinity;
unknown and non-page meta charsets; file names that are not UTF-8 or over 245 bytes; devices, FIFOs and links to
them; Markdown and digit runs that were quadratic; random bytes; texts in UTF-16, GB18030 and Big5; truncated
HTML; files over the size limit; JSON Lines with good and bad lines), with good articles among them and under
fuzzed names. Then `icatlas ingest` reads the folder once, and the store must hold every good article (found by the
hash of its text).

    .venv/bin/python benchmarks/fuzz.py --files 5000 --seed 1 [--db postgresql://postgres@127.0.0.1/icatlas_hard_fuzz]

Prints the counts, the run's wall time, the slowest document and the result; exits 1 when a run aborted or a good
file is missing. ``tests/test_fuzz.py`` runs 300 files of it in CI.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CITIES = ["苏州", "无锡", "合肥", "武汉", "成都", "西安", "南京", "厦门", "深圳", "重庆", "上海", "北京", "天津", "杭州"]
WHAT = ["晶圆制造", "封装测试", "芯片设计", "半导体设备", "电子材料", "功率器件", "存储芯片", "射频前端"]
VERBS = ["揭牌成立", "开工建设", "签约落地", "正式投产", "主体封顶", "设备搬入"]


@dataclass
class Plan:
    """What was written: each good article's expected raw text (as the store keeps it), and the kinds written."""

    good: dict[str, str] = field(default_factory=dict)  # name -> raw text the store must hold
    kinds: dict[str, int] = field(default_factory=dict)


def article(rng: random.Random, n: int) -> str:
    """A short, unique Chinese article the pipeline keeps (a title line, then prose)."""
    city, what, verb = rng.choice(CITIES), rng.choice(WHAT), rng.choice(VERBS)
    lines = [f"{city}{what}项目{verb}（第{n}号）",
             f"{2016 + n % 9}年{1 + n % 12}月{1 + n % 27}日，{city}市{what}企业第{n * 7919 % 100000}号项目{verb}，"
             f"总投资{n % 97 + 3}亿元，预计年产值{n % 61 + 5}亿元，新增就业岗位{n % 400 + 100}个。"]
    for k in range(rng.randint(0, 3)):
        lines.append(f"据介绍，该项目第{k + 1}期将建设{rng.choice(WHAT)}生产线，编号{n}-{k}，"
                     f"由{rng.choice(CITIES)}的合作伙伴共同推进。")
    return "\n".join(lines) + "\n"


def _deep(rng: random.Random) -> str:
    d = rng.randint(2_000, 120_000)
    return rng.choice(["[", "{\"a\":"]) * d


def _surrogate() -> str:
    return "\\ud" + random.choice("89ab") + "00"


class Writer:
    """Writes fuzzed and good inputs into a folder."""

    def __init__(self, root: Path, rng: random.Random, limit: int, longest_run: int = 40_000) -> None:
        self.root, self.rng, self.limit, self.plan, self.n = root, rng, limit, Plan(), 0
        self.longest_run = longest_run

    def put(self, name: str | bytes, data: str | bytes, kind: str, good: str | None = None) -> None:
        raw_name = os.fsencode(name) if isinstance(name, str) else name
        path = os.path.join(os.fsencode(self.root), raw_name)
        with open(path, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        self.plan.kinds[kind] = self.plan.kinds.get(kind, 0) + 1
        if good is not None:
            self.plan.good[raw_name.decode("utf-8", "replace")] = good

    def name(self, ext: str) -> str:
        self.n += 1
        return f"f{self.n:05d}{ext}"

    # -- the kinds -----------------------------------------------------------------------------------------------
    def good_txt(self) -> None:
        text = article(self.rng, self.n + 1)
        self.put(self.name(".txt"), text, "good txt", text)

    def good_md(self) -> None:
        text = "# " + article(self.rng, self.n + 1).replace("\n", "\n\n", 1) + "更多见[链接](https://example.com)。\n"
        self.put(self.name(".md"), text, "good md", text)

    def good_html(self) -> None:
        body = article(self.rng, self.n + 1)
        title, rest = body.split("\n", 1)
        text = (f"<html><head><meta charset=\"{self.rng.choice(['utf-8', 'undefined', 'punycode', 'x-nonsense', 'idna'])}\">"
                f"<title>{title}</title></head><body><article><h1>{title}</h1>"
                + "".join(f"<p>{ln}</p>" for ln in rest.splitlines()) + "</article></body></html>")
        self.put(self.name(".html"), text, "good html (odd charset)", text)

    def good_encoded(self) -> None:
        text = article(self.rng, self.n + 1)
        enc = self.rng.choice(["utf-16", "utf-16-le", "gb18030", "big5", "utf-8-sig"])
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            enc, data = "gb18030", text.encode("gb18030")
        self.put(self.name(".txt"), data, f"good {enc}", text if enc != "big5" else None)

    def good_odd_name(self) -> None:
        text = article(self.rng, self.n + 1)
        self.n += 1
        name = self.rng.choice([f"f{self.n:05d}-\xff\xfe-not-utf8.txt".encode("latin-1"),
                                (f"f{self.n:05d}-" + "长" * 80 + ".txt").encode("utf-8")])  # 250 bytes
        self.put(name, text, "good, odd file name", text)

    def good_nul(self) -> None:
        text = article(self.rng, self.n + 1)
        if self.rng.random() < 0.5:
            data = text + "x" * 8200 + "\x00尾。\n"
            self.put(self.name(".txt"), data, "good, NUL after 8 KB", data.replace("\x00", ""))
        else:
            rec = json.dumps({"title": "标题\u0000", "text": text.replace("\n", "\u0000\n", 1)})
            self.put(self.name(".json"), rec, "good JSON with NUL", text)

    def good_with_bad_sidecar(self) -> None:
        text = article(self.rng, self.n + 1)
        name = self.name(".txt")
        self.put(name, text, "good, bad sidecar", text)
        side = self.rng.choice(['{"published": NaN}', '{"published": "2024-01-01", "x": Infinity}', _deep(self.rng),
                                '{"published": "\\ud800"}', "[1, 2]", "\xff\xfe"])
        self.put(name + ".meta.json", side, "bad sidecar")

    def good_body_tag(self) -> None:
        text = article(self.rng, self.n + 1) + "页面模板里有 <body 与 <p>段落</p> 字样。\n"
        self.put(self.name(".json"), json.dumps({"text": text}), "good JSON naming a tag", text)

    def jsonl_mixed(self) -> None:
        good = article(self.rng, self.n + 1)
        lines = [json.dumps({"text": good}), _deep(self.rng), '{"text": "a", "n": NaN}', "{not json",
                 '{"text": "' + _surrogate() + "半" + '"}', json.dumps([1, 2]), "\xff\xfe"]
        self.rng.shuffle(lines)
        self.put(self.name(".jsonl"), "\n".join(lines) + "\n", "JSON Lines, good and bad", good)

    def deep_json(self) -> None:
        self.put(self.name(".json"), _deep(self.rng), "deep JSON")

    def nan_json(self) -> None:
        self.put(self.name(".json"), '{"text": "' + article(self.rng, self.n) + '", "v": '
                 + self.rng.choice(["NaN", "Infinity", "-Infinity"]) + "}", "NaN JSON")

    def surrogate_json(self) -> None:
        self.put(self.name(".json"), '{"text": "' + _surrogate() * self.rng.randint(1, 50) + '"}', "surrogates only")

    def random_bytes(self) -> None:
        size = self.rng.choice([0, 1, 10, 1000, 20000])
        self.put(self.name(self.rng.choice([".txt", ".html", ".md", ".json", ".jsonl"])),
                 bytes(self.rng.getrandbits(8) for _ in range(size)), "random bytes")

    def runs(self) -> None:
        unit = self.rng.choice(["[", "![", "[a](", "7", ",111", "一二三", "万", "5%", "5元5", "*a", "#", "\t", "<", "&#"])
        n = self.rng.choice([1_000, self.longest_run // 4, self.longest_run])
        self.put(self.name(self.rng.choice([".md", ".txt"])), "标题\n" + unit * (n // len(unit)), "long runs")

    def html_junk(self) -> None:
        self.put(self.name(".html"), self.rng.choice([
            "<html><body><article><p>" + article(self.rng, self.n) + "</p><p>还有",
            "<html><head><script>" + "var a=1;" * 2000 + "</script></head><body></body></html>",
            "<" * 5000, "<html>" + "<div>" * 3000 + "文字" + "</div>" * 10, "<!-- " + "-" * 10000]), "HTML junk")

    def too_large(self) -> None:
        self.put(self.name(".txt"), "标题\n" + "大" * (self.limit // 3 + 100), "over the size limit")

    def special(self) -> None:
        kind = self.rng.choice(["fifo", "zero", "dangling", "folder"])
        path = self.root / self.name(".txt")
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "zero":
            os.symlink("/dev/zero", path)
        elif kind == "dangling":
            os.symlink(self.root / "nowhere.txt", path)
        else:
            path.mkdir()
        self.plan.kinds[f"special: {kind}"] = self.plan.kinds.get(f"special: {kind}", 0) + 1

    def empty(self) -> None:
        self.put(self.name(self.rng.choice([".txt", ".json", ".html"])), self.rng.choice(["", "   \n\n", "\ufeff"]),
                 "empty")


def generate(root: Path, files: int, seed: int, limit: int = 512 * 1024, good_share: float = 0.3,
             longest_run: int = 40_000) -> Plan:
    """``files`` fuzzed and good inputs in ``root`` (about ``good_share`` of them good), reproducible by ``seed``;
    ``longest_run``: the length of the longest repeated run."""
    rng = random.Random(seed)
    w = Writer(root, rng, limit, longest_run)
    good: list[Callable[[], None]] = [w.good_txt, w.good_md, w.good_html, w.good_encoded, w.good_odd_name,
                                      w.good_nul, w.good_with_bad_sidecar, w.good_body_tag, w.jsonl_mixed]
    bad: list[Callable[[], None]] = [w.deep_json, w.nan_json, w.surrogate_json, w.random_bytes, w.runs, w.html_junk,
                                     w.too_large, w.special, w.empty]
    while w.n < files:
        rng.choice(good if rng.random() < good_share else bad)()
    return w.plan


def check(db: str, plan: Plan) -> list[str]:
    """The good inputs whose article the store at ``db`` does not hold."""
    from sqlalchemy import select

    from icatlas.read.clean import storable
    from icatlas.store import Store, content_hash
    from icatlas.store import schema as t

    store = Store.open(db)
    try:
        with store.engine.connect() as conn:
            hashes = set(conn.execute(select(t.documents.c.content_hash)).scalars())
            raws = [r for r in conn.execute(select(t.documents.c.raw)).scalars()] if len(plan.good) else []
    finally:
        store.engine.dispose()
    missing = []
    for name, raw in plan.good.items():
        text = storable(raw)[0]
        if content_hash(text) in hashes:
            continue
        if any(text.strip() and text.strip() in r for r in raws):  # an HTML page or a JSON record keeps more
            continue
        missing.append(name)
    return missing


#: The peak resident memory of the last :func:`ingest`, in MB.
PEAK_MB = 0.0


def ingest(folder: Path, db: str, budget: float = 60, timeout: float = 36000
           ) -> tuple[subprocess.CompletedProcess[str], float]:
    """`icatlas ingest` of ``folder`` into ``db`` (its result and wall seconds; its peak memory in :data:`PEAK_MB`)."""
    global PEAK_MB
    exe = str(Path(sys.executable).with_name("icatlas"))
    started = time.monotonic()
    args = [exe, "ingest", str(folder), "--db", db, "--json", "--no-progress", "--time-budget", str(budget)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
        try:
            proc.wait(timeout=timeout)
        finally:
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        PEAK_MB = usage.ru_maxrss / 1024
        out.seek(0)
        err.seek(0)
        res = subprocess.CompletedProcess(args, proc.returncode, out.read(), err.read())
    return res, time.monotonic() - started


def verdict(res: subprocess.CompletedProcess[str], missing: list[str]) -> list[str]:
    """What went wrong with a fuzz run (empty when it held)."""
    wrong = []
    if "Traceback" in res.stderr or res.returncode not in (0, 1):
        wrong.append(f"the run aborted (exit {res.returncode}): {res.stderr[-1500:]}")
    for ln in res.stderr.splitlines():
        if ln.startswith("icatlas: error:") and not re.match(r"icatlas: error: \S", ln):
            wrong.append(f"an error line names no input: {ln}")
    if missing:
        wrong.append(f"{len(missing)} good input(s) not stored: {missing[:10]}")
    return wrong


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", default=None, help="a store to fill (default: a new SQLite file)")
    ap.add_argument("--keep", default=None, help="write the inputs here and keep them")
    ap.add_argument("--budget", type=float, default=60, help="--time-budget of the ingest (seconds)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp) / "in"
        folder.mkdir(parents=True)
        plan = generate(folder, args.files, args.seed)
        db = args.db or str(Path(tmp) / "fuzz.db")
        res, wall = ingest(folder, db, args.budget)
        missing = check(db, plan)
        wrong = verdict(res, missing)
        out = json.loads(res.stdout) if res.stdout.strip().startswith("{") else {}
        errors = sum(ln.startswith("icatlas: error:") for ln in res.stderr.splitlines())
        over = [ln for ln in res.stderr.splitlines() if "time budget" in ln]
        print(f"{args.files} inputs (seed {args.seed}), {len(plan.good)} good; exit {res.returncode}; "
              f"{out.get('stored', '?')} stored, {out.get('near_duplicate', '?')} near-duplicates, "
              f"{errors} error lines, {len(over)} over the time budget; {wall:.0f} s, peak memory {PEAK_MB:.0f} MB")
        for kind, n in sorted(plan.kinds.items()):
            print(f"  {n:5d}  {kind}")
        for ln in over:
            print("  over:", ln[:200])
        for w in wrong:
            print("FAILED:", w)
        if not wrong:
            print("held: no aborted run, every good input stored")
        return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
