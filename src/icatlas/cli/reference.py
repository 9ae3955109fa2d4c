"""Commands on the reference data and the store's names: ``chain`` (the IC chain taxonomy), ``region``, ``org`` and
``search``."""
from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from ..errors import NotFound
from .common import DbOpt, JsonOpt, RegionOpt, echo_json, show
from .library import open_store


def chain(
    node: Annotated[Optional[str], typer.Argument(help="A node id, name or term (光刻机, equipment.etch); default all.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the IC chain taxonomy as a tree, whole or from one node."""
    tree = open_store(db).chain(node)
    if as_json:
        echo_json(tree if node is None else tree[0])
    else:
        print_chain(tree, flows=node is not None)


def print_chain(tree: list[dict[str, Any]], flows: bool) -> None:
    """The tree indented, a node per line; with ``flows``, each node's outputs (the chain segments it goes into)."""
    def line(n: dict[str, Any], depth: int) -> None:
        flow = f"  → {', '.join(n['goes_into'])}" if n["goes_into"] and flows else ""
        typer.echo(f"{'  ' * depth}{n['id']}  {n['name']} / {n['name_en']}{flow}")
        for c in n["children"]:
            line(c, depth + 1)

    for root in tree:
        line(root, 0)


def region(
    query: Annotated[str, typer.Argument(help="A region name: 苏州, 蘇州, Suzhou, 苏州工业园区, 长三角 ...")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    context: Annotated[Optional[list[str]], typer.Option(
        "--context", help="Other region names in view, to settle ambiguity (朝阳区 --context 北京).")] = None,
) -> None:
    """Resolve a region name and show its hierarchy, groups and members."""
    show(open_store(db).region(query, context), as_json, print_region)


def print_region(data: dict[str, Any]) -> None:
    r = data["region"]
    street = [data["street"]["name"]] if data.get("street") else []
    chain_up = " < ".join([*street, r["name"], *(h["name"] for h in data["hierarchy"])])
    typer.echo(f"{chain_up}   [{r['level']} {r['code']}]")
    if data["members"]:
        typer.echo("members: " + "、".join(m["name"] for m in data["members"]))
    if data["groups"]:
        typer.echo("groups:  " + "、".join(g["name"] for g in data["groups"]))
    for alt in data["alternatives"]:
        typer.echo(f"also:    {alt['name']} < {' < '.join(alt['hierarchy'])}  [{alt['code']}]")


def org(
    query: Annotated[Optional[str], typer.Argument(
        help="Part of an organisation's name, short name or English name; none lists every organisation.")] = None,
    origin: Annotated[Optional[str], typer.Option(
        "--origin", help="Only those found in pages alone (news), in a registry (registry), in the bundled registry "
                         "(reference) or in one you imported (import).")] = None,
    segment: Annotated[Optional[str], typer.Option(
        "--segment", help="Only this chain node and the nodes under it (an id, name or term: design, 设计, 光刻机); "
                          "any: under some node; none: under none.")] = None,
    region: RegionOpt = None,
    org_type: Annotated[Optional[str], typer.Option(
        "--type", help="Only this type: company, government, association, university, institute, park, fund, "
                       "platform, media, organization.")] = None,
    limit: Annotated[Optional[int], typer.Option(
        min=0, help="How many to show: default 10 with a QUERY, all without; 0 for all.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List organisations, or those matching a name, with their type, region, origin and chain segments."""
    n = (10 if query else 0) if limit is None else limit
    data = open_store(db).org_list(query, origin=origin, segment=segment, region=region, type=org_type,
                                   limit=n or None)
    if query and not data["total"]:
        raise NotFound(f"no organisation matches {query!r}" + _filtered(data["filters"]),
                       "try a short name (上海微电子) or English (SMEE)")
    show(data["organizations"], as_json, print_orgs)
    if data["count"] < data["total"]:
        typer.echo(f"{data['count']} of {data['total']} shown (--limit N for more, --limit 0 for all)", err=True)
    elif not query:
        typer.echo(f"{data['total']} organisation(s)" + _filtered(data["filters"]), err=True)


def _filtered(filters: dict[str, Any]) -> str:
    given = ", ".join(f"{k} {v}" for k, v in filters.items() if v)
    return f" ({given})" if given else ""


def print_orgs(hits: list[dict[str, Any]]) -> None:
    for h in hits:
        typer.echo(f"{h['name']}  [{h['type']}, {h['region'] or '—'}]  {_source(h)}")
        if h["aliases"]:
            typer.echo(f"  aliases:  {'、'.join(h['aliases'])}")
        for seg in h["segments"]:
            typer.echo(f"  segment:  {seg['id']}  {seg['name'] or ''} / {seg['name_en'] or ''}")


def _source(h: dict[str, Any]) -> str:
    """Where the row comes from and how many IC-relevant documents name it: ``news, 3 docs``."""
    origin = h.get("origin") or "news"
    kind = "registry" if origin == "reference" else origin
    return f"{kind}, {h.get('documents', 0)} doc(s)"


def search(
    query: Annotated[str, typer.Argument(help="Words to find, in Simplified or Traditional (上海微电子, 上海微電子, SMIC).")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="At most this many documents.")] = 20,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Find documents, organisations, regions and chain segments by name or text, in either script."""
    show(open_store(db).search(query, limit), as_json, print_search)


def print_search(data: dict[str, Any]) -> None:
    """The hits by kind: documents with a snippet, then organisations, regions and segments."""
    typer.echo(f"{len(data['documents'])} document(s), {len(data['organizations'])} organisation(s), "
               f"{len(data['regions'])} region(s), {len(data['segments'])} segment(s) for {data['q']!r}")
    for d in data["documents"]:
        snippet = " ".join(str(d["snippet"] or "").split())
        typer.echo(f"doc {d['id']:>6}  {d['published'] or '':10}  {d['title'] or d['source']}\n            {snippet}")
    for o in data["organizations"]:
        typer.echo(f"org {o['id']:>6}  {o['name']}  [{o.get('type') or ''}]")
    for r in data["regions"]:
        typer.echo(f"region     {r['name']}  [{r['level']} {r['code']}]")
    for s in data["segments"]:
        typer.echo(f"segment    {s['id']}  {s['name']}")
