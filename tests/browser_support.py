"""What the browser tests share: ``icatlas serve`` over a fresh store on a free loopback port, a Chromium page that
may reach the loopback only, full-page screenshots, and the sentence a document page marks as evidence."""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")


def icatlas_cmd() -> str:
    return str(Path(sys.executable).with_name("icatlas"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(workdir: Path, sources: list[str], extra: list[str], env: dict[str, str]) -> Iterator[str]:
    """Ingest ``sources`` into a new store under ``workdir``, start ``icatlas serve`` on it (with ``extra``
    options), yield its base URL once it answers, and stop it afterwards."""
    db = workdir / "web.db"
    subprocess.run([icatlas_cmd(), "ingest", *sources, "--db", str(db), "--no-progress"], check=True,
                   capture_output=True, timeout=600)
    # another pytest worker may take the same free port between its choice and the server's start: a server that
    # could not bind exits, and a 200 then came from the other worker's server, so it is tried again on another port
    log = workdir / "serve.log"
    for _attempt in range(3):
        port = _free_port()
        cmd = [icatlas_cmd(), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port), *extra]
        out = log.open("wb")
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        time.sleep(0.3)
        if proc.poll() is None and time.monotonic() < deadline:
            break
        _stop(proc)
        out.close()
    else:
        pytest.fail("icatlas serve did not start: " + log.read_text(errors="replace")[-2000:])
    with out:
        try:
            yield base
        finally:
            _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def launch(sync_api: Any) -> Iterator[Any]:
    """Debian's Chromium under Playwright."""
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


def open_page(browser: Any, server: str) -> Iterator[Any]:
    """A 1280-wide page on ``server``; requests off the loopback are refused; JavaScript errors fail the test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server, locale="zh-CN")
    # only the app itself: any request off the loopback (a CDN, a font service) is refused
    ctx.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    ctx.set_default_timeout(15_000)
    errors: list[str] = []
    pg = ctx.new_page()
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def save_shot(page: Any, out: Path) -> None:
    """A full-page screenshot at ``out``; published ones stay under 400 KB (a palette PNG, fewer colours for long
    pages) when ``pngquant`` is installed."""
    out.parent.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)  # let the charts finish their entry animation
    raw = out.with_suffix(".raw.png")
    page.screenshot(path=str(raw), full_page=True)
    if not shutil.which("pngquant"):
        raw.replace(out)
        return
    for top in (90, 70, 50, 35):
        subprocess.run(["pngquant", "--quality", f"0-{top}", "--speed", "1", "--force", "--output", str(out),
                        str(raw)], check=False)
        if out.exists() and out.stat().st_size < 400_000:
            break
    raw.unlink(missing_ok=True)
