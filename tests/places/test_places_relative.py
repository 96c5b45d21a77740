"""Relative place phrases and the geometry on the sphere."""

from __future__ import annotations

import pytest

from watchfloor.places.relative import (
    POINTS,
    bearing_code,
    destination,
    haversine_km,
    midpoint,
    parse_place_phrase,
)


@pytest.mark.parametrize(
    ("text", "kind", "anchor", "distance", "bearing"),
    [
        ("14 km north of Al-Mayadeen", "offset", "Al-Mayadeen", 14.0, "N"),
        ("about 10 km north-west of the town of Hader", "offset", "Hader", 10.0, "NW"),
        ("some 30 kilometers southwest of Al-Raqqah", "offset", "Al-Raqqah", 30.0, "SW"),
        ("nearly 5 km to the east of Baqubah", "offset", "Baqubah", 5.0, "E"),
        ("12 km NNE of Kirkuk", "offset", "Kirkuk", 12.0, "NNE"),
        ("3km west-southwest of Tikrit", "offset", "Tikrit", 3.0, "WSW"),
        ("9 miles south of Mosul", "offset", "Mosul", 9 * 1.609344, "S"),
        ("30 km from Abu Kamal", "distance", "Abu Kamal", 30.0, None),
        ("north of Kirkuk", "direction", "Kirkuk", None, "N"),
        ("southeast of the city of Baqubah", "direction", "Baqubah", None, "SE"),
        ("western Mosul", "part", "Mosul", None, "W"),
        ("outskirts of Aleppo", "near", "Aleppo", None, None),
        ("near Mandali", "near", "Mandali", None, None),
        ("Deir ez-Zor Province", "area", "Deir ez-Zor", None, None),
        ("the Idlib region", "area", "Idlib", None, None),
        ("Hama countryside", "area", "Hama", None, None),
        ("between Al-Mayadeen and Diban", "between", "Al-Mayadeen", None, None),
        ("the Ithriya–Al-Rasafah road", "road", "Ithriya", None, None),
        ("Hader", "plain", None, None, None),
    ],
)
def test_relative_parse(
    text: str, kind: str, anchor: str | None, distance: float | None, bearing: str | None
) -> None:
    phrase = parse_place_phrase(text)
    assert (phrase.kind, phrase.anchor, phrase.bearing) == (kind, anchor, bearing)
    assert phrase.distance_km == (pytest.approx(distance) if distance else None)


def test_relative_all_sixteen_points_parse() -> None:
    words = {
        "N": "north", "NNE": "north-northeast", "NE": "northeast", "ENE": "east-northeast",
        "E": "east", "ESE": "east-southeast", "SE": "south-east", "SSE": "south-southeast",
        "S": "south", "SSW": "south-southwest", "SW": "south west", "WSW": "west-southwest",
        "W": "west", "WNW": "west-northwest", "NW": "north-west", "NNW": "north-northwest",
    }  # fmt: skip
    for code in POINTS:
        assert bearing_code(words[code]) == code
        assert parse_place_phrase(f"7 km {words[code]} of Tikrit").bearing == code
        assert parse_place_phrase(f"7 km {code} of Tikrit").bearing == code


def test_relative_feature_words_and_in_give_fallback_names() -> None:
    assert parse_place_phrase("Husybah border crossing").names == (
        "Husybah border crossing",
        "Husybah",
    )
    names = parse_place_phrase("the Nuri Mosque in the Old City of Mosul").names
    assert names[-1] == "Mosul"


def test_relative_hyphen_road_tries_every_split() -> None:
    names = parse_place_phrase("Ithriya-Al-Rasafah road").names
    assert names[:2] == ("Ithriya", "Al-Rasafah")


def test_relative_destination_on_the_sphere() -> None:
    lat, lon = destination(35.01982, 40.45154, 14, "N")
    assert (lat, lon) == pytest.approx((35.14572, 40.45154), abs=1e-4)
    lat, lon = destination(33.34058, 44.40088, 100, "NE")
    assert haversine_km(33.34058, 44.40088, lat, lon) == pytest.approx(100, abs=0.01)
    assert lat > 33.34058 and lon > 44.40088


def test_relative_midpoint_is_halfway() -> None:
    lat, lon = midpoint(35.0, 40.0, 35.0, 41.0)
    assert haversine_km(35.0, 40.0, lat, lon) == pytest.approx(
        haversine_km(lat, lon, 35.0, 41.0), abs=0.01
    )


def test_relative_hostile_input_is_bounded() -> None:
    phrase = parse_place_phrase("north of " + "Al-" * 50_000)
    assert phrase.kind == "direction"
