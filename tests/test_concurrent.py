"""Concurrent writers: two ingests of the same files, and uploads of the same text at once, into one store. The
content hash decides: each document is stored once, the loser counts it as unchanged, nobody fails; SQLite and
PostgreSQL."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from icatlas.serve import create_app
from icatlas.store import Store
from icatlas.store import schema as t

from .stores import store_url

EXE = str(Path(sys.executable).with_name("icatlas"))
CITIES = ["苏州", "无锡", "合肥", "武汉", "成都", "西安", "南京", "厦门", "深圳", "重庆"]
VERBS = ["揭牌成立", "开工建设", "签约落地", "正式投产", "封顶", "通线"]


def corpus(d: Path, n: int) -> list[Path]:
    d.mkdir()
    out = []
    for i in range(n):
        city, verb = CITIES[i % len(CITIES)], VERBS[i % len(VERBS)]
        text = (f"{city}第{i}号集成电路项目{verb}\n{2015 + i % 9}年{1 + i % 12}月{1 + i % 27}日，{city}市"
                f"{'晶圆封测设备材料设计'[i % 5 * 2:i % 5 * 2 + 2]}企业第{i * 37}号项目{verb}，总投资{i + 3}亿元，"
                f"预计年产值{i * 11 + 5}亿元，新增就业{i * 13 + 100}人。\n")
        p = d / f"doc{i:03d}.txt"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_ingests_of_the_same_files_store_each_once(tmp_path: Path, kind: str) -> None:
    files = corpus(tmp_path / "in", 24)
    with store_url(kind, tmp_path) as db:
        subprocess.run([EXE, "init", "--db", db], check=True, capture_output=True, timeout=300)
        cmd = [EXE, "ingest", str(tmp_path / "in"), "--db", db, "--json", "--no-progress"]
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outs = [p.communicate(timeout=600) for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert p.returncode == 0 and "Traceback" not in err, err
        counts = [json.loads(out) for out, _ in outs]
        assert all(c["failed"] == 0 for c in counts)
        # every file is written by exactly one of the two; the other counts it unchanged
        written = sum(c["stored"] + c["near_duplicate"] for c in counts)
        assert written == len(files) and sum(c["unchanged"] for c in counts) == len(files), counts
        store = Store.open(db)
        try:
            with store.engine.connect() as conn:
                docs = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
                hashes = conn.execute(select(func.count(t.documents.c.content_hash.distinct()))).scalar_one()
                names = conn.execute(select(t.entities.c.type, t.entities.c.name, func.count())
                                     .group_by(t.entities.c.type, t.entities.c.name)
                                     .having(func.count() > 1)).all()
        finally:
            store.engine.dispose()
        assert docs == hashes == len(files)
        assert names == []  # no entity written twice either


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_uploads_of_the_same_text_at_once(tmp_path: Path, kind: str) -> None:
    with store_url(kind, tmp_path) as db:
        app = create_app(db, token="secret", warm=False)
        body = {"title": "同时上传", "text": "合肥市集成电路产业协会今天召开年度会员大会，三家企业同时上传同一篇文章。",
                "published": "2024-05-01"}

        async def post_all() -> list[httpx.Response]:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
                return await asyncio.gather(*[c.post("/api/documents", json=body,
                                                     headers={"Authorization": "Bearer secret"}) for _ in range(4)])

        answers = asyncio.run(post_all())
        assert [r.status_code for r in answers] == [201] * 4, [r.text for r in answers]
        statuses = sorted(r.json()["status"] for r in answers)
        assert statuses == ["stored", "unchanged", "unchanged", "unchanged"]
        assert len({r.json()["id"] for r in answers}) == 1
        app.state.icatlas.atlas.engine.dispose()
