"""Where an event happened: the place phrase, its anchor and the region ranks."""

from __future__ import annotations

import pytest

from watchfloor.extract.locations import find_location
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
