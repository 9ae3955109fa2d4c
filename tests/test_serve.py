"""The web app, called in-process through httpx's ASGI transport: pages and their JSON twins."""
from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from icatlas.pipeline import Report, run
from icatlas.serve import create_app
from icatlas.store import Store


@pytest.fixture(scope="module")
def client_and_ids(tmp_path_factory):
    from .conftest import SEEDS, need_shared

    need_shared()
    db = tmp_path_factory.mktemp("serve") / "kg.db"
    store = Store.open(db)
    ids = {Path(d.source).name[:3]: store.ingest(d).doc_id for d in run([SEEDS], report=Report(), progress=False)}
    app = create_app(db)
    return app, ids


def get(app, path: str) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            return await c.get(path)
    return asyncio.run(go())


def test_home_page_and_json_twin(client_and_ids) -> None:
    app, ids = client_and_ids
    page = get(app, "/")
    assert page.status_code == 200 and "集成电路产业地图" in page.text
    data = get(app, "/index.json").json()
    assert data["stats"]["documents"] == 5
    assert f'id="count-documents">{data["stats"]["documents"]}<' in page.text
    for d in data["documents"]:
        assert f'href="/documents/{d["id"]}"' in page.text


def test_document_page_highlights_mentions_and_links_the_original(client_and_ids) -> None:
    app, ids = client_and_ids
    doc_id = ids["003"]
    data = get(app, f"/documents/{doc_id}.json").json()
    page = get(app, f"/documents/{doc_id}")
    assert page.status_code == 200
    assert data["published"] == "2019-03-21"
    people = [m for m in data["mentions"] if m["label"] == "person"]
    assert people and f'<mark class="per" data-label="person" title="person">{people[0]["surface"]}</mark>' in page.text
    assert f'href="/documents/{doc_id}/original"' in page.text
    original = get(app, f"/documents/{doc_id}/original")
    assert original.status_code == 200 and "應勇" in original.text


def test_missing_document_is_404_in_both_forms(client_and_ids) -> None:
    app, _ = client_and_ids
    j = get(app, "/documents/99999.json")
    assert j.status_code == 404 and j.json()["error"] == "E404"
    h = get(app, "/documents/99999")
    assert h.status_code == 404 and "no document 99999" in h.text
