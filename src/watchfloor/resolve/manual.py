"""Analysts' decisions: split, merge, move a report, undo any operation.

Each decision is one audited operation. It ends links (kept for history) and writes
new ``manual`` links, and records constraints that every later run respects:
*cannot-link* between reports an analyst separated, *must-link* between reports an
analyst put together. ``undo_operation`` reverses any operation, automatic or manual,
as long as no later change touched the same reports.
"""

from __future__ import annotations

from watchfloor.errors import ResolveError
from watchfloor.resolve.compat import Canonicaliser, report_key
from watchfloor.resolve.kb import KnowledgeBase
from watchfloor.store import Store
from watchfloor.store import incidents as sql
from watchfloor.store.incidents import LinkRow


def split_incident(
    store: Store, incident_id: int, event_ids: list[str], *, by: str = "analyst"
) -> int:
    """Move ``event_ids`` out of an incident into a new one; return the new incident's id."""
    links = _links(store, incident_id)
    moving = [link for link in links if link.event_id in set(event_ids)]
    unknown = set(event_ids) - {link.event_id for link in moving}
    if unknown:
        raise ResolveError(
            "not-in-incident", f"not reports of incident {incident_id}: {sorted(unknown)}"
        )
    if not moving or len(moving) == len(links):
        raise ResolveError("bad-split", "name some, but not all, of the incident's reports")
    staying = [link for link in links if link not in moving]
    with store.transaction() as conn:
        op = sql.write_audit(conn, actor=by, action="split", object_type="incident",
                             object_id=incident_id, before=_state(links))  # fmt: skip
        new_id = sql.create_incident(conn, op=op, note=f"split from {incident_id}")
        _relink(store, moving, new_id, op, {"decision": "split", "from": incident_id})
        for a in moving:
            for b in staying:
                sql.add_constraint(conn, "cannot-link", a.event_id, b.event_id, op=op)
        for a in moving[1:]:
            sql.add_constraint(conn, "must-link", moving[0].event_id, a.event_id, op=op)
        sql.update_audit_after(conn, op, {"incident": incident_id, "new_incident": new_id,
                                          "moved": [x.event_id for x in moving]})  # fmt: skip
    return new_id


def merge_incidents_manual(store: Store, incident_ids: list[int], *, by: str = "analyst") -> int:
    """Merge incidents into the lowest id; return it."""
    ids = sorted(set(incident_ids))
    if len(ids) < 2:
        raise ResolveError("bad-merge", "name at least two incidents to merge")
    groups = {i: _links(store, i) for i in ids}
    target = ids[0]
    anchor = groups[target][0].event_id
    with store.transaction() as conn:
        before = {str(i): _state(g) for i, g in groups.items()}
        op = sql.write_audit(
            conn, actor=by, action="merge", object_type="incident", object_id=target, before=before
        )
        moved = [link for i in ids[1:] for link in groups[i]]
        target_events = [link.event_id for link in groups[target]]
        sql.end_constraints_between(conn, "cannot-link", [x.event_id for x in moved],
                                    target_events, op=op)  # fmt: skip
        _relink(store, moved, target, op, {"decision": "merge"})
        for link in moved:
            sql.add_constraint(conn, "must-link", anchor, link.event_id, op=op)
        sql.update_audit_after(conn, op, {"incident": target, "merged": ids[1:]})
    return target


def move_report(store: Store, event_id: str, incident_id: int, *, by: str = "analyst") -> None:
    """Move one report to another incident (an analyst's correction)."""
    link = sql.active_link(store.conn, event_id)
    if link is None:
        raise ResolveError("not-linked", f"event {event_id!r} is in no incident; run resolve")
    if link.incident_id == incident_id:
        return
    target_links = _links(store, incident_id)
    old_others = [x for x in _links(store, link.incident_id) if x.event_id != event_id]
    with store.transaction() as conn:
        op = sql.write_audit(conn, actor=by, action="move", object_type="report",
                             object_id=event_id, before={"incident": link.incident_id},
                             after={"incident": incident_id})  # fmt: skip
        sql.end_constraints_between(conn, "cannot-link", [event_id],
                                    [x.event_id for x in target_links], op=op)  # fmt: skip
        sql.end_constraints_between(conn, "must-link", [event_id],
                                    [x.event_id for x in old_others], op=op)  # fmt: skip
        _relink(store, [link], incident_id, op, {"decision": "move", "from": link.incident_id})
        for other in old_others:
            sql.add_constraint(conn, "cannot-link", event_id, other.event_id, op=op)
        sql.add_constraint(conn, "must-link", target_links[0].event_id, event_id, op=op)


def undo_operation(store: Store, operation: int, *, by: str = "analyst") -> int:
    """Reverse one operation (a split, a merge, a move, a resolve run); return the undo's id."""
    row = sql.get_audit(store.conn, operation)
    if row is None or row.parent is not None:
        raise ResolveError("no-such-operation", f"no operation {operation}; see incident history")
    created, ended = sql.links_of_operation(store.conn, operation)
    made_constraints, ended_constraints = sql.constraints_of_operation(store.conn, operation)
    if not created and not ended and not made_constraints and not ended_constraints:
        raise ResolveError(
            "nothing-to-undo", f"operation {operation} ({row.action}) changed no link"
        )
    for link in created:
        if not link.active:
            raise ResolveError("undo-conflict",
                               f"report {link.event_id} changed after operation {operation}; "
                               "undo the later operation first")  # fmt: skip
    created_ids = {link.event_id for link in created}
    for link in ended:
        current = sql.active_link(store.conn, link.event_id)
        if current is not None and link.event_id not in created_ids:
            raise ResolveError("undo-conflict",
                               f"report {link.event_id} was linked again after operation "
                               f"{operation}; undo that first")  # fmt: skip
    canon = KnowledgeBase.from_store(store).canonicaliser()
    with store.transaction() as conn:
        op = sql.write_audit(conn, actor=by, action="undo", object_type="operation",
                             object_id=operation, before={"action": row.action})  # fmt: skip
        for link in created:
            sql.end_link(conn, link.id, op=op)
        for link in ended:
            _restore(store, link, op, canon)
        for cid in made_constraints:
            sql.set_constraint_active(conn, cid, False, op=op)
        for cid in ended_constraints:
            sql.set_constraint_active(conn, cid, True, op=op)
        sql.update_audit_after(conn, op, {"undone": operation,
                                          "restored": [x.event_id for x in ended]})  # fmt: skip
    return op


def _links(store: Store, incident_id: int) -> list[LinkRow]:
    links = sql.incident_links(store.conn, incident_id)
    if not links:
        raise ResolveError("no-such-incident", f"incident {incident_id} has no reports")
    return links


def _state(links: list[LinkRow]) -> list[dict[str, object]]:
    return [{"event": x.event_id, "incident": x.incident_id, "score": x.score,
             "method": x.method} for x in links]  # fmt: skip


def _relink(
    store: Store, links: list[LinkRow], incident_id: int, op: int, reasons: dict[str, object]
) -> None:
    conn = store.conn
    keys = {
        m.key.event_id: m.key for m in sql.incident_members(conn, [x.incident_id for x in links])
    }
    for link in links:
        sql.end_link(conn, link.id, op=op)
        new_id = sql.insert_link(
            conn, incident_id=incident_id, event_id=link.event_id, event_rowid=link.event_rowid,
            document_id=link.document_id, score=1.0, reasons=dict(reasons), method="manual", op=op,
        )  # fmt: skip
        key = keys.get(link.event_id)
        if key is not None:
            sql.index_link(conn, new_id, incident_id, key)


def _restore(store: Store, link: LinkRow, op: int, canon: Canonicaliser) -> None:
    conn = store.conn
    new_id = sql.insert_link(
        conn, incident_id=link.incident_id, event_id=link.event_id, event_rowid=link.event_rowid,
        document_id=link.document_id, score=link.score, reasons={**link.reasons, "restored": op},
        method=link.method, op=op,
    )  # fmt: skip
    event = sql.events_by_id(conn, [link.event_id]).get(link.event_id)
    if event is None:
        return
    key = report_key(event, document_id=link.document_id, canon=canon)
    if key is not None:
        sql.index_link(conn, new_id, link.incident_id, key)
