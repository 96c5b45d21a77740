"""Sentences of the brief, generated from event fields only (no free text, no model).

One statement = date, place (with the relative placement as reported), actors and
what happened (``event_phrases.tsv``), casualties with their qualifier, the claim
when the report rests on one, then one citation group in the bulletins' style:
``(Telegram, February 14, 2020; Al-Sumaria, February 15, 2020)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from watchfloor.brief.data import load_event_phrases
from watchfloor.brief.svg import clean_text
from watchfloor.models import Event, Source

BEARINGS = {
    "N": "north", "NNE": "north-northeast", "NE": "northeast", "ENE": "east-northeast",
    "E": "east", "ESE": "east-southeast", "SE": "southeast", "SSE": "south-southeast",
    "S": "south", "SSW": "south-southwest", "SW": "southwest", "WSW": "west-southwest",
    "W": "west", "WNW": "west-northwest", "NW": "northwest", "NNW": "north-northwest",
}  # fmt: skip
WORD_QUALIFIERS = frozenset({"dozens", "several", "many", "hundreds", "scores"})
FATE_WORDS = frozenset({"killed", "appointed", "arrested", "wounded", "captured"})


def long_date(day: dt.date) -> str:
    """``February 14, 2020``."""
    return f"{day:%B} {day.day}, {day.year}"


def _c(value: str | None) -> str:
    return clean_text(value, limit=300).strip()


def date_phrase(event: Event) -> str:
    if event.event_date is None:
        return "On an unstated date"
    if event.time_precision >= 3:
        return f"In {event.event_date:%B} {event.event_date.year}"
    if event.time_precision == 2:
        return f"By {long_date(event.event_date)}"
    return f"On {long_date(event.event_date)}"


def _km(value: float) -> str:
    return f"{value:g}"


def place_phrase(event: Event) -> str:
    """``in Diban, 5 km east of Al-Mayadeen``; ``14 km north of Al-Mayadeen``; ``in Hader``."""
    location, anchor = _c(event.location_text), _c(event.anchor)
    relative = ""
    if anchor and (event.distance_km is not None or event.bearing):
        direction = BEARINGS.get((event.bearing or "").upper(), "")
        distance = f"{_km(event.distance_km)} km " if event.distance_km is not None else ""
        if direction:
            relative = f"{distance}{direction} of {anchor}"
        else:
            relative = f"{distance}from {anchor}"
    if location and relative and location.casefold() != anchor.casefold():
        return f"in {location}, {relative}"
    if relative:
        return relative
    if location:
        return f"in {location}"
    if event.admin1:
        return f"in {_c(event.admin1)} province"
    if event.country:
        return f"in {_c(event.country)}"
    return "at an unstated place"


def area_phrase(event: Event) -> str:
    """`` (Deir ez-Zor, Syria)`` or empty."""
    parts = [p for p in (_c(event.admin1), _c(event.country)) if p]
    return f" ({', '.join(parts)})" if parts else ""


def actor_phrase(event: Event) -> str:
    actor = _c(event.actor1) or "An unidentified actor"
    unit = _c(event.actor1_unit)
    return f"{actor} ({unit})" if unit and unit != actor else actor


def action_phrase(event: Event) -> str:
    phrases = load_event_phrases()
    target = _c(event.actor2)
    with_target, without = phrases.get(
        event.sub_event_type,
        (f"took part in an event ({_c(event.sub_event_type)}) against {{actor2}}",
         f"took part in an event ({_c(event.sub_event_type)})"),
    )  # fmt: skip
    return with_target.replace("{actor2}", target) if target else without


def casualty_phrase(event: Event) -> str:
    """``; at least 3 killed and 2 wounded`` (qualifier on the killed figure), or empty."""
    qualifier = _c(event.casualty_qualifier)
    parts = []

    def figure(value: int) -> str:
        if not qualifier:
            return str(value)
        if qualifier.casefold() in WORD_QUALIFIERS:
            return f"{qualifier} (coded {value})"
        return f"{qualifier} {value}"

    if event.killed is not None:
        parts.append(f"{figure(event.killed)} killed")
    if event.wounded is not None:
        parts.append(f"{event.wounded} wounded" if parts else f"{figure(event.wounded)} wounded")
    if event.killed_or_wounded is not None:
        kow = event.killed_or_wounded
        parts.append(f"{kow if parts else figure(kow)} killed or wounded")
    if not parts and event.fatalities:
        parts.append(f"{event.fatalities} fatalities")
    return "; " + " and ".join(parts) if parts else ""


def people_phrase(event: Event) -> str:
    named = []
    for person in event.people[:5]:
        name = _c(person.name)
        if not name:
            continue
        role = f" ({_c(person.role)})" if person.role else ""
        fate = _c(person.fate) if (person.fate or "").casefold() in FATE_WORDS else ""
        named.append(f"{name}{role}{', ' + fate if fate else ''}")
    return "; named: " + "; ".join(named) if named else ""


def claim_phrase(event: Event) -> str:
    claimant = _c(event.claimed_by)
    return f", according to a claim by {claimant}" if claimant else ""


def describe_event(event: Event, *, with_area: bool = False) -> str:
    """The statement for one event, without its citation group."""
    area = area_phrase(event) if with_area else ""
    return (
        f"{date_phrase(event)}, {place_phrase(event)}{area}, {actor_phrase(event)} "
        f"{action_phrase(event)}{casualty_phrase(event)}{people_phrase(event)}"
        f"{claim_phrase(event)}"
    )


def merge_sources(events: Sequence[Event]) -> list[Source]:
    """Sources of all events, each (name, date) once, in date then first-seen order."""
    seen: dict[tuple[str, dt.date | None], Source] = {}
    for event in events:
        for source in event.sources:
            seen.setdefault((source.name, source.date), source)
    return sorted(seen.values(), key=lambda s: s.date or dt.date.max)


def citation(sources: Sequence[Source], *, fallback: str) -> str:
    """``(Telegram, February 14, 2020; Al-Sumaria, February 15, 2020)``; ``(fallback)`` if none."""
    parts = [
        f"{_c(s.name)}, {long_date(s.date)}" if s.date else _c(s.name)
        for s in sources
        if _c(s.name)
    ]
    return f"({'; '.join(parts) if parts else _c(fallback)})"
