"""The knowledge base of actors and people: load, look up, seed, import, export, review.

Seeded from ``data/resolve/kb_seed.jsonl`` (a JSON object per line: a ``meta`` line
with the ``version``, then ``org``, ``person`` and ``pattern`` records), kept in the
database (``store/kb.py``) and grown from documents: an actor name seen in an event
but absent from the KB becomes a *proposal* that ``actors review`` accepts, merges
into an organisation or rejects. See ``data/resolve/README.md`` for the format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from anyascii import anyascii

from watchfloor.errors import DataFileError, ResolveError
from watchfloor.store import Store
from watchfloor.store.incidents import update_audit_after, write_audit
from watchfloor.store.kb import (
    Alias,
    Fate,
    Organisation,
    Person,
    Proposal,
    Relation,
    Role,
    count_orgs,
    decide_proposal,
    get_proposal,
    list_proposals,
    load_orgs,
    load_people,
    write_org,
    write_person,
)

SEED_FILE = "kb_seed.jsonl"
MAX_NAME_CHARS = 200
_PAREN = re.compile(r"\s*\([^()]{0,80}\)\s*$")
_NON_WORD = re.compile(r"[^a-z0-9]+")

__all__ = [
    "Alias",
    "Fate",
    "KnowledgeBase",
    "Organisation",
    "Person",
    "Proposal",
    "Relation",
    "Role",
    "fold_key",
]


def fold_key(name: str) -> str:
    """Folded look-up key: ASCII, lower case, apostrophes dropped, no article ``the``.

    ``"Hay'at Tahrir al-Sham"`` -> ``"hayat tahrir al sham"``.
    """
    text = anyascii(name[:MAX_NAME_CHARS]).lower()
    text = text.replace("'", "").replace("`", "")
    text = _NON_WORD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(frozen=True, slots=True)
class NamePattern:
    """A family of generic names (``* Armed Forces``, ``Protesters (*)``): known, not proposed."""

    prefix: str = ""
    suffix: str = ""

    def matches(self, name: str) -> bool:
        return (
            name.startswith(self.prefix)
            and name.endswith(self.suffix)
            and len(name) > len(self.prefix + self.suffix)
        )


@dataclass(slots=True)
class KnowledgeBase:
    """Organisations and people in memory, with folded-name indexes. Build with a loader."""

    orgs: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    patterns: tuple[NamePattern, ...] = ()
    version: str = ""
    _aliases: dict[str, list[tuple[str, str | None, str | None]]] = field(default_factory=dict)
    _people_keys: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        orgs: Iterable[Organisation],
        people: Iterable[Person],
        patterns: Iterable[NamePattern] = (),
        *,
        version: str = "",
    ) -> KnowledgeBase:
        kb = cls(version=version, patterns=tuple(patterns))
        for org in orgs:
            kb.orgs[org.canonical] = org
            for alias in (Alias(org.canonical), *org.aliases):
                kb._aliases.setdefault(fold_key(alias.name), []).append(
                    (org.canonical, alias.valid_from, alias.valid_to)
                )
        for person in people:
            kb.people[person.name] = person
            for name, _kind in ((person.name, "name"), *person.names):
                kb._people_keys.setdefault(fold_key(name), person.name)
        return kb

    @classmethod
    def from_seed(cls) -> KnowledgeBase:
        """The bundled seed, without a database (for ``find_people`` in extraction)."""
        return _seed_kb()

    @classmethod
    def from_store(cls, store: Store) -> KnowledgeBase:
        """The KB in ``store`` (seeded from the bundled file first when empty)."""
        ensure_seeded(store)
        seed = _seed_kb()
        return cls.build(
            load_orgs(store.conn), load_people(store.conn), seed.patterns, version=seed.version
        )

    # -- look-ups -----------------------------------------------------------------------

    def resolve_org(self, name: str | None, *, on: dt.date | None = None) -> str | None:
        """The canonical organisation a name denotes (on a date, when names moved)."""
        if not name:
            return None
        hits = self._aliases.get(fold_key(name))
        if not hits:
            bare = _PAREN.sub("", name[:MAX_NAME_CHARS])
            hits = self._aliases.get(fold_key(bare)) if bare != name else None
        if not hits:
            return None
        if on is not None and len(hits) > 1:
            day = on.isoformat()
            for canonical, start, end in hits:
                if (start is None or start <= day) and (end is None or day <= end):
                    return canonical
        return hits[0][0]

    def root_org(self, name: str | None, *, on: dt.date | None = None) -> str | None:
        """The top parent of what ``name`` denotes (a province -> its parent), or None."""
        canonical = self.resolve_org(name, on=on)
        seen: set[str] = set()
        while canonical and canonical not in seen:
            seen.add(canonical)
            parent = self.orgs[canonical].parent
            if parent is None or parent not in self.orgs:
                break
            canonical = parent
        return canonical

    def is_known(self, name: str) -> bool:
        if self.resolve_org(name) is not None:
            return True
        return any(p.matches(name) for p in self.patterns)

    def canonicaliser(self) -> Any:
        """``canon(name)``: root organisation, None for generic or unknown-side actors."""

        @cache
        def canon(name: str | None) -> str | None:
            root = self.root_org(name)
            if root is None:
                return fold_key(name) if name and not self._generic(name) else None
            return None if self.orgs[root].kind == "generic" else root

        return canon

    def _generic(self, name: str) -> bool:
        return any(p.matches(name) for p in self.patterns) and name.startswith(
            ("Unidentified", "Civilians", "Protesters", "Rioters")
        )

    def person(self, name: str) -> Person | None:
        canonical = self._people_keys.get(fold_key(name))
        return self.people.get(canonical) if canonical else None

    def branches(self, canonical: str) -> list[str]:
        return sorted(o.canonical for o in self.orgs.values() if o.parent == canonical)

    def name_on(self, canonical: str, on: dt.date) -> str:
        """The name an organisation went by on a date (its dated aliases), else canonical."""
        day = on.isoformat()
        for alias in self.orgs[canonical].aliases:
            if (
                alias.valid_from
                and alias.valid_from <= day
                and (alias.valid_to is None or day <= alias.valid_to)
            ):
                return alias.name
        return canonical

    def people_names(self) -> Iterator[tuple[str, str, str]]:
        """``(name as written, kind, canonical person)`` for every KB name and kunya."""
        for person in self.people.values():
            yield person.name, "name", person.name
            for name, kind in person.names:
                yield name, kind, person.name


# -- the seed file ----------------------------------------------------------------------


@cache
def _seed_kb() -> KnowledgeBase:
    text = resources.files("watchfloor").joinpath("data", "resolve", SEED_FILE).read_text("utf-8")
    version, orgs, people, patterns = parse_kb_lines(text.splitlines(), SEED_FILE)
    return KnowledgeBase.build(orgs, people, patterns, version=version)


def parse_kb_lines(
    lines: Iterable[str], name: str, *, check: bool = True
) -> tuple[str, list[Organisation], list[Person], list[NamePattern]]:
    """Parse KB JSONL (seed or analyst file); errors name ``file:line``."""
    version = ""
    orgs: list[Organisation] = []
    people: list[Person] = []
    patterns: list[NamePattern] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            record = json.loads(line)
            kind = record.pop("type")
            if kind == "meta":
                version = str(record["version"])
            elif kind == "org":
                orgs.append(_org_from(record))
            elif kind == "person":
                people.append(_person_from(record))
            elif kind == "pattern":
                patterns.append(NamePattern(record.get("prefix", ""), record.get("suffix", "")))
            else:
                raise DataFileError("bad-type", f"{where}: unknown type {kind!r}", path=name)
        except DataFileError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise DataFileError("bad-record", f"{where}: {type(err).__name__}: {err}",
                                path=name) from err  # fmt: skip
    if not version:
        raise DataFileError("no-version", f"{name}:1: missing meta line with a version", path=name)
    if check:
        _check_references(orgs, people, name)
    return version, orgs, people, patterns


def _date(value: Any) -> str | None:
    if value is None:
        return None
    return dt.date.fromisoformat(str(value)).isoformat()  # validates


def _org_from(r: dict[str, Any]) -> Organisation:
    return Organisation(
        canonical=str(r["canonical"]), kind=str(r.get("kind", "organisation")),
        parent=r.get("parent"), country=r.get("country"),
        aliases=tuple(
            Alias(str(a["name"]), a.get("lang"), _date(a.get("valid_from")),
                  _date(a.get("valid_to")), a.get("source"))
            for a in r.get("aliases", [])
        ),
        relations=tuple(
            Relation(str(x["relation"]), str(x["other"]), _date(x.get("valid_from")),
                     _date(x.get("valid_to")), x.get("source"))
            for x in r.get("relations", [])
        ),
        note=r.get("note"), source=r.get("source"),
    )  # fmt: skip


def _person_from(r: dict[str, Any]) -> Person:
    return Person(
        name=str(r["name"]),
        names=tuple((str(x["name"]), str(x.get("kind", "alias"))) for x in r.get("names", [])),
        organisation=r.get("organisation"),
        roles=tuple(
            Role(str(x["role"]), x.get("organisation"), _date(x.get("start")),
                 _date(x.get("end")), x.get("source"))
            for x in r.get("roles", [])
        ),
        fates=tuple(
            Fate(str(x["fate"]), _date(x.get("date")), x.get("place"), x.get("source"))
            for x in r.get("fates", [])
        ),
        note=r.get("note"), source=r.get("source"),
    )  # fmt: skip


def _check_references(orgs: list[Organisation], people: list[Person], name: str) -> None:
    known = {o.canonical for o in orgs}
    for org in orgs:
        for ref in [org.parent, *(r.other for r in org.relations)]:
            if ref is not None and ref not in known:
                raise DataFileError("unknown-org", f"{name}: {org.canonical} refers to {ref!r}",
                                    path=name)  # fmt: skip
    for person in people:
        for ref in [person.organisation, *(r.organisation for r in person.roles)]:
            if ref is not None and ref not in known:
                raise DataFileError("unknown-org", f"{name}: {person.name} refers to {ref!r}",
                                    path=name)  # fmt: skip


# -- writing to the store ---------------------------------------------------------------


def ensure_seeded(store: Store) -> bool:
    """Write the bundled seed into an empty KB; return True when it did."""
    if count_orgs(store.conn) > 0:
        return False
    seed = _seed_kb()
    _write_all(store, list(seed.orgs.values()), list(seed.people.values()), actor="seed",
               origin=f"{SEED_FILE} v{seed.version}")  # fmt: skip
    return True


def import_kb(store: Store, path: Path, *, actor: str = "analyst") -> tuple[int, int]:
    """Add the organisations and people of a KB JSONL file; return ``(orgs, people)``."""
    ensure_seeded(store)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ResolveError("unreadable", f"cannot read {path}: {err}", path=str(path)) from err
    if lines and not any('"meta"' in line for line in lines[:3]):
        lines = ['{"type": "meta", "version": "import"}', *lines]
    _, orgs, people, _ = parse_kb_lines(lines, path.name, check=False)
    known = {o.canonical for o in load_orgs(store.conn)} | {o.canonical for o in orgs}
    for org in orgs:
        refs = [x for x in (org.parent, *(r.other for r in org.relations)) if x]
        for person in people:
            refs += [x for x in (person.organisation, *(r.organisation for r in person.roles)) if x]
        unknown = sorted(set(refs) - known)
        if unknown:
            raise ResolveError(
                "unknown-org", f"{path.name}: refers to organisations not in the KB: {unknown}"
            )
    _write_all(store, orgs, people, actor=actor, origin=str(path))
    return len(orgs), len(people)


def _write_all(
    store: Store, orgs: list[Organisation], people: list[Person], *, actor: str, origin: str
) -> None:
    ordered = _parents_first(orgs)
    with store.transaction() as conn:
        op = write_audit(conn, actor=actor, action="kb-import", object_type="kb", object_id=origin)
        for org in ordered:
            keys = {a.name: fold_key(a.name) for a in (Alias(org.canonical), *org.aliases)}
            write_org(conn, org, keys, op=op)
        for org in ordered:  # relations may point forward
            keys = {a.name: fold_key(a.name) for a in (Alias(org.canonical), *org.aliases)}
            write_org(conn, org, keys, op=op)
        for person in people:
            keys = {n: fold_key(n) for n, _ in ((person.name, "name"), *person.names)}
            write_person(conn, person, keys, op=op)
        update_audit_after(conn, op, {"orgs": len(orgs), "people": len(people)})


def _parents_first(orgs: list[Organisation]) -> list[Organisation]:
    by_name = {o.canonical: o for o in orgs}
    out: list[Organisation] = []
    done: set[str] = set()

    def visit(org: Organisation, depth: int = 0) -> None:
        if org.canonical in done or depth > 20:
            return
        if org.parent and org.parent in by_name:
            visit(by_name[org.parent], depth + 1)
        done.add(org.canonical)
        out.append(org)

    for org in orgs:
        visit(org)
    return out


def export_kb(store: Store, fmt: str) -> str:
    """The KB as JSONL (the import format) or CSV (one row per organisation name)."""
    kb = KnowledgeBase.from_store(store)
    if fmt == "json":
        lines = [json.dumps({"type": "meta", "version": kb.version or "export"})]
        for org in kb.orgs.values():
            lines.append(json.dumps({"type": "org", **_clean(asdict(org))}, ensure_ascii=False))
        for person in kb.people.values():
            record = _clean(asdict(person))
            record["names"] = [{"name": n, "kind": k} for n, k in person.names]
            lines.append(json.dumps({"type": "person", **record}, ensure_ascii=False))
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["canonical", "kind", "parent", "name", "lang", "valid_from", "valid_to"])
        for org in kb.orgs.values():
            for alias in (Alias(org.canonical), *org.aliases):
                writer.writerow([_cell(x) for x in (
                    org.canonical, org.kind, org.parent, alias.name, alias.lang,
                    alias.valid_from, alias.valid_to)])  # fmt: skip
        return buffer.getvalue()
    raise ResolveError("bad-format", f"unknown KB export format {fmt!r}; use json or csv")


def _cell(value: str | None) -> str:
    text = value or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, [], ())}


# -- proposals --------------------------------------------------------------------------


def review_proposal(
    store: Store,
    name: str,
    decision: str,
    *,
    into: str | None = None,
    kind: str = "organisation",
    actor: str = "analyst",
) -> Proposal:
    """Decide a pending proposal: ``accept`` (a new organisation), ``merge`` (an alias of
    ``into``) or ``reject`` (never proposed again)."""
    ensure_seeded(store)
    proposal = get_proposal(store.conn, fold_key(name))
    if proposal is None:
        raise ResolveError("no-such-proposal", f"no proposal named {name!r}; see actors review")
    if proposal.status != "pending":
        raise ResolveError("already-decided", f"{proposal.name!r} was already {proposal.status}")
    kb = KnowledgeBase.from_store(store)
    with store.transaction() as conn:
        op = write_audit(conn, actor=actor, action=f"kb-{decision}", object_type="proposal",
                         object_id=proposal.name, before={"status": "pending"})  # fmt: skip
        if decision == "accept":
            write_org(conn, Organisation(proposal.name, kind=kind),
                      {proposal.name: fold_key(proposal.name)}, op=op)  # fmt: skip
            decide_proposal(conn, proposal.id, "accepted", proposal.name, op=op)
            target: str | None = proposal.name
        elif decision == "merge":
            target = kb.resolve_org(into) if into else None
            if target is None:
                raise ResolveError("unknown-org", f"cannot merge into {into!r}: not in the KB")
            org = Organisation(target, aliases=(Alias(proposal.name, source="review"),))
            write_org(conn, org, {target: fold_key(target), proposal.name: fold_key(proposal.name)},
                      op=op)  # fmt: skip
            decide_proposal(conn, proposal.id, "merged", target, op=op)
        elif decision == "reject":
            decide_proposal(conn, proposal.id, "rejected", None, op=op)
            target = None
        else:
            raise ResolveError("bad-decision", f"{decision!r}: use accept, merge or reject")
        update_audit_after(conn, op, {"status": decision, "target": target})
    result = get_proposal(store.conn, proposal_key := fold_key(name))
    if result is None:  # pragma: no cover - written just above
        raise ResolveError("no-such-proposal", proposal_key)
    return result


def pending_proposals(store: Store) -> list[Proposal]:
    return list_proposals(store.conn, status="pending")
