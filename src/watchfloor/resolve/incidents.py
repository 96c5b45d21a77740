"""Group reports (events, one per document) into incidents across documents.

The run is incremental: only events with no active link are read, each is
compared with the reports already linked whose date window and place box overlap
its own (an R*Tree over day x lat x lon, plus a (country, admin1, day) index for
reports without coordinates), never with the whole database. Reports are taken
precise first, vague last (a week-dated or province-level report), so that a
vague report sees every precise candidate: it joins an incident only when exactly
one candidate competes. Analysts' must-link / cannot-link constraints win over
scores. Every link keeps its score and reasons (JSON) and every change is audited.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from watchfloor.models import Event
from watchfloor.resolve.compat import (
    Canonicaliser,
    TypeTable,
    load_type_table,
    report_key,
    score_pair,
    threshold_for,
)
from watchfloor.resolve.kb import KnowledgeBase, fold_key
from watchfloor.store import Store
from watchfloor.store import incidents as sql
from watchfloor.store.incidents import IndexedReport, ReportKey
from watchfloor.store.kb import note_proposal, proposal_keys

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
BATCH = 2000
RESOLVER = "resolve"


@dataclass(slots=True)
class ResolveSummary:
    """What one run did: counts by outcome, plus the operation id in ``audit``."""

    operation: int = 0
    processed: int = 0
    linked: int = 0
    new_incidents: int = 0
    ambiguous: int = 0
    undated: int = 0
    relinked_stale: int = 0
    proposals: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Choice:
    incident_id: int | None
    score: float
    reasons: dict[str, Any]


def merge_incidents(
    store: Store,
    *,
    since_rowid: int | None = None,
    full: bool = False,
    kb: KnowledgeBase | None = None,
    on_progress: ProgressCallback | None = None,
) -> ResolveSummary:
    """Link every not-yet-linked event to an incident (new or existing); return counts.

    Idempotent: a second run with no new events changes nothing. ``since_rowid``
    limits the run to events inserted after that ``events.rowid`` (default: all
    unlinked). ``full`` ends every automatic link first and re-resolves everything,
    keeping analysts' manual links and constraints.
    """
    kb = kb or KnowledgeBase.from_store(store)
    canon: Canonicaliser = kb.canonicaliser()
    types = load_type_table()
    summary = ResolveSummary()
    with store.transaction() as conn:
        summary.operation = sql.write_audit(
            conn, actor=RESOLVER, action="resolve-run", object_type="incident",
            before={"full": full, "since_rowid": since_rowid},
        )  # fmt: skip
        if full:
            _end_auto_links(store, summary.operation, canon)
        summary.relinked_stale = _handle_stale(store, summary.operation)
    todo = sql.unlinked_events(store.conn, since_rowid=since_rowid or 0)
    summary.proposals = _propose_actors(store, kb, [e for _, e in todo])
    keyed: list[tuple[int, Event, ReportKey]] = []
    for rowid, event in todo:
        key = report_key(event, document_id=event.document_id or event.doc, canon=canon)
        if key is None:
            summary.undated += 1
        keyed.append((rowid, event, key or _undated_key(event)))
    keyed.sort(key=lambda t: (t[2].vague, t[2].min_day, t[0]))
    total = len(keyed)
    for start in range(0, total, BATCH):
        with store.transaction() as conn:
            for rowid, event, key in keyed[start : start + BATCH]:
                _resolve_one(store, rowid, event, key, types, summary)
        if on_progress:
            on_progress(min(start + BATCH, total), total, "resolving")
    with store.transaction() as conn:
        sql.set_state(conn, "last_rowid", str(sql.max_event_rowid(conn)))
        sql.update_audit_after(conn, summary.operation, _summary_json(summary))
    return summary


def _summary_json(summary: ResolveSummary) -> dict[str, int]:
    return {
        "processed": summary.processed, "linked": summary.linked,
        "new_incidents": summary.new_incidents, "ambiguous": summary.ambiguous,
        "undated": summary.undated, "relinked_stale": summary.relinked_stale,
        "proposals": summary.proposals,
    }  # fmt: skip


def _undated_key(event: Event) -> ReportKey:
    """An undated report never merges: a key whose window matches nothing."""
    return ReportKey(
        event_id=event.id, document_id=event.document_id or event.doc, day=None,
        min_day=-1, max_day=-2, time_precision=3, latitude=None, longitude=None,
        radius_km=None, country=None, admin1=None, sub_event_type=event.sub_event_type,
        actor1=None, actor2=None, claimed_by=None, vague=True, evidence="",
    )  # fmt: skip


def _resolve_one(
    store: Store, rowid: int, event: Event, key: ReportKey, types: TypeTable,
    summary: ResolveSummary,
) -> None:  # fmt: skip
    conn = store.conn
    choice = _choose(store, key, types) if key.day is not None else _Choice(None, 0.0, {})
    summary.processed += 1
    outcome = str(choice.reasons.get("decision", "new"))
    summary.outcomes[outcome] = summary.outcomes.get(outcome, 0) + 1
    if outcome == "ambiguous":
        summary.ambiguous += 1
    if choice.incident_id is None:
        incident_id = sql.create_incident(conn, op=summary.operation)
        summary.new_incidents += 1
        method = "first"
    else:
        incident_id = choice.incident_id
        summary.linked += 1
        method = "auto"
    link_id = sql.insert_link(
        conn, incident_id=incident_id, event_id=event.id, event_rowid=rowid,
        document_id=key.document_id, score=choice.score if method == "auto" else 1.0,
        reasons=choice.reasons, method=method, op=summary.operation,
    )  # fmt: skip
    if key.day is not None:
        sql.index_link(conn, link_id, incident_id, key)
    sql.write_audit(
        conn, actor=RESOLVER, action="link", object_type="report", object_id=event.id,
        after={"incident": incident_id, "score": round(choice.score, 3), "method": method},
        parent=summary.operation,
    )  # fmt: skip


def _choose(store: Store, key: ReportKey, types: TypeTable) -> _Choice:
    conn = store.conn
    must: set[str] = set()
    cannot: set[str] = set()
    for kind, other in sql.constraints_for(conn, key.event_id):
        (must if kind == "must-link" else cannot).add(other)
    for other in sorted(must):
        link = sql.active_link(conn, other)
        if link is not None:
            return _Choice(link.incident_id, 1.0, {"decision": "must-link", "with": other})
    candidates = sql.candidate_incidents(conn, key)
    if not candidates:
        return _Choice(None, 0.0, {"decision": "new", "candidates": 0})
    members = sql.incident_members(conn, candidates)
    by_incident: dict[int, list[IndexedReport]] = defaultdict(list)
    for member in members:
        by_incident[member.incident_id].append(member)
    passing: list[_Choice] = []
    for incident_id, reports in sorted(by_incident.items()):
        choice = _score_incident(key, incident_id, reports, cannot, types)
        if choice is not None:
            passing.append(choice)
    if not passing:
        return _Choice(None, 0.0, {"decision": "new", "candidates": len(by_incident)})
    if key.vague and len(passing) > 1:
        return _Choice(None, 0.0, {
            "decision": "ambiguous", "competing": [c.incident_id for c in passing][:10],
        })  # fmt: skip
    best = max(passing, key=lambda c: (c.score, -(c.incident_id or 0)))
    return _Choice(best.incident_id, best.score,
                   {**best.reasons, "decision": "merged", "competing": len(passing)})  # fmt: skip


def _score_incident(
    key: ReportKey,
    incident_id: int,
    reports: list[IndexedReport],
    cannot: set[str],
    types: TypeTable,
) -> _Choice | None:
    """Complete linkage on the gates (every member must pass), best pair for the score."""
    best = None
    for member in reports:
        if member.key.event_id in cannot:
            return None
        pair = score_pair(key, member.key, types)
        if not pair.ok:
            return None
        if best is None or pair.score > best.score:
            best = pair
    if best is None or best.score < threshold_for(key):
        return None
    return _Choice(incident_id, best.score, dict(best.reasons))


def _end_auto_links(store: Store, op: int, canon: Canonicaliser) -> None:
    conn = store.conn
    for link in sql.auto_links(conn):
        sql.end_link(conn, link.id, op=op)
    sql.clear_index(conn)
    # manual links stay; put them back in the blocking index
    manual = sql.active_links(conn)
    events = sql.events_by_id(conn, [x.event_id for x in manual])
    for kept in manual:
        event = events.get(kept.event_id)
        key = report_key(event, document_id=kept.document_id, canon=canon) if event else None
        if key is not None:
            sql.index_link(conn, kept.id, kept.incident_id, key)


def _handle_stale(store: Store, op: int) -> int:
    """End links to events that re-extraction replaced; keep analysts' links on the new row."""
    conn = store.conn
    count = 0
    for old_rowid, event_id in sql.pending_stale(conn):
        link = sql.active_link(conn, event_id)
        if link is None or link.event_rowid != old_rowid:
            continue
        sql.end_link(conn, link.id, op=op)
        new_rowid = sql.event_rowid(conn, event_id)
        if link.method == "manual" and new_rowid is not None:
            sql.insert_link(
                conn, incident_id=link.incident_id, event_id=event_id, event_rowid=new_rowid,
                document_id=link.document_id, score=link.score,
                reasons={**link.reasons, "kept": "re-extracted"}, method="manual", op=op,
            )  # fmt: skip
        count += 1
    sql.mark_stale_done(conn)
    return count


def _propose_actors(store: Store, kb: KnowledgeBase, events: list[Event]) -> int:
    """Names of actors not in the KB become proposals (counted), never KB entries."""
    seen = proposal_keys(store.conn)
    new = 0
    with store.transaction() as conn:
        for event in events:
            for name in (event.actor1, event.actor2, event.claimed_by, event.actor1_unit):
                if not name or kb.is_known(name):
                    continue
                name_key = fold_key(name)
                if not name_key:
                    continue
                if note_proposal(conn, name, name_key, event_id=event.id) and name_key not in seen:
                    new += 1
                    seen.add(name_key)
    return new
