"""Theatre maps draw province (admin-1) lines under the country borders, from the shipped data."""

from __future__ import annotations

from lxml import etree

from watchfloor.brief.data import load_borders
from watchfloor.brief.maps import MapPoint, render_map

SVG = "{http://www.w3.org/2000/svg}"
TARGETS = (
    "Syria", "Iraq", "Egypt", "Yemen", "Afghanistan", "Lebanon", "Jordan", "Turkey", "Israel",
    "Libya", "Nigeria", "Somalia", "Pakistan", "Iran", "Saudi Arabia", "Mali",
)  # fmt: skip


def _syria_map() -> etree._Element:
    point = MapPoint(35.33, 40.14, "Battles", 4, "a clash near Deir ez-Zor", "Deir ez-Zor", 1)
    svg = render_map([point], title="Syria", countries=["Syria"], clip_id="syria")
    return etree.fromstring(svg.encode())


def _drawn(paths: list[etree._Element]) -> list[dict[str, object]]:
    by_name = {p["name"]: p for p in load_borders()["provinces"]}
    return [by_name[str(p.get("data-name"))] for p in paths if p.get("data-name") in by_name]


def test_shipped_borders_have_provinces_for_every_target_country() -> None:
    provinces = load_borders()["provinces"]
    countries = {c["name"] for c in load_borders()["countries"]}
    for country in TARGETS:
        assert country in countries
        mine = [p for p in provinces if p["country"] == country]
        assert len(mine) >= 4, country
        assert sum(len(p["lines"]) for p in mine) >= 3, country
    syria = {p["name"]: p for p in provinces if p["country"] == "Syria"}
    assert {"Aleppo", "Idlib", "Ar Raqqah", "Damascus"} <= set(syria)
    assert syria["Aleppo"]["geonames_code"] == "SY.09"
    for province in provinces:
        for line in province["lines"]:
            assert len(line) % 2 == 0 and len(line) >= 4
            assert all(-180 <= v <= 180 for v in line)


def test_syria_theatre_map_draws_province_paths_under_country_borders() -> None:
    root = _syria_map()
    groups = [g.get("class") for g in root.iter(f"{SVG}g") if g.get("class")]
    assert groups.index("land") < groups.index("provinces") < groups.index("countries")
    paths = root.findall(f".//{SVG}g[@class='provinces']/{SVG}path[@class='province']")
    names = {p.get("data-name") for p in paths}
    assert len(paths) >= 10
    assert {"Aleppo", "Ar Raqqah"} & names
    for path in paths:
        assert path.get("d", "").startswith("M") and "Z" not in path.get("d", "")
    labels = {t.text for t in root.findall(f".//{SVG}g[@class='province-labels']/{SVG}text")}
    assert {"Idlib", "Aleppo"} <= labels
    assert "Ninawa" not in labels  # Iraq's lines are drawn, its names are not
    assert {p["country"] for p in _drawn(paths)} >= {"Syria", "Iraq", "Turkey"}


def test_wide_overview_map_leaves_provinces_unnamed() -> None:
    points = [
        MapPoint(35.3, 40.1, "Battles", 1, "east Syria"),
        MapPoint(12.0, 8.5, "Battles", 1, "north Nigeria"),
    ]
    root = etree.fromstring(render_map(points, title="overview").encode())
    assert root.findall(f".//{SVG}g[@class='provinces']/{SVG}path")
    assert not root.findall(f".//{SVG}g[@class='province-labels']")
