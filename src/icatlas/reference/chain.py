"""The IC chain taxonomy: stages down to segments and inputs, with names, trigger terms and flow edges.

Loaded from ``icatlas/data/chain.yaml``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml


@dataclass
class ChainNode:
    id: str
    parent: str | None
    stage: str
    name: str
    name_hant: str
    name_en: str
    terms: list[str] = field(default_factory=list)
    goes_into: list[str] = field(default_factory=list)
    source: str = ""


class Chain:
    """The taxonomy: nodes by id, children, and the "goes into" flow."""

    def __init__(self, nodes: list[ChainNode], version: str) -> None:
        self.version = version
        self.nodes = {n.id: n for n in nodes}
        self.children: dict[str | None, list[str]] = {}
        for n in nodes:
            self.children.setdefault(n.parent, []).append(n.id)

    def __len__(self) -> int:
        return len(self.nodes)

    def get(self, node_id: str) -> ChainNode | None:
        return self.nodes.get(node_id)

    def find(self, query: str) -> ChainNode | None:
        """A node by id, by any of its names, or by one of its terms (case-insensitive)."""
        if query in self.nodes:
            return self.nodes[query]
        q = query.strip().lower()
        for n in self.nodes.values():
            if q in (n.id.lower(), n.name.lower(), n.name_hant.lower(), n.name_en.lower()):
                return n
        for n in self.nodes.values():
            if any(q == t.lower() for t in n.terms):
                return n
        return None

    def subtree(self, node_id: str | None) -> list[tuple[int, ChainNode]]:
        """(depth, node) for the node and everything under it, depth first; all stages for None."""
        out: list[tuple[int, ChainNode]] = []

        def walk(nid: str, depth: int) -> None:
            out.append((depth, self.nodes[nid]))
            for child in self.children.get(nid, []):
                walk(child, depth + 1)

        for root in ([node_id] if node_id else self.children.get(None, [])):
            walk(root, 0)
        return out

    def edges(self) -> list[tuple[str, str]]:
        return [(n.id, t) for n in self.nodes.values() for t in n.goes_into]

    def ancestors(self, node_id: str) -> list[str]:
        out, cur = [], self.nodes.get(node_id)
        while cur is not None and cur.parent:
            out.append(cur.parent)
            cur = self.nodes.get(cur.parent)
        return out


def _load(text: str) -> Chain:
    data = yaml.safe_load(text) or {}
    nodes = []
    for raw in data.get("nodes", []):
        names = raw.get("names") or {}
        nodes.append(ChainNode(
            id=str(raw["id"]), parent=raw.get("parent") or None, stage=str(raw.get("stage") or raw["id"]),
            name=str(names.get("zh-Hans", raw["id"])), name_hant=str(names.get("zh-Hant", "")),
            name_en=str(names.get("en", "")), terms=[str(t) for t in raw.get("terms") or []],
            goes_into=[str(t) for t in raw.get("goes_into") or []], source=str(raw.get("source") or "")))
    return Chain(nodes, f"chain.v{data.get('version', 0)}")


@lru_cache(maxsize=1)
def chain() -> Chain:
    """The bundled chain taxonomy (loaded once)."""
    try:
        text = resources.files("icatlas.data").joinpath("chain.yaml").read_text(encoding="utf-8")
    except FileNotFoundError:
        return Chain([], "chain.v0")
    return _load(text)
