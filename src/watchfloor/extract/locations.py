"""Where: the place as written, a relative location ("14 km north of X"), country and admin1.

Coordinates are the places stage's job; this module only reads the text and the section
path. Precision follows the guide: 1 a named place or a point at a stated distance from
one, 2 "near / area of / west of X" with no distance, 3 a province or larger region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from watchfloor.errors import DataFileError
from watchfloor.extract.prefilter import lower_safe
from watchfloor.extract.rules import Region, Rules

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
_KIND = (  # "the northeastern town of", "the entrance to the town of": the last kind counts
    rf"(?:(?:(?:[a-z][a-z-]{{1,20}} ){{0,2}}(?P<kind>{_KINDS})s? (?:of|to) (?:the )?){{1,2}})"
)
_PART = (  # "in western Mosul", "in central Kabul": a part of the named place
    r"(?:(?P<part>(?:north|south|east|west)(?:-?(?:east|west))?ern|central|downtown) )?"
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
    rf"(?:the )?{_PART}(?P<place>{PLACE})"
)
_PEOPLE_OF = re.compile(
    rf"\b(?:residents|inhabitants|people|citizens|townspeople|villagers|natives|control)"
    rf" (?P<prep>of|over) (?:the )?{_PEOPLE_KIND}{_KIND}?(?:the )?(?P<place>{PLACE})"
)
"""People of a place, or control over it: "residents of X marched", "took control of X"."""
_OBJECT_PLACE = re.compile(rf"\bthe {_PEOPLE_KIND}{_KIND}(?:the )?(?P<place>{PLACE})")
"""The object of a verb that a kind word names as a place: "recaptured the town of X"."""
_OBJECT_KINDS = frozenset({"city", "town", "village", "capital"})
_NOT_VERB_BEFORE = re.compile(
    r"\b(?:to|towards?|into|for|of|from|with|by|and|or|between|than|like|as|about|is|was)\s{1,3}$",
    re.IGNORECASE,
)
"""Words before "the town of X" that make X no verb's object: "fled to the city of X"."""
_ROAD_BETWEEN = re.compile(
    rf"\b(?:road|highway|route|track)s? (?:between|linking|connecting) (?:the )?"
    rf"(?:(?:towns?|villages?|cities) of )?(?P<place>{PLACE}) (?:and|with|to) (?:the )?"
    rf"(?:(?:town|village|city) of )?(?P<other>{PLACE})"
)
"""A road between two places: the first, near (geo_precision 2)."""
_POSSESSIVE = re.compile(r"^(?P<owner>.{1,60}?)['’]s (?P<part>[A-Z].{0,60})$")
"""A part of a town named after the town ("Mogadishu's Hodan district")."""
_TAKEN_FROM = re.compile(
    r"\b(?:re)?(?:took|take[sn]?|taking|captur\w{0,3}|seiz\w{0,3}|wrest\w{0,3}|liberat\w{0,4}"
    r"|regain\w{0,3}|retook|retak\w{0,3}|clear\w{0,3}|free[ds]?|freeing|expell?\w{0,3}"
    r"|drove|driv\w{0,3}|push\w{0,3}|oust\w{0,3})\b[^.;]{0,120}$",
    re.IGNORECASE,
)
"""A taking verb before "from X": X is who held the place ("retook the town from Y"), not
where it happened."""
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
_PART_WORD = re.compile(r"^(?:(?:north|south|east|west)(?:-?(?:east|west))?ern|central|downtown) ")
_ROAD_WORDS = ("between", "linking", "connecting")
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
    found = _in_place(text, rules)
    road = _ROAD_BETWEEN.search(text) if _has_any(text, _ROAD_WORDS) else None
    if road is not None and (found is None or found.span is None or road.start() < found.span[0]):
        place, other = _clean(road.group("place")), _clean(road.group("other"))
        if _valid(place, rules) and not _is_actor(place or "", rules):
            anchor = other if _valid(other, rules) and not _is_actor(other or "", rules) else None
            return Location(
                location_text=place, anchor=anchor, geo_precision=2, span=road.span("place")
            )
    return found


def _place_matches(text: str) -> list[tuple[re.Match[str], str]]:
    """Place phrases in text order: after a preposition ("in the town of X"), after people
    or control ("residents of X", "control of X"), and the object of a verb named as a
    place ("recaptured the town of X"), with the preposition ("" for an object)."""
    found = [(m, m.group("prep")) for m in _IN_PLACE.finditer(text)]
    if " of " in text:
        taken = [m.span() for m, _ in found]
        for match in _PEOPLE_OF.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                found.append((match, match.group("prep")))
    if _has_any(text, ("city of", "town of", "village of", "capital of")):
        taken = [m.span() for m, _ in found]
        for match in _OBJECT_PLACE.finditer(text):
            kind = (match.group("kind") or "").lower()
            overlaps = any(s < match.end() and match.start() < e for s, e in taken)
            after_verb = not _NOT_VERB_BEFORE.search(
                text, max(0, match.start() - 12), match.start()
            )
            if kind in _OBJECT_KINDS and not overlaps and after_verb:
                found.append((match, ""))
    found.sort(key=lambda item: item[0].start())
    return found


def _in_place(text: str, rules: Rules) -> Location | None:
    for match, prep in _place_matches(text):
        place = _clean(match.group("place"))
        anchor: str | None = None
        owner = _POSSESSIVE.match(place or "")
        if owner is not None:  # "Mogadishu's Hodan district": Hodan, in Mogadishu
            place, anchor = _clean(owner.group("part")), _clean(owner.group("owner"))
        if (
            not _valid(place, rules)
            or _is_actor(place or "", rules)
            or (prep == "from" and not match.group("kind") and _taken_from(text, match.start()))
            or _ORIGIN.search(text, max(0, match.start() - 60), match.start())
            or _PEOPLE_AFTER.match(text, match.end())
            or _in_actor_name(text, match.span(), rules)
        ):
            continue
        kind = (match.group("kind") or "").lower()
        span = match.span("place")
        part = match.groupdict().get("part")
        if part:  # "in western Mosul": a part of a town, not of a region ("in eastern Syria")
            if _is_region(place or "", rules) or _REGION_AFTER.match(text, match.end()):
                continue
            return Location(
                location_text=f"{part} {place}",
                geo_precision=2,
                span=(match.start("part"), span[1]),
            )
        precision = 1
        if kind in _ADMIN_KINDS or (place or "").lower() in rules.regions:
            precision = 3 if kind in {"province", "governorate"} else 2
        if kind in {"area", "vicinity", "outskirts", "suburbs", "suburb"} or prep in {
            "near",
            "around",
            "outside",
        }:
            precision = 2
        if anchor is not None and _valid(anchor, rules):
            after = _KIND_AFTER.match(text, match.end())
            if after is not None and after.group().strip(" ,").lower() in _ADMIN_KINDS:
                precision = 2  # "Mogadishu's Hodan district"
            return Location(location_text=place, anchor=anchor, geo_precision=precision, span=span)
        anchor = _container(text, span[1], rules)
        return Location(location_text=place, anchor=anchor, geo_precision=precision, span=span)
    return None


def _taken_from(text: str, start: int) -> bool:
    """Whether "from X" at ``start`` names who lost a place ("retook the town from Y")."""
    return _TAKEN_FROM.search(text, max(0, start - 120), start) is not None


def _is_actor(name: str, rules: Rules) -> bool:
    """Whether ``name`` is all an actor's alias ("al Shabaab"): a group, not a place."""
    return rules.alias_re.fullmatch(name) is not None


def _is_region(name: str, rules: Rules) -> bool:
    """A province or country (regions.tsv), unless it is also a town ("Aleppo")."""
    key = name.lower()
    return key in rules.regions and key not in city_table()


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
    for match, _ in _place_matches(window):
        if _KIND_AFTER.fullmatch(window, match.end()):
            found = _clean(match.group("place"))
    return found if _valid(found, rules) else None


def _region_of(
    text: str, place: Location | None, rules: Rules, section_path: tuple[str, ...]
) -> tuple[str | None, str | None]:
    """Country and admin1: the place's own name as a region, then the regions of its
    sentence, then a town of cities.tsv the place is or lies in ("western Mosul",
    "Mogadishu's Hodan district") unless the context names another country, then the
    section headings, then the rest of the telling."""
    named: list[str] = []
    if place is not None:
        named = [n for n in (place.location_text, place.anchor) if n]
    bounds = _sentence_of(text, place.span) if place is not None and place.span else None
    ranked = _text_regions(text, rules, bounds)
    headings = [
        n for h in reversed(section_path) for n in _heading_regions(h[:300], rules.region_re)
    ]
    before = [rules.regions.get(n.lower()) for n in (*named, *ranked[0])]
    after = [rules.regions.get(n.lower()) for n in headings]
    after += [rules.regions.get(n.lower()) for names in ranked[1:] for n in names]
    context = next((r.country for r in (*before, *after) if r is not None), None)
    towns = city_table()
    found = [towns.get(_PART_WORD.sub("", n.lower())) for n in _town_names(place)]
    found = [r for r in found if r is not None and context in (None, r.country)]
    country: str | None = None
    for region in (*before, *found, *after):
        if region is None:
            continue
        if region.admin1 and (country is None or country == region.country):
            return region.country, region.admin1
        if country is None:
            country = region.country
    return country, None


def _town_names(place: Location | None) -> list[str]:
    """The place and the town it lies in, not one it is measured from ("north of X")."""
    if place is None or not place.location_text:
        return []
    return [place.location_text] + ([place.anchor] if place.anchor and not place.bearing else [])


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
    """The country a dateline or title names first ("MAIDUGURI, Nigeria" -> Nigeria,
    "MOGADISHU, June 10" -> Somalia): a region, else a town of cities.tsv."""
    head = text[:400]
    found: list[tuple[int, Region]] = []
    for start, end in region_spans(head, rules.region_re):
        region = rules.regions.get(head[start:end].lower())
        if region is not None:
            found.append((start, region))
            break
    for match in city_pattern().finditer(head):
        found.append((match.start(), city_table()[match.group().lower()]))
        break
    return min(found, key=lambda item: item[0])[1].country if found else None


CITIES_FILE = "cities.tsv"


@cache
def city_table() -> dict[str, Region]:
    """Towns of ``data/places/cities.tsv`` by lower-cased name: country and admin1."""
    table: dict[str, Region] = {}
    text = resources.files("watchfloor.data.places").joinpath(CITIES_FILE).read_text("utf-8")
    header = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != 3 or not cells[0] or not cells[1]:
            raise DataFileError(
                "bad-row", f"{CITIES_FILE}:{number}: expected name, country, admin1"
            )
        if header:
            table[cells[0].lower()] = Region(cells[1], cells[2] or None)
        header = True
    return table


@cache
def city_pattern() -> re.Pattern[str]:
    """A case-insensitive pattern of the towns of ``city_table``, longest first."""
    names = sorted(city_table(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])", re.I)


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
