"""The layers hold: no import cycle between packages, SQL only in store/, no private names across packages, and
modules and functions of a size one can read (docs/architecture.md)."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "icatlas"
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80
SQL_MODULES = ("sqlalchemy", "icatlas.store.schema")


def _modules() -> list[tuple[str, Path, ast.Module]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out.append((name, path, ast.parse(path.read_text(encoding="utf-8"))))
    return out


def _imports(name: str, path: Path, tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(imported module, imported names) for every import statement, relative ones made absolute."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module:  # from X import a, b: X (and a, b where they are modules)
                out.append((target, [a.name for a in node.names]))
            out += [(f"{target}.{a.name}", []) for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
    return out


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_no_import_cycle_between_packages() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path, tree in _modules():
        for target, _names in _imports(name, path, tree):
            if target.startswith("icatlas.") and _package(target) != _package(name):
                edges[_package(name)].add(_package(target))

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    cycles = sorted((a, b) for a in edges for b in edges[a] if a in reach(b))
    assert not cycles, cycles


#: The layers, lowest first (docs/architecture.md): a package may import only packages of a lower or equal rank.
LAYERS = [
    {"version", "errors", "dates", "model", "money", "budget"},  # utilities beside every layer
    {"reference"}, {"normalise"}, {"read"}, {"extract"}, {"resolve"}, {"store"}, {"pipeline", "parallel", "spark"},
    {"analytics", "annotate", "annotate_events"},
    {"library"}, {"atlas"}, {"icatlas"},  # the library API (icatlas: the package's own __init__)
    {"serve"}, {"brief"}, {"cli"},  # the faces
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def test_arrows_only_point_down() -> None:
    upward = []
    for name, path, tree in _modules():
        for target, _names in _imports(name, path, tree):
            if target.startswith("icatlas.") or target == "icatlas":
                src, dst = _package(name), _package(target)
                if not (SRC / dst).is_dir() and not (SRC / f"{dst}.py").is_file():
                    dst = "icatlas"  # a name the package's __init__ defines (__version__, open)
                assert src in RANK and dst in RANK, f"{src} or {dst} has no layer in LAYERS"
                if RANK[dst] > RANK[src]:
                    upward.append((name, target))
    assert not upward, upward


def test_only_the_store_speaks_sql() -> None:
    offenders = []
    for name, path, tree in _modules():
        if _package(name) == "store":
            continue
        for target, _names in _imports(name, path, tree):
            if target.startswith(SQL_MODULES):
                offenders.append((name, target))
    assert not offenders, offenders


def test_no_private_name_crosses_a_package() -> None:
    offenders = []
    for name, path, tree in _modules():
        for target, names in _imports(name, path, tree):
            if not target.startswith("icatlas.") or _package(target) == _package(name):
                continue
            offenders += [(name, target, n) for n in names if n.startswith("_") and not n.startswith("__")]
    assert not offenders, offenders


def test_modules_and_functions_stay_readable() -> None:
    big, long_functions = [], []
    for name, path, tree in _modules():
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_MODULE_LINES:
            big.append((name, lines))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long_functions.append((name, node.name, length))
    assert not big, big
    assert not long_functions, long_functions


#: The faces reach the analyses and the store only through the library (``icatlas.open``, ``atlas.py``,
#: ``library/``): per face, the modules that may import them anyway. The command line's one door to the library
#: is ``cli/library.py`` (it opens the atlas, and names the store for the web app's workers). The web app reads the
#: store's state, its per-state memo and the readying through the atlas too.
FACES = {"brief": set(), "cli": {"icatlas.cli.library"}, "serve": set()}
BEHIND_THE_LIBRARY = ("icatlas.analytics", "icatlas.store")


def test_faces_reach_analyses_and_store_only_through_the_library() -> None:
    offenders = []
    for name, path, tree in _modules():
        face = _package(name)
        if face not in FACES or name in FACES[face]:
            continue
        for target, _names in _imports(name, path, tree):
            if target.startswith(BEHIND_THE_LIBRARY):
                offenders.append((name, target))
    assert not offenders, offenders
