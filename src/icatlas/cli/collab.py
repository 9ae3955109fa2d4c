"""Commands of the collaboration layer: ``alliances``, ``alliance``, ``resources``, ``talent``, ``policies`` and
``goals``. Each calls one method of the :class:`~icatlas.atlas.Atlas` and prints a table with its evidence (document
id and sentence), or the JSON as it is with ``--json``."""
from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from ..errors import NotFound, UsageError
from ..money import scaled as number  # 1.234万, 12亿; — for none
from .common import DbOpt, JsonOpt, RegionOpt, SegmentOpt, show
from .library import open_store

SENTENCE = 70  # characters of an evidence sentence shown in a table


def evidence_line(e: dict[str, Any] | None, pad: str = "      ") -> str:
    """One evidence as a table line: the document and its sentence."""
    if not e:
        return f"{pad}(no source)"
    s = " ".join(str(e.get("sentence") or "").split())
    if len(s) > SENTENCE:
        s = s[:SENTENCE] + "…"
    return f"{pad}[doc {e.get('doc_id')}] {s}"


def alliances_cmd(region: RegionOpt = None, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """IC alliances and associations: founding, members, director units and the regions they span."""
    show(open_store(db).alliances(region=region), as_json, print_alliances)


def print_alliances(data: list[dict[str, Any]]) -> None:
    typer.echo(f"{len(data)} alliance(s) and association(s)")
    for a in data:
        founded = f"founded {a['founded']['date'] or '?'}" if a["founded"] else "founding not reported"
        spans = "、".join(a["regions"]) or "—"
        typer.echo(f"  {a['name']}  [{a['region'] or '—'}]  {founded}; {a['members']} member(s), "
                   f"{a['director_units']} director unit(s); regions {spans}")
        if a["founded"]:
            typer.echo(evidence_line(a["founded"]["evidence"]))


def alliance_cmd(
    name: Annotated[str, typer.Argument(help="The alliance's or association's name, an alias or part of it.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One alliance: founding, initiators, director units, members, agreements, events, regions, resources."""
    data = open_store(db).find_alliance(name)
    if data is None:
        raise NotFound(f"no alliance or association called {name!r}", "list them with `icatlas alliances`")
    show(data, as_json, print_alliance)


def print_alliance(data: dict[str, Any]) -> None:
    typer.echo(f"{data['name']}  [{data['type']}; {data['region'] or '—'}]")
    if data["aliases"]:
        typer.echo(f"  also written: {'、'.join(data['aliases'])}")
    spans = "、".join(data["regions"]) + (f" ({data['group']})" if data["group"] else "")
    typer.echo(f"  regions: {spans or '—'}")
    if data["founded"]:
        typer.echo(f"  founded {data['founded']['date'] or '(date not given)'}")
        typer.echo(evidence_line(data["founded"]["evidence"]))
    if data["initiators"]:
        typer.echo(f"  initiators: {'、'.join(i['name'] for i in data['initiators'])}")
    if data["member_count"]:
        mc = data["member_count"]
        typer.echo(f"  members stated: {mc['qualifier'] + ' ' if mc['qualifier'] else ''}{number(mc['value'])}")
    print_members(data)
    for title, rows in (("agreements", data["agreements"]), ("events", data["events"])):
        typer.echo(f"  {title}: {len(rows)}")
        for e in rows:
            who = "、".join(p["name"] for p in e["participants"] or [])
            typer.echo(f"    {e['date'] or '?'} {e['type']} {e['name'] or ''}  {who}")
            typer.echo(evidence_line(e["evidence"][0] if e["evidence"] else None))
    typer.echo(f"  members' resources: {len(data['resources'])}")
    for r in data["resources"]:
        typer.echo(f"    {r['name']}  [{r['kind']}; {r['region'] or '—'}; host {r['host'] or '—'}]")


def print_members(data: dict[str, Any]) -> None:
    """An alliance's director units, then its other members, each with its rank and evidence."""
    from ..atlas import RANK_ZH

    for title, rows in (("director units", data["director_units"]),
                        ("members", [m for m in data["members"] if m not in data["director_units"]])):
        typer.echo(f"  {title}: {len(rows)}")
        for m in rows:
            first = " (first)" if m["first"] else ""
            typer.echo(f"    {RANK_ZH.get(m['rank'], m['rank'])}{first}  {m['name']}  [{m['region'] or '—'}]")
            typer.echo(evidence_line(m["evidence"][0]))


def resources_cmd(
    region: RegionOpt = None,
    segment: SegmentOpt = None,
    alliance: Annotated[Optional[str], typer.Option(
        "--alliance", help="Only resources hosted by (or being) a member of this alliance.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Shared research resources: labs, pilot lines, public test and design platforms, 芯火 bases."""
    show(open_store(db).resources(region=region, segment=segment, alliance=alliance), as_json, print_resources)


def print_resources(data: list[dict[str, Any]]) -> None:
    typer.echo(f"{len(data)} shared resource(s)")
    for r in data:
        segs = ", ".join(r["segments"]) or "—"
        typer.echo(f"  {r['name']}  [{r['kind']}; {r['region'] or '—'}]  host {r['host'] or '—'}; segments {segs}")
        typer.echo(evidence_line(r["evidence"][0]))


def talent_cmd(region: RegionOpt = None, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Talent by region and date: people figures, training programmes, competitions, talent awards."""
    show(open_store(db).talent(region=region), as_json, print_talent)


def print_talent(data: list[dict[str, Any]]) -> None:
    typer.echo(f"{len(data)} talent item(s)")
    for x in data:
        size = ""
        if x["value"] is not None:
            size = f"  {x['qualifier'] + ' ' if x['qualifier'] and x['qualifier'] != 'target' else ''}" \
                   f"{number(x['value'])}{x['unit'] or ''}"
        label = x["name"] or x["what"] or ""
        plan = " (planned)" if x["planned"] or x["qualifier"] == "target" else ""
        typer.echo(f"  {x['region'] or '—'}  {x['date'] or '?'}  {x['kind']}{plan}  {x['subject'] or ''} "
                   f"{label}{size}")
        typer.echo(evidence_line(x["evidence"]))


def policies_cmd(
    region: RegionOpt = None,
    segment: SegmentOpt = None,
    compare: Annotated[Optional[str], typer.Option(
        "--compare", help="Another region: both regions' policies side by side by measure (needs --region).")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Policy records: issuer, region, date, title, measures, segments and amounts; or two regions compared."""
    atlas = open_store(db)
    if not compare:
        show(atlas.policies(region=region, segment=segment), as_json, print_policies)
        return
    if not region:
        raise UsageError("--compare needs --region", "e.g. icatlas policies --region 苏州 --compare 深圳")
    show(atlas.compare_policies(region, compare, segment=segment), as_json, print_policies_compared)


def print_policies(data: list[dict[str, Any]]) -> None:
    typer.echo(f"{len(data)} polic(ies)")
    for p in data:
        title = f"《{p['title']}》" if p["title"] else "(untitled)"
        measures = ", ".join(p["measures"]) or "—"
        segs = "whole chain" if p["chain_wide"] else ", ".join(p["segments"])
        amounts = "、".join(a.get("text") or number(a.get("value")) for a in p["amounts"]) or "—"
        typer.echo(f"  {p['date'] or '?'}  {p['region'] or '—'}  {title}  issuer {p['issuer'] or '—'}")
        typer.echo(f"      measures {measures}; segments {segs}; amounts {amounts}")
        typer.echo(evidence_line(p["evidence"][0]))


def print_policies_compared(cmp: dict[str, Any]) -> None:
    from ..atlas import MEASURE_ZH

    a, b = cmp["a"], cmp["b"]
    typer.echo(f"{a['region']}: {a['policies']} polic(ies)   vs   {b['region']}: {b['policies']} polic(ies)")
    for m in cmp["measures"]:
        left = "、".join(p["title"] or p["issuer"] or "?" for p in m["a"]) or "—"
        right = "、".join(p["title"] or p["issuer"] or "?" for p in m["b"]) or "—"
        typer.echo(f"  {m['measure']:<8} {MEASURE_ZH.get(m['measure'], '')}: {left}  |  {right}")


def goals_cmd(
    region: RegionOpt = None,
    subject: Annotated[Optional[str], typer.Option(
        "--subject", help="Only subjects whose name or alias holds this text (a park, company, project).")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Stated targets against reality: each target with the later figures for the same subject and progress."""
    show(open_store(db).goals(region=region, subject=subject), as_json, print_goals)


def print_goals(data: list[dict[str, Any]]) -> None:
    typer.echo(f"{len(data)} subject(s) with stated targets")
    for s in data:
        typer.echo(f"  {s['subject']}  [{s['region'] or '—'}]")
        for t in s["targets"]:
            progress = f"{t['progress']:.0%}" if t["progress"] is not None else "no later figure"
            typer.echo(f"    {t['metric']}: target {number(t['value'])} {t['unit'] or ''} by {t['year'] or '?'} "
                       f"(stated {t['date'] or '?'}) → {progress}")
            typer.echo(evidence_line(t["evidence"], "        "))
            for a in t["actuals"]:
                share = f" ({a['progress']:.0%})" if a["progress"] is not None else ""
                typer.echo(f"        {a['year'] or a['date'] or '?'}: {number(a['value'])} {a['unit'] or ''}{share}")
                typer.echo(evidence_line(a["evidence"], "          "))
