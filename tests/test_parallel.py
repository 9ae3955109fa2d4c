"""Ingest with worker processes (icatlas.parallel): the store ends as a single-process run leaves it, a failing
document is reported and the run goes on, the time budget holds inside the workers, and the workers end with the
parent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, benchmark_module, need_shared
from .storedump import differences, dump
from .stores import store_url

SRC = str(ROOT / "src")


def icatlas(*args: str, env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh process, on this checkout's source; ``env``: variables to set or override."""
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""), **(env or {})}
    return subprocess.run([sys.executable, "-c", "import sys; from icatlas.cli import main; sys.exit(main())", *args],
                          capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The demo pages, the seeds, 12 generated pages (one of them twice) and two bad inputs."""
    need_shared()
    extra = tmp_path_factory.mktemp("extra")
    benchmark_module("gen_corpus").write(extra, 12, 5, 900)
    (extra / "doc_000099.txt").write_text((extra / "doc_000003.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (extra / "empty.txt").write_text("   \n", encoding="utf-8")
    (extra / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return [str(ROOT / "examples" / "demo"), str(SEEDS), str(extra)]


def _lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ln.startswith("icatlas:") and " read " not in ln]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_workers_store_what_one_process_stores(kind: str, inputs: list[str], tmp_path: Path) -> None:
    with store_url(kind, tmp_path) as one, store_url(kind, tmp_path) as two:
        a = icatlas("ingest", *inputs, "--db", one, "--workers", "1")
        b = icatlas("ingest", *inputs, "--db", two, "--workers", "2")
        assert a.returncode == b.returncode == 1, (a.stderr[-2000:], b.stderr[-2000:])  # the bad inputs
        assert a.stdout.split(" -> ")[0] == b.stdout.split(" -> ")[0] and "26 stored, 1 unchanged" in a.stdout
        assert _lines(a.stderr) == _lines(b.stderr) and len(_lines(a.stderr)) >= 3
        got, want = dump(two), dump(one)
        assert not differences(got, want), "\n".join(differences(got, want))


def test_the_time_budget_holds_inside_the_workers(inputs: list[str], tmp_path: Path) -> None:
    res = icatlas("ingest", inputs[0], "--db", str(tmp_path / "kg.db"), "--workers", "2", "--time-budget", "0.001")
    assert "0 stored" in res.stdout
    assert res.stderr.count("longer than the time budget") == 9, res.stderr[-3000:]


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _stat(proc: Path) -> list[str]:
    """The fields of a process's or thread's ``stat`` (``/proc/<pid>``, ``/proc/<pid>/task/<tid>``) after the
    command name: the state first, the nice value at index 16."""
    return (proc / "stat").read_text().rsplit(")", 1)[1].split()


@contextmanager
def _ingesting(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], list[int]]]:
    """An ``ingest --workers 2`` of 200 generated pages under way, with its two worker processes; killed after."""
    corpus = tmp_path / "corpus"
    benchmark_module("gen_corpus").write(corpus, 200, 9, 1150)
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    parent = subprocess.Popen([sys.executable, "-c", "import sys; from icatlas.cli import main; sys.exit(main())",
                               "ingest", str(corpus), "--db", str(tmp_path / "kg.db"), "--workers", "2"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            workers = [c for c in _children(parent.pid)
                       if "spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")]
            time.sleep(0.2)
        assert len(workers) == 2
        yield parent, workers
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(timeout=10)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    with _ingesting(tmp_path) as (parent, workers):
        time.sleep(3)  # inside the run
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.2)
        alive = [w for w in workers if Path(f"/proc/{w}").exists() and _stat(Path(f"/proc/{w}"))[0] != "Z"]
        assert not alive


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_the_workers_yield_the_cores_to_the_storing_parent(tmp_path: Path) -> None:
    """The parent's storing is the run's one serial step: its workers run at a lower priority, threads included."""
    from icatlas.parallel import WORKER_NICE

    with _ingesting(tmp_path) as (parent, workers):
        own = int(_stat(Path(f"/proc/{parent.pid}"))[16])
        want = min(19, own + WORKER_NICE)

        def nice_values(w: int) -> set[int]:
            return {int(_stat(task)[16]) for task in Path(f"/proc/{w}/task").iterdir()}

        # a worker lowers its priority once its interpreter has imported the package (seconds on a busy machine),
        # then starts its model threads: wait for both, then every thread must have the lower priority
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(
                nice_values(w) == {want} and len(list(Path(f"/proc/{w}/task").iterdir())) > 1 for w in workers):
            time.sleep(0.5)
        for w in workers:
            threads = [int(_stat(task)[16]) for task in Path(f"/proc/{w}/task").iterdir()]
            assert threads and set(threads) == {want}, (w, threads, own)
