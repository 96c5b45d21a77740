"""SQL of the knowledge base: organisations, aliases over time, relations, people, proposals.

The records are plain frozen dataclasses defined here (``resolve`` re-exports them);
``load_records`` reads the whole KB back, ``write_org``/``write_person`` upsert one
record, and every change goes to the ``audit`` table through the caller's operation.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from watchfloor.store.incidents import write_audit


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    lang: str | None = None
    valid_from: str | None = None  # ISO date
    valid_to: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    relation: str  # affiliated-with, sponsored-by, pledged-to, split-from
    other: str  # canonical name of the other organisation
    valid_from: str | None = None
    valid_to: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Organisation:
    canonical: str
    kind: str = "organisation"  # organisation, branch, state-force, generic
    parent: str | None = None
    country: str | None = None
    aliases: tuple[Alias, ...] = ()
    relations: tuple[Relation, ...] = ()
    note: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    organisation: str | None = None
    start: str | None = None
    end: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Fate:
    fate: str  # killed, arrested, captured, died
    date: str | None = None
    place: str | None = None
    source: str | None = None
    event_id: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    names: tuple[tuple[str, str], ...] = ()  # (name, kind): kind is name, kunya or alias
    organisation: str | None = None
    roles: tuple[Role, ...] = ()
    fates: tuple[Fate, ...] = ()
    note: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    id: int
    kind: str
    name: str
    seen: int
    first_event: str | None
    status: str
    target: str | None


def count_orgs(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM kb_orgs").fetchone()[0])


def _org_id(conn: sqlite3.Connection, canonical: str | None) -> int | None:
    if canonical is None:
        return None
    row = conn.execute("SELECT id FROM kb_orgs WHERE canonical = ?", (canonical,)).fetchone()
    return int(row[0]) if row else None


def write_org(
    conn: sqlite3.Connection, org: Organisation, key_of: dict[str, str], *, op: int
) -> None:
    """Insert or complete an organisation (aliases and relations are added, never removed).

    ``key_of`` maps each alias to its folded look-up key (computed by ``resolve``).
    """
    parent_id = _org_id(conn, org.parent)
    org_id = _org_id(conn, org.canonical)
    if org_id is None:
        cur = conn.execute(
            "INSERT INTO kb_orgs(canonical, kind, parent_id, country, note, source)"
            " VALUES (?,?,?,?,?,?)",
            (org.canonical, org.kind, parent_id, org.country, org.note, org.source),
        )
        org_id = int(cur.lastrowid or 0)
        write_audit(conn, actor="kb", action="kb-add-org", object_type="org",
                    object_id=org.canonical, after={"kind": org.kind, "parent": org.parent},
                    parent=op)  # fmt: skip
    elif parent_id is not None:
        conn.execute("UPDATE kb_orgs SET parent_id = ? WHERE id = ? AND parent_id IS NULL",
                     (parent_id, org_id))  # fmt: skip
    for alias in (Alias(org.canonical), *org.aliases):
        cur = conn.execute(
            "INSERT OR IGNORE INTO kb_org_aliases(org_id, alias, alias_key, lang, valid_from,"
            " valid_to, source) VALUES (?,?,?,?,?,?,?)",
            (org_id, alias.name, key_of[alias.name], alias.lang, alias.valid_from,
             alias.valid_to, alias.source),
        )  # fmt: skip
        if cur.rowcount and alias.name != org.canonical:
            write_audit(
                conn, actor="kb", action="kb-add-alias", object_type="org",
                object_id=org.canonical, after={"alias": alias.name}, parent=op,
            )  # fmt: skip
    for rel in org.relations:
        other_id = _org_id(conn, rel.other)
        if other_id is None:
            continue
        conn.execute(
            "INSERT OR IGNORE INTO kb_org_relations(org_id, relation, other_id, valid_from,"
            " valid_to, source) VALUES (?,?,?,?,?,?)",
            (org_id, rel.relation, other_id, rel.valid_from, rel.valid_to, rel.source),
        )


def write_person(
    conn: sqlite3.Connection, person: Person, key_of: dict[str, str], *, op: int
) -> None:
    """Insert or complete a person (names, roles and fates are added, never removed)."""
    row = conn.execute("SELECT id FROM kb_people WHERE name = ?", (person.name,)).fetchone()
    if row is None:
        cur = conn.execute(
            "INSERT INTO kb_people(name, org_id, note, source) VALUES (?,?,?,?)",
            (person.name, _org_id(conn, person.organisation), person.note, person.source),
        )
        person_id = int(cur.lastrowid or 0)
        write_audit(conn, actor="kb", action="kb-add-person", object_type="person",
                    object_id=person.name, after={"organisation": person.organisation},
                    parent=op)  # fmt: skip
    else:
        person_id = int(row[0])
    for name, kind in ((person.name, "name"), *person.names):
        conn.execute(
            "INSERT OR IGNORE INTO kb_person_names(person_id, name, name_key, kind)"
            " VALUES (?,?,?,?)",
            (person_id, name, key_of[name], kind),
        )
    for role in person.roles:
        conn.execute(
            "INSERT OR IGNORE INTO kb_roles(person_id, role, org_id, start, end, source)"
            " VALUES (?,?,?,?,?,?)",
            (person_id, role.role, _org_id(conn, role.organisation), role.start, role.end,
             role.source),
        )  # fmt: skip
    for fate in person.fates:
        conn.execute(
            "INSERT OR IGNORE INTO kb_fates(person_id, fate, date, place, source, event_id)"
            " VALUES (?,?,?,?,?,?)",
            (person_id, fate.fate, fate.date, fate.place, fate.source, fate.event_id),
        )


def load_orgs(conn: sqlite3.Connection) -> list[Organisation]:
    names = {int(r[0]): str(r[1]) for r in conn.execute("SELECT id, canonical FROM kb_orgs")}
    aliases: dict[int, list[Alias]] = {}
    for r in conn.execute("SELECT * FROM kb_org_aliases ORDER BY id"):
        if r["alias"] != names.get(r["org_id"]):
            aliases.setdefault(r["org_id"], []).append(
                Alias(r["alias"], r["lang"], r["valid_from"], r["valid_to"], r["source"])
            )
    relations: dict[int, list[Relation]] = {}
    for r in conn.execute("SELECT * FROM kb_org_relations ORDER BY id"):
        relations.setdefault(r["org_id"], []).append(
            Relation(r["relation"], names[r["other_id"]], r["valid_from"], r["valid_to"],
                     r["source"])
        )  # fmt: skip
    return [
        Organisation(
            canonical=r["canonical"], kind=r["kind"],
            parent=names.get(r["parent_id"]) if r["parent_id"] else None, country=r["country"],
            aliases=tuple(aliases.get(r["id"], [])), relations=tuple(relations.get(r["id"], [])),
            note=r["note"], source=r["source"],
        )
        for r in conn.execute("SELECT * FROM kb_orgs WHERE active = 1 ORDER BY id")
    ]  # fmt: skip


def load_people(conn: sqlite3.Connection) -> list[Person]:
    orgs = {int(r[0]): str(r[1]) for r in conn.execute("SELECT id, canonical FROM kb_orgs")}
    names: dict[int, list[tuple[str, str]]] = {}
    for r in conn.execute("SELECT * FROM kb_person_names WHERE kind != 'name' OR name NOT IN"
                          " (SELECT name FROM kb_people) ORDER BY id"):  # fmt: skip
        names.setdefault(r["person_id"], []).append((r["name"], r["kind"]))
    roles: dict[int, list[Role]] = {}
    for r in conn.execute("SELECT * FROM kb_roles ORDER BY start, id"):
        roles.setdefault(r["person_id"], []).append(
            Role(r["role"], orgs.get(r["org_id"]) if r["org_id"] else None, r["start"], r["end"],
                 r["source"])
        )  # fmt: skip
    fates: dict[int, list[Fate]] = {}
    for r in conn.execute("SELECT * FROM kb_fates ORDER BY date, id"):
        fates.setdefault(r["person_id"], []).append(
            Fate(r["fate"], r["date"], r["place"], r["source"], r["event_id"])
        )
    return [
        Person(
            name=r["name"], names=tuple(names.get(r["id"], [])),
            organisation=orgs.get(r["org_id"]) if r["org_id"] else None,
            roles=tuple(roles.get(r["id"], [])), fates=tuple(fates.get(r["id"], [])),
            note=r["note"], source=r["source"],
        )
        for r in conn.execute("SELECT * FROM kb_people ORDER BY id")
    ]  # fmt: skip


# -- proposals --------------------------------------------------------------------------


def note_proposal(
    conn: sqlite3.Connection, name: str, name_key: str, *, event_id: str, kind: str = "org"
) -> bool:
    """Count a sighting of an unknown name; return True when the proposal is new."""
    cur = conn.execute(
        "UPDATE kb_proposals SET seen = seen + 1 WHERE kind = ? AND name_key = ?",
        (kind, name_key),
    )
    if cur.rowcount:
        return False
    conn.execute(
        "INSERT INTO kb_proposals(kind, name, name_key, first_event) VALUES (?,?,?,?)",
        (kind, name, name_key, event_id),
    )
    return True


def list_proposals(conn: sqlite3.Connection, *, status: str | None = "pending") -> list[Proposal]:
    sql = (
        "SELECT p.*, o.canonical AS target FROM kb_proposals p"
        " LEFT JOIN kb_orgs o ON o.id = p.target_id"
    )
    params: list[str] = []
    if status:
        sql += " WHERE p.status = ?"
        params.append(status)
    rows = conn.execute(sql + " ORDER BY p.seen DESC, p.name", params).fetchall()
    return [
        Proposal(r["id"], r["kind"], r["name"], r["seen"], r["first_event"], r["status"],
                 r["target"])
        for r in rows
    ]  # fmt: skip


def get_proposal(conn: sqlite3.Connection, name_key: str) -> Proposal | None:
    row = conn.execute(
        "SELECT p.*, o.canonical AS target FROM kb_proposals p"
        " LEFT JOIN kb_orgs o ON o.id = p.target_id WHERE p.name_key = ?",
        (name_key,),
    ).fetchone()
    if row is None:
        return None
    return Proposal(row["id"], row["kind"], row["name"], row["seen"], row["first_event"],
                    row["status"], row["target"])  # fmt: skip


def decide_proposal(
    conn: sqlite3.Connection, proposal_id: int, status: str, target: str | None, *, op: int
) -> None:
    conn.execute(
        "UPDATE kb_proposals SET status = ?, target_id = ?, decided_op = ? WHERE id = ?",
        (status, _org_id(conn, target), op, proposal_id),
    )


def proposal_keys(conn: sqlite3.Connection) -> set[str]:
    """Folded names already proposed (any status): they are not proposed again."""
    return {str(r[0]) for r in conn.execute("SELECT name_key FROM kb_proposals")}


def actor_event_stats(
    conn: sqlite3.Connection, names: list[str]
) -> tuple[int, str | None, str | None]:
    """``(events, first date, last date)`` of events whose actor1, actor2 or claimant is a name."""
    if not names:
        return 0, None, None
    marks = ",".join("?" * len(names))
    row = conn.execute(
        f"SELECT COUNT(*), MIN(event_date), MAX(event_date) FROM events WHERE actor1 IN ({marks})"  # noqa: S608
        f" OR actor2 IN ({marks}) OR claimed_by IN ({marks}) OR actor1_unit IN ({marks})",
        names * 4,
    ).fetchone()
    return int(row[0]), row[1], row[2]


def events_mentioning(
    conn: sqlite3.Connection, name: str, *, limit: int = 50
) -> list[tuple[str, str | None, str]]:
    """``(event id, date, people JSON)`` of events whose people list holds ``name``."""
    needle = '"name": ' + _json_str(name)
    rows = conn.execute(
        "SELECT id, event_date, people FROM events WHERE instr(people, ?) > 0"
        " ORDER BY event_date LIMIT ?",
        (needle, limit),
    )
    return [(str(r[0]), r[1], str(r[2])) for r in rows]


def _json_str(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
