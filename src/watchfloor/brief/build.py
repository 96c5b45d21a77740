"""Build the typed :class:`Brief` for one week from the store (no rendering here).

DOCS: docs/brief.md. Steps: the week's events (grouped into incidents when the
resolution stage linked them), scored and ranked (``brief/score.py``), grouped by
theatre and province in date order, mapped, charted over ``weeks_back`` weeks,
with the week's statistics records, alerts and an appendix of every event.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from watchfloor import __version__
from watchfloor.analyse import alerts
from watchfloor.brief.charts import PALETTE, Series, bar_chart
from watchfloor.brief.data import (
    DEFAULT_STYLE,
    Theatres,
    load_borders,
    load_score_weights,
    load_theatres,
    load_type_styles,
)
from watchfloor.brief.maps import MapPoint, render_map
from watchfloor.brief.model import (
    AlertEntry,
    AppendixRow,
    Brief,
    BriefIncident,
    Chart,
    Province,
    Ref,
    Statement,
    StatisticEntry,
    Theatre,
    anchor_for,
)
from watchfloor.brief.score import score_incident
from watchfloor.brief.sentences import citation, describe_event, long_date, merge_sources
from watchfloor.brief.svg import clean_text
from watchfloor.models import Event
from watchfloor.store import Store
from watchfloor.store.analysis import (
    StatisticRow,
    aggregate_events,
    area_last_seen,
    date_range,
    incident_groups,
    statistics_between,
)

MAX_MAIN, MIN_MAIN = 10, 5
UNLOCATED_PROVINCE = "Province not stated"


def week_containing(day: dt.date, *, first_weekday: int = 0) -> dt.date:
    """The first day of the week holding ``day`` (``first_weekday``: 0 Monday ... 6 Sunday)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def format_period(start: dt.date, end: dt.date) -> str:
    """``February 13–19, 2020``; ``June 29 – July 5, 2017``."""
    if start == end:
        return long_date(start)
    if start.year != end.year:
        return f"{long_date(start)} – {long_date(end)}"
    if start.month != end.month:
        return f"{start:%B} {start.day} – {end:%B} {end.day}, {end.year}"
    return f"{start:%B} {start.day}–{end.day}, {end.year}"


def _representative(events: Sequence[Event]) -> Event:
    return max(events, key=lambda e: (e.fatalities, e.killed is not None, len(e.sources), e.id))


def _statement(events: Sequence[Event], refs: dict[str, Ref], *, with_area: bool) -> Statement:
    rep = events[0]
    sources = merge_sources(events)
    urls = tuple(
        s.name for s in sources if s.name.startswith(("http://", "https://")) and '"' not in s.name
    )
    return Statement(
        text=describe_event(rep, with_area=with_area),
        citation=citation(sources, fallback=rep.doc),
        refs=tuple(refs[e.id] for e in events),
        urls=urls,
    )


def build_brief(store: Store, week_start: dt.date, *, weeks_back: int = 8) -> Brief:
    """Everything a brief shows for the seven days from ``week_start``, as typed values."""
    week_end = week_start + dt.timedelta(days=6)
    weights, theatres = load_score_weights(), load_theatres()
    events = store.query_events(since=week_start, until=week_end)
    refs = {
        e.id: Ref("event", e.id, anchor_for("event", e.id), f"E{n}")
        for n, e in enumerate(events, start=1)
    }
    appendix = tuple(AppendixRow(n, refs[e.id], e) for n, e in enumerate(events, start=1))
    incidents = _incidents(store, events, refs, week_start, theatres)
    ranked = sorted(incidents, key=lambda i: (-i.score.value, i.event_date or dt.date.max, i.key))
    main = [i for i in ranked if i.score.value > 0][:MAX_MAIN]
    if len(main) < MIN_MAIN:
        main = ranked[: min(MIN_MAIN, len(ranked))]
    ranks = {incident.key: n for n, incident in enumerate(main, start=1)}
    incidents = [_with_rank(i, ranks.get(i.key)) for i in incidents]
    main_events = tuple(sorted((i for i in incidents if i.rank), key=lambda i: i.rank or 0))
    stats = statistics_between(store.conn, since=week_start, until=week_end)
    stat_entries = tuple(
        StatisticEntry(
            n, ref := Ref("statistic", str(s.id), anchor_for("statistic", str(s.id)), f"S{n}"),
            Statement(_statistic_text(s), f"({clean_text(s.doc)})", (ref,)), s,
        )
        for n, s in enumerate(stats, start=1)
    )  # fmt: skip
    alert_entries = tuple(
        AlertEntry(a, tuple(refs[i] for i in a.event_ids if i in refs))
        for a in alerts(store, week_start=week_start)
    )
    return Brief(
        title=f"Weekly brief: {format_period(week_start, week_end)}",
        period=format_period(week_start, week_end),
        week_start=week_start, week_end=week_end, weeks_back=weeks_back,
        main_events=main_events,
        theatres=_theatres(incidents, theatres),
        overview_map_svg=_map(
            incidents, "Overview of the week's events", min_span=8.0, clip_id="clip-overview"
        ),
        charts=_charts(store, week_start, weeks_back),
        claims=_claims(events, refs),
        statistics=stat_entries, alerts=alert_entries, appendix=appendix, weights=weights,
        attribution=str(load_borders().get("attribution", "")),
        documents=tuple(sorted({e.doc for e in events})),
        uses_incidents=any(i.key.startswith("incident-") for i in incidents),
        version=__version__,
    )  # fmt: skip


def _with_rank(incident: BriefIncident, rank: int | None) -> BriefIncident:
    if rank is None:
        return incident
    return BriefIncident(
        incident.key, incident.events, incident.statement, incident.summary, incident.score,
        incident.theatre, incident.province, incident.event_date, rank,
    )  # fmt: skip


def _incidents(
    store: Store,
    events: Sequence[Event],
    refs: dict[str, Ref],
    week_start: dt.date,
    theatres: Theatres,
) -> list[BriefIncident]:
    links = incident_groups(store.conn, [e.id for e in events])
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        incident_id = links.get(event.id)
        groups[f"incident-{incident_id}" if incident_id else event.id].append(event)
    first, _ = date_range(store.conn)
    has_history = first is not None and first < week_start
    areas = [(e.country, e.admin1) for e in events if e.admin1]
    last_seen = area_last_seen(store.conn, areas, before=week_start) if has_history else {}
    quiet_from = week_start - dt.timedelta(weeks=int(load_score_weights().quiet_weeks))
    out = []
    for key, members in groups.items():
        rep = _representative(members)
        ordered = (rep, *[e for e in members if e is not rep])
        new_area = False
        if has_history and rep.admin1:
            last = last_seen.get((rep.country, rep.admin1))
            new_area = last is None or last < quiet_from
        score = score_incident(
            ordered, new_area=new_area, weights=load_score_weights(), theatres=theatres
        )
        out.append(
            BriefIncident(
                key=key, events=ordered,
                statement=_statement(ordered, refs, with_area=False),
                summary=_statement(ordered, refs, with_area=True),
                score=score, theatre=theatres.theatre_of(rep.country),
                province=_province_name(rep, theatres), event_date=rep.event_date,
            )
        )  # fmt: skip
    return out


def _province_name(event: Event, theatres: Theatres) -> str:
    province = clean_text(event.admin1) or UNLOCATED_PROVINCE
    if event.country and theatres.theatre_of(event.country) != event.country:
        return f"{province} ({clean_text(event.country)})"
    return province


def _theatres(incidents: Sequence[BriefIncident], theatres: Theatres) -> tuple[Theatre, ...]:
    by_theatre: dict[str, list[BriefIncident]] = defaultdict(list)
    for incident in incidents:
        by_theatre[incident.theatre].append(incident)
    order = {name: n for n, name in enumerate(theatres.order)}

    def theatre_key(name: str) -> tuple[int, str]:
        if name == "Unlocated":
            return (len(order) + 1, name)
        return (order.get(name, len(order)), name)

    out = []
    for n, name in enumerate(sorted(by_theatre, key=theatre_key), start=1):
        members = by_theatre[name]
        provinces: dict[str, list[BriefIncident]] = defaultdict(list)
        for incident in members:
            provinces[incident.province].append(incident)
        ordered = tuple(
            Province(p, tuple(sorted(items, key=lambda i: (i.event_date or dt.date.max, i.key))))
            for p, items in sorted(
                provinces.items(), key=lambda kv: (kv[0] == UNLOCATED_PROVINCE, kv[0])
            )
        )
        countries = sorted({i.events[0].country for i in members if i.events[0].country})
        out.append(
            Theatre(
                name,
                ordered,
                _map(members, f"Map: {name}", countries=countries, clip_id=f"clip-theatre-{n}"),
            )
        )
    return tuple(out)


def _map(
    incidents: Sequence[BriefIncident],
    title: str,
    *,
    countries: Sequence[str] = (),
    min_span: float = 2.5,
    clip_id: str = "map",
) -> str:
    points = []
    for incident in incidents:
        for event in incident.events[:1]:
            if event.latitude is None or event.longitude is None:
                continue
            points.append(
                MapPoint(
                    event.latitude, event.longitude, event.event_type, event.fatalities,
                    title=f"{event.id}: {event.sub_event_type}, {event.location_text or ''}",
                    label=clean_text(event.location_text, limit=40) or None,
                    rank=incident.rank,
                )
            )  # fmt: skip
    return render_map(points, title=title, countries=countries, min_span=min_span, clip_id=clip_id)


def _charts(store: Store, week_start: dt.date, weeks_back: int) -> tuple[Chart, ...]:
    since = week_start - dt.timedelta(weeks=weeks_back)
    until = week_start + dt.timedelta(days=6)
    weeks = [since + dt.timedelta(weeks=n) for n in range(weeks_back + 1)]
    labels = [f"{w:%b} {w.day}" for w in weeks]
    rows = aggregate_events(
        store.conn, keys=("event_type",), period="week", anchor=week_start, since=since,
        until=until,
    )  # fmt: skip
    styles = load_type_styles()
    types = sorted({str(r.key[0]) for r in rows})
    counts = {(r.period, r.key[0]): r for r in rows}

    def series(field: str) -> list[Series]:
        return [
            Series(
                t, tuple(float(getattr(counts[(w, t)], field)) if (w, t) in counts else 0.0
                         for w in weeks),
                styles.get(t, DEFAULT_STYLE).colour,
            )
            for t in types
        ]  # fmt: skip

    claimed = [sum(r.claimed_fatalities for r in rows if r.period == w) for w in weeks]
    total = [sum(r.fatalities for r in rows if r.period == w) for w in weeks]
    per_week = f"{weeks_back + 1} weeks to {long_date(until)}; weeks start on {week_start:%A}s"
    charts = [
        Chart("Events per week by type", bar_chart(labels, series("count"), stacked=True,
              title="Events per week by type"), f"Events per week, {per_week}."),
        Chart("Fatalities per week by type", bar_chart(labels, series("fatalities"),
              stacked=True, title="Fatalities per week by type"),
              f"Fatalities per week, {per_week}."),
        Chart("Claimed versus independently reported fatalities", bar_chart(labels, [
            Series("in claimed events", tuple(float(v) for v in claimed), PALETTE[1]),
            Series("in events with no claim", tuple(float(t - c) for t, c in
                   zip(total, claimed, strict=True)), PALETTE[0]),
        ], title="Claimed vs independently reported fatalities"),
              "Fatalities in events resting on a claim of responsibility versus the rest."),
        _claims_chart(store, week_start, since, until, weeks_back),
    ]  # fmt: skip
    return tuple(charts)


def _claims_chart(
    store: Store, week_start: dt.date, since: dt.date, until: dt.date, weeks_back: int
) -> Chart:
    rows = aggregate_events(
        store.conn, keys=("unit",), period="week", anchor=week_start, since=since, until=until,
        actor="Islamic State", claimed_only=True,
    )  # fmt: skip
    units = sorted({r.key[0] or "(province not named)" for r in rows})
    this_week = dict.fromkeys(units, 0.0)
    before = dict.fromkeys(units, 0.0)
    for r in rows:
        unit = r.key[0] or "(province not named)"
        if r.period == week_start:
            this_week[unit] += r.claimed
        else:
            before[unit] += r.claimed
    title = "Claimed attacks per ISIS province"
    svg = bar_chart(
        units,
        [
            Series("this week", tuple(this_week[u] for u in units), PALETTE[1]),
            Series(f"mean of previous {weeks_back} weeks",
                   tuple(round(before[u] / weeks_back, 2) for u in units), PALETTE[2]),
        ],
        title=title,
    )  # fmt: skip
    return Chart(
        title, svg,
        "Attacks claimed by Islamic State, by province (actor1_unit): this week against the"
        f" mean of the {weeks_back} weeks before.",
    )  # fmt: skip


def _claims(events: Sequence[Event], refs: dict[str, Ref]) -> tuple[Statement, ...]:
    by_claimant: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.claimed_by:
            by_claimant[event.claimed_by].append(event)
    out = []
    for claimant, claimed in sorted(by_claimant.items()):
        units: dict[str, int] = defaultdict(int)
        for event in claimed:
            units[clean_text(event.actor1_unit) or "province not named"] += 1
        detail = "; ".join(f"{u}: {n}" for u, n in sorted(units.items(), key=lambda kv: -kv[1]))
        fatalities = sum(e.fatalities for e in claimed)
        out.append(
            Statement(
                f"{clean_text(claimant)} claimed {len(claimed)} attack(s) this week"
                f" ({detail}), with {fatalities} fatalities in its claims",
                citation(merge_sources(claimed), fallback=claimed[0].doc),
                tuple(refs[e.id] for e in claimed),
            )
        )
    return tuple(out)


def _statistic_text(stat: StatisticRow) -> str:
    value = f"{stat.value:g}"
    qualifier = f"{clean_text(stat.qualifier)} " if stat.qualifier else ""
    unit = f" {clean_text(stat.unit)}" if stat.unit else ""
    period = ""
    if stat.period_start and stat.period_end:
        period = f" ({format_period(stat.period_start, stat.period_end)})"
    claimant = clean_text(stat.claimant) or "Unattributed figure"
    return f"{claimant}: {clean_text(stat.metric)}: {qualifier}{value}{unit}{period}"
