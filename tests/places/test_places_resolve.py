"""Resolution in context: homonym traps, relative places, fallback, geocode_events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from watchfloor.models import BlockKind, DocFormat, Document, DocumentTree, Event, Sentence
from watchfloor.places import (
    Gazetteer,
    PlaceContext,
    context_for_sentence,
    geocode_events,
    resolve_place,
)
from watchfloor.places.relative import haversine_km
from watchfloor.places.resolver import admin_index, resolve_event_place


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    empty = tmp_path_factory.mktemp("analyst") / "absent.sqlite"
    gazetteer = Gazetteer.open(empty)  # bundled data only: no analyst file there
    yield gazetteer
    gazetteer.close()


def _near(place_lat: float | None, place_lon: float | None, lat: float, lon: float) -> float:
    assert place_lat is not None and place_lon is not None
    return haversine_km(place_lat, place_lon, lat, lon)


def test_resolve_lookup_ranks_variant_spelling(gazetteer: Gazetteer) -> None:
    cands = gazetteer.lookup("Dayr az Zawr", country="SY")
    assert cands[0].geonames_id == 170794
    assert cands[0].admin1 == "Deir ez-Zor"
    assert cands[0].reasons


def test_resolve_lookup_fuzzy_last_resort_with_score(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Miqdadiyeen") == []  # no fuzzy search without a country
    cands = gazetteer.lookup("Miqdadiyeen", country="IQ")
    assert (cands[0].name, cands[0].match) == ("Al Miqdādīyah", "fuzzy")
    assert 0.5 < cands[0].score < 0.9
    assert "fuzzy match" in cands[0].reasons[0]


def test_resolve_trap_hader_in_quneitra(gazetteer: Gazetteer) -> None:
    place = resolve_place(
        "Hader", gazetteer=gazetteer, context=PlaceContext(country="Syria", admin1="Quneitra")
    )
    assert place.admin1 == "Quneitra"
    assert place.geonames_id != 170137  # Al Ḩāḑir, south of Aleppo
    assert "Al Ḩāḑir" in place.note


def test_resolve_trap_beit_jinn_is_syrian(gazetteer: Gazetteer) -> None:
    place = resolve_place("Beit Jinn", gazetteer=gazetteer, context=PlaceContext(country="Syria"))
    assert place.country == "Syria" and place.admin1 == "Rif-dimashq"
    assert "Israel" in place.note


def test_resolve_trap_anjara_west_of_aleppo_is_not_jordanian(gazetteer: Gazetteer) -> None:
    place = resolve_place(
        "Anjara", gazetteer=gazetteer, context=PlaceContext(country="Syria", admin1="Aleppo")
    )
    assert place.country == "Syria"
    assert place.note.startswith("unresolved:") or place.admin1 == "Aleppo"
    assert place.geo_precision == 3 or _near(place.latitude, place.longitude, 36.2, 37.0) < 30


def test_resolve_trap_rawa_in_anbar_not_poland(gazetteer: Gazetteer) -> None:
    place = resolve_place(
        "Rawa", gazetteer=gazetteer, context=PlaceContext(country="Iraq", admin1="Al Anbar")
    )
    assert (place.country, place.admin1, place.geo_precision) == ("Iraq", "Al Anbar", 1)
    assert "Poland" in place.note


def test_resolve_offset_from_anchor(gazetteer: Gazetteer) -> None:
    place = resolve_place(
        "about 14 km north of Al-Mayadeen",
        gazetteer=gazetteer,
        context=PlaceContext(country="Syria"),
    )
    assert (place.anchor, place.distance_km, place.bearing, place.geo_precision) == (
        "Al-Mayadeen", 14.0, "N", 1,
    )  # fmt: skip
    assert _near(place.latitude, place.longitude, 35.14572, 40.45154) < 0.1


def test_resolve_anchor_in_neighbouring_province(gazetteer: Gazetteer) -> None:
    """A section on one province often places events from a city in the next one."""
    place = resolve_event_place(
        gazetteer=gazetteer,
        context=PlaceContext(country="Iraq", admin1="Salah ad Din"),
        location_text="an unnamed village",
        anchor="Baghdad",
        distance_km=150.0,
        bearing="N",
    )
    assert place is not None and place.resolved
    assert place.admin1 == "Salah ad Din"  # the moved point lies in the section's province
    assert 145 < _near(place.latitude, place.longitude, 33.34058, 44.40088) < 155
    near = resolve_event_place(
        gazetteer=gazetteer,
        context=PlaceContext(country="Iraq", admin1="Salah ad Din"),
        location_text="Baghdad",
        anchor="Baghdad",
        distance_km=20.0,
        bearing="S",
    )
    assert near is not None and near.admin1 == "Baghdad"  # still beside its anchor


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("north of Kirkuk", 2),
        ("near Mandali", 2),
        ("outskirts of Baqubah", 2),
        ("western Mosul", 2),
        ("between Al-Mayadeen and Deir ez-Zor", 2),
        ("the Diyala province", 3),
        ("Nineveh Province", 3),
    ],
)
def test_resolve_precision_by_rule(gazetteer: Gazetteer, text: str, precision: int) -> None:
    place = resolve_place(text, gazetteer=gazetteer, context=PlaceContext())
    assert place.resolved and place.geo_precision == precision


def test_resolve_unknown_falls_back_to_province(gazetteer: Gazetteer) -> None:
    place = resolve_place(
        "Qaryat al-Zaytun al-Gharbiyya",
        gazetteer=gazetteer,
        context=PlaceContext(country="Syria", admin1="Deir ez-Zor"),
    )
    assert not place.resolved
    assert (place.admin1, place.geo_precision) == ("Deir ez-Zor", 3)
    assert place.note.startswith("unresolved:")
    place = resolve_place(
        "Qaryat al-Zaytun", gazetteer=gazetteer, context=PlaceContext(country="Iraq")
    )
    assert (place.country, place.admin1, place.geo_precision) == ("Iraq", None, 3)


def _tree(paragraphs: list[tuple[tuple[str, ...], str]]) -> DocumentTree:
    text = "\n\n".join(body for _, body in paragraphs)
    document = Document("abc", text, "Weekly", DocFormat.TEXT, "weekly.txt")
    sentences = []
    offset = 0
    for index, (path, body) in enumerate(paragraphs):
        sentences.append(
            Sentence(index, body, (offset, offset + len(body)), path, None, index,
                     BlockKind.PARAGRAPH)
        )  # fmt: skip
        offset += len(body) + 2
    return DocumentTree(document, (), (), tuple(sentences))


def _event(evidence: str, location: str, **fields: object) -> Event:
    return Event(
        id=f"e-{location}", doc="weekly.txt", evidence=evidence, event_date=dt.date(2020, 1, 1),
        time_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1="Unknown", location_text=location, **fields,  # type: ignore[arg-type]
    )  # fmt: skip


def test_resolve_context_from_headings(gazetteer: Gazetteer) -> None:
    tree = _tree([(("Main developments in Iraq", "Al Anbar Province"), "Gunmen hit Rawa.")])
    context = context_for_sentence(tree.sentences[0], admin_index(gazetteer))
    assert (context.country, context.admin1, context.source) == ("Iraq", "Al Anbar", "heading")


def test_resolve_geocode_events_uses_sections_and_keeps_unresolved(gazetteer: Gazetteer) -> None:
    first = "Militants shelled a checkpoint in Hader near the ceasefire line."
    second = "A roadside bomb struck a patrol 10 km northeast of Deir ez-Zor."
    third = "Clashes were reported in Tell Zaytuniyah al-Qibli, a hamlet in the area."
    tree = _tree([
        (("Syria", "The Golan Heights"), first),
        (("Syria", "Deir ez-Zor Province"), second),
        (("Syria", "Deir ez-Zor Province"), third),
    ])  # fmt: skip
    events = [
        _event(first, "Hader"),
        _event(second, "Deir ez-Zor", anchor="Deir ez-Zor", distance_km=10.0, bearing="NE"),
        _event(third, "Tell Zaytuniyah al-Qibli"),
    ]
    hader, offset, unknown = geocode_events(events, tree, gazetteer)
    assert (hader.country, hader.admin1, hader.geonames_id) == ("Syria", "Quneitra", 170150)
    assert offset.geo_precision == 1 and offset.latitude is not None
    assert _near(offset.latitude, offset.longitude, 35.33588, 40.14084) == pytest.approx(10, 0.01)
    assert unknown.geo_note is not None and unknown.geo_note.startswith("unresolved:")
    assert (unknown.admin1, unknown.geo_precision, unknown.location_text) == (
        "Deir ez-Zor", 3, "Tell Zaytuniyah al-Qibli",
    )  # fmt: skip


def test_resolve_gold_geocoding_meets_targets(gold_dir: Path, gazetteer: Gazetteer) -> None:
    from watchfloor.places import evaluate_geocoding

    report = evaluate_geocoding(gold_dir / "events.jsonl", gazetteer=gazetteer)
    assert report.with_coordinates > 0
    assert report.share_25km >= 0.90
    assert report.share_5km >= 0.75


def test_resolve_fallback_takes_the_province_its_section_names(gazetteer: Gazetteer) -> None:
    tree = _tree(
        [
            (("Mozambique",), "These are the raids reported in Niassa during the week."),
            (("Mozambique",), "Insurgents burned houses near Xyzzyvillez on Friday."),
        ]
    )
    evidence = tree.sentences[1].text
    (event,) = geocode_events(
        [_event(evidence, "Xyzzyvillez", country="Mozambique")], tree, gazetteer
    )
    assert (event.country, event.admin1, event.geo_precision) == ("Mozambique", "Niassa", 3)
    assert event.geo_note is not None and event.geo_note.startswith("unresolved:")


def test_resolve_fallback_without_a_section_province_keeps_the_country(
    gazetteer: Gazetteer,
) -> None:
    tree = _tree(
        [
            (("Mozambique",), "Fighting was reported in Niassa and in Nampula this week."),
            (("Mozambique",), "Insurgents burned houses near Xyzzyvillez on Friday."),
        ]
    )
    evidence = tree.sentences[1].text
    (event,) = geocode_events(
        [_event(evidence, "Xyzzyvillez", country="Mozambique")], tree, gazetteer
    )
    assert (event.country, event.admin1) == ("Mozambique", None)


def test_resolve_document_country_outranks_a_far_homonym(gazetteer: Gazetteer) -> None:
    free = resolve_place("Tripoli", gazetteer=gazetteer, context=PlaceContext())
    hinted = resolve_place(
        "Tripoli", gazetteer=gazetteer, context=PlaceContext(document_country="Lebanon")
    )
    assert (free.country, hinted.country) == ("Libya", "Lebanon")
