"""Where: the place as written, a relative location ("14 km north of X"), country and admin1.

Coordinates are the places stage's job; this module only reads the text and the section
path. Precision follows the guide: 1 a named place or a point at a stated distance from
one, 2 "near / area of / west of X" with no distance, 3 a province or larger region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.extract.prefilter import lower_safe
from watchfloor.extract.rules import Rules

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100,
}  # fmt: skip
_BEARINGS = {
    "north": "N", "south": "S", "east": "E", "west": "W",
    "northeast": "NE", "northwest": "NW", "southeast": "SE", "southwest": "SW",
    "north-northeast": "NNE", "east-northeast": "ENE", "east-southeast": "ESE",
    "south-southeast": "SSE", "south-southwest": "SSW", "west-southwest": "WSW",
    "west-northwest": "WNW", "north-northwest": "NNW",
}  # fmt: skip
_DIR = r"(?P<dir>(?:north|south|east|west)(?:-?(?:north|south)?-?(?:east|west))?)(?:ern)?"
_PARTICLE = r"(?:[Aa]l|[Ee]l|[Aa]d|[Aa]r|[Aa]s|[Aa]z|[Ee]z|[Aa]n|ibn|bin|bani|abu|umm|Abu|Umm)"
PLACE = (
    rf"(?:{_PARTICLE}[-‘’' ])?[A-Z][\w'’‘]{{0,30}}"
    rf"(?:(?:-| |-{_PARTICLE}-| {_PARTICLE}[-‘’' ])[A-Z0-9][\w'’‘]{{0,30}}){{0,4}}"
)
_NUM = r"(?P<num>\d{1,4}(?:\.\d{1,2})?|" + "|".join(_WORD_NUMBERS) + r")"
_UNIT = r"(?:km|kms|kilometers|kilometres|kilometer|kilometre|miles?)"
_KIND = (
    r"(?:(?P<kind>city|town|village|area|region|district|neighbo(?:u)?rhood|camp|province|"
    r"governorate|suburbs?|outskirts|vicinity|countryside|desert|sub-district|"
    r"border crossing|crossing|oil field|gas field)s? of )"
)
_RELATIVE = re.compile(
    rf"(?:(?:about|approximately|some|around|nearly|roughly|over|more than) )?{_NUM}[ -]?{_UNIT}"
    rf" (?:to the )?{_DIR} of (?:the )?{_KIND}?(?:the )?(?P<anchor>{PLACE})"
)
_DIRECTION = re.compile(
    rf"(?<![\w-]){_DIR} (?:of|outside) (?:the )?{_KIND}?(?:the )?(?P<anchor>{PLACE})"
)
_IN_PLACE = re.compile(
    rf"\b(?P<prep>in|at|near|outside|around|on|into|from) (?:the )?{_KIND}?(?:the )?"
    rf"(?P<place>{PLACE})"
)
_UNIT_WORDS = ("km", "kilomet", "mile")  # every match of _UNIT holds one
_DIR_WORDS = ("north", "south", "east", "west")  # every match of _DIR holds one
_STOP = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday the a an this that these "
    "isis isil sdf hts daesh telegram pmu pmf idf".split()
)
_ADMIN_KINDS = frozenset({"province", "governorate", "region", "district", "countryside"})


@dataclass(frozen=True, slots=True)
class Location:
    location_text: str | None = None
    anchor: str | None = None
    distance_km: float | None = None
    bearing: str | None = None
    geo_precision: int | None = None
    country: str | None = None
    admin1: str | None = None
    span: tuple[int, int] | None = None  # within the text read


def find_location(text: str, rules: Rules, section_path: tuple[str, ...]) -> Location:
    """The event place in ``text`` (the telling), with country/admin1 from text or headings."""
    text = text[:4000]
    place = _best_place(text, rules)
    country, admin1 = _region_of(text, place, rules, section_path)
    if place is None:
        return Location(country=country, admin1=admin1, geo_precision=3 if country else None)
    return Location(
        location_text=place.location_text,
        anchor=place.anchor,
        distance_km=place.distance_km,
        bearing=place.bearing,
        geo_precision=place.geo_precision,
        country=country,
        admin1=admin1,
        span=place.span,
    )


def _clean(name: str) -> str | None:
    name = re.sub(r"['’]s$", "", name.strip(" -'’"))
    words = name.split()
    while words and words[-1].lower() in _STOP:
        words.pop()
    if not words or words[0].lower() in _STOP:
        return None
    return " ".join(words)


def _valid(name: str | None, rules: Rules) -> bool:
    if not name:
        return False
    key = name.lower()
    if key in rules.nationalities or name in rules.nationalities:
        return False
    if key in rules.aliases or name in rules.aliases:
        return False
    return not all(word.lower() in _STOP for word in name.split())


def _best_place(text: str, rules: Rules) -> Location | None:
    relative = _RELATIVE.search(text) if _has_any(text, _UNIT_WORDS) else None
    if relative is not None:
        anchor = _clean(relative.group("anchor"))
        if _valid(anchor, rules):
            named = _named_before(text, relative.start(), rules)
            num = relative.group("num")
            distance = float(_WORD_NUMBERS.get(num.lower(), 0) or num)
            return Location(
                location_text=named or anchor,
                anchor=anchor,
                distance_km=distance if distance != int(distance) else float(int(distance)),
                bearing=_BEARINGS.get(relative.group("dir").lower()),
                geo_precision=1,
                span=relative.span(),
            )
    direction = _DIRECTION.search(text) if _has_any(text, _DIR_WORDS) else None
    if direction is not None:
        anchor = _clean(direction.group("anchor"))
        if _valid(anchor, rules):
            named = _named_before(text, direction.start(), rules)
            return Location(
                location_text=named or anchor,
                anchor=anchor,
                bearing=_BEARINGS.get(direction.group("dir").lower()),
                geo_precision=1 if named else 2,
                span=direction.span(),
            )
    for match in _IN_PLACE.finditer(text):
        place = _clean(match.group("place"))
        if not _valid(place, rules):
            continue
        kind = (match.group("kind") or "").lower()
        precision = 1
        if kind in _ADMIN_KINDS or (place or "").lower() in rules.regions:
            precision = 3 if kind in {"province", "governorate"} else 2
        if kind in {"area", "vicinity", "outskirts", "suburbs", "suburb"} or match.group(
            "prep"
        ) in {"near", "around", "outside"}:
            precision = 2
        return Location(location_text=place, geo_precision=precision, span=match.span("place"))
    return None


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    """A cheap test before a costly pattern that cannot match without one of ``words``."""
    return any(word in text for word in words)


def _named_before(text: str, end: int, rules: Rules) -> str | None:
    """The place named just before a relative phrase: "in Diban, 5 km east of ..."."""
    window = text[max(0, end - 80) : end]
    found: str | None = None
    for match in _IN_PLACE.finditer(window):
        if len(window) - match.end() <= 4:
            found = _clean(match.group("place"))
    return found if _valid(found, rules) else None


def _region_of(
    text: str, place: Location | None, rules: Rules, section_path: tuple[str, ...]
) -> tuple[str | None, str | None]:
    candidates: list[str] = []
    if place is not None:
        candidates += [n for n in (place.location_text, place.anchor) if n]
    candidates += region_names(text, rules.region_re)
    for heading in reversed(section_path):
        candidates += _heading_regions(heading[:300], rules.region_re)
    country: str | None = None
    for name in candidates:
        region = rules.regions.get(name.lower())
        if region is None:
            continue
        if region.admin1 and (country is None or country == region.country):
            return region.country, region.admin1
        if country is None:
            country = region.country
    return country, None


def document_country(text: str, rules: Rules) -> str | None:
    """The country a dateline or title names first ("MAIDUGURI, Nigeria" -> Nigeria)."""
    for name in region_names(text[:400], rules.region_re):
        region = rules.regions.get(name.lower())
        if region is not None:
            return region.country
    return None


MAX_REMEMBERED = 4096
_LOWERED: dict[str, re.Pattern[str] | None] = {}
_HEADINGS: dict[tuple[str, str], tuple[str, ...]] = {}


def region_names(text: str, pattern: re.Pattern[str]) -> list[str]:
    """``m.group()`` of every match of a case-insensitive ``pattern`` in ``text``.

    Speed only, same matches: a pattern of lower-case ASCII is run case-sensitively over
    ``text.lower()`` (about three times faster) when every non-ASCII character of ``text``
    has no case, so lowering changes neither offsets nor what matches.
    """
    lowered = _lowered_pattern(pattern)
    if lowered is not None and lower_safe(text):
        return [text[m.start() : m.end()] for m in lowered.finditer(text.lower())]
    return [m.group() for m in pattern.finditer(text)]


def _heading_regions(heading: str, pattern: re.Pattern[str]) -> tuple[str, ...]:
    """``region_names`` of a heading, remembered (every event under it reads it again)."""
    key = (pattern.pattern, heading)
    found = _HEADINGS.get(key)
    if found is None:
        if len(_HEADINGS) >= MAX_REMEMBERED:
            _HEADINGS.clear()
        found = tuple(region_names(heading, pattern))
        _HEADINGS[key] = found
    return found


def _lowered_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    source = pattern.pattern
    if source not in _LOWERED:
        usable = (
            bool(pattern.flags & re.IGNORECASE)
            and not pattern.flags & (re.ASCII | re.LOCALE | re.VERBOSE)
            and source.isascii()
            and source == source.lower()
            and "(?" not in source.replace("(?:", "")
        )
        _LOWERED[source] = re.compile(source, pattern.flags & ~re.IGNORECASE) if usable else None
    return _LOWERED[source]
