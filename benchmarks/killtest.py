"""kill -9 during ingest loses and duplicates nothing.

A corpus (the demo pages and generated articles) is ingested once into a reference store. Then, again and again,
`icatlas ingest` runs over the same corpus into the store under test and is killed with SIGKILL at a random moment
of its writing (seeded: once the store holds a random number of documents more than before, after a random pause
of up to 0.3 s, so that the kill falls anywhere in the next document's extraction or transaction); after each kill the store must pass its integrity check and every document in it must be whole (the same
mentions, figures and relations as in the reference, never a part). A run that ends before its kill starts the store
afresh. At the end an ingest runs to completion, and the store must equal the reference: the same documents, once
each, with the same facts.

    .venv/bin/python benchmarks/killtest.py --kills 50 --seed 1                   # SQLite
    .venv/bin/python benchmarks/killtest.py --kills 50 --db postgresql://postgres@127.0.0.1:5432/icatlas_hard_kill

``tests/test_killtest.py`` runs 10 kills on SQLite in CI.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

ROOT = Path(__file__).resolve().parent.parent
EXE = str(Path(sys.executable).with_name("icatlas"))


def make_corpus(folder: Path, n: int, seed: int) -> None:
    """The demo pages and ``n`` generated articles."""
    sys.path.insert(0, str(Path(__file__).parent))
    from fuzz import article  # noqa: E402 - the fuzz generator's good articles

    folder.mkdir(parents=True, exist_ok=True)
    for p in (ROOT / "examples" / "demo").iterdir():
        shutil.copy(p, folder / p.name)
    rng = random.Random(seed)
    for i in range(n):
        (folder / f"gen{i:04d}.txt").write_text(article(rng, i), encoding="utf-8")


def snapshot(url: str) -> dict[str, object]:
    """What the store holds: per document (by content hash) its facts' counts, and the totals."""
    from icatlas.store import resolve_url
    from icatlas.store import schema as t

    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            per: dict[str, tuple[int, int, int]] = {}
            counts = {tbl.name: dict(conn.execute(select(tbl.c.doc_id, func.count()).group_by(tbl.c.doc_id)).all())
                      for tbl in (t.mentions, t.figures, t.relations)}
            hashes = conn.execute(select(t.documents.c.id, t.documents.c.content_hash)).all()
            for doc_id, h in hashes:
                per[h] = tuple(counts[n].get(doc_id, 0) for n in ("mentions", "figures", "relations"))  # type: ignore
            totals = {tbl.name: conn.execute(select(func.count()).select_from(tbl)).scalar_one()
                      for tbl in (t.documents, t.events, t.event_sources, t.entities, t.mentions, t.figures)}
            totals["distinct hashes"] = len({h for _i, h in hashes})
            ok = "ok"
            if engine.dialect.name == "sqlite":
                ok = conn.execute(text("PRAGMA integrity_check")).scalar_one()
                bad_fk = conn.execute(text("PRAGMA foreign_key_check")).all()
                ok = ok if not bad_fk else f"foreign keys broken: {bad_fk[:3]}"
    finally:
        engine.dispose()
    return {"per": per, "totals": totals, "integrity": ok}


def count(url: str) -> int:
    """How many documents the store holds (0 while it cannot be read)."""
    from icatlas.store import resolve_url
    from icatlas.store import schema as t

    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())
    except Exception:  # noqa: BLE001 - not created yet, or busy
        return 0
    finally:
        engine.dispose()


class Stores:
    """Fresh stores of one kind: SQLite files in a folder, or schemas of one PostgreSQL database."""

    def __init__(self, base: str | None, tmp: Path) -> None:
        self.base, self.tmp, self.n = base, tmp, 0

    def fresh(self) -> str:
        self.n += 1
        if not self.base:
            return str(self.tmp / f"store{self.n}.db")
        from icatlas.store import resolve_url

        schema = f"kill_{os.getpid()}_{self.n}"
        engine = create_engine(resolve_url(self.base))
        with engine.begin() as conn:
            conn.execute(text(f"drop schema if exists {schema} cascade"))
            conn.execute(text(f"create schema {schema}"))
        engine.dispose()
        return self.base + ("&" if "?" in self.base else "?") + f"options=-csearch_path%3D{schema}"


def ingest(corpus: Path, db: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([EXE, "ingest", str(corpus), "--db", db, "--no-progress"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ, "OMP_NUM_THREADS": "1"})


def run(kills: int, seed: int, base: str | None, corpus_size: int = 40, log=print) -> list[str]:
    """Kill ``kills`` ingests at random; what went wrong (empty when nothing was lost or duplicated)."""
    rng = random.Random(seed)
    wrong: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus"
        make_corpus(corpus, corpus_size, seed)
        stores = Stores(base, tmp)
        ref_db = stores.fresh()
        subprocess.run([EXE, "init", "--db", ref_db], check=True, capture_output=True)
        started = time.monotonic()
        proc = ingest(corpus, ref_db)
        proc.wait()
        wall = time.monotonic() - started
        ref = snapshot(ref_db)
        log(f"reference: {ref['totals']} in {wall:.1f} s")
        db = stores.fresh()
        subprocess.run([EXE, "init", "--db", db], check=True, capture_output=True)
        done = landed = 0
        total = len(ref["per"])  # type: ignore[arg-type]
        while done < kills:
            have = len(snapshot(db)["per"])  # type: ignore[arg-type]
            if total - have < 2:  # too little left to kill in the middle of: start afresh
                db = stores.fresh()
                subprocess.run([EXE, "init", "--db", db], check=True, capture_output=True)
                have = 0
            target = have + rng.randint(1, min(8, total - have - 1))
            pause = rng.uniform(0, 0.3)
            proc = ingest(corpus, db)
            started = time.monotonic()
            while proc.poll() is None and count(db) < target:
                time.sleep(0.02)
            time.sleep(pause)
            if proc.poll() is not None:
                landed += 1  # it finished first
                continue
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            delay = time.monotonic() - started
            done += 1
            snap = snapshot(db)
            per = snap["per"]
            assert isinstance(per, dict) and isinstance(ref["per"], dict)
            partial = [h for h, c in per.items() if ref["per"].get(h) != c]
            if snap["integrity"] != "ok":
                wrong.append(f"kill {done}: integrity check: {snap['integrity']}")
            if partial:
                wrong.append(f"kill {done}: {len(partial)} document(s) not whole")
            totals = snap["totals"]
            assert isinstance(totals, dict)
            if totals["documents"] != totals["distinct hashes"]:
                wrong.append(f"kill {done}: a document stored twice")
            log(f"kill {done} after {delay:.1f} s: {len(per)} documents stored, integrity {snap['integrity']}")
        final = ingest(corpus, db)
        _out, err = final.communicate()
        end = snapshot(db)
        if final.returncode != 0:
            wrong.append(f"the last ingest failed: {err.decode()[-500:]}")
        if end["per"] != ref["per"] or end["totals"] != ref["totals"]:
            wrong.append(f"after the kills the store differs from the reference: {end['totals']} vs {ref['totals']}")
        log(f"{done} kills ({landed} runs ended before their kill); final {end['totals']}")
    return wrong


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", default=None, help="a PostgreSQL URL (a schema per store); default: SQLite files")
    ap.add_argument("--corpus", type=int, default=40, help="generated articles beside the demo pages")
    args = ap.parse_args()
    wrong = run(args.kills, args.seed, args.db, args.corpus)
    for w in wrong:
        print("FAILED:", w)
    if not wrong:
        print(f"held: {args.kills} kill -9, nothing lost or duplicated")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
