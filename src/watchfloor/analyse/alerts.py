"""Alerts: what is new or rising in one week, each with the statistic that raised it.

Rules (defaults in :func:`alerts`' arguments):

* ``quiet-area-active``: a province (country, admin1) has events this week and none in
  the ``quiet_weeks`` (4) weeks before, though it had events earlier.
* ``actor-rising``: an actor1's count this week is at least ``min_count`` (3) and above
  ``mean + sd_factor * sd`` (2) of its weekly counts over the ``history_weeks`` (8)
  previous weeks (population standard deviation, weeks without events count as 0).
* ``new-actor`` / ``new-place``: an actor (either side) or a location_text never seen
  before the week (only when the database has events before the week).
* ``leadership-change``: an event of sub_event_type "Change to group/activity", or a
  named person with a role whose fate is "appointed" or "killed".
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from watchfloor.models import Event
from watchfloor.store import Store
from watchfloor.store.analysis import (
    aggregate_events,
    area_last_seen,
    date_range,
    seen_before,
)

AlertKind = Literal[
    "quiet-area-active", "actor-rising", "new-actor", "new-place", "leadership-change"
]
LEADERSHIP_SUB_TYPE = "Change to group/activity"
LEADERSHIP_FATES = frozenset({"appointed", "killed"})
NOT_ACTORS = frozenset({"Civilians"})


@dataclass(frozen=True, slots=True)
class Alert:
    """One finding; ``value``, ``mean``, ``sd`` and ``threshold`` carry its statistic."""

    kind: AlertKind
    subject: str
    detail: str
    event_ids: tuple[str, ...]
    value: float | None = None
    mean: float | None = None
    sd: float | None = None
    threshold: float | None = None


def alerts(
    store: Store,
    *,
    week_start: dt.date,
    quiet_weeks: int = 4,
    history_weeks: int = 8,
    sd_factor: float = 2.0,
    min_count: int = 3,
) -> list[Alert]:
    """Alerts for the seven days from ``week_start``, grouped by kind in the order above."""
    week_end = week_start + dt.timedelta(days=6)
    events = store.query_events(since=week_start, until=week_end)
    first, _ = date_range(store.conn)
    has_history = first is not None and first < week_start
    out = _quiet_areas(store, events, week_start, quiet_weeks)
    out += _rising_actors(store, events, week_start, history_weeks, sd_factor, min_count)
    if has_history:
        out += _first_appearances(store, events, week_start)
    out += _leadership(events)
    return out


def _quiet_areas(
    store: Store, events: list[Event], week_start: dt.date, quiet_weeks: int
) -> list[Alert]:
    by_area: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    for event in events:
        if event.admin1:
            by_area[(event.country, event.admin1)].append(event.id)
    last_seen = area_last_seen(store.conn, by_area, before=week_start)
    quiet_from = week_start - dt.timedelta(weeks=quiet_weeks)
    out = []
    for (country, admin1), ids in sorted(
        by_area.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])
    ):
        last = last_seen.get((country, admin1))
        if last is None or last >= quiet_from:
            continue
        gap = (week_start - last).days // 7
        place = f"{admin1} ({country})" if country else admin1
        out.append(
            Alert(
                "quiet-area-active", place,
                f"{len(ids)} event(s) in {place} this week after {gap} weeks with none"
                f" (last event {last.isoformat()}; quiet means no event in {quiet_weeks} weeks)",
                tuple(ids), value=float(len(ids)),
            )
        )  # fmt: skip
    return out


def _rising_actors(
    store: Store,
    events: list[Event],
    week_start: dt.date,
    history_weeks: int,
    sd_factor: float,
    min_count: int,
) -> list[Alert]:
    ids_by_actor: dict[str, list[str]] = defaultdict(list)
    for event in events:
        if event.actor1:
            ids_by_actor[event.actor1].append(event.id)
    candidates = {a for a, ids in ids_by_actor.items() if len(ids) >= min_count}
    if not candidates:
        return []
    rows = aggregate_events(
        store.conn, keys=("actor",), period="week", anchor=week_start,
        since=week_start - dt.timedelta(weeks=history_weeks),
        until=week_start - dt.timedelta(days=1),
    )  # fmt: skip
    history: dict[str, list[int]] = defaultdict(lambda: [0] * history_weeks)
    for row in rows:
        actor = row.key[0]
        if actor not in candidates or row.period is None:
            continue
        index = (row.period - (week_start - dt.timedelta(weeks=history_weeks))).days // 7
        if 0 <= index < history_weeks:
            history[actor][index] = row.count
    out = []
    for actor in sorted(candidates):
        counts = history[actor]
        mean = sum(counts) / len(counts)
        sd = math.sqrt(sum((c - mean) ** 2 for c in counts) / len(counts))
        threshold = mean + sd_factor * sd
        value = len(ids_by_actor[actor])
        if value > threshold:
            out.append(
                Alert(
                    "actor-rising", actor,
                    f"{actor}: {value} events this week; previous {history_weeks} weeks mean"
                    f" {mean:.2f}, sd {sd:.2f}; threshold mean + {sd_factor:g}·sd ="
                    f" {threshold:.2f} (and at least {min_count})",
                    tuple(ids_by_actor[actor]), value=float(value), mean=mean, sd=sd,
                    threshold=threshold,
                )
            )  # fmt: skip
    return out


def _first_appearances(store: Store, events: list[Event], week_start: dt.date) -> list[Alert]:
    actor_ids: dict[str, list[str]] = defaultdict(list)
    place_ids: dict[str, list[str]] = defaultdict(list)
    for event in events:
        for actor in (event.actor1, event.actor2):
            if actor and actor not in NOT_ACTORS:
                actor_ids[actor].append(event.id)
        if event.location_text:
            place_ids[event.location_text].append(event.id)
    known_actors = seen_before(store.conn, "actor1", actor_ids, before=week_start)
    known_places = seen_before(store.conn, "location_text", place_ids, before=week_start)
    out = [
        Alert("new-actor", actor, f"first appearance of {actor} in the database", tuple(ids))
        for actor, ids in sorted(actor_ids.items())
        if actor not in known_actors
    ]
    out += [
        Alert("new-place", place, f"first event at {place} in the database", tuple(ids))
        for place, ids in sorted(place_ids.items())
        if place not in known_places
    ]
    return out


def _leadership(events: list[Event]) -> list[Alert]:
    out = []
    for event in events:
        people = [
            p for p in event.people
            if p.fate in LEADERSHIP_FATES and (p.role or p.fate == "appointed")
        ]  # fmt: skip
        for person in people:
            role = f" ({person.role})" if person.role else ""
            out.append(
                Alert(
                    "leadership-change", person.name,
                    f"{person.name}{role} {person.fate} on {_iso(event.event_date)}",
                    (event.id,),
                )
            )  # fmt: skip
        if not people and event.sub_event_type == LEADERSHIP_SUB_TYPE:
            subject = event.actor1 or "unknown actor"
            out.append(
                Alert(
                    "leadership-change", subject,
                    f"change to group/activity of {subject} on {_iso(event.event_date)}",
                    (event.id,),
                )
            )  # fmt: skip
    return out


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "an unstated date"
