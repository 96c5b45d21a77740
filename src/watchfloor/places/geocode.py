"""Fill the place fields of extracted events (the geocode stage of the pipeline)."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from watchfloor.models import DocumentTree, Event, Sentence
from watchfloor.places.context import AdminIndex, PlaceContext, context_for_sentence
from watchfloor.places.gazetteer import Gazetteer
from watchfloor.places.resolver import ResolvedPlace, admin_index, resolve_event_place

UNRESOLVED = "unresolved:"
MAX_HEAD_CHARS = 100
_LEAD_LABEL = re.compile(r"[*_]{0,3}([A-Z][^:.!?\n]{1,60}?)[*_]{0,3}:[*_]{0,3} ")
MAX_SECTION_POINTS = 3
"""A place with no resolved neighbour in its paragraph is judged by the last few of its
section, else of its parent section (a bulletin section tells of one theatre)."""


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
    starts with ``unresolved:``. Events with no place text keep their fields, but take
    the province a block label or heading names when they have none.
    """
    index = admin_index(gazetteer)
    heads = block_heads(tree)
    resolved_in_block: dict[int, list[tuple[float, float]]] = {}
    resolved_in_section: dict[tuple[str, ...], list[tuple[float, float]]] = {}
    out: list[Event] = []
    seen: dict[tuple[str, ...], tuple[tuple[str, str | None], ...]] = {}
    countries = Counter(e.country for e in events if e.country)
    main_country = countries.most_common(1)[0][0] if countries else None
    for event in events:
        sent = find_sentence(event, tree)
        block = sent.block_index if sent is not None else -1
        sections = _section_keys(sent)
        nearby = tuple(resolved_in_block.get(block, ()))
        for key in sections:
            nearby = nearby or tuple(resolved_in_section.get(key, ())[-MAX_SECTION_POINTS:])
        if sent is not None:
            context = context_for_sentence(
                sent,
                index,
                country=event.country,
                admin1=event.admin1,
                nearby=nearby,
                heads=heads.get(sent.block_index, ()),
            )
        else:
            context = PlaceContext(country=event.country, admin1=event.admin1, nearby=nearby)
        if sent is not None and sent.section_path:
            context = dataclasses.replace(
                context, section_mentioned=section_mentions(tree, sent.section_path, index, seen)
            )
        if context.country is None:
            context = dataclasses.replace(context, document_country=main_country)
        place = resolve_event_place(
            gazetteer=gazetteer,
            context=context,
            location_text=event.location_text,
            anchor=event.anchor,
            distance_km=event.distance_km,
            bearing=event.bearing,
        )
        if place is None:
            out.append(_with_context_region(event, context))
            continue
        if place.resolved and place.latitude is not None and place.longitude is not None:
            resolved_in_block.setdefault(block, []).append((place.latitude, place.longitude))
            for key in sections:
                resolved_in_section.setdefault(key, []).append((place.latitude, place.longitude))
        out.append(apply_place(event, place))
    return out


def section_mentions(
    tree: DocumentTree,
    path: tuple[str, ...],
    index: AdminIndex,
    seen: dict[tuple[str, ...], tuple[tuple[str, str | None], ...]],
) -> tuple[tuple[str, str | None], ...]:
    """The (country, admin1) pairs the sentences of section ``path`` name, remembered in
    ``seen``: "Following are the attacks in Cabo Delgado" tells where its bullets are."""
    found = seen.get(path)
    if found is None:
        pairs = [
            pair
            for sent in tree.sentences
            if sent.section_path == path
            for pair in index.find(sent.text)
        ]
        found = seen[path] = tuple(dict.fromkeys(pairs))
    return found


def _section_keys(sent: Sentence | None) -> tuple[tuple[str, ...], ...]:
    """The section and the parent section of ``sent`` (none at the top level)."""
    if sent is None or not sent.section_path:
        return ()
    path = sent.section_path
    return (path, path[:-1]) if len(path) > 1 else (path,)


def block_heads(tree: DocumentTree) -> dict[int, tuple[str, ...]]:
    """The short label lines opening each block ("Wilayat Sinai", "Diyala Province:").

    A label is a line of at most ``MAX_HEAD_CHARS`` that does not end a sentence; the
    labels of a block are those before its first real sentence, and the lead-in of that
    sentence ("**Diyala province:** A squad attacked ...").
    """
    heads: dict[int, list[str]] = {}
    done: set[int] = set()
    for sent in tree.sentences:
        block = sent.block_index
        if block in done:
            continue
        text = sent.text.strip()
        if text and len(text) <= MAX_HEAD_CHARS and text[-1] not in '.!?"”':
            heads.setdefault(block, []).append(text)
            continue
        done.add(block)
        label = _LEAD_LABEL.match(text)
        if label is not None:
            heads.setdefault(block, []).append(label.group(1))
    return {block: tuple(lines) for block, lines in heads.items()}


def _with_context_region(event: Event, context: PlaceContext) -> Event:
    """An event with no place takes the province its heading or block label names."""
    if event.admin1 is not None or context.admin1 is None or context.country is None:
        return event
    if event.country is not None and event.country != context.country:
        return event
    return dataclasses.replace(event, country=context.country, admin1=context.admin1)


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
