"""Where an event happened: the place phrase, its anchor and the region ranks."""

from __future__ import annotations

import pytest

from watchfloor.extract.locations import document_country, find_location
from watchfloor.extract.rules import Rules


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules.load()


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Troops repelled a raid on a base in the southern town of Al-Quriyah.", "Al-Quriyah"),
        ("Gunmen opened fire on the outskirts of the village of Al-Shafa.", "Al-Shafa"),
        ("A grenade was thrown in the market of the town of Gharanij.", "Gharanij"),
        ("A suicide bomber struck a mosque in the Pul-e Khumri area.", "Pul-e Khumri"),
        ("A car bomb went off in the Alawite village of Al-Zara on Friday.", "Al-Zara"),
        ("An IED hit a vehicle in the Achin district of Nangarhar.", "Achin"),
        ("A car bomb exploded in the Syrian city of Manbij on Tuesday.", "Manbij"),
        ("Jets struck depots in the northern Iraqi city of Tuz Khurmatu.", "Tuz Khurmatu"),
        ("Militants raided a base in the Kurdish-held town of Qamishli.", "Qamishli"),
    ],
)
def test_locations_place_after_kind_words(rules: Rules, sentence: str, place: str) -> None:
    assert find_location(sentence, rules, ()).location_text == place


def test_locations_place_then_kind_then_direction(rules: Rules) -> None:
    found = find_location(
        "Militants attacked a post in the Dujail district north of Samarra.", rules, ()
    )
    assert (found.location_text, found.anchor, found.bearing) == ("Dujail", "Samarra", "N")


def test_locations_emphasis_marks_are_ignored_and_spans_kept(rules: Rules) -> None:
    text = "An IED exploded in **the town of Jalula, south of Khanaqin** on Monday."
    found = find_location(text, rules, ())
    assert (found.location_text, found.anchor, found.bearing) == ("Jalula", "Khanaqin", "S")
    assert found.span is not None
    assert text[found.span[0] : found.span[1]] == "south of Khanaqin"


def test_locations_town_a_place_lies_in_is_its_anchor(rules: Rules) -> None:
    found = find_location("Snipers fired on residents in the Old City of Tal Afar.", rules, ())
    assert (found.location_text, found.anchor) == ("Old City", "Tal Afar")
    region = find_location(
        "He was born in the village of Nawa, in the Daraa countryside.", rules, ()
    )
    assert (region.location_text, region.anchor) == ("Nawa", None)


def test_locations_where_a_strike_came_from_is_not_the_place(rules: Rules) -> None:
    text = "Bombers took off from their base in Qatar and struck depots in Al-Shaddadi."
    assert find_location(text, rules, ()).location_text == "Al-Shaddadi"


def test_locations_heading_outranks_actor_country_and_adjectives(rules: Rules) -> None:
    syria = ("Main developments in Syria",)
    text = "In response, Israel shelled army posts near the village of Jubata."
    assert find_location(text, rules, syria).country == "Syria"
    text = "Iraqi aircraft struck hideouts near Tell Abyad."
    assert find_location(text, rules, syria).country == "Syria"
    assert find_location(text, rules, ()).country == "Iraq"  # no heading: the adjective


def test_locations_territory_of_a_nationality_is_a_place(rules: Rules) -> None:
    text = "Two mortar shells fired by the army landed in Israeli territory."
    found = find_location(text, rules, ("Main developments in Syria",))
    assert (found.country, found.admin1) == ("Israel", None)


def test_locations_city_that_names_its_province(rules: Rules) -> None:
    path = ("Idlib region", "Aleppo front")
    found = find_location("The army entered the western neighbourhoods of the city.", rules, path)
    assert (found.country, found.admin1) == ("Syria", "Aleppo")


def test_locations_people_and_actor_names_are_no_places(rules: Rules) -> None:
    text = "Gunmen kidnapped three men from the Shabak community near Bartella."
    assert find_location(text, rules, ()).location_text == "Bartella"
    text = "Al-Qaeda in the Arabian Peninsula claimed a raid on a post in Mudiyah."
    assert find_location(text, rules, ()).location_text == "Mudiyah"


def test_locations_region_of_the_place_sentence_first(rules: Rules) -> None:
    text = (
        "Egyptian police arrested two suspects in Bir al-Abd. "
        "Officials said the pair had trained with militants in Libya."
    )
    assert find_location(text, rules, ()).country == "Egypt"


def test_locations_distance_from_a_town_named_with_its_nationality(rules: Rules) -> None:
    found = find_location("A mine went off 12 km south of the Syrian town of Al-Tanf.", rules, ())
    assert (found.anchor, found.distance_km, found.bearing) == ("Al-Tanf", 12.0, "S")


@pytest.mark.parametrize(
    ("sentence", "place", "precision"),
    [
        (
            "A bomber blew himself up at the southern entrance to the town of Al-Rashad.",
            "Al-Rashad",
            1,
        ),
        ("Gunmen fired on a checkpoint at the entrance of Kafr Nabl on Monday.", "Kafr Nabl", 1),
        ("Jets struck a depot on the outskirts of Hawija.", "Hawija", 2),
        ("Police arrested two suspects in eastern Kirkuk on Sunday.", "eastern Kirkuk", 2),
        ("A sticky bomb went off in central Kabul.", "central Kabul", 2),
        ("Hundreds of residents of Tal Afar protested against power cuts.", "Tal Afar", 1),
    ],
)
def test_locations_entrances_parts_and_residents(
    rules: Rules, sentence: str, place: str, precision: int
) -> None:
    found = find_location(sentence, rules, ())
    assert (found.location_text, found.geo_precision) == (place, precision)


def test_locations_part_of_a_region_is_no_place(rules: Rules) -> None:
    found = find_location("Militants ambushed a patrol in eastern Syria.", rules, ())
    assert (found.location_text, found.country) == (None, "Syria")


def test_locations_part_of_a_known_town_gives_its_province(rules: Rules) -> None:
    found = find_location("An officer was shot dead in western Baghdad.", rules, ())
    assert (found.location_text, found.country, found.admin1) == (
        "western Baghdad",
        "Iraq",
        "Baghdad",
    )


def test_locations_road_between_two_villages_is_the_first_near(rules: Rules) -> None:
    text = "An IED hit a truck on the road between the villages of Al-Hamra and Tell Sabi."
    found = find_location(text, rules, ())
    assert (found.location_text, found.anchor, found.geo_precision) == ("Al-Hamra", "Tell Sabi", 2)


def test_locations_possessive_names_the_district_and_its_town(rules: Rules) -> None:
    text = "A car bomb exploded at a hotel in Kismayo's Farjano district on Friday."
    found = find_location(text, rules, ())
    assert (found.location_text, found.anchor, found.geo_precision) == ("Farjano", "Kismayo", 2)
    assert (found.country, found.admin1) == ("Somalia", "Lower Juba")


def test_locations_the_group_a_place_was_taken_from_is_no_place(rules: Rules) -> None:
    text = "Government troops retook the village of Buq Aqable from al Shabaab on Monday."
    found = find_location(text, rules, ())
    assert found.location_text == "Buq Aqable"
    assert find_location("Troops seized weapons from al Shabaab.", rules, ()).location_text is None


def test_locations_a_town_names_no_country_against_its_heading(rules: Rules) -> None:
    found = find_location("Fighters attacked a post in Mosul.", rules, ("Syria",))
    assert (found.location_text, found.country, found.admin1) == ("Mosul", "Syria", None)


@pytest.mark.parametrize(
    ("head", "country"),
    [
        ("KISMAYO, June 3 (Desk) - Gunmen attacked", "Somalia"),
        ("Blast in Maiduguri market kills traders", "Nigeria"),
        ("ADEN, Yemen, May 2 - ", "Yemen"),
        ("Weather report for the week", None),
    ],
)
def test_locations_dateline_town_gives_the_document_country(
    rules: Rules, head: str, country: str | None
) -> None:
    assert document_country(head, rules) == country


def test_locations_place_taken_control_of_before_a_direction(rules: Rules) -> None:
    text = "The army took control of the Tanf border crossing, south of Al-Hol, on Friday."
    found = find_location(text, rules, ())
    assert (found.location_text, found.anchor, found.bearing) == ("Tanf", "Al-Hol", "S")
