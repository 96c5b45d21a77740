"""SQL behind trends, alerts and the weekly brief (aggregations over ``events``).

Only ``store/`` speaks SQL: ``analyse`` and ``brief`` call these functions and get
plain typed rows back. Grouping columns come from an allow-list (:data:`GROUP_COLUMNS`);
values are always parameters. Weeks are numbered from a base date aligned on the
caller's week start, so a "week" is any seven days the caller chooses.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from watchfloor.errors import StoreError
from watchfloor.store.rows import parse_date

GROUP_COLUMNS: dict[str, str] = {
    "country": "country",
    "admin1": "admin1",
    "actor": "actor1",
    "unit": "actor1_unit",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
}
"""Public grouping names -> ``events`` columns (the only identifiers put into SQL)."""

FIRST_SEEN_COLUMNS = frozenset({"actor1", "actor2", "location_text"})

Period = Literal["week", "month"]
_BASE_WEEKS = 52 * 300  # weeks between the base date and the anchor: before any event


@dataclass(frozen=True, slots=True)
class AggregateRow:
    """One group: ``period`` is a week's first day or a month's first day (None: no period)."""

    period: dt.date | None
    key: tuple[str | None, ...]
    count: int
    fatalities: int
    claimed: int  # events with claimed_by set
    claimed_fatalities: int


def _base_date(anchor: dt.date) -> dt.date:
    return anchor - dt.timedelta(weeks=_BASE_WEEKS)


def _period_sql(period: Period | None, anchor: dt.date) -> tuple[str | None, list[str]]:
    if period == "week":
        return (
            "CAST(julianday(event_date) - julianday(?) AS INTEGER) / 7",
            [_base_date(anchor).isoformat()],
        )
    if period == "month":
        return "substr(event_date, 1, 7)", []
    return None, []


def _period_value(period: Period | None, raw: object, anchor: dt.date) -> dt.date | None:
    if raw is None or period is None:
        return None
    if period == "week":
        return _base_date(anchor) + dt.timedelta(weeks=int(str(raw)))
    return dt.date.fromisoformat(f"{raw}-01")


def aggregate_events(
    conn: sqlite3.Connection,
    *,
    keys: Sequence[str] = (),
    period: Period | None = None,
    anchor: dt.date = dt.date(2000, 1, 3),
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = None,
    country: str | None = None,
    claimed_only: bool = False,
) -> list[AggregateRow]:
    """Count events and sum fatalities by period and ``keys`` (names of :data:`GROUP_COLUMNS`).

    ``anchor`` aligns weeks: week periods start on ``anchor`` plus a multiple of 7 days.
    ``since``/``until`` are inclusive. ``actor`` matches actor1 or actor2.
    """
    unknown = [k for k in keys if k not in GROUP_COLUMNS]
    if unknown:
        raise StoreError("bad-group", f"cannot group by {unknown}; use {sorted(GROUP_COLUMNS)}")
    columns = [GROUP_COLUMNS[k] for k in keys]
    period_expr, params = _period_sql(period, anchor)
    select = [period_expr or "NULL", *columns]
    where = ["event_date IS NOT NULL"]
    where_params: list[str] = []
    if since:
        where.append("event_date >= ?")
        where_params.append(since.isoformat())
    if until:
        where.append("event_date <= ?")
        where_params.append(until.isoformat())
    if actor:
        where.append("(actor1 = ? OR actor2 = ?)")
        where_params += [actor, actor]
    if country:
        where.append("country = ?")
        where_params.append(country)
    if claimed_only:
        where.append("claimed_by IS NOT NULL")
    group = ", ".join(str(i + 1) for i in range(len(select)))
    # A whole-table aggregate reads faster in table order than through a date index.
    source = "events NOT INDEXED" if since is None and not (actor or country) else "events"
    sql = (
        f"SELECT {', '.join(select)}, COUNT(*), SUM(fatalities),"  # noqa: S608 - allow-listed
        " SUM(claimed_by IS NOT NULL), SUM(CASE WHEN claimed_by IS NOT NULL"
        " THEN fatalities ELSE 0 END)"
        f" FROM {source} WHERE {' AND '.join(where)} GROUP BY {group}"
    )
    rows = conn.execute(sql, params + where_params).fetchall()
    n = len(columns)
    return [
        AggregateRow(
            period=_period_value(period, r[0], anchor),
            key=tuple(r[1 : 1 + n]),
            count=int(r[1 + n]),
            fatalities=int(r[2 + n] or 0),
            claimed=int(r[3 + n] or 0),
            claimed_fatalities=int(r[4 + n] or 0),
        )
        for r in rows
    ]


def date_range(conn: sqlite3.Connection) -> tuple[dt.date | None, dt.date | None]:
    """The first and last ``event_date`` in the database."""
    row = conn.execute("SELECT MIN(event_date), MAX(event_date) FROM events").fetchone()
    return parse_date(row[0]), parse_date(row[1])


def area_last_seen(
    conn: sqlite3.Connection, areas: Iterable[tuple[str | None, str]], *, before: dt.date
) -> dict[tuple[str | None, str], dt.date | None]:
    """For each ``(country, admin1)``: the last event date strictly before ``before``."""
    out: dict[tuple[str | None, str], dt.date | None] = {}
    for country, admin1 in set(areas):
        row = conn.execute(
            "SELECT MAX(event_date) FROM events WHERE country IS ? AND admin1 = ?"
            " AND event_date < ?",
            (country, admin1, before.isoformat()),
        ).fetchone()
        out[(country, admin1)] = parse_date(row[0])
    return out


def seen_before(
    conn: sqlite3.Connection, column: str, values: Iterable[str], *, before: dt.date
) -> set[str]:
    """Which of ``values`` occur in ``column`` (actor1, actor2, location_text) before a date."""
    if column not in FIRST_SEEN_COLUMNS:
        raise StoreError("bad-column", f"cannot look up first appearance by {column!r}")
    seen: set[str] = set()
    for value in set(values):
        sql = f"SELECT 1 FROM events WHERE {column} = ? AND event_date < ? LIMIT 1"  # noqa: S608
        if conn.execute(sql, (value, before.isoformat())).fetchone():
            seen.add(value)
    if column in ("actor1", "actor2"):  # an actor is known on either side
        other = "actor2" if column == "actor1" else "actor1"
        for value in set(values) - seen:
            sql = f"SELECT 1 FROM events WHERE {other} = ? AND event_date < ? LIMIT 1"  # noqa: S608
            if conn.execute(sql, (value, before.isoformat())).fetchone():
                seen.add(value)
    return seen


@dataclass(frozen=True, slots=True)
class StatisticRow:
    """A statistics record with its row id (for citation) and its document's name and period."""

    id: int
    doc: str
    evidence: str
    claimant: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    metric: str
    value: float
    unit: str | None
    qualifier: str | None
    document_period_end: dt.date | None


def statistics_between(
    conn: sqlite3.Connection, *, since: dt.date, until: dt.date
) -> list[StatisticRow]:
    """Statistics whose document's period (or, without one, their own period) meets the range."""
    rows = conn.execute(
        "SELECT s.*, d.period_start AS d_start, d.period_end AS d_end FROM statistics s"
        " JOIN documents d ON d.id = s.document_id"
        " WHERE (d.period_start IS NOT NULL AND d.period_start <= ?"
        "        AND COALESCE(d.period_end, d.period_start) >= ?)"
        "    OR (d.period_start IS NULL AND s.period_start IS NOT NULL AND s.period_start <= ?"
        "        AND COALESCE(s.period_end, s.period_start) >= ?)"
        " ORDER BY s.id",
        (until.isoformat(), since.isoformat(), until.isoformat(), since.isoformat()),
    ).fetchall()
    return [
        StatisticRow(
            id=r["id"], doc=r["doc"], evidence=r["evidence"], claimant=r["claimant"],
            period_start=parse_date(r["period_start"]), period_end=parse_date(r["period_end"]),
            metric=r["metric"], value=float(r["value"]), unit=r["unit"],
            qualifier=r["qualifier"], document_period_end=parse_date(r["d_end"]),
        )
        for r in rows
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class PeopleRow:
    event_id: str
    name: str
    role: str | None
    organisation: str | None
    fate: str | None


def people_between(conn: sqlite3.Connection, *, since: dt.date, until: dt.date) -> list[PeopleRow]:
    """Named people in events of a date range (from the ``people`` JSON column)."""
    out: list[PeopleRow] = []
    for event_id, people in conn.execute(
        "SELECT id, people FROM events WHERE event_date BETWEEN ? AND ? AND people != '[]'"
        " ORDER BY event_date, id",
        (since.isoformat(), until.isoformat()),
    ):
        for person in json.loads(people):
            out.append(
                PeopleRow(
                    event_id, str(person.get("name", "")), person.get("role"),
                    person.get("organisation"), person.get("fate"),
                )
            )  # fmt: skip
    return out


def incident_groups(conn: sqlite3.Connection, event_ids: Sequence[str]) -> dict[str, str]:
    """Map event id -> incident id, from the resolution stage's tables when they hold rows.

    Returns an empty mapping when there is no incident table or it is empty: the brief
    then treats every event as its own incident.
    """
    tables = {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")
    }
    link = next((t for t in ("incident_events", "incident_reports") if t in tables), None)
    if link is None or not event_ids:
        return {}
    columns = {r[1] for r in conn.execute(f"PRAGMA table_info({link})")}
    if not {"incident_id", "event_id"} <= columns:
        return {}
    active = " AND active = 1" if "active" in columns else ""
    out: dict[str, str] = {}
    for start in range(0, len(event_ids), 500):
        chunk = list(event_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for event_id, incident_id in conn.execute(
            f"SELECT event_id, incident_id FROM {link} WHERE event_id IN ({marks}){active}",  # noqa: S608
            chunk,
        ):
            out[str(event_id)] = str(incident_id)
    return out
