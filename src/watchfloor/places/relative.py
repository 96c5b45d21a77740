"""Relative place phrases ("14 km north of Al-Mayadeen") and geometry on the sphere.

:func:`parse_place_phrase` splits a place phrase into what to look up and how to
move from it. It never looks anything up; :mod:`watchfloor.places.resolver` does.
Every pattern is bounded and the input is capped before matching.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MAX_PHRASE_CHARS = 300
EARTH_RADIUS_KM = 6371.0088
MILES_TO_KM = 1.609344

POINTS = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip
_BASE = {"north": "N", "south": "S", "east": "E", "west": "W"}


def _direction_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for word, code in _BASE.items():
        words[word] = code
        words[word + "ern"] = code
    for ns in ("north", "south"):
        for ew in ("east", "west"):
            code = _BASE[ns] + _BASE[ew]
            for sep in ("", "-", " "):
                words[ns + sep + ew] = code
                words[ns + sep + ew + "ern"] = code
            for main in (ns, ew):
                code3 = _BASE[main] + code
                for sep in ("-", " "):
                    words[main + sep + ns + sep + ew] = code3
                    words[main + sep + ns + ew] = code3
    for code in POINTS:
        words[code.lower()] = code
    return words


DIRECTIONS = _direction_words()
_DIR_ALT = "|".join(sorted((re.escape(w) for w in DIRECTIONS), key=len, reverse=True))
_QUAL = r"(?:(?:about|some|nearly|around|approximately|roughly|almost|over|under|more than|less than|up to|just)\s{1,3})?"  # noqa: E501
_NUM = r"(?P<num>\d{1,4}(?:[.,]\d{1,3})?)"
_UNIT = r"(?P<unit>km|kms|kilometers?|kilometres?|miles?|mi)\b\.?"
_OF = r"(?:of|from|outside)"
_TOWN = r"(?:(?:the\s{1,3})?(?:city|town|village|area|outskirts|vicinity)\s{1,3}of\s{1,3})?"

OFFSET_RE = re.compile(
    rf"{_QUAL}{_NUM}\s{{0,3}}-?\s{{0,2}}{_UNIT}\s{{0,3}}(?:to\s{{1,3}}the\s{{1,3}})?"
    rf"(?P<dir>{_DIR_ALT})\s{{1,3}}{_OF}\s{{1,3}}{_TOWN}(?P<anchor>[^,;()]{{1,80}})",
    re.IGNORECASE,
)
DISTANCE_RE = re.compile(
    rf"{_QUAL}{_NUM}\s{{0,3}}{_UNIT}\s{{1,3}}(?:away\s{{1,3}})?{_OF}\s{{1,3}}{_TOWN}"
    rf"(?P<anchor>[^,;()]{{1,80}})",
    re.IGNORECASE,
)
DIRECTION_RE = re.compile(
    rf"(?:^|\b)(?:to\s{{1,3}}the\s{{1,3}})?(?P<dir>{_DIR_ALT})\s{{1,3}}{_OF}\s{{1,3}}{_TOWN}"
    rf"(?P<anchor>[^,;()]{{1,80}})",
    re.IGNORECASE,
)
PART_RE = re.compile(
    r"^(?:the\s{1,3})?(?P<dir>northern|southern|eastern|western|north-eastern|north-western|"
    r"south-eastern|south-western|northeastern|northwestern|southeastern|southwestern)"
    r"\s{1,3}(?P<anchor>[^,;()]{1,80})$",
    re.IGNORECASE,
)
BETWEEN_RE = re.compile(
    r"between\s{1,3}(?:the\s{1,3}(?:towns?|villages?|cities)\s{1,3}(?:of\s{1,3})?)?"
    r"(?P<a>[^,;()]{1,60}?)\s{1,3}and\s{1,3}(?P<b>[^,;()]{1,60})",
    re.IGNORECASE,
)
ROAD_RE = re.compile(
    r"^(?:the\s{1,3})?(?P<ends>[^,;()]{3,120}?)\s{1,3}(?:road|highway|motorway|route)$",
    re.IGNORECASE,
)
NEAR_RE = re.compile(
    r"^(?:(?:the\s{1,3})?(?:outskirts|vicinity|environs|surroundings|countryside|area|region|"
    r"suburbs)\s{1,3}of|near(?:by)?|close\s{1,3}to|around|outside|in\s{1,3}the\s{1,3}area\s{1,3}of)"
    r"\s{1,3}(?P<anchor>[^,;()]{1,80})$",
    re.IGNORECASE,
)
AREA_RE = re.compile(
    r"^(?P<anchor>[^,;()]{1,80}?)\s{1,3}(?P<kind>region|area|district|province|governorate|"
    r"countryside|outskirts|suburbs|sub-district|subdistrict|basin|plain|valley|desert)$",
    re.IGNORECASE,
)
_LEAD_RE = re.compile(
    r"^(?:the\s{1,3})?(?:(?:city|town|village|old\s{1,3}city|centre|center|neighbou?rhood"
    r"|town\s{1,3}center)\s{1,3}of\s{1,3})",
    re.IGNORECASE,
)
_FEATURE_RE = re.compile(
    r"\s{1,3}(?:border\s{1,3}crossing|crossing|oil\s{1,3}field|gas\s{1,3}field|oil\s{1,3}and"
    r"\s{1,3}gas\s{1,3}field|field|airport|air\s{1,3}base|base|dam|bridge|checkpoint|camp)$",
    re.IGNORECASE,
)
_IN_RE = re.compile(
    r"^(?P<inner>[^,;()]{1,80}?)\s{1,3}(?:in|at|near)\s{1,3}(?P<outer>[^,;()]{1,80})$"
)


@dataclass(frozen=True, slots=True)
class PlacePhrase:
    """What a place phrase asks for. ``kind`` names the rule that matched."""

    kind: str  # plain, offset, distance, direction, part, between, road, near, area
    names: tuple[str, ...]  # names to look up, in order of preference
    anchor: str | None = None
    distance_km: float | None = None
    bearing: str | None = None
    area_kind: str | None = None  # province, district, region ...


def clean_name(name: str) -> str:
    """Strip articles and 'city of' leads, quotes and trailing punctuation from a name."""
    text = " ".join(name.split()).strip(" .,:;\"'“”")
    text = _LEAD_RE.sub("", text)
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


def name_variants(name: str) -> tuple[str, ...]:
    """Return the name, then fall-backs: the feature word dropped, 'X in Y' split."""
    out = [clean_name(name)]
    match = _IN_RE.match(out[0])
    if match:
        out.extend([clean_name(match["inner"]), clean_name(match["outer"])])
    for item in list(out):
        stripped = _FEATURE_RE.sub("", item)
        if stripped != item and stripped:
            out.append(clean_name(stripped))
    return tuple(dict.fromkeys(n for n in out if n))


def to_km(number: str, unit: str) -> float:
    """Convert '14' 'km' or '9' 'miles' to kilometres."""
    value = float(number.replace(",", "."))
    return value * MILES_TO_KM if unit.lower().startswith("mi") else value


def bearing_code(word: str) -> str | None:
    """Return the 16-point code for 'north-west', 'NW', 'northwestern'; None if not one."""
    return DIRECTIONS.get(" ".join(word.lower().split()))


def parse_place_phrase(text: str) -> PlacePhrase:
    """Split a place phrase into the names to look up and the offset to apply."""
    text = " ".join(text[:MAX_PHRASE_CHARS].split())
    match = OFFSET_RE.search(text)
    if match:
        anchor = clean_name(match["anchor"])
        return PlacePhrase(
            "offset",
            name_variants(anchor),
            anchor=anchor,
            distance_km=to_km(match["num"], match["unit"]),
            bearing=bearing_code(match["dir"]),
        )
    match = DISTANCE_RE.search(text)
    if match:
        anchor = clean_name(match["anchor"])
        return PlacePhrase(
            "distance",
            name_variants(anchor),
            anchor=anchor,
            distance_km=to_km(match["num"], match["unit"]),
        )
    match = BETWEEN_RE.search(text)
    if match:
        first, second = clean_name(match["a"]), clean_name(match["b"])
        return PlacePhrase("between", (first, second), anchor=first)
    match = DIRECTION_RE.search(text)
    if match and bearing_code(match["dir"]):
        anchor = clean_name(match["anchor"])
        return PlacePhrase(
            "direction", name_variants(anchor), anchor=anchor, bearing=bearing_code(match["dir"])
        )
    return _parse_simple(text)


def _parse_simple(text: str) -> PlacePhrase:
    match = ROAD_RE.match(text)
    if match:
        ends = split_road(match["ends"])
        if ends:
            return PlacePhrase("road", ends, anchor=ends[0])
    match = NEAR_RE.match(text)
    if match:
        anchor = clean_name(match["anchor"])
        return PlacePhrase("near", name_variants(anchor), anchor=anchor)
    match = PART_RE.match(text)
    if match:
        anchor = clean_name(match["anchor"])
        return PlacePhrase(
            "part", name_variants(anchor), anchor=anchor, bearing=bearing_code(match["dir"])
        )
    match = AREA_RE.match(clean_name(text))
    if match:
        anchor = clean_name(match["anchor"])
        return PlacePhrase(
            "area", name_variants(anchor), anchor=anchor, area_kind=match["kind"].lower()
        )
    return PlacePhrase("plain", name_variants(text))


def split_road(ends: str) -> tuple[str, ...]:
    """Split 'Ithriya–Al-Rasafah' or 'Ithriya-Al-Rasafah' into its two ends (all ways)."""
    for dash in ("–", "—", " - ", "/"):
        if dash in ends:
            first, _, second = ends.partition(dash)
            return (clean_name(first), clean_name(second))
    parts = ends.split("-")
    if len(parts) < 2:
        return ()
    # A hyphen may also join an article ("Al-Rasafah"); the resolver tries each split.
    splits = ["-".join(parts[:i]) + "\t" + "-".join(parts[i:]) for i in range(1, len(parts))]
    return tuple(clean_name(part) for split in splits for part in split.split("\t"))


def bearing_degrees(code: str) -> float:
    """Return the compass bearing in degrees of a 16-point code ('NW' -> 315)."""
    return POINTS.index(code) * 22.5


def destination(lat: float, lon: float, distance_km: float, bearing: str) -> tuple[float, float]:
    """Return the point ``distance_km`` from (lat, lon) on the given 16-point bearing."""
    theta = math.radians(bearing_degrees(bearing))
    delta = distance_km / EARTH_RADIUS_KM
    phi1, lam1 = math.radians(lat), math.radians(lon)
    phi2 = math.asin(
        math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi1),
        math.cos(delta) - math.sin(phi1) * math.sin(phi2),
    )
    return round(math.degrees(phi2), 5), round((math.degrees(lam2) + 540) % 360 - 180, 5)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def midpoint(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """Return the great-circle midpoint of two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    l1, dl = math.radians(lon1), math.radians(lon2 - lon1)
    bx, by = math.cos(p2) * math.cos(dl), math.cos(p2) * math.sin(dl)
    phi = math.atan2(math.sin(p1) + math.sin(p2), math.sqrt((math.cos(p1) + bx) ** 2 + by**2))
    lam = l1 + math.atan2(by, math.cos(p1) + bx)
    return round(math.degrees(phi), 5), round(math.degrees(lam), 5)
