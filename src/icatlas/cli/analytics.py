"""Commands of the industrial map: ``map``, ``gaps``, ``compare``, ``partners``, ``targets``, ``timeline``,
``network``, ``projects``, ``followthrough`` and ``export``. Each calls one method of the
:class:`~icatlas.atlas.Atlas` and prints a table, or the JSON as it is with ``--json``."""
from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from ..money import yuan
from .common import DbOpt, JsonOpt, RegionArg, show
from .library import open_store

SHOWN = 5  # research and support organisations named per node in the table (the firms: --firms)
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", help="Judge as of this date (YYYY-MM-DD; default today): 'recent' is the 24 months before it, and "
                    "nothing after it counts.")]


def region_line(r: dict[str, Any]) -> str:
    """A region's heading: its name, level and code, how many chain firms, against how many peers."""
    support = f" (+{r['support']} research and support, not counted)" if r.get("support") else ""
    return f"{r['name']} [{r['level']} {r['code']}], {r['organizations']} chain firms{support}; compared with " \
           f"{r['peers']} regions of the same level"


def map_cmd(
    region: RegionArg,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    show_all: Annotated[bool, typer.Option("--all", help="Also list the chain nodes with no organisation.")] = False,
    evidence: Annotated[int, typer.Option(
        "--evidence", help="Sentences of evidence per organisation (from IC-relevant documents).")] = 3,
    as_of: AsOfOpt = None,
    firms: Annotated[int, typer.Option(
        "--firms", min=0, help="Firms listed per chain node, the best documented first (0: all).")] = 5,
) -> None:
    """The chain map of a region: per chain node its firms with evidence, size, LQ and label (leading,
    specialised, present, thin, absent), and its research and support organisations."""
    show(open_store(db).chain_map(region, evidence=evidence, as_of=as_of, firms=firms), as_json,
         lambda data: print_map(data, show_all))


def print_map(data: dict[str, Any], show_all: bool) -> None:
    typer.echo(region_line(data["region"]))
    depth: dict[str | None, int] = {None: -1}
    for n in data["nodes"]:
        depth[n["id"]] = depth.get(n["parent"], -1) + 1
        if not n["count"] and not n.get("support") and not show_all:
            continue
        flag = n["label"].upper() if n["label"] in ("leading", "specialised") else n["label"]
        pad = "  " * depth[n["id"]]
        rank = f"  rank {n['rank']}/{n['ranked']}" if n["rank"] else ""
        typer.echo(f"{pad}{n['id']}  {n['name']}  firms {n['count']}  size {n['size']:.1f}{rank}  "
                   f"LQ {n['lq']:.2f}  {flag}")
        for o in n["organizations"]:
            docs = [s for s in o["sources"] if s["kind"] == "document"]
            how = f"doc {docs[0]['doc_id']}: {docs[0]['sentence']}" if docs else "registry"
            typer.echo(f"{pad}    · {o['name']}  ({how})")
        if n["more"]:
            typer.echo(f"{pad}    · … and {n['more']} more (--firms 0 lists all)")
        if n.get("support"):
            rest = len(n["support"]) - SHOWN + n.get("support_more", 0)
            typer.echo(f"{pad}    research and support (not counted): "
                       + "、".join(o["name"] for o in n["support"][:SHOWN])
                       + (f" … and {rest} more" if rest > 0 else ""))
    typer.echo("labels: " + "; ".join(f"{k}: {v}" for k, v in data.get("labels", {}).items()))


def gaps_cmd(
    region: RegionArg,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", help="How many gaps to show (0: all).")] = 15,
    as_of: AsOfOpt = None,
) -> None:
    """The links absent or thin in a region that its own chain needs (补链), ranked by priority, each with its
    reason."""
    show(open_store(db).gaps(region, limit=limit or None, as_of=as_of), as_json, print_gaps)


def print_gaps(data: dict[str, Any]) -> None:
    typer.echo(region_line(data["region"]))
    for i, g in enumerate(data["gaps"], 1):
        typer.echo(f"{i:>3}. {g['id']}  {g['name']}  priority {g['priority']:.3f}  [{g['status']}]")
        typer.echo(f"       {g['reason']}")


def compare_cmd(
    a: Annotated[str, typer.Argument(help="The first region (四川, 苏州, 长三角 ...).")],
    b: Annotated[str, typer.Argument(help="The second region.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    """Complementarity: segments where one region is leading or specialised and the other is not, both ways."""
    show(open_store(db).compare(a, b, as_of=as_of), as_json, print_compared)


def print_compared(data: dict[str, Any]) -> None:
    ra, rb = data["a"]["name"], data["b"]["name"]
    for key, strong, weak, side in (("a_strong_b_weak", ra, rb, "a"), ("b_strong_a_weak", rb, ra, "b")):
        typer.echo(f"{strong} leading or specialised, {weak} not: {len(data[key])}")
        for x in data[key]:
            other = "b" if side == "a" else "a"
            names = "、".join(o["name"] for o in x[side]["organizations"][:5])
            typer.echo(f"  {x['id']}  {x['name']}  {x[side]['label']} ({x[side]['count']} firms, LQ "
                       f"{x[side]['lq']:.2f}) vs {x[other]['label']} ({x[other]['count']}, LQ {x[other]['lq']:.2f})"
                       f"  {names}")
    typer.echo("labels: " + "; ".join(f"{k}: {v}" for k, v in data.get("labels", {}).items()))


def partners_cmd(
    org: Annotated[str, typer.Argument(help="An organisation's name, short name or English name (中芯国际, SMIC).")],
    region: Annotated[Optional[str], typer.Option(
        "--in", help="Only candidates located in this region (长三角, 苏州 ...).")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", help="How many candidates to show.")] = 20,
    as_of: AsOfOpt = None,
) -> None:
    """Partners for an organisation: chain firms in the segments its own feeds or takes from, ranked by fit, scale
    and recent expansion, one per corporate group, each with the reason."""
    show(open_store(db).partners(org, region=region, limit=limit, as_of=as_of), as_json, print_partners)


def print_partners(data: dict[str, Any]) -> None:
    o = data["org"]
    where = f" in {data['region']['name']}" if data["region"] else ""
    typer.echo(f"{o['name']} [{o['region'] or '—'}; {', '.join(o['segments'])}]: {len(data['partners'])} "
               f"candidate(s){where}")
    for i, p in enumerate(data["partners"], 1):
        typer.echo(f"{i:>3}. {p['name']}  [{p['region'] or '—'}]  score {p['score']:.2f}")
        typer.echo(f"       {p['reason']}")


def targets_cmd(
    region: RegionArg,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    gap_count: Annotated[int, typer.Option("--gaps", help="How many of the top gaps to fill.")] = 10,
    limit: Annotated[int, typer.Option("--limit", help="How many organisations to show.")] = 20,
    as_of: AsOfOpt = None,
) -> None:
    """Attraction targets (招商): chain firms outside a region in its gap segments, ranked by fit to the gap, scale
    and recent expansion, one per corporate group, with recent events."""
    show(open_store(db).targets(region, gaps=gap_count, limit=limit, as_of=as_of), as_json, print_targets)


def print_targets(data: dict[str, Any]) -> None:
    typer.echo(region_line(data["region"]))
    typer.echo("gaps: " + "、".join(g["name"] for g in data["gaps"]))
    for i, x in enumerate(data["targets"], 1):
        typer.echo(f"{i:>3}. {x['name']}  [{x['region']}]  score {x['score']:.2f}")
        typer.echo(f"       {x['reason']}")
        if x.get("group_members"):
            typer.echo(f"       same group: {'、'.join(x['group_members'])}")
        for e in x["events"]:
            typer.echo(f"       - {e['date'] or '?'} {e['type']} (doc {e['doc_id']}) {e['name'] or ''}")


def timeline_cmd(
    region: RegionArg,
    by: Annotated[str, typer.Option("--by", help="Period: year, quarter or month.")] = "year",
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    """Investment totals of a region per period (investment, financing, acquisition amounts in CNY)."""
    show(open_store(db).timeline(region, by=by, as_of=as_of), as_json, lambda data: print_timeline(data, by))


def print_timeline(data: dict[str, Any], by: str) -> None:
    typer.echo(f"{data['region']['name']}: {yuan(data['total_cny'])} in {len(data['events'])} event(s), by {by}")
    for p in data["periods"]:
        extra = f"  ({p['unconverted']} in a currency without a rate)" if p["unconverted"] else ""
        kinds = ", ".join(f"{k} {yuan(v)}" for k, v in sorted(p["by_type"].items()))
        typer.echo(f"  {p['period']:<8} {yuan(p['total_cny']):>14}  {p['events']} event(s)  {kinds}{extra}")


def network_cmd(
    region: Annotated[Optional[str], typer.Argument(help="Only edges with an end located in this region.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    """The collaboration network: agreements signed together, alliance memberships and partnerships."""
    show(open_store(db).network(region, as_of=as_of), as_json, print_network)


def print_network(data: dict[str, Any]) -> None:
    typer.echo(f"{len(data['nodes'])} organisation(s), {len(data['edges'])} edge(s)")
    for e in data["edges"]:
        first = e["evidence"][0] if e["evidence"] else {}
        typer.echo(f"  {e['source']} —{e['type']}→ {e['target']}  ({e['weight']} document(s); doc "
                   f"{first.get('doc_id')}: {(first.get('sentence') or '')[:60]})")


def projects_cmd(
    region: RegionArg,
    stalled_months: Annotated[int, typer.Option(
        "--stalled-months", help="A project not producing with no news for this many months is stalled.")] = 12,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    """Project life cycles in a region: signed → under construction → producing, or stalled (no news for
    --stalled-months before the as-of date)."""
    show(open_store(db).projects(region, stalled_months=stalled_months, as_of=as_of), as_json, print_projects)


def print_projects(data: dict[str, Any]) -> None:
    typer.echo(f"{data['region']['name']}: {len(data['projects'])} project(s); newest event {data['newest']}")
    for p in data["projects"]:
        typer.echo(f"  {p['project']}  [{p['status']}]  {p['first_date']} → {p['last_date']}  "
                   f"{yuan(p['amount_cny'])}  {'、'.join(p['organizations'])}")
        for e in p["events"]:
            typer.echo(f"      - {e['date']} {e['type']} → {e['stage']} (doc {e['doc_id']})")


def followthrough_cmd(region: RegionArg, db: DbOpt = None, as_json: JsonOpt = False, as_of: AsOfOpt = None) -> None:
    """Agreement follow-through: for each agreement signed in a region, the later events of its parties in the
    chain segments it names."""
    show(open_store(db).followthrough(region, as_of=as_of), as_json, print_followthrough)


def print_followthrough(data: dict[str, Any]) -> None:
    typer.echo(f"{data['region']['name']}: {len(data['agreements'])} agreement(s)")
    for a in data["agreements"]:
        named = "、".join(x["name"] for x in a["areas"]) or "no chain segment named"
        typer.echo(f"  {a['date']} {'、'.join(a['parties'])}: {named}  "
                   f"[{len(a['followups'])} follow-up(s)] (doc {a['doc_id']})")
        for f in a["followups"]:
            typer.echo(f"      - {f['date']} {f['type']} {f['name'] or ''} by {'、'.join(f['parties'])} "
                       f"(doc {f['doc_id']})")


def export_cmd(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="csv (a folder), xlsx, json or graphml.")],
    out: Annotated[str, typer.Argument(help="Where to write: a folder for csv, else a file.")],
    region: Annotated[Optional[str], typer.Option("--region", help="Only what concerns this region.")] = None,
    include_all: Annotated[bool, typer.Option(
        "--all", help="Also the documents judged off-topic and their facts.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Export the knowledge graph: CSV, XLSX (one sheet per table), JSON or GraphML."""
    show(open_store(db).export(fmt, out, region=region, include_off_topic=include_all), as_json, print_exported)


def print_exported(data: dict[str, Any]) -> None:
    counts = ", ".join(f"{k} {v}" for k, v in data["tables"].items())
    typer.echo(f"wrote {', '.join(data['files'])} ({counts})", err=True)
    if data.get("left_out"):
        left = ", ".join(f"{k} {v}" for k, v in data["left_out"].items())
        typer.echo(f"left out {left}: {data['why']}", err=True)
