"""Write entity-dense, news-like IC-industry documents for the ingest benchmarks (issue 20).

Each document is a dated Chinese news page of about 1.2 k characters (``--chars``): a title, a 发布时间 line and
paragraphs of the kinds real pages carry (signings, investments with sums, financing rounds, bids, acquisitions,
visits of officials with their posts, revenue and capacity figures). The organisations are the registry's
(``icatlas/data/organizations.csv``: full names, short names and Traditional forms, as pages write them), so the
store's lookups hit as in real use, mixed with a long tail of new firms (a city, a stem and a suffix) that the store
meets first in this corpus. The same happening is told again on later pages (a signing or an investment reported by
several sites) so that event merging is exercised. Everything is drawn from ``random.Random(seed)``: one command
line always writes the same files.

Usage::

    .venv/bin/python benchmarks/gen_corpus.py --docs 2000 --seed 1 --out /tmp/icatlas-corpus
"""
from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from icatlas.reference.orgs import reference_orgs

CITIES = ("上海", "无锡", "苏州", "合肥", "武汉", "成都", "重庆", "深圳", "北京", "南京", "西安", "厦门", "青岛", "杭州",
          "广州", "长沙", "天津", "济南", "郑州", "绍兴")
STEMS = "华芯微晶科创新集成电子光磁先进精密智能联讯通达泰盛德恒瑞海天合鼎宏嘉锐思源中信诚安"
SUFFIXES = ("半导体有限公司", "微电子有限公司", "集成电路有限公司", "科技股份有限公司", "电子材料有限公司", "芯片研究院")
SEGMENTS = ("晶圆制造", "芯片设计", "封装测试", "半导体设备", "电子材料", "光刻胶", "功率器件", "存储芯片", "碳化硅", "传感器")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌"
POSTS = ("市委书记", "市长", "副市长", "区委书记", "区长", "管委会主任", "董事长", "总经理", "首席执行官")
ROUNDS = ("A轮", "B轮", "C轮", "Pre-IPO轮", "战略")


class Corpus:
    """The draw of one corpus: organisations, people, happenings told again."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        orgs = [o for o in reference_orgs() if o.type in ("company", "institute", "university", "fund")]
        self.orgs = sorted(orgs, key=lambda o: o.id)
        self.weights = [1.0 / (i + 1) ** 0.6 for i in range(len(self.orgs))]
        self.rng.shuffle(self.weights)
        self.told: list[tuple[str, str, str, date]] = []  # happenings already told: (kind, a, b, day)

    def org(self) -> str:
        """A registry organisation as pages write it (full, short or Traditional name), or a new firm (one in five)."""
        rng = self.rng
        if rng.random() < 0.2:
            return rng.choice(CITIES) + "".join(rng.sample(STEMS, 2)) + rng.choice(SUFFIXES)
        o = rng.choices(self.orgs, self.weights)[0]
        forms = [o.name, o.name, *(a for a in o.aliases if not a.isascii()), *([o.name_hant] if o.name_hant else [])]
        return rng.choice(forms)

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2))))

    def day(self) -> date:
        return date(2016, 1, 1) + timedelta(days=self.rng.randrange(365 * 10))

    def happening(self) -> tuple[str, str, str, date]:
        """A signing or an investment: a new one, or (one in four) one already told on an earlier page."""
        if self.told and self.rng.random() < 0.25:
            kind, a, b, d = self.rng.choice(self.told)
            return kind, a, b, d + timedelta(days=self.rng.choice((0, 0, 1)))
        h = (self.rng.choice(("sign", "invest")), self.org(), self.org(), self.day())
        self.told.append(h)
        return h


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def paragraph(c: Corpus, published: date) -> str:
    """One paragraph of two to four sentences."""
    rng = c.rng
    city, seg = rng.choice(CITIES), rng.choice(SEGMENTS)
    kind = rng.randrange(7)
    if kind == 0:
        k, a, b, d = c.happening()
        if k == "sign":
            return (f"{_cn(d)}，{a}与{b}在{city}签署战略合作协议，双方将在{seg}领域开展深度合作。{city}市"
                    f"{rng.choice(POSTS[:3])}{c.person()}出席签约仪式并致辞。")
        return (f"{_cn(d)}，{a}宣布投资{rng.randrange(5, 300)}亿元在{city}建设{seg}项目，{b}参与投资，"
                f"预计{d.year + 2}年投产，达产后年产值约{rng.randrange(10, 500)}亿元。")
    if kind == 1:
        return (f"{c.org()}近日完成{rng.randrange(1, 50)}亿元{rng.choice(ROUNDS)}融资，由{c.org()}领投，"
                f"{c.org()}跟投，资金将用于{seg}研发和产能扩充。")
    if kind == 2:
        return (f"{c.org()}董事长{c.person()}表示，公司{published.year - 1}年营业收入达到{rng.randrange(2, 900)}亿元，"
                f"同比增长{rng.randrange(1, 80)}%，研发人员超过{rng.randrange(100, 9000)}人，累计申请专利"
                f"{rng.randrange(50, 5000)}项。")
    if kind == 3:
        return (f"{c.org()}中标{c.org()}{seg}设备采购项目，中标金额{rng.randrange(100, 90000)}万元。"
                f"该项目位于{city}，计划于{published.year + 1}年建成。")
    if kind == 4:
        return (f"{c.org()}发布公告称，拟以{rng.randrange(1, 200)}亿元收购{c.org()}{rng.randrange(5, 100)}%股权，"
                f"交易完成后将进一步完善其在{seg}领域的布局。")
    if kind == 5:
        return (f"{_cn(published)}，{city}市{rng.choice(POSTS[:3])}{c.person()}一行到{c.org()}调研，"
                f"{rng.choice(POSTS[6:])}{c.person()}陪同，并介绍了企业在{seg}方面的最新进展。")
    return (f"目前，{city}已集聚{seg}企业{rng.randrange(20, 600)}家，{c.org()}、{c.org()}和{c.org()}等龙头企业"
            f"相继落户，{published.year - 1}年产业规模突破{rng.randrange(100, 3000)}亿元。")


def document(c: Corpus, chars: int) -> tuple[str, dict[str, Any]]:
    published = c.day()
    title = f"{c.rng.choice(CITIES)}集成电路产业{c.rng.choice(('再添新动能', '项目集中签约', '加快集聚', '迎来重大项目'))}"
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        parts.append(paragraph(c, published))
    text = f"{title}\n发布时间：{published.isoformat()}\n\n" + "\n\n".join(parts) + "\n"
    return text, {"published": published.isoformat()}


def write(out: Path, docs: int, seed: int, chars: int) -> int:
    """Write ``docs`` documents to ``out`` (``doc_NNNNNN.txt``); the total of characters written."""
    out.mkdir(parents=True, exist_ok=True)
    c = Corpus(seed)
    total = 0
    for i in range(docs):
        text, _meta = document(c, chars)
        (out / f"doc_{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chars", type=int, default=1150, help="characters of article text per document (about)")
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    total = write(a.out, a.docs, a.seed, a.chars)
    print(f"wrote {a.docs} documents, {total:,} characters ({total / max(1, a.docs):.0f} per document) to {a.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
