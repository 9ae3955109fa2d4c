"""Is any stage worse than linear? Each adversarial run (a character or a short unit repeated) is read,
normalised and extracted at n and 4n characters; a stage whose time grows more than 8 times (linear is 4) is listed.

    .venv/bin/python benchmarks/linearity.py [--n 20000] [--only digits,brackets] [--fmt txt|md|html|json]

Prints one line per run: its name, the seconds at n and at 4n, the ratio and SLOW when it is over 8.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

#: name -> a unit repeated to the length asked for; the runs that once were quadratic come first
RUNS: dict[str, str] = {
    "brackets": "[",
    "image-open": "![",
    "link-paren": "[a](",
    "stars": "*a",
    "digits": "7",
    "digit-groups": "1,111",
    "thousands": ",111",
    "decimal-run": ".1",
    "decimals": "1.1",
    "cn-digits": "一二三",
    "cn-wan": "万",
    "percent": "5%",
    "money": "5亿",
    "yuan-digits": "5元5",
    "dates": "2023年",
    "spaces": " ",
    "tabs": "\t",
    "newlines": "\n",
    "hash": "#",
    "quote": ">",
    "dash": "-",
    "underscore": "_",
    "backquote": "`",
    "lt": "<",
    "amp": "&",
    "ideographs": "芯",
    "org-suffix": "有限公司",
    "org-names": "苏州芯片有限公司与",
    "region-names": "苏州",
    "places": "苏州工业园区",
    "punct": "，",
    "full-stop": "。",
    "brackets-cn": "（",
    "quotes-cn": "“",
    "pinyin": "产(chǎn)",
    "latin": "Abc ",
    "caps": "A",
    "english-of": "Semiconductor of ",
    "en-digits": "1 billion ",
    "dollar": "$",
    "mojibake": "Ã©",
    "gbk-mojibake": "鑺",
    "fullwidth": "１",
    "dots": ".",
    "commas": ",",
    "colons": "：",
    "titles": "《",
    "people": "董事长张",
    "events": "签约投资",
    "mixed": "苏州1亿元[a](*",
}


def make(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def timed(text: str, fmt: str) -> float:
    from icatlas.pipeline import Pipeline, Report
    from icatlas.read.sources import ReadOptions, make_document, record_item

    if fmt == "json":
        item = record_item("probe", json.loads(json.dumps({"text": text})), ReadOptions(max_bytes=1 << 30))
    else:
        body = f"<html><body><article><p>{text}</p></article></body></html>" if fmt == "html" else text
        item = make_document("probe", "标题\n" + body, fmt, ReadOptions(max_bytes=1 << 30))
    start = time.process_time()
    list(Pipeline.default().pipe([item], Report()))
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--only", default="")
    ap.add_argument("--fmt", default="txt")
    args = ap.parse_args(argv)
    timed("热身。苏州工业园区集成电路产业投资发展有限公司揭牌成立。", args.fmt)  # load the models first
    slow = 0
    for name, unit in RUNS.items():
        if args.only and name not in args.only.split(","):
            continue
        small = timed(make(unit, args.n), args.fmt)
        big = timed(make(unit, 4 * args.n), args.fmt)
        ratio = big / max(small, 0.02)
        flag = "SLOW" if ratio > 8 and big > 0.5 else ""
        slow += bool(flag)
        print(f"{name:14} {small:8.2f} s {big:8.2f} s  x{ratio:5.1f} {flag}", flush=True)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
