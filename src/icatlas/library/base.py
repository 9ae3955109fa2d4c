"""What the views of the atlas share: the chain segments in tree order, names joined for a one-test substring match."""
from __future__ import annotations

from typing import Any

from ..analytics.snapshot import snapshot
from ..store import Store


def segments(store: Store) -> list[dict[str, Any]]:
    """Every chain node (id, name, name_en, stage, depth) in tree order, for the segment select."""
    ch = snapshot(store).chain
    out: list[dict[str, Any]] = []

    def walk(parent: str | None, depth: int) -> None:
        for nid in ch.children.get(parent, []):
            n = ch.nodes[nid]
            out.append({"id": nid, "name": n.name, "name_en": n.name_en, "stage": n.stage, "depth": depth})
            walk(nid, depth + 1)
    walk(None, 0)
    return out


def joined(names: Any) -> str:
    """Names in lower case, each between NULs: ``q in joined`` finds a name holding ``q``, ``f"\0{q}\0" in joined``
    a name that is ``q``; one substring test per row instead of one per name."""
    return "\0" + "\0".join(str(n).lower() for n in names) + "\0"
