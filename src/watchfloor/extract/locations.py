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
_EZAFE = r"-(?:e|i|ye|yi)[- ]"  # Persian/Pashto "of": Dasht-e Barchi, Markaz-e Woluswali
PLACE = (
    rf"(?:{_PARTICLE}[-‘’' ])?[A-Z][\w'’‘]{{0,30}}"
    rf"(?:(?:-| |-{_PARTICLE}-| {_PARTICLE}[-‘’' ]|{_EZAFE})[A-Z0-9][\w'’‘]{{0,30}}){{0,4}}"
)
_NUM = r"(?P<num>\d{1,4}(?:\.\d{1,2})?|" + "|".join(_WORD_NUMBERS) + r")"
_UNIT = r"(?:km|kms|kilometers|kilometres|kilometer|kilometre|miles?)"
_KINDS = (
    r"city|town|village|area|region|district|neighbo(?:u)?rhood|camp|province|"
    r"governorate|suburbs?|outskirts|vicinity|countryside|desert|sub-district|"
    r"border crossing|crossing|oil field|gas field|market|cent(?:er|re)|entrance|edge|capital"
)
_KIND = (  # "the northeastern town of", "the outskirts of the town of": the last kind counts
    rf"(?:(?:(?:[a-z][a-z-]{{1,20}} ){{0,2}}(?P<kind>{_KINDS})s? of (?:the )?){{1,2}})"
)
_KIND_AFTER = re.compile(rf"(?: (?:{_KINDS})s?)?[ ,]{{0,3}}")
"""What may stand between a place and the direction that follows it ("in the Tarmiyah
district north of Baghdad")."""
_PEOPLE_KIND = (  # "the Syrian city of", "the northern Iraqi city of", "the Kurdish-held town of"
    r"(?:(?:[a-z][a-z-]{1,20} ){0,2}[A-Z][a-z]{2,20}(?:-[a-z]{2,10})? "
    r"(?=(?:[a-z][a-z-]{1,20} )?(?:city|town|village|capital)s? of ))?"
)
_RELATIVE = re.compile(
    rf"(?:(?:about|approximately|some|around|nearly|roughly|over|more than) )?{_NUM}[ -]?{_UNIT}"
    rf" (?:to the )?{_DIR} of (?:the )?{_PEOPLE_KIND}{_KIND}?(?:the )?(?P<anchor>{PLACE})"
)
_DIRECTION = re.compile(
    rf"(?<![\w-]){_DIR} (?:of|outside) (?:the )?{_PEOPLE_KIND}{_KIND}?(?:the )?(?P<anchor>{PLACE})"
)
_IN_PLACE = re.compile(
    rf"\b(?P<prep>in|at|near|outside|around|on|into|from) (?:the )?{_PEOPLE_KIND}{_KIND}?"
    rf"(?:the )?(?P<place>{PLACE})"
)
_CONTAINER = re.compile(rf",? (?:in|of) (?:the )?{_KIND}?(?:the )?(?P<place>{PLACE})")
_ORIGIN = re.compile(
    r"\bfrom (?:their|its|his|her|a|an|the) (?:[\w-]{1,20} ){0,2}"
    r"(?:bases?|air ?bases?|airfields?|airports?|ships?|warships?|vessels?|submarines?) $"
)
"""Where a strike came from, not where it hit: "bombers ... from their base in Russia"."""
_REGION_AFTER = re.compile(r" (?:countryside|province|governorate|region|state)\b", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"\b(?:in|near|at|into|inside|across|outside|throughout|around|of|on) (?:the )?"
    r"(?:[a-z][a-z-]{1,20} ){0,2}$",
    re.IGNORECASE,
)
"""Words before a region name that make it the place ("in eastern Syria"), not an actor."""
_TERRITORY = re.compile(r" (?:territory|airspace|soil|side|waters|border area)\b")
_PEOPLE_AFTER = re.compile(r" (?:community|communities|tribe|tribes|clan|clans|minority|sect)\b")
"""A name of people, not of a place: "two shepherds from the Kaka'i community"."""
_MARKUP = re.compile(r"\*{1,3}|__")
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
    text, offsets = _plain(text[:4000])
    place = _best_place(text, rules)
    country, admin1 = _region_of(text, place, rules, section_path)
    if place is None:
        return Location(country=country, admin1=admin1, geo_precision=3 if country else None)
    span = place.span
    if span is not None and offsets is not None:
        span = (offsets[span[0]], offsets[max(span[0], span[1] - 1)] + 1)
    return Location(
        location_text=place.location_text,
        anchor=place.anchor,
        distance_km=place.distance_km,
        bearing=place.bearing,
        geo_precision=place.geo_precision,
        country=country,
        admin1=admin1,
        span=span,
    )


def _plain(text: str) -> tuple[str, list[int] | None]:
    """``text`` without emphasis marks ("in **Abu Kamal**"), and where each character was.

    The offsets are None when nothing was removed."""
    if "*" not in text and "__" not in text:
        return text, None
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for mark in _MARKUP.finditer(text):
        parts.append(text[pos : mark.start()])
        offsets.extend(range(pos, mark.start()))
        pos = mark.end()
    parts.append(text[pos:])
    offsets.extend(range(pos, len(text) + 1))
    return "".join(parts), offsets


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
        if (
            not _valid(place, rules)
            or _ORIGIN.search(text, max(0, match.start() - 60), match.start())
            or _PEOPLE_AFTER.match(text, match.end())
            or _in_actor_name(text, match.span(), rules)
        ):
            continue
        kind = (match.group("kind") or "").lower()
        span = match.span("place")
        precision = 1
        if kind in _ADMIN_KINDS or (place or "").lower() in rules.regions:
            precision = 3 if kind in {"province", "governorate"} else 2
        if kind in {"area", "vicinity", "outskirts", "suburbs", "suburb"} or match.group(
            "prep"
        ) in {"near", "around", "outside"}:
            precision = 2
        anchor = _container(text, span[1], rules)
        return Location(location_text=place, anchor=anchor, geo_precision=precision, span=span)
    return None


def _in_actor_name(text: str, span: tuple[int, int], rules: Rules) -> bool:
    """Whether ``span`` lies inside an actor's name ("Al-Qaeda in the Arabian Peninsula")."""
    window = max(0, span[0] - 60)
    for match in rules.alias_re.finditer(text, window, min(len(text), span[1] + 40)):
        if match.start() <= span[0] and span[1] <= match.end():
            return True
    return False


def _container(text: str, end: int, rules: Rules) -> str | None:
    """The town a place lies in: "the Old City of Mosul", "the Nuri Mosque in the Old City of
    Mosul" -> Mosul (the outermost of two). Provinces and countries are left to the region
    (they are no anchor)."""
    found: str | None = None
    for _ in range(2):
        match = _CONTAINER.match(text, end)
        if match is None:
            break
        name = _clean(match.group("place"))
        if not _valid(name, rules) or (name or "").lower() in rules.regions:
            break
        if match.group("kind") and match.group("kind").lower() in _ADMIN_KINDS:
            break
        if _REGION_AFTER.match(text, match.end()):  # "in the Daraa countryside"
            break
        found, end = name, match.end()
    return found


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    """A cheap test before a costly pattern that cannot match without one of ``words``."""
    return any(word in text for word in words)


def _named_before(text: str, end: int, rules: Rules) -> str | None:
    """The place named just before a relative phrase: "in Diban, 5 km east of ..."."""
    window = text[max(0, end - 80) : end]
    found: str | None = None
    for match in _IN_PLACE.finditer(window):
        if _KIND_AFTER.fullmatch(window, match.end()):
            found = _clean(match.group("place"))
    return found if _valid(found, rules) else None


def _region_of(
    text: str, place: Location | None, rules: Rules, section_path: tuple[str, ...]
) -> tuple[str | None, str | None]:
    candidates: list[str] = []
    if place is not None:
        candidates += [n for n in (place.location_text, place.anchor) if n]
    bounds = _sentence_of(text, place.span) if place is not None and place.span else None
    ranked = _text_regions(text, rules, bounds)
    candidates += ranked[0]
    for heading in reversed(section_path):
        candidates += _heading_regions(heading[:300], rules.region_re)
    for names in ranked[1:]:
        candidates += names
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


def _sentence_of(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The bounds of the sentence holding ``span`` (a full stop and a space end one)."""
    start = text.rfind(". ", 0, span[0])
    end = text.find(". ", span[1])
    return (0 if start < 0 else start + 2, len(text) if end < 0 else end + 1)


def _text_regions(text: str, rules: Rules, bounds: tuple[int, int] | None) -> tuple[list[str], ...]:
    """Region names of ``text`` in ranks, best first (a section heading comes after the
    first): where something happened in the place's own sentence (a province, or a country
    after "in / near / of ...", "in Israeli territory"); other country names there ("Israel
    attacked"); nationality adjectives there ("Iraqi airspace", "Syrian forces"), which say
    least about where; then the same three for the rest of the telling. Without a place
    (``bounds`` None) the whole telling is its sentence."""
    ranks: tuple[list[str], ...] = ([], [], [], [], [], [])
    for start, end in region_spans(text, rules.region_re):
        name = text[start:end]
        region = rules.regions.get(name.lower())
        if region is None:
            continue
        before = _LOCATIVE.search(text, max(0, start - 40), start) is not None
        if name in rules.nationalities or name.lower() in rules.nationalities:
            rank = 0 if before and _TERRITORY.match(text, end) else 2
        else:
            rank = 0 if region.admin1 or before else 1
        inside = bounds is None or bounds[0] <= start < bounds[1]
        ranks[rank if inside else rank + 3].append(name)
    return ranks


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


def region_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """``m.span()`` of every match of a case-insensitive ``pattern`` (as ``region_names``)."""
    lowered = _lowered_pattern(pattern)
    if lowered is not None and lower_safe(text):
        return [m.span() for m in lowered.finditer(text.lower())]
    return [m.span() for m in pattern.finditer(text)]


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
