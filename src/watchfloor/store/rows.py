"""Conversions between model values and database rows (``to_row`` / ``from_row`` pairs)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import asdict
from typing import Any

from watchfloor.models import Event, PersonMention, Source

EVENT_COLUMNS = (
    "id", "document_id", "doc", "evidence", "evidence_start", "evidence_end", "also_in",
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor1_unit",
    "actor2", "civilian_targeting", "location_text", "anchor", "distance_km", "bearing",
    "country", "admin1", "admin2", "geo_precision", "latitude", "longitude", "geonames_id",
    "geo_note", "killed", "wounded", "killed_or_wounded", "casualty_qualifier", "fatalities",
    "claimed_by", "provenance", "people", "producer",
)  # fmt: skip


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def event_to_row(event: Event, *, document_id: str, producer: str) -> tuple[Any, ...]:
    """Return the values of ``EVENT_COLUMNS`` for one event."""
    start, end = event.evidence_span if event.evidence_span else (None, None)
    return (
        event.id, document_id, event.doc, event.evidence, start, end,
        json.dumps(list(event.also_in), ensure_ascii=False), iso(event.event_date),
        int(event.time_precision), event.event_type, event.sub_event_type, event.actor1,
        event.actor1_unit, event.actor2, int(event.civilian_targeting), event.location_text,
        event.anchor, event.distance_km, event.bearing, event.country, event.admin1,
        event.admin2, event.geo_precision, event.latitude, event.longitude, event.geonames_id,
        event.geo_note, event.killed, event.wounded, event.killed_or_wounded,
        event.casualty_qualifier, event.fatalities, event.claimed_by,
        json.dumps({k: list(v) for k, v in event.provenance.items()}),
        json.dumps([asdict(p) for p in event.people], ensure_ascii=False), producer,
    )  # fmt: skip


def event_from_row(row: sqlite3.Row, sources: list[Source]) -> Event:
    """Rebuild an Event from an ``events`` row and its ``event_sources``."""
    provenance = {k: (int(v[0]), int(v[1])) for k, v in json.loads(row["provenance"]).items()}
    people = tuple(
        PersonMention(
            name=p["name"], role=p.get("role"), organisation=p.get("organisation"),
            fate=p.get("fate"), span=tuple(p["span"]) if p.get("span") else None,
        )
        for p in json.loads(row["people"])
    )  # fmt: skip
    span = (
        (int(row["evidence_start"]), int(row["evidence_end"]))
        if row["evidence_start"] is not None
        else None
    )
    return Event(
        id=row["id"], doc=row["doc"], evidence=row["evidence"],
        event_date=parse_date(row["event_date"]), time_precision=row["time_precision"],
        event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        actor1=row["actor1"], actor2=row["actor2"], actor1_unit=row["actor1_unit"],
        civilian_targeting=bool(row["civilian_targeting"]), location_text=row["location_text"],
        anchor=row["anchor"], distance_km=row["distance_km"], bearing=row["bearing"],
        country=row["country"], admin1=row["admin1"], admin2=row["admin2"],
        geo_precision=row["geo_precision"], latitude=row["latitude"],
        longitude=row["longitude"], geonames_id=row["geonames_id"], killed=row["killed"],
        wounded=row["wounded"], killed_or_wounded=row["killed_or_wounded"],
        casualty_qualifier=row["casualty_qualifier"], fatalities=row["fatalities"],
        claimed_by=row["claimed_by"], sources=tuple(sources),
        also_in=tuple(json.loads(row["also_in"])), document_id=row["document_id"],
        evidence_span=span, provenance=provenance, geo_note=row["geo_note"], people=people,
    )  # fmt: skip


def event_to_record(event: Event) -> dict[str, Any]:
    """The event as a JSON-ready dict with the guide's field names (exports, ``extract``)."""
    return {
        "id": event.id, "doc": event.doc, "evidence": event.evidence,
        "also_in": list(event.also_in), "event_date": iso(event.event_date),
        "time_precision": int(event.time_precision), "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": event.actor1,
        "actor1_unit": event.actor1_unit, "actor2": event.actor2,
        "civilian_targeting": event.civilian_targeting, "location_text": event.location_text,
        "anchor": event.anchor, "distance_km": event.distance_km, "bearing": event.bearing,
        "country": event.country, "admin1": event.admin1, "admin2": event.admin2,
        "geo_precision": event.geo_precision, "latitude": event.latitude,
        "longitude": event.longitude, "geonames_id": event.geonames_id,
        "killed": event.killed, "wounded": event.wounded,
        "killed_or_wounded": event.killed_or_wounded,
        "casualty_qualifier": event.casualty_qualifier, "fatalities": event.fatalities,
        "claimed_by": event.claimed_by,
        "sources": [{"name": s.name, "date": iso(s.date)} for s in event.sources],
        "provenance": {k: list(v) for k, v in event.provenance.items()},
        "geo_note": event.geo_note,
        "people": [asdict(p) for p in event.people],
    }  # fmt: skip
