from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
PAGES = Path(__file__).parent / "data" / "pages"
PG_URL = os.environ.get("ICATLAS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def benchmark_module(name: str):  # type: ignore[no-untyped-def]
    """``benchmarks/NAME.py`` loaded as a module (the benchmarks are scripts, not a package)."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def need_shared() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared is not beside the checkout: the seed tests need it")


@pytest.fixture
def seeds_dir() -> Path:
    need_shared()
    return SEEDS


@pytest.fixture(scope="session")
def seed_docs():
    """The five seeds, processed once for the session."""
    need_shared()
    from icatlas.pipeline import Report, run

    report = Report()
    docs = {Path(d.source).name[:3]: d for d in run([SEEDS], report=report, progress=False)}
    assert not report.errors, report.errors
    return docs
