"""Fill the place fields of extracted events (the geocode stage of the pipeline)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from watchfloor.models import DocumentTree, Event, Sentence
from watchfloor.places.context import PlaceContext, context_for_sentence
from watchfloor.places.gazetteer import Gazetteer
from watchfloor.places.resolver import ResolvedPlace, admin_index, resolve_event_place

UNRESOLVED = "unresolved:"


def find_sentence(event: Event, tree: DocumentTree) -> Sentence | None:
    """Return the sentence the event's evidence comes from (span overlap, else text)."""
    if event.evidence_span is not None:
        start, end = event.evidence_span
        for sent in tree.sentences:
            if sent.span[0] < end and start < sent.span[1]:
                return sent
    for sent in tree.sentences:
        if sent.text and sent.text in event.evidence:
            return sent
    return None


def geocode_events(
    events: Sequence[Event], tree: DocumentTree, gazetteer: Gazetteer
) -> list[Event]:
    """Return ``events`` with latitude, longitude, country, admin1, admin2, geonames_id,
    geo_precision and geo_note filled from their place fields and sentence context.

    Unresolved names keep the smallest area the context gives; their ``geo_note``
    starts with ``unresolved:``. Events with no place text are returned unchanged.
    """
    index = admin_index(gazetteer)
    resolved_in_block: dict[int, list[tuple[float, float]]] = {}
    out: list[Event] = []
    for event in events:
        sent = find_sentence(event, tree)
        block = sent.block_index if sent is not None else -1
        nearby = tuple(resolved_in_block.get(block, ()))
        if sent is not None:
            context = context_for_sentence(
                sent, index, country=event.country, admin1=event.admin1, nearby=nearby
            )
        else:
            context = PlaceContext(country=event.country, admin1=event.admin1, nearby=nearby)
        place = resolve_event_place(
            gazetteer=gazetteer,
            context=context,
            location_text=event.location_text,
            anchor=event.anchor,
            distance_km=event.distance_km,
            bearing=event.bearing,
        )
        if place is None:
            out.append(event)
            continue
        if place.resolved and place.latitude is not None and place.longitude is not None:
            resolved_in_block.setdefault(block, []).append((place.latitude, place.longitude))
        out.append(apply_place(event, place))
    return out


def apply_place(event: Event, place: ResolvedPlace) -> Event:
    """Copy a resolved place onto an event."""
    return dataclasses.replace(
        event,
        latitude=place.latitude,
        longitude=place.longitude,
        country=place.country or event.country,
        admin1=place.admin1 or event.admin1,
        admin2=place.admin2,
        geonames_id=place.geonames_id,
        geo_precision=place.geo_precision,
        geo_note=place.note,
    )
