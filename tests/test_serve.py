"""The web app, called in-process through httpx's ASGI transport: pages and their JSON twins.

Uses the demo corpus shipped in examples/demo, so it runs on any checkout."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from icatlas.pipeline import Report, run
from icatlas.serve import create_app
from icatlas.store import Store

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


@pytest.fixture(scope="module")
def app_and_ids(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "kg.db"
    store = Store.open(db)
    ids = {Path(d.source.split("#")[0]).name if "/" in d.source else d.source: store.ingest(d).doc_id
           for d in run([DEMO], report=Report(), progress=False)}
    evil = db.parent / "evil.jsonl"
    evil.write_text(json.dumps({"id": "evil", "url": "javascript:alert(1)",
                                "text": "标题\n合肥市集成电路产业协会今天召开年度会员大会，这是一篇用来测试链接安全的文章。"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    ids["evil"] = store.ingest(next(run([evil], report=Report(), progress=False))).doc_id
    return create_app(db), ids


def get(app, path: str) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            return await c.get(path)
    return asyncio.run(go())


def test_home_page_and_json_twin(app_and_ids) -> None:
    app, ids = app_and_ids
    page = get(app, "/")
    assert page.status_code == 200 and "集成电路产业地图" in page.text
    data = get(app, "/index.json").json()
    assert data["stats"]["documents"] == len(ids)
    assert f'id="count-documents">{data["stats"]["documents"]}<' in page.text
    for d in data["documents"]:
        assert f'href="/documents/{d["id"]}"' in page.text


def test_document_page_highlights_mentions_and_links_the_original(app_and_ids) -> None:
    app, ids = app_and_ids
    doc_id = ids["hefei_cxmt_dram.txt"]
    data = get(app, f"/documents/{doc_id}.json").json()
    page = get(app, f"/documents/{doc_id}")
    assert page.status_code == 200
    people = [m for m in data["mentions"] if m["label"] == "person"]
    assert people and f'<mark class="per" data-label="person" title="person">{people[0]["surface"]}</mark>' in page.text
    assert f'href="/documents/{doc_id}/original"' in page.text
    original = get(app, f"/documents/{doc_id}/original")
    assert original.status_code == 200 and original.text == data["raw"]


def test_only_web_addresses_become_links(app_and_ids) -> None:
    app, ids = app_and_ids
    page = get(app, f"/documents/{ids['evil']}")
    assert page.status_code == 200 and 'href="javascript:' not in page.text
    lingang = get(app, f"/documents/{ids['ic_news_batch.jsonl'] if 'ic_news_batch.jsonl' in ids else ids['demo-jcet-001']}")
    assert 'href="https://example.com/' in lingang.text


def test_errors_in_both_forms(app_and_ids) -> None:
    app, _ = app_and_ids
    j = get(app, "/documents/99999.json")
    assert j.status_code == 404 and j.json()["error"] == "E404"
    h = get(app, "/documents/99999")
    assert h.status_code == 404 and "no document 99999" in h.text
    assert get(app, "/no/such/page").status_code == 404
    bad = get(app, "/documents/abc.json")
    assert bad.status_code in (400, 404) and "error" in bad.json()
    assert get(app, "/openapi.json").json()["info"]["title"] == "icatlas"
