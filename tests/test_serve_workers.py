"""``icatlas serve --workers N``: every worker listens on a socket of its own, so connections that arrive together
are spread over the workers instead of all landing on the first one to wake; a second server on the same port is
refused with a clear error."""
from __future__ import annotations

import os
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .browser_support import icatlas_cmd, serve

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    source = sorted(DEMO.glob("*.txt"))[0]
    env = {**os.environ, "ICATLAS_WARM": "0"}
    yield from serve(tmp_path_factory.mktemp("workers"), [str(source)], ["--workers", "2"], env)


def _both_listening(url: str, timeout: float = 90.0) -> None:
    """Wait until each worker has answered once: on a loaded machine the second may start listening seconds after
    the first answers."""
    import time

    seen: set[int] = set()
    deadline = time.monotonic() + timeout
    while len(seen) < 2 and time.monotonic() < deadline:
        with httpx.Client(timeout=30) as c:  # a new connection each time, so the kernel picks a worker again
            seen.add(c.get(url + "/api/status").json()["worker"])
    assert len(seen) == 2, "the second worker never answered"


def test_connections_arriving_together_are_spread_over_the_workers(two_workers: str) -> None:
    _both_listening(two_workers)
    clients = 40
    start = threading.Barrier(clients)
    pids: list[int] = []

    def visit() -> None:
        with httpx.Client(timeout=30) as c:
            start.wait()
            pids.append(c.get(two_workers + "/api/status").json()["worker"])

    threads = [threading.Thread(target=visit) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    per_worker = Counter(pids)
    assert len(pids) == clients
    assert len(per_worker) == 2, per_worker
    assert min(per_worker.values()) >= 5, per_worker  # the kernel spreads them (by address hash)


def test_a_second_server_on_the_same_port_is_refused(two_workers: str, tmp_path: Path) -> None:
    port = two_workers.rsplit(":", 1)[1]
    res = subprocess.run([icatlas_cmd(), "serve", "--db", str(tmp_path / "other.db"), "--host", "127.0.0.1",
                          "--port", port, "--workers", "2"], capture_output=True, text=True, timeout=60)
    assert res.returncode != 0
    assert f"cannot listen on 127.0.0.1:{port}" in res.stderr
    assert httpx.get(two_workers + "/api/status", timeout=10).status_code == 200
