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


# -- the pages of the web app, their JSON twins, and the write rules ----------------------------------------------
import re  # noqa: E402

from fastapi.testclient import TestClient  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(app_and_ids):
    """A client of the app with a token (writes allowed), over the same store; cookies persist."""
    app, ids = app_and_ids
    db = app.state.store.engine.url.database
    return TestClient(create_app(db, token=TOKEN)), ids


@pytest.fixture(scope="module")
def readonly(app_and_ids):
    return TestClient(app_and_ids[0])


def _csrf(page: str) -> str:
    m = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert m, "no CSRF field in the page"
    return m.group(1)


def test_home_has_map_select_and_province_links(client) -> None:
    c, _ = client
    page = c.get("/").text
    for marker in ('id="china-map"', 'id="segment-select"', 'id="search-form"', 'name="q"', 'class="region-link"'):
        assert marker in page
    assert "cdn" not in page.lower() and "https://" not in page.split("<main>")[0]
    data = c.get("/index.json?segment=design").json()
    assert data["segment"] == "design" and len(data["provinces"]) == 34
    assert {"count", "lq", "status", "short"} <= set(data["provinces"][0])
    assert 'value="design" selected' in c.get("/?segment=design").text


def test_english_switch(client) -> None:
    c, _ = client
    assert "Chain strength by province" in c.get("/?lang=en").text
    assert "Chain strength by province" in c.get("/").text  # kept in the cookie
    assert "产业链强度地图" in c.get("/?lang=zh").text


def test_region_segment_compare_pages_and_twins(client) -> None:
    c, _ = client
    page = c.get("/regions/上海")
    assert page.status_code == 200 and 'id="chain-diagram"' in page.text and 'id="gaps"' in page.text
    data = c.get("/regions/上海.json").json()
    assert data["region"]["name"] == "上海市" and data["nodes"] and "gaps" in data and "timeline" in data
    for o in data["organizations"][:3]:
        assert f'href="/orgs/{o["id"]}"' in page.text
    assert c.get("/regions/火星").status_code == 404 and c.get("/regions/火星.json").json()["error"] == "E404"
    seg = c.get("/segments/manufacturing.json").json()
    assert seg["segment"]["id"] == "manufacturing"
    assert 'class="org-link"' in c.get("/segments/manufacturing").text
    assert c.get("/segments/nonsense").status_code == 404
    cmp = c.get("/compare.json?a=上海&b=合肥").json()
    assert cmp["a"]["name"] == "上海市" and "a_strong_b_weak" in cmp
    assert c.get("/compare?a=上海&b=合肥").status_code == 200 and c.get("/compare").status_code == 200


def test_org_evidence_links_reach_the_sentence(client) -> None:
    c, _ = client
    region = c.get("/regions/上海.json").json()
    documented = [o for o in region["organizations"] if o["evidence"] == "documents"]
    assert documented
    org_id = documented[0]["id"]
    data = c.get(f"/orgs/{org_id}.json").json()
    assert data["organization"]["id"] == org_id and data["evidence"] and data["sources"]
    page = c.get(f"/orgs/{org_id}").text
    links = re.findall(r'class="evidence" href="(/documents/(\d+)#m-(\d+))"', page)
    assert links
    _, doc_id, start = links[0]
    doc_page = c.get(f"/documents/{doc_id}").text
    assert f'id="m-{start}"' in doc_page and ".sent:has(.anchor:target)" in doc_page
    assert c.get("/orgs/999999").status_code == 404 and c.get("/orgs/abc").status_code in (400, 404)


def test_event_page_and_twin(client) -> None:
    c, _ = client
    events = c.get("/index.json").json()["events"]
    assert events
    ev = c.get(f"/events/{events[0]['id']}.json").json()
    assert ev["event"]["id"] == events[0]["id"] and ev["sources"]
    page = c.get(f"/events/{events[0]['id']}").text
    src = ev["sources"][0]
    assert f'href="/documents/{src["doc_id"]}#m-{src["evidence_start"]}"' in page
    assert f'id="m-{src["evidence_start"]}"' in c.get(f"/documents/{src['doc_id']}").text
    assert c.get("/events/999999.json").status_code == 404


def test_search_in_both_scripts(client) -> None:
    c, _ = client
    simp = c.get("/search.json?q=集成电路").json()
    trad = c.get("/search.json?q=集成電路").json()
    assert simp["documents"] and [d["id"] for d in simp["documents"]] == [d["id"] for d in trad["documents"]]
    assert trad["q_simplified"] == "集成电路"
    o1 = c.get("/search.json?q=长电科技").json()["organizations"]
    o2 = c.get("/search.json?q=長電科技").json()["organizations"]
    assert o1 and [o["id"] for o in o1] == [o["id"] for o in o2]
    assert 'class="org-link"' in c.get("/search?q=長電科技").text
    assert c.get("/search.json?q=%25").status_code == 200 and c.get("/search?q=").status_code == 200


def test_read_only_without_token(readonly) -> None:
    c = readonly
    r = c.post("/api/documents", json={"title": "x", "text": "合肥市集成电路产业今天发布新闻。"},
               headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "read-only" in r.json()["message"]
    page = c.get("/upload").text
    assert 'id="upload-form"' in page and 'id="read-only"' in page
    r = c.post("/upload", data={"csrf": _csrf(page), "title": "x", "text": "正文", "token": "x"})
    assert r.status_code == 403 and "read-only" in r.text


def test_token_and_bearer_rules(client) -> None:
    c, _ = client
    body = {"title": "测试", "text": "上海微电子今天发布新一代光刻机。", "published": "2024-05-01"}
    assert c.post("/api/documents", json=body).status_code == 401
    assert c.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.post("/api/documents", content=b"not json", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 400


def test_upload_json_then_document_appears_and_is_escaped(client) -> None:
    c, _ = client
    text = "标题\n上海微电子装备（集团）股份有限公司今天在上海发布新一代光刻机<script>alert(1)</script>，用于集成电路制造。"
    r = c.post("/api/documents", json={"title": "光刻机<script>x</script>", "text": text, "published": "2024-05-01"},
               headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["url"] == f"/documents/{out['id']}"
    page = c.get(out["url"]).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>x</script>" not in page
    assert c.get(f"/documents/{out['id']}.json").json()["published"] == "2024-05-01"
    found = c.get("/search.json?q=上海微電子").json()["documents"]
    assert out["id"] in [d["id"] for d in found]
    assert [d["id"] for d in found] == [d["id"] for d in c.get("/search.json?q=上海微电子").json()["documents"]]


def test_upload_form_needs_csrf_and_token(client) -> None:
    c, _ = client
    page = c.get("/upload").text
    for field in ("title", "text", "published", "token"):
        assert f'name="{field}"' in page
    form = {"title": "表单上传", "text": "合肥长鑫存储技术有限公司今天宣布扩产集成电路存储芯片。", "published": "2024-06-01"}
    assert c.post("/upload", data={**form, "token": TOKEN}).status_code == 403  # no CSRF
    assert c.post("/upload", data={**form, "token": TOKEN, "csrf": "0" * 32}).status_code == 403
    assert c.post("/upload", data={**form, "csrf": _csrf(page)}).status_code == 401  # no token
    r = c.post("/upload", data={**form, "csrf": _csrf(page), "token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/documents/")
    assert "表单上传" in c.get(r.headers["location"]).text


def test_size_limit(client) -> None:
    c, _ = client
    big = "集" * (2 * 1024 * 1024)  # 6 MB in UTF-8
    r = c.post("/api/documents", json={"title": "big", "text": big}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413


def test_login_then_curate_and_audit_log(client) -> None:
    c, _ = client
    login = c.get("/login").text
    assert c.post("/login", data={"csrf": _csrf(login), "token": "wrong"}).status_code == 401
    r = c.post("/login", data={"csrf": _csrf(login), "token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303
    ev_id = c.get("/index.json").json()["events"][0]["id"]
    page = c.get(f"/events/{ev_id}").text
    assert 'id="confirm-form"' in page
    r = c.post(f"/events/{ev_id}/curate", data={"csrf": _csrf(page), "action": "confirm"}, follow_redirects=False)
    assert r.status_code == 303
    r = c.post(f"/events/{ev_id}/curate", data={"csrf": _csrf(page), "action": "correct", "field": "place",
                                                "value": "合肥市"}, follow_redirects=False)
    assert r.status_code == 303 and c.get(f"/events/{ev_id}.json").json()["event"]["place"] == "合肥市"
    org_id = c.get("/search.json?q=长电科技").json()["organizations"][0]["id"]
    r = c.post(f"/orgs/{org_id}/rename", data={"csrf": _csrf(page), "name": "江苏长电科技股份有限公司"},
               follow_redirects=False)
    assert r.status_code == 303 and c.get(f"/orgs/{org_id}.json").json()["organization"]["name"] == "江苏长电科技股份有限公司"
    log = c.get("/curation.json").json()["entries"]
    assert {(e["action"], e["target_table"]) for e in log} >= {("confirm", "events"), ("correct", "events"),
                                                               ("correct", "entities")}
    assert 'id="curation-log"' in c.get("/curation").text
    # a cross-site form post (no session cookie of ours) is refused even when logged in elsewhere
    other = TestClient(c.app)
    assert other.post(f"/events/{ev_id}/curate", data={"csrf": _csrf(page), "action": "confirm"}).status_code == 403


def test_no_path_reaches_the_file_system(client) -> None:
    c, _ = client
    for path in ("/static/vendor/../app.py", "/static/vendor/..%2Fapp.py", "/static/vendor/%2e%2e%2fapp.py",
                 "/static/app.py", "/static/vendor/templates", "/documents/..%2F..%2Fetc%2Fpasswd"):
        r = c.get(path)
        assert r.status_code in (400, 404), path
        assert "def create_app" not in r.text
    r = c.get("/static/vendor/nothing.js")
    assert r.status_code == 404


def test_pages_render_without_the_chart_library(client, monkeypatch, tmp_path) -> None:
    import icatlas.serve.render as serve_render

    c, _ = client
    monkeypatch.setattr(serve_render, "VENDOR", tmp_path / "missing")
    page = c.get("/")
    assert page.status_code == 200 and 'id="china-map"' in page.text and "echarts.min.js" not in page.text
    assert 'class="region-link"' in page.text
    assert c.get("/static/vendor/echarts.min.js").status_code == 404


def test_pages_cached_per_store_version_with_each_sessions_csrf(client) -> None:
    c, ids = client
    app = c.app
    cache = app.state.page_cache
    a, b = TestClient(app), TestClient(app)
    org_id = a.get("/search.json?q=长电科技").json()["organizations"][0]["id"]
    hits = cache.hits
    pa, pb = a.get(f"/orgs/{org_id}").text, b.get(f"/orgs/{org_id}").text
    assert cache.hits > hits  # the second visitor got the cached page ...
    assert _csrf(pa) != _csrf(pb) and cache.csrf_placeholder not in pa + pb  # ... with their own CSRF token
    assert b.post(f"/orgs/{org_id}/rename", data={"csrf": _csrf(pb), "name": "x", "token": "wrong"}).status_code == 401
    # the English page is cached apart from the Chinese one
    assert 'lang="en"' in a.get(f"/orgs/{org_id}?lang=en").text and 'lang="zh-Hans"' in b.get(f"/orgs/{org_id}").text
    # a write to the store bumps its version: the next request sees it
    before = a.get("/index.json").json()["stats"]["documents"]
    r = a.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
               json={"title": "缓存测试", "text": "合肥市集成电路产业协会召开会议，讨论缓存是否随数据更新。"})
    assert r.status_code == 201
    assert a.get("/index.json").json()["stats"]["documents"] == before + 1
    assert "缓存测试" in a.get("/").text


def test_workers_share_the_session_key(app_and_ids, monkeypatch) -> None:
    """``serve --workers N``: every worker signs sessions with the key in the environment, so a form from one
    worker is accepted by another."""
    from icatlas.serve.app import app_from_env

    db = app_and_ids[0].state.store.engine.url.database
    monkeypatch.setenv("ICATLAS_DB", db)
    monkeypatch.setenv("ICATLAS_TOKEN", TOKEN)
    monkeypatch.setenv("ICATLAS_SESSION_KEY", "ab" * 32)
    one, two = TestClient(app_from_env()), TestClient(app_from_env())
    page = one.get("/login").text
    two.cookies = one.cookies
    r = two.post("/login", data={"csrf": _csrf(page), "token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303


def test_upload_a_file_in_gb18030_and_an_html_page(client) -> None:
    """The upload form takes a file (multipart): a GB18030 text and an HTML page are decoded and ingested; a file
    name with a path in it is only a label; other kinds of file are refused with a hint."""
    c, _ = client
    page = c.get("/upload").text
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page
    fields = {"csrf": _csrf(page), "token": TOKEN, "title": "", "published": "2024-07-01"}
    text = "无锡华润微电子有限公司今天宣布在无锡市新建一条十二英寸功率半导体晶圆生产线，项目总投资七十五亿元。"
    r = c.post("/upload", data=fields, files={"file": ("../../etc/上传.txt", text.encode("gb18030"), "text/plain")},
               follow_redirects=False)
    assert r.status_code == 303, r.text
    doc = c.get(r.headers["location"] + ".json").json()
    assert text in doc["text"] and doc["source"] == "upload:上传.txt"
    html_page = ("<html><head><title>合肥集成电路新闻</title></head><body><article><p>合肥长鑫存储技术有限公司"
                 "今天宣布扩产存储芯片，新增投资一百亿元。</p><p>项目位于合肥市经济技术开发区。</p></article></body></html>")
    r = c.post("/upload", data=fields, files={"file": ("page.html", html_page.encode("utf-8"), "text/html")},
               follow_redirects=False)
    assert r.status_code == 303
    doc = c.get(r.headers["location"] + ".json").json()
    assert "合肥长鑫存储技术有限公司" in doc["text"] and "<p>" not in doc["text"]
    bad = c.post("/upload", data=fields, files={"file": ("tool.exe", b"MZ\x90\x00", "application/octet-stream")})
    assert bad.status_code == 400 and ".txt" in bad.text
    no_csrf = c.post("/upload", data={**fields, "csrf": "0" * 32}, files={"file": ("a.txt", text.encode(), "text/plain")})
    assert no_csrf.status_code == 403


def test_event_and_document_lists_with_filters_and_pages(client) -> None:
    c, ids = client
    everything = c.get("/events.json").json()
    assert everything["events"] and everything["page"] == 1
    dates = [e["date"] for e in everything["events"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    inv = c.get("/events.json?type=investment").json()["events"]
    assert inv and {e["type"] for e in inv} == {"investment"}
    page = c.get("/events?type=investment").text
    for e in inv:
        assert f'href="/events/{e["id"]}"' in page
    since = c.get("/events.json?since=2024").json()["events"]
    assert all(e["date"] >= "2024" for e in since) and len(since) < len(everything["events"])
    assert c.get("/events?type=nonsense").status_code == 400
    assert c.get("/events.json?since=yesterday").status_code == 400
    assert c.get("/events?page=0").status_code == 400
    docs = c.get("/documents.json").json()
    assert docs["total"] >= len(ids) and len(docs["documents"]) == min(docs["total"], 50)
    listing = c.get("/documents").text
    for d in docs["documents"]:
        assert f'href="/documents/{d["id"]}"' in listing and d["label"]
        assert not d["label"].startswith(("/", "examples")), "a file path is not a title"
    assert 'href="/events"' in listing and 'href="/documents"' in listing  # the navigation


def test_amounts_read_as_people_write_them() -> None:
    from icatlas.serve.render import doc_name, money

    assert money(7.5e9, "CNY") == "75亿元" and money(3e7, "CNY") == "3,000万元" and money(2e9, "USD") == "20亿美元"
    assert money(1.2e11, None) == "1,200亿元" and money(500, "CNY") == "500元" and money(None) == "—"
    assert money(5e6, "GBP") == "5,000,000 GBP"
    assert doc_name("/srv/in/seeds/001.html") == "001.html" and doc_name("C:\\in\\a.txt") == "a.txt"


def test_region_page_speaks_the_page_language(client) -> None:
    """The region's level and the reasons of its gaps are written in the page's language, from the gap's fields."""
    c, _ = client
    data = c.get("/regions/江苏省.json").json()
    gap = data["gaps"][0]
    assert {"linked", "national", "recent_events", "needed_by"} <= set(gap)
    zh = c.get("/regions/江苏省?lang=zh").text
    need = gap["needed_by"][0]["name"]
    assert "省级" in zh and f"本地需要它的环节：{need}" in zh and "needed by" not in zh and "规模领先" in zh
    en = c.get("/regions/江苏省?lang=en").text
    assert f"needed by：{need}" in en and "leading" in en
    c.get("/?lang=zh")


def test_an_organisations_events_match_the_store_query(app_and_ids) -> None:
    from icatlas.library.entities import events_of

    store = app_and_ids[0].state.store
    names = {p["name"] for e in store.events(limit=500) for p in e["participants"]}
    assert len(names) > 10
    for name in sorted(names)[:40] + ["长电", "集成电路"]:
        want = store.events(participant=name, limit=50)
        got = events_of(store, name, limit=50)
        assert [e["id"] for e in got] == [e["id"] for e in want], name
        assert [e["sources"] for e in got] == [e["sources"] for e in want], name
    org_name = sorted(names)[0]
    assert events_of(store, "没有这个名字", also=[org_name]) == events_of(store, org_name)[:0] + [
        e for e in events_of(store, org_name) if any(p["name"].lower() == org_name.lower() for p in e["participants"])]


def test_event_page_names_the_type_and_roles_in_the_page_language(client) -> None:
    c, _ = client
    signed = c.get("/events.json?type=agreement_signed").json()["events"]
    ev = next(e for e in signed if any(p.get("role") == "signer" for p in e["participants"]))
    zh = c.get(f"/events/{ev['id']}?lang=zh").text
    assert "(签约方)" in zh and "(signer)" not in zh
    if not ev["name"]:
        assert '<h1 id="event-title">协议签署</h1>' in zh
    assert "(signer)" in c.get(f"/events/{ev['id']}?lang=en").text
    c.get("/?lang=zh")
