"""SQL of incidents: links of reports to incidents, constraints, the blocking index, audit.

Nothing is deleted from ``incident_reports``, ``incident_constraints`` or ``audit``:
a link that stops holding is *ended* (``active = 0``, ``ended_op``). Only the
derived blocking index (``incident_index`` and its R*Tree) is rewritten freely.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.models import Event, Source
from watchfloor.store.rows import event_from_row, parse_date

KM_PER_DEG = 111.32
MAX_CANDIDATES = 400
MAX_WINDOW_DAYS = 40  # widest date window of a report (month precision + 1), bounds index scans


@dataclass(frozen=True, slots=True)
class ReportKey:
    """The features of one report that blocking and scoring need (built by ``resolve``)."""

    event_id: str
    document_id: str
    day: int | None
    min_day: int
    max_day: int
    time_precision: int
    latitude: float | None
    longitude: float | None
    radius_km: float | None
    country: str | None
    admin1: str | None
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    claimed_by: str | None
    vague: bool
    evidence: str


@dataclass(frozen=True, slots=True)
class IndexedReport:
    link_id: int
    incident_id: int
    key: ReportKey


@dataclass(frozen=True, slots=True)
class LinkRow:
    id: int
    incident_id: int
    event_id: str
    event_rowid: int
    document_id: str
    score: float
    reasons: dict[str, Any]
    method: str
    active: bool
    created_op: int
    ended_op: int | None


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str | None
    before: Any
    after: Any
    parent: int | None


# -- audit ------------------------------------------------------------------------------


def write_audit(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | int | None = None,
    before: Any = None,
    after: Any = None,
    parent: int | None = None,
) -> int:
    """Record one change; return its id (an *operation* id when ``parent`` is None)."""
    cur = conn.execute(
        "INSERT INTO audit(actor, action, object_type, object_id, before, after, parent)"
        " VALUES (?,?,?,?,?,?,?)",
        (
            actor, action, object_type, None if object_id is None else str(object_id),
            None if before is None else json.dumps(before, ensure_ascii=False, default=str),
            None if after is None else json.dumps(after, ensure_ascii=False, default=str),
            parent,
        ),
    )  # fmt: skip
    return int(cur.lastrowid or 0)


def update_audit_after(conn: sqlite3.Connection, audit_id: int, after: Any) -> None:
    """Fill in the ``after`` of an operation row once the operation is finished."""
    conn.execute(
        "UPDATE audit SET after = ? WHERE id = ? AND after IS NULL",
        (json.dumps(after, ensure_ascii=False, default=str), audit_id),
    )


def list_audit(
    conn: sqlite3.Connection,
    *,
    object_type: str | None = None,
    object_id: str | None = None,
    operations_only: bool = False,
    limit: int = 100,
) -> list[AuditRow]:
    where, params = [], []
    if object_type:
        where.append("object_type = ?")
        params.append(object_type)
    if object_id is not None:
        where.append("object_id = ?")
        params.append(object_id)
    if operations_only:
        where.append("parent IS NULL")
    sql = "SELECT * FROM audit"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC LIMIT ?"
    rows = conn.execute(sql, [*params, limit]).fetchall()
    return [_audit_from_row(r) for r in rows]


def get_audit(conn: sqlite3.Connection, audit_id: int) -> AuditRow | None:
    row = conn.execute("SELECT * FROM audit WHERE id = ?", (audit_id,)).fetchone()
    return _audit_from_row(row) if row else None


def _audit_from_row(row: sqlite3.Row) -> AuditRow:
    return AuditRow(
        id=row["id"], at=row["at"], actor=row["actor"], action=row["action"],
        object_type=row["object_type"], object_id=row["object_id"],
        before=json.loads(row["before"]) if row["before"] else None,
        after=json.loads(row["after"]) if row["after"] else None, parent=row["parent"],
    )  # fmt: skip


# -- state ------------------------------------------------------------------------------


def get_state(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM resolve_state WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_state(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO resolve_state(key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


# -- events to resolve ------------------------------------------------------------------


def unlinked_events(conn: sqlite3.Connection, *, since_rowid: int = 0) -> list[tuple[int, Event]]:
    """``(rowid, event)`` of events after ``since_rowid`` with no active link to that row."""
    rows = conn.execute(
        "SELECT e.rowid AS event_rowid, e.* FROM events e WHERE e.rowid > ?"
        " AND NOT EXISTS (SELECT 1 FROM incident_reports r WHERE r.event_id = e.id"
        " AND r.active = 1 AND r.event_rowid = e.rowid) ORDER BY e.rowid",
        (since_rowid,),
    ).fetchall()
    sources = _sources_for(conn, [r["id"] for r in rows])
    return [(int(r["event_rowid"]), event_from_row(r, sources.get(r["id"], []))) for r in rows]


def max_event_rowid(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT MAX(rowid) FROM events").fetchone()
    return int(row[0] or 0)


def pending_stale(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """``(event_rowid, event_id)`` of events deleted (re-extracted) since the last run."""
    rows = conn.execute("SELECT event_rowid, event_id FROM resolve_stale WHERE done = 0")
    return [(int(r[0]), str(r[1])) for r in rows]


def mark_stale_done(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE resolve_stale SET done = 1 WHERE done = 0")


def event_rowid(conn: sqlite3.Connection, event_id: str) -> int | None:
    row = conn.execute("SELECT rowid FROM events WHERE id = ?", (event_id,)).fetchone()
    return int(row[0]) if row else None


def events_by_id(conn: sqlite3.Connection, event_ids: Sequence[str]) -> dict[str, Event]:
    out: dict[str, Event] = {}
    for start in range(0, len(event_ids), 500):
        chunk = list(event_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT * FROM events WHERE id IN ({marks})", chunk).fetchall()  # noqa: S608
        sources = _sources_for(conn, [r["id"] for r in rows])
        for r in rows:
            out[r["id"]] = event_from_row(r, sources.get(r["id"], []))
    return out


def _sources_for(conn: sqlite3.Connection, event_ids: Sequence[str]) -> dict[str, list[Source]]:
    out: dict[str, list[Source]] = {}
    for start in range(0, len(event_ids), 500):
        chunk = list(event_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"SELECT event_id, name, date FROM event_sources WHERE event_id IN ({marks})"  # noqa: S608
            " ORDER BY event_id, n",
            chunk,
        ):
            out.setdefault(r[0], []).append(Source(r[1], parse_date(r[2])))
    return out


# -- incidents and links ----------------------------------------------------------------


def create_incident(conn: sqlite3.Connection, *, op: int, note: str | None = None) -> int:
    cur = conn.execute("INSERT INTO incidents(created_op, note) VALUES (?, ?)", (op, note))
    return int(cur.lastrowid or 0)


def incident_exists(conn: sqlite3.Connection, incident_id: int) -> bool:
    return (
        conn.execute("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)).fetchone() is not None
    )


def insert_link(
    conn: sqlite3.Connection,
    *,
    incident_id: int,
    event_id: str,
    event_rowid: int,
    document_id: str,
    score: float,
    reasons: dict[str, Any],
    method: str,
    op: int,
) -> int:
    cur = conn.execute(
        "INSERT INTO incident_reports(incident_id, event_id, event_rowid, document_id, score,"
        " reasons, method, created_op) VALUES (?,?,?,?,?,?,?,?)",
        (
            incident_id, event_id, event_rowid, document_id, round(score, 4),
            json.dumps(reasons, ensure_ascii=False, separators=(",", ":")), method, op,
        ),
    )  # fmt: skip
    return int(cur.lastrowid or 0)


def end_link(conn: sqlite3.Connection, link_id: int, *, op: int) -> None:
    """End an active link (kept for history) and drop it from the blocking index."""
    conn.execute(
        "UPDATE incident_reports SET active = 0, ended_op = ? WHERE id = ? AND active = 1",
        (op, link_id),
    )
    conn.execute("DELETE FROM incident_index WHERE link_id = ?", (link_id,))
    conn.execute("DELETE FROM incident_rtree WHERE link_id = ?", (link_id,))


def reassign_index(conn: sqlite3.Connection, link_id: int, incident_id: int) -> None:
    conn.execute(
        "UPDATE incident_index SET incident_id = ? WHERE link_id = ?", (incident_id, link_id)
    )


def active_link(conn: sqlite3.Connection, event_id: str) -> LinkRow | None:
    row = conn.execute(
        "SELECT * FROM incident_reports WHERE event_id = ? AND active = 1", (event_id,)
    ).fetchone()
    return _link_from_row(row) if row else None


def incident_links(
    conn: sqlite3.Connection, incident_id: int, *, include_ended: bool = False
) -> list[LinkRow]:
    sql = "SELECT * FROM incident_reports WHERE incident_id = ?"
    if not include_ended:
        sql += " AND active = 1"
    rows = conn.execute(sql + " ORDER BY id", (incident_id,)).fetchall()
    return [_link_from_row(r) for r in rows]


def links_of_operation(conn: sqlite3.Connection, op: int) -> tuple[list[LinkRow], list[LinkRow]]:
    """``(created, ended)`` links of one operation."""
    created = conn.execute(
        "SELECT * FROM incident_reports WHERE created_op = ? ORDER BY id", (op,)
    ).fetchall()
    ended = conn.execute(
        "SELECT * FROM incident_reports WHERE ended_op = ? ORDER BY id", (op,)
    ).fetchall()
    return [_link_from_row(r) for r in created], [_link_from_row(r) for r in ended]


def active_links(conn: sqlite3.Connection) -> list[LinkRow]:
    rows = conn.execute("SELECT * FROM incident_reports WHERE active = 1 ORDER BY id").fetchall()
    return [_link_from_row(r) for r in rows]


def auto_links(conn: sqlite3.Connection) -> list[LinkRow]:
    rows = conn.execute(
        "SELECT * FROM incident_reports WHERE active = 1 AND method != 'manual' ORDER BY id"
    ).fetchall()
    return [_link_from_row(r) for r in rows]


def _link_from_row(row: sqlite3.Row) -> LinkRow:
    return LinkRow(
        id=row["id"], incident_id=row["incident_id"], event_id=row["event_id"],
        event_rowid=row["event_rowid"], document_id=row["document_id"], score=row["score"],
        reasons=json.loads(row["reasons"]), method=row["method"], active=bool(row["active"]),
        created_op=row["created_op"], ended_op=row["ended_op"],
    )  # fmt: skip


# -- constraints ------------------------------------------------------------------------


def add_constraint(
    conn: sqlite3.Connection, kind: str, event_a: str, event_b: str, *, op: int
) -> None:
    """Record a must-link / cannot-link decision (once; the pair is unordered)."""
    a, b = sorted((event_a, event_b))
    exists = conn.execute(
        "SELECT 1 FROM incident_constraints WHERE kind = ? AND event_a = ? AND event_b = ?"
        " AND active = 1",
        (kind, a, b),
    ).fetchone()
    if exists is None and a != b:
        conn.execute(
            "INSERT INTO incident_constraints(kind, event_a, event_b, created_op) VALUES (?,?,?,?)",
            (kind, a, b, op),
        )


def end_constraints_between(
    conn: sqlite3.Connection,
    kind: str,
    events_a: Iterable[str],
    events_b: Iterable[str],
    *,
    op: int,
) -> None:
    for a in events_a:
        for b in events_b:
            x, y = sorted((a, b))
            conn.execute(
                "UPDATE incident_constraints SET active = 0, ended_op = ? WHERE kind = ?"
                " AND event_a = ? AND event_b = ? AND active = 1",
                (op, kind, x, y),
            )


def constraints_for(conn: sqlite3.Connection, event_id: str) -> list[tuple[str, str]]:
    """``(kind, other event id)`` of the active constraints on ``event_id``."""
    rows = conn.execute(
        "SELECT kind, event_b FROM incident_constraints WHERE event_a = ? AND active = 1"
        " UNION ALL SELECT kind, event_a FROM incident_constraints"
        " WHERE event_b = ? AND active = 1",
        (event_id, event_id),
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def constraints_of_operation(conn: sqlite3.Connection, op: int) -> tuple[list[int], list[int]]:
    created = [
        r[0]
        for r in conn.execute("SELECT id FROM incident_constraints WHERE created_op = ?", (op,))
    ]
    ended = [
        r[0] for r in conn.execute("SELECT id FROM incident_constraints WHERE ended_op = ?", (op,))
    ]
    return created, ended


def set_constraint_active(
    conn: sqlite3.Connection, constraint_id: int, active: bool, *, op: int
) -> None:
    if active:
        conn.execute(
            "UPDATE incident_constraints SET active = 1, ended_op = NULL WHERE id = ?",
            (constraint_id,),
        )
    else:
        conn.execute(
            "UPDATE incident_constraints SET active = 0, ended_op = ? WHERE id = ?",
            (op, constraint_id),
        )


# -- blocking index ---------------------------------------------------------------------

_INDEX_COLUMNS = (
    "link_id, incident_id, event_id, document_id, day, min_day, max_day, time_precision,"
    " latitude, longitude, radius_km, country, admin1, sub_event_type, actor1, actor2,"
    " claimed_by, vague, evidence"
)


def index_link(conn: sqlite3.Connection, link_id: int, incident_id: int, key: ReportKey) -> None:
    """Add an active link's features to the blocking index (and its box to the R*Tree)."""
    conn.execute(
        f"INSERT OR REPLACE INTO incident_index({_INDEX_COLUMNS})"  # noqa: S608
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            link_id, incident_id, key.event_id, key.document_id, key.day, key.min_day,
            key.max_day, key.time_precision, key.latitude, key.longitude, key.radius_km,
            key.country, key.admin1, key.sub_event_type, key.actor1, key.actor2,
            key.claimed_by, int(key.vague), key.evidence,
        ),
    )  # fmt: skip
    box = _box(key)
    if box is not None:
        conn.execute(
            "INSERT OR REPLACE INTO incident_rtree VALUES (?,?,?,?,?,?,?)",
            (link_id, key.min_day, key.max_day, *box),
        )


def _box(key: ReportKey) -> tuple[float, float, float, float] | None:
    if key.latitude is None or key.longitude is None:
        return None
    radius = key.radius_km or 0.0
    dlat = radius / KM_PER_DEG
    dlon = radius / (KM_PER_DEG * max(math.cos(math.radians(key.latitude)), 0.05))
    return (key.latitude - dlat, key.latitude + dlat, key.longitude - dlon, key.longitude + dlon)


def candidate_incidents(conn: sqlite3.Connection, key: ReportKey) -> list[int]:
    """Incidents with a report whose date window and place box overlap ``key``'s (blocking).

    A report with coordinates is found through the R*Tree; reports without coordinates
    through (country, admin1, day window). A report with coordinates only looks for
    coordinate-less reports in its admin1 (the R*Tree already found the others).
    """
    link_ids: set[int] = set()
    box = _box(key)
    if box is not None:
        for (link_id,) in conn.execute(
            "SELECT link_id FROM incident_rtree WHERE max_day >= ? AND min_day <= ?"
            " AND max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ? LIMIT ?",
            (key.min_day, key.max_day, box[0], box[1], box[2], box[3], MAX_CANDIDATES),
        ):
            link_ids.add(int(link_id))
    if key.country is not None and key.admin1 is not None:
        for (link_id,) in conn.execute(
            "SELECT link_id FROM incident_index WHERE country = ? AND admin1 = ?"
            " AND max_day BETWEEN ? AND ? AND min_day <= ? AND (? = 0 OR latitude IS NULL)"
            " LIMIT ?",
            (
                key.country,
                key.admin1,
                key.min_day,
                key.max_day + MAX_WINDOW_DAYS,
                key.max_day,
                int(box is not None),
                MAX_CANDIDATES,
            ),
        ):
            link_ids.add(int(link_id))
    elif key.country is not None:
        for (link_id,) in conn.execute(
            "SELECT link_id FROM incident_index WHERE country = ? AND admin1 IS NULL"
            " AND max_day BETWEEN ? AND ? AND min_day <= ? LIMIT ?",
            (key.country, key.min_day, key.max_day + MAX_WINDOW_DAYS, key.max_day, MAX_CANDIDATES),
        ):
            link_ids.add(int(link_id))
    return _incidents_of(conn, sorted(link_ids))


def _incidents_of(conn: sqlite3.Connection, link_ids: Sequence[int]) -> list[int]:
    out: set[int] = set()
    for start in range(0, len(link_ids), 500):
        chunk = list(link_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for (incident_id,) in conn.execute(
            f"SELECT DISTINCT incident_id FROM incident_index WHERE link_id IN ({marks})",  # noqa: S608
            chunk,
        ):
            out.add(int(incident_id))
    return sorted(out)


def incident_members(conn: sqlite3.Connection, incident_ids: Sequence[int]) -> list[IndexedReport]:
    return _indexed(conn, "incident_id", sorted(set(incident_ids)))


def _indexed(conn: sqlite3.Connection, column: str, values: Sequence[int]) -> list[IndexedReport]:
    out: list[IndexedReport] = []
    for start in range(0, len(values), 500):
        chunk = list(values[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"SELECT {_INDEX_COLUMNS} FROM incident_index WHERE {column} IN ({marks})",  # noqa: S608
            chunk,
        ):
            key = ReportKey(
                event_id=r["event_id"], document_id=r["document_id"], day=r["day"],
                min_day=r["min_day"], max_day=r["max_day"], time_precision=r["time_precision"],
                latitude=r["latitude"], longitude=r["longitude"], radius_km=r["radius_km"],
                country=r["country"], admin1=r["admin1"], sub_event_type=r["sub_event_type"],
                actor1=r["actor1"], actor2=r["actor2"], claimed_by=r["claimed_by"],
                vague=bool(r["vague"]), evidence=r["evidence"],
            )  # fmt: skip
            out.append(IndexedReport(int(r["link_id"]), int(r["incident_id"]), key))
    return out


def clear_index(conn: sqlite3.Connection) -> None:
    """Empty the derived blocking index (before a full rebuild)."""
    conn.execute("DELETE FROM incident_index")
    conn.execute("DELETE FROM incident_rtree")


# -- reading incidents ------------------------------------------------------------------


def incident_ids_between(
    conn: sqlite3.Connection, *, since: dt.date | None, until: dt.date | None
) -> list[int]:
    """Incidents with at least one active report, whose earliest report date is in range."""
    having, params = [], []
    if since:
        having.append("MIN(e.event_date) >= ?")
        params.append(since.isoformat())
    if until:
        having.append("MIN(e.event_date) <= ?")
        params.append(until.isoformat())
    sql = (
        "SELECT r.incident_id FROM incident_reports r JOIN events e ON e.id = r.event_id"
        " WHERE r.active = 1 GROUP BY r.incident_id"
    )
    if having:
        sql += " HAVING " + " AND ".join(having)
    sql += " ORDER BY MIN(e.event_date), r.incident_id"
    return [int(r[0]) for r in conn.execute(sql, params)]


def active_reports_of(
    conn: sqlite3.Connection, incident_ids: Sequence[int]
) -> dict[int, list[tuple[LinkRow, Event]]]:
    """Active links of each incident with their events (events gone are left out)."""
    out: dict[int, list[tuple[LinkRow, Event]]] = {}
    links: list[LinkRow] = []
    for start in range(0, len(incident_ids), 500):
        chunk = list(incident_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT * FROM incident_reports WHERE active = 1 AND incident_id IN ({marks})"  # noqa: S608
            " ORDER BY incident_id, id",
            chunk,
        ).fetchall()
        links.extend(_link_from_row(r) for r in rows)
    events = events_by_id(conn, [link.event_id for link in links])
    for link in links:
        event = events.get(link.event_id)
        if event is not None:
            out.setdefault(link.incident_id, []).append((link, event))
    return out


def count_incidents(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT COUNT(DISTINCT incident_id) FROM incident_reports WHERE active = 1"
    ).fetchone()
    return int(row[0] or 0)
