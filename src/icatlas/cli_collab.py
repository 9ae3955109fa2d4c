"""Commands of the collaboration layer: ``alliances``, ``alliance``, ``resources``, ``talent``, ``policies`` and
``goals``. Each calls one function of :mod:`icatlas.analytics.collab` and prints a table with its evidence (document
id and sentence), or the JSON as it is with ``--json``."""
from __future__ import annotations

import json
from typing import Annotated, Any, Optional

import typer

from .money import scaled

DbOpt = Annotated[Optional[str], typer.Option(
    "--db", help="SQLite file or database URL (postgresql://...). Default: $ICATLAS_DB, else ./icatlas.db.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
RegionOpt = Annotated[Optional[str], typer.Option(
    "--region", help="Only this region and the regions inside it (苏州, 上海, 长三角, Suzhou ...).")]
SegmentOpt = Annotated[Optional[str], typer.Option(
    "--segment", help="Only this chain node and the nodes under it (an id, name or term: design, 设计, 光刻机).")]

SENTENCE = 70  # characters of an evidence sentence shown in a table


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, default=str))


def _open(db: str | None) -> Any:
    from .store import Store

    return Store.open(db)


def _ev(e: dict[str, Any] | None, pad: str = "      ") -> str:
    """One evidence as a table line: the document and its sentence."""
    if not e:
        return f"{pad}(no source)"
    s = " ".join(str(e.get("sentence") or "").split())
    if len(s) > SENTENCE:
        s = s[:SENTENCE] + "…"
    return f"{pad}[doc {e.get('doc_id')}] {s}"


def register(app: typer.Typer) -> None:
    """Add the collaboration commands to ``app``."""

    @app.command("alliances")
    def alliances_cmd(region: RegionOpt = None, db: DbOpt = None, as_json: JsonOpt = False) -> None:
        """IC alliances and associations: founding, members, director units and the regions they span."""
        from .analytics.collab import alliances

        data = alliances(_open(db), region=region)
        if as_json:
            _echo_json(data)
            return
        typer.echo(f"{len(data)} alliance(s) and association(s)")
        for a in data:
            founded = f"founded {a['founded']['date'] or '?'}" if a["founded"] else "founding not reported"
            spans = "、".join(a["regions"]) or "—"
            typer.echo(f"  {a['name']}  [{a['region'] or '—'}]  {founded}; {a['members']} member(s), "
                       f"{a['director_units']} director unit(s); regions {spans}")
            if a["founded"]:
                typer.echo(_ev(a["founded"]["evidence"]))

    @app.command("alliance")
    def alliance_cmd(
        name: Annotated[str, typer.Argument(help="The alliance's or association's name, an alias or part of it.")],
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """One alliance: founding, initiators, director units, members, agreements, events, regions, resources."""
        from .analytics.collab import RANK_ZH, alliance
        from .errors import NotFound

        data = alliance(_open(db), name)
        if data is None:
            raise NotFound(f"no alliance or association called {name!r}", "list them with `icatlas alliances`")
        if as_json:
            _echo_json(data)
            return
        typer.echo(f"{data['name']}  [{data['type']}; {data['region'] or '—'}]")
        if data["aliases"]:
            typer.echo(f"  also written: {'、'.join(data['aliases'])}")
        spans = "、".join(data["regions"]) + (f" ({data['group']})" if data["group"] else "")
        typer.echo(f"  regions: {spans or '—'}")
        if data["founded"]:
            typer.echo(f"  founded {data['founded']['date'] or '(date not given)'}")
            typer.echo(_ev(data["founded"]["evidence"]))
        if data["initiators"]:
            typer.echo(f"  initiators: {'、'.join(i['name'] for i in data['initiators'])}")
        if data["member_count"]:
            mc = data["member_count"]
            typer.echo(f"  members stated: {mc['qualifier'] + ' ' if mc['qualifier'] else ''}{scaled(mc['value'])}")
        for title, rows in (("director units", data["director_units"]),
                            ("members", [m for m in data["members"] if m not in data["director_units"]])):
            typer.echo(f"  {title}: {len(rows)}")
            for m in rows:
                first = " (first)" if m["first"] else ""
                typer.echo(f"    {RANK_ZH.get(m['rank'], m['rank'])}{first}  {m['name']}  [{m['region'] or '—'}]")
                typer.echo(_ev(m["evidence"][0]))
        for title, rows in (("agreements", data["agreements"]), ("events", data["events"])):
            typer.echo(f"  {title}: {len(rows)}")
            for e in rows:
                who = "、".join(p["name"] for p in e["participants"] or [])
                typer.echo(f"    {e['date'] or '?'} {e['type']} {e['name'] or ''}  {who}")
                typer.echo(_ev(e["evidence"][0] if e["evidence"] else None))
        typer.echo(f"  members' resources: {len(data['resources'])}")
        for r in data["resources"]:
            typer.echo(f"    {r['name']}  [{r['kind']}; {r['region'] or '—'}; host {r['host'] or '—'}]")

    @app.command("resources")
    def resources_cmd(
        region: RegionOpt = None,
        segment: SegmentOpt = None,
        alliance: Annotated[Optional[str], typer.Option(
            "--alliance", help="Only resources hosted by (or being) a member of this alliance.")] = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Shared research resources: labs, pilot lines, public test and design platforms, 芯火 bases."""
        from .analytics.collab import resources

        data = resources(_open(db), region=region, segment=segment, alliance=alliance)
        if as_json:
            _echo_json(data)
            return
        typer.echo(f"{len(data)} shared resource(s)")
        for r in data:
            segs = ", ".join(r["segments"]) or "—"
            typer.echo(f"  {r['name']}  [{r['kind']}; {r['region'] or '—'}]  host {r['host'] or '—'}; segments {segs}")
            typer.echo(_ev(r["evidence"][0]))

    @app.command("talent")
    def talent_cmd(region: RegionOpt = None, db: DbOpt = None, as_json: JsonOpt = False) -> None:
        """Talent by region and date: people figures, training programmes, competitions, talent awards."""
        from .analytics.collab import talent

        data = talent(_open(db), region=region)
        if as_json:
            _echo_json(data)
            return
        typer.echo(f"{len(data)} talent item(s)")
        for x in data:
            size = ""
            if x["value"] is not None:
                size = f"  {x['qualifier'] + ' ' if x['qualifier'] and x['qualifier'] != 'target' else ''}" \
                       f"{scaled(x['value'])}{x['unit'] or ''}"
            label = x["name"] or x["what"] or ""
            plan = " (planned)" if x["planned"] or x["qualifier"] == "target" else ""
            typer.echo(f"  {x['region'] or '—'}  {x['date'] or '?'}  {x['kind']}{plan}  {x['subject'] or ''} "
                       f"{label}{size}")
            typer.echo(_ev(x["evidence"]))

    @app.command("policies")
    def policies_cmd(
        region: RegionOpt = None,
        segment: SegmentOpt = None,
        compare: Annotated[Optional[str], typer.Option(
            "--compare", help="Another region: both regions' policies side by side by measure (needs --region).")] = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Policy records: issuer, region, date, title, measures, segments and amounts; or two regions compared."""
        from .analytics.collab import compare_policies, policies
        from .analytics.collab.policies import MEASURE_ZH
        from .errors import UsageError

        store = _open(db)
        if compare:
            if not region:
                raise UsageError("--compare needs --region", "e.g. icatlas policies --region 苏州 --compare 深圳")
            cmp = compare_policies(store, region, compare, segment=segment)
            if as_json:
                _echo_json(cmp)
                return
            a, b = cmp["a"], cmp["b"]
            typer.echo(f"{a['region']}: {a['policies']} polic(ies)   vs   {b['region']}: {b['policies']} polic(ies)")
            for m in cmp["measures"]:
                left = "、".join(p["title"] or p["issuer"] or "?" for p in m["a"]) or "—"
                right = "、".join(p["title"] or p["issuer"] or "?" for p in m["b"]) or "—"
                typer.echo(f"  {m['measure']:<8} {MEASURE_ZH.get(m['measure'], '')}: {left}  |  {right}")
            return
        data = policies(store, region=region, segment=segment)
        if as_json:
            _echo_json(data)
            return
        typer.echo(f"{len(data)} polic(ies)")
        for p in data:
            title = f"《{p['title']}》" if p["title"] else "(untitled)"
            measures = ", ".join(p["measures"]) or "—"
            segs = "whole chain" if p["chain_wide"] else ", ".join(p["segments"])
            amounts = "、".join(a.get("text") or scaled(a.get("value")) for a in p["amounts"]) or "—"
            typer.echo(f"  {p['date'] or '?'}  {p['region'] or '—'}  {title}  issuer {p['issuer'] or '—'}")
            typer.echo(f"      measures {measures}; segments {segs}; amounts {amounts}")
            typer.echo(_ev(p["evidence"][0]))

    @app.command("goals")
    def goals_cmd(
        region: RegionOpt = None,
        subject: Annotated[Optional[str], typer.Option(
            "--subject", help="Only subjects whose name or alias holds this text (a park, company, project).")] = None,
        db: DbOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Stated targets against reality: each target with the later figures for the same subject and progress."""
        from .analytics.collab import targets

        data = targets(_open(db), region=region, subject=subject)
        if as_json:
            _echo_json(data)
            return
        typer.echo(f"{len(data)} subject(s) with stated targets")
        for s in data:
            typer.echo(f"  {s['subject']}  [{s['region'] or '—'}]")
            for t in s["targets"]:
                progress = f"{t['progress']:.0%}" if t["progress"] is not None else "no later figure"
                typer.echo(f"    {t['metric']}: target {scaled(t['value'])} {t['unit'] or ''} by {t['year'] or '?'} "
                           f"(stated {t['date'] or '?'}) → {progress}")
                typer.echo(_ev(t["evidence"], "        "))
                for a in t["actuals"]:
                    share = f" ({a['progress']:.0%})" if a["progress"] is not None else ""
                    typer.echo(f"        {a['year'] or a['date'] or '?'}: {scaled(a['value'])} {a['unit'] or ''}{share}")
                    typer.echo(_ev(a["evidence"], "          "))
