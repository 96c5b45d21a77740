"""Read-side of incidents, actors and people: typed results the CLI and web render."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

from watchfloor.errors import ResolveError
from watchfloor.models import Event, PersonMention
from watchfloor.resolve.figures import Headline, SourceFigure, figure_of, headline_of
from watchfloor.resolve.kb import KnowledgeBase, Organisation, Person
from watchfloor.store import Store
from watchfloor.store import incidents as sql
from watchfloor.store.incidents import AuditRow, LinkRow
from watchfloor.store.kb import actor_event_stats, events_mentioning


@dataclass(frozen=True, slots=True)
class IncidentView:
    """One incident: its reports (side by side), figures per source and headline."""

    id: int
    reports: tuple[tuple[LinkRow, Event], ...]
    figures: tuple[SourceFigure, ...]
    headline: Headline

    @property
    def event_date(self) -> dt.date | None:
        dates = [e.event_date for _, e in self.reports if e.event_date]
        exact = [e.event_date for _, e in self.reports if e.event_date and e.time_precision == 1]
        return min(exact or dates) if dates else None

    @property
    def sub_event_type(self) -> str:
        return Counter(e.sub_event_type for _, e in self.reports).most_common(1)[0][0]

    @property
    def location(self) -> str:
        best = min(self.reports, key=lambda r: (r[1].geo_precision or 9, r[1].id))[1]
        parts = [best.location_text, best.admin1, best.country]
        return ", ".join(p for p in parts if p) or "?"

    @property
    def actor1(self) -> str | None:
        names = [e.actor1 for _, e in self.reports if e.actor1]
        return Counter(names).most_common(1)[0][0] if names else None


def get_incident(store: Store, incident_id: int) -> IncidentView:
    reports = sql.active_reports_of(store.conn, [incident_id]).get(incident_id)
    if not reports:
        raise ResolveError("no-such-incident", f"incident {incident_id} has no reports")
    return _view(incident_id, reports)


def incident_of_event(store: Store, event_id: str) -> int | None:
    link = sql.active_link(store.conn, event_id)
    return link.incident_id if link else None


def list_incidents(
    store: Store, *, since: dt.date | None = None, until: dt.date | None = None
) -> list[IncidentView]:
    """Incidents whose earliest report falls in ``[since, until]``, in date order."""
    ids = sql.incident_ids_between(store.conn, since=since, until=until)
    reports = sql.active_reports_of(store.conn, ids)
    return [_view(i, reports[i]) for i in ids if i in reports]


def _view(incident_id: int, reports: list[tuple[LinkRow, Event]]) -> IncidentView:
    figures = tuple(figure_of(link, event) for link, event in reports)
    return IncidentView(incident_id, tuple(reports), figures, headline_of(list(figures)))


def incident_history(store: Store, incident_id: int) -> list[AuditRow]:
    return sql.list_audit(store.conn, object_type="incident", object_id=str(incident_id))


@dataclass(frozen=True, slots=True)
class ActorView:
    org: Organisation
    branches: tuple[str, ...]
    people: tuple[str, ...]
    events: int
    first_seen: str | None
    last_seen: str | None


def show_actor(store: Store, name: str) -> ActorView:
    kb = KnowledgeBase.from_store(store)
    canonical = kb.resolve_org(name)
    if canonical is None:
        raise ResolveError("unknown-actor", f"{name!r} is not in the KB; see actors list/review")
    org = kb.orgs[canonical]
    branches = kb.branches(canonical)
    names = [canonical, *(a.name for a in org.aliases), *branches]
    count, first, last = actor_event_stats(store.conn, names)
    people = tuple(
        p.name for p in kb.people.values()
        if p.organisation == canonical or any(r.organisation == canonical for r in p.roles)
    )  # fmt: skip
    return ActorView(org, tuple(branches), people, count, first, last)


@dataclass(frozen=True, slots=True)
class PersonView:
    person: Person
    mentions: tuple[tuple[str, str | None, PersonMention], ...]  # (event id, date, mention)


def show_person(store: Store, name: str) -> PersonView:
    kb = KnowledgeBase.from_store(store)
    person = kb.person(name)
    if person is None:
        raise ResolveError("unknown-person", f"{name!r} is not in the KB")
    mentions: list[tuple[str, str | None, PersonMention]] = []
    names = {person.name, *(n for n, _ in person.names)}
    for written in sorted(names):
        for event_id, date, raw in events_mentioning(store.conn, written):
            for p in json.loads(raw):
                if p.get("name") == written:
                    span = tuple(p["span"]) if p.get("span") else None
                    mention = PersonMention(
                        p["name"], p.get("role"), p.get("organisation"), p.get("fate"), span
                    )
                    mentions.append((event_id, date, mention))
    mentions.sort(key=lambda m: (m[1] or "", m[0]))
    return PersonView(person, tuple(mentions))
