"""Context of a place: admin mentions in running text, block labels, provinces of points."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from watchfloor.models import BlockKind, DocFormat, Document, DocumentTree, Event, Sentence
from watchfloor.places import Gazetteer, PlaceContext, geocode_events, resolve_place
from watchfloor.places.resolver import admin_index, resolve_event_place


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    empty = tmp_path_factory.mktemp("analyst") / "absent.sqlite"
    gazetteer = Gazetteer.open(empty)
    yield gazetteer
    gazetteer.close()


def test_context_months_and_directions_are_no_provinces(gazetteer: Gazetteer) -> None:
    index = admin_index(gazetteer)
    text = "On 4 March gunmen attacked a post in the eastern countryside before dawn."
    assert index.find(text) == []  # "March" ~ Mersch (LU), "eastern" ~ Eastern (FJ)
    assert index.find("Mersch", running=False) != []  # a bare name is read as it is


def test_context_finds_provinces_beyond_the_first_words(gazetteer: Gazetteer) -> None:
    filler = "Militants fired several mortar rounds at an army position overnight, " * 4
    found = admin_index(gazetteer).find(filler + "said police in Diyala.")
    assert ("IQ", "10") in found


def test_context_claim_province_names(gazetteer: Gazetteer) -> None:
    found = admin_index(gazetteer).find("Wilayat al-Sham – al-Barakah")
    assert ("SY", None) in found and ("SY", "01") in found


def test_resolve_fuzzy_match_outside_the_named_province_is_rejected(gazetteer: Gazetteer) -> None:
    context = PlaceContext(country="Afghanistan", mentioned=(("AF", "13"),))
    place = resolve_place("Dasht-e Barchi", gazetteer=gazetteer, context=context)
    assert (place.admin1, place.resolved) == ("Kabul", False)
    assert "admin1 Kabul" in place.note


def test_resolve_direction_off_anchor_lies_in_the_named_province(gazetteer: Gazetteer) -> None:
    place = resolve_event_place(
        gazetteer=gazetteer,
        context=PlaceContext(country="Iraq", admin1="Diyala"),
        location_text="Baghdad",
        anchor="Baghdad",
        bearing="NE",
    )
    assert place is not None and (place.admin1, place.geo_precision) == ("Diyala", 2)
    plain = resolve_event_place(
        gazetteer=gazetteer, context=PlaceContext(country="Iraq"), location_text="Baghdad",
        anchor="Baghdad", bearing="NE",
    )  # fmt: skip
    assert plain is not None and plain.admin1 == "Baghdad"


def test_resolve_far_offset_takes_the_province_it_lands_in(gazetteer: Gazetteer) -> None:
    place = resolve_event_place(
        gazetteer=gazetteer, context=PlaceContext(country="Iraq"), location_text="Baghdad",
        anchor="Baghdad", distance_km=150.0, bearing="N",
    )  # fmt: skip
    assert place is not None and place.admin1 == "Salah ad Din"
    near = resolve_event_place(
        gazetteer=gazetteer, context=PlaceContext(country="Iraq"), location_text="Baghdad",
        anchor="Baghdad", distance_km=5.0, bearing="N",
    )  # fmt: skip
    assert near is not None and near.admin1 == "Baghdad"


def _tree(blocks: list[list[str]], path: tuple[str, ...] = ()) -> DocumentTree:
    text = "\n\n".join(" ".join(block) for block in blocks)
    sentences = []
    offset = 0
    for block_index, block in enumerate(blocks):
        for body in block:
            span = (offset, offset + len(body))
            sentences.append(
                Sentence(len(sentences), body, span, path, None, block_index, BlockKind.PARAGRAPH)
            )
            offset += len(body) + 1
        offset += 1
    document = Document("abc", text, "Claims", DocFormat.TEXT, "claims.txt")
    return DocumentTree(document, (), (), tuple(sentences))


def _event(evidence: str, location: str | None) -> Event:
    return Event(
        id="e", doc="claims.txt", evidence=evidence, event_date=dt.date(2024, 1, 1),
        time_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1="Unknown", location_text=location,
    )  # fmt: skip


def test_geocode_block_label_gives_country_and_province(gazetteer: Gazetteer) -> None:
    claim = "The soldiers of the Caliphate attacked a checkpoint in Qaryat Zobrakh."
    tree = _tree([["Wilayat al-Sham – al-Barakah", claim]])
    (event,) = geocode_events([_event(claim, "Qaryat Zobrakh")], tree, gazetteer)
    assert (event.country, event.admin1) == ("Syria", "Al-Hasakah")
    assert event.geo_note is not None and event.geo_note.startswith("unresolved:")


def test_geocode_lead_label_gives_the_province_of_an_event_without_place(
    gazetteer: Gazetteer,
) -> None:
    first = "**Diyala province:** Gunmen attacked an army post at dawn."
    second = "An IED also struck a patrol later that day."
    tree = _tree([[first, second]], ("Main developments in Iraq",))
    (event,) = geocode_events([_event(second, None)], tree, gazetteer)
    assert (event.country, event.admin1) == ("Iraq", "Diyala")


def test_context_tail_of_a_longer_name_is_no_province(gazetteer: Gazetteer) -> None:
    index = admin_index(gazetteer)
    assert index.find("Gunmen attacked a checkpoint near Tal Afar on Monday.") == []
    assert ("IQ", "10") in index.find("In Diyala, gunmen attacked a checkpoint.")
    assert ("SY", None) in index.find("Clashes went on in Northern Syria.")
