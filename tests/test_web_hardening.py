"""The web app never answers 500 to bad input: typed and bounded parameters (400 or 404 with a JSON message), the
security headers on every answer (errors included), a CSP without 'unsafe-inline' scripts, a header-read timeout;
and Schemathesis over /openapi.json finds no server error."""
from __future__ import annotations

import asyncio
import os
import random
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from icatlas.pipeline import Report, run
from icatlas.serve import create_app
from icatlas.store import Store

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "kg.db"
    store = Store.open(db)
    for d in run([DEMO], report=Report(), progress=False):
        store.ingest(d)
    store.engine.dispose()
    return create_app(db, token="secret", warm=False)


def call(app, method: str, path: str, **kw) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.request(method, path, **kw)
    return asyncio.run(go())


BAD = ["/orgs/%C2%B2", "/events/%C2%B2", "/orgs/%C2%B2.json", "/events/%C2%B2.json", "/documents?page=%C2%B2",
       "/documents.json?page=%C2%B2", "/events?page=%C2%B2", "/events.json?page=%C2%B2", "/documents.json?page=0",
       "/documents.json?page=99999999999999999999", "/regions/%00.json", "/search.json?q=" + "x" * 500,
       "/events.json?region=%01"]
MISSING = ["/documents/9223372036854775808", "/documents/9223372036854775808.json", "/orgs/9223372036854775808.json",
           "/events/9223372036854775808.json", "/orgs/99999999999999999999999.json", "/documents/0.json"]


@pytest.mark.parametrize("path", BAD)
def test_bad_parameters_are_400_with_a_message(app, path: str) -> None:
    r = call(app, "GET", path)
    assert r.status_code == 400, (path, r.status_code, r.text[:300])
    if ".json" in path:
        assert r.json()["message"] and r.json()["status"] == 400


@pytest.mark.parametrize("path", MISSING)
def test_ids_out_of_range_are_404(app, path: str) -> None:
    r = call(app, "GET", path)
    assert r.status_code == 404, (path, r.status_code, r.text[:300])


def test_uploads_with_bad_json_are_400(app) -> None:
    auth = {"Authorization": "Bearer secret", "Content-Type": "application/json"}
    for body in ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", '{"text": "a", "x": NaN}', b"\xff\xfe"):
        r = call(app, "POST", "/api/documents", content=body, headers=auth)
        assert r.status_code == 400 and r.json()["message"], r.text[:200]
    r = call(app, "POST", "/api/documents", headers=auth,
             content='{"title": "t\\ud800", "text": "合肥市集成电路产业协会今天召开年度会员大会\\ud800\\u0000，会上签署协议。"}')
    assert r.status_code == 201, r.text
    doc = call(app, "GET", r.json()["url"] + ".json").json()
    assert "\x00" not in doc["raw"] and "\ufffd" in doc["raw"] and doc["title"] == "t\ufffd"


def test_every_answer_carries_the_security_headers(app) -> None:
    for method, path in [("GET", "/"), ("GET", "/index.json"), ("GET", "/nowhere"), ("GET", "/orgs/%C2%B2"),
                         ("POST", "/api/documents"), ("GET", "/documents/9223372036854775808.json")]:
        r = call(app, method, path)
        csp = r.headers["content-security-policy"]
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0], csp
        assert r.headers["referrer-policy"] == "same-origin" and r.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in csp


def test_session_cookie_flags_and_methods(app) -> None:
    r = call(app, "GET", "/")
    cookie = r.headers["set-cookie"]
    assert "icatlas_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    for method in ("DELETE", "PUT", "PATCH"):
        r = call(app, method, "/documents")
        assert r.status_code == 405 and r.headers["referrer-policy"] == "same-origin", (method, r.status_code)


def test_a_forged_session_cannot_write(app) -> None:
    page = call(app, "GET", "/upload")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    sid = page.headers["set-cookie"].split("icatlas_session=")[1].split(";")[0]
    forged = sid.split(".")[0] + ".1." + "0" * 32  # claims a logged-in session without the server's signature
    r = call(app, "POST", "/upload", data={"csrf": csrf, "title": "x", "text": "合肥市集成电路产业今天发布新闻。"},
             headers={"Cookie": f"icatlas_session={forged}"})
    assert r.status_code == 403


def test_inline_scripts_carry_this_answers_nonce(app) -> None:
    for path in ("/", "/regions/%E6%B1%9F%E8%8B%8F%E7%9C%81", "/"):  # the second "/" comes from the page cache
        r = call(app, "GET", path)
        nonce = re.search(r"'nonce-([^']+)'", r.headers["content-security-policy"]).group(1)
        scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", r.text)
        assert scripts and all(f'nonce="{nonce}"' in s for s in scripts), (path, scripts)
        assert not re.search(r"\son[a-z]+=", r.text)  # no inline event handlers either
    assert call(app, "GET", "/").headers["content-security-policy"] != r.headers["content-security-policy"]


def test_parameters_are_declared_in_openapi(app) -> None:
    spec = call(app, "GET", "/openapi.json").json()
    ops = {p: op["get"] for p, op in spec["paths"].items() if "get" in op}
    for path, names in {"/orgs/{org_id}.json": {"org_id"}, "/events/{event_id}.json": {"event_id"},
                        "/regions/{name}.json": {"name"}, "/segments/{node}.json": {"node"},
                        "/alliances/{name}.json": {"name"}, "/documents.json": {"page"},
                        "/events.json": {"type", "region", "participant", "since", "until", "page"},
                        "/search.json": {"q"}, "/compare.json": {"a", "b"}}.items():
        assert names <= {p["name"] for p in ops[path].get("parameters", [])}, path


def test_random_requests_never_get_a_server_error(app) -> None:
    """A seeded random-request fuzzer: odd characters, numbers out of range and long values in every path and
    query parameter of every GET route the OpenAPI description lists."""
    spec = call(app, "GET", "/openapi.json").json()
    rng = random.Random(22)
    pieces = ["²", "%00", "%C2%B2", "-1", "0", "9223372036854775808", "1e3", "江苏省", "苏州", "%FF", "%ud800",
              "x" * 300, "..%2F..%2Fetc%2Fpasswd", "<script>", "' OR 1=1--", "NaN", "1.5", " ", "%20%20", "7"]
    seen = 0
    for _ in range(int(os.environ.get("ICATLAS_FUZZ_REQUESTS", "400"))):
        path, op = rng.choice([(p, o["get"]) for p, o in spec["paths"].items() if "get" in o])
        url = re.sub(r"\{[^}]+\}", lambda m: rng.choice(pieces), path)
        query = "&".join(f"{p['name']}={rng.choice(pieces)}" for p in op.get("parameters", [])
                         if p["in"] == "query" and rng.random() < 0.6)
        r = call(app, "GET", url + ("?" + query if query else ""))
        assert r.status_code < 500, (url, query, r.status_code, r.text[:300])
        seen += 1
    assert seen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_slow_headers_are_cut_off(tmp_path: Path) -> None:
    port = free_port()
    exe = str(Path(sys.executable).with_name("icatlas"))
    env = {**os.environ, "ICATLAS_HEADER_TIMEOUT": "1", "ICATLAS_WARM": "0"}
    server = subprocess.Popen([exe, "serve", "--db", str(tmp_path / "kg.db"), "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            started = time.monotonic()
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # half the headers, then a byte at a time
            closed = False
            for _ in range(40):
                try:
                    s.sendall(b"X")
                    time.sleep(0.1)
                    if s.recv(1, socket.MSG_DONTWAIT) == b"":
                        closed = True
                        break
                except BlockingIOError:
                    continue
                except OSError:
                    closed = True
                    break
            assert closed and time.monotonic() - started < 3.5
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:  # a normal request is still answered
            assert c.get("/api/status").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_schemathesis_finds_no_server_error(app) -> None:
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, settings

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures = []

    @settings(max_examples=int(os.environ.get("ICATLAS_SCHEMATHESIS_EXAMPLES", "8")), deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        response = case.call(headers={"Authorization": "Bearer secret"})
        if response.status_code >= 500:
            failures.append((case.method, case.formatted_path, case.query, response.status_code))

    for result in schema.get_all_operations():
        operation = result.ok()
        schemathesis_test = operation.as_strategy()
        from hypothesis import given

        given(case=schemathesis_test)(check)()
    assert failures == []
