"""Resolve a place phrase in its context to a point, with precision and a note.

The rules, in order: parse the phrase (:mod:`.relative`), look each name up, drop
candidates the context rules out (other country; another province far from the one
the section or sentence names), rank the rest (province, sentence mentions, nearby
points, population, feature code), then apply the offset. A name that finds no
acceptable candidate falls back to the smallest area the context gives, never to a
homonym elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from watchfloor.models import GeoPrecision
from watchfloor.places.context import AdminIndex, PlaceContext
from watchfloor.places.gazetteer import AdminArea, Candidate, Gazetteer
from watchfloor.places.relative import (
    PlacePhrase,
    destination,
    haversine_km,
    midpoint,
    parse_place_phrase,
)

PLAIN_RADIUS_KM = 15.0
ANCHOR_RADIUS_KM = 120.0
"""An anchor ("north of Baghdad") is a well-known town, often in the next province over."""
MIN_FUZZY_SCORE = 0.68
_PROVINCE_KINDS = {"province", "governorate", "region"}


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """Where a place phrase puts an event. ``resolved`` is False for a fallback."""

    text: str
    latitude: float | None
    longitude: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    geonames_id: int | None
    geo_precision: int | None
    anchor: str | None
    distance_km: float | None
    bearing: str | None
    resolved: bool
    note: str


@dataclass(frozen=True, slots=True)
class _Ctx:
    cc: str | None
    area: AdminArea | None
    mentioned: frozenset[str]
    nearby: tuple[tuple[float, float], ...]
    document: AdminArea | None = None  # the document's country, a hint when cc is unknown


@dataclass(frozen=True, slots=True)
class _Pick:
    cand: Candidate
    note: str


@lru_cache(maxsize=4)
def admin_index(gazetteer: Gazetteer) -> AdminIndex:
    """Return the (cached) admin-name index of a gazetteer."""
    return AdminIndex(gazetteer)


def _make_ctx(gazetteer: Gazetteer, context: PlaceContext) -> _Ctx:
    cc = gazetteer.country_code(context.country) if context.country else None
    area = gazetteer.find_admin1(context.admin1, cc) if context.admin1 else None
    if context.admin1 and area is None:
        for alias_cc, alias_code in admin_index(gazetteer).find(context.admin1, running=False):
            if alias_code and (cc is None or alias_cc == cc):
                area = gazetteer.admin1_area(alias_cc, alias_code)
                break
    if area is not None:
        cc = area.country_code
    mentioned = frozenset(f"{m_cc}.{m_code}" for m_cc, m_code in context.mentioned if m_code)
    document = None
    if cc is None and context.document_country:
        doc_cc = gazetteer.country_code(context.document_country)
        document = gazetteer.country_area(doc_cc) if doc_cc else None
    return _Ctx(cc, area, mentioned, context.nearby, document)


def _bbox_distance(latitude: float, longitude: float, area: AdminArea) -> float:
    """Kilometres from a point to an area's bounding box (0 inside it)."""
    if area.bbox is None:
        if area.latitude is None or area.longitude is None:
            return 0.0
        return haversine_km(latitude, longitude, area.latitude, area.longitude)
    min_lat, max_lat, min_lon, max_lon = area.bbox
    lat = min(max(latitude, min_lat), max_lat)
    lon = min(max(longitude, min_lon), max_lon)
    return haversine_km(latitude, longitude, lat, lon)


def _judge(cand: Candidate, ctx: _Ctx, radius_km: float) -> tuple[float | None, str]:
    """Return (score or None when rejected, why)."""
    label = f"{cand.name} ({cand.country}, {cand.admin1 or '?'}; {cand.geonames_id})"
    if ctx.cc and cand.country_code != ctx.cc:
        return None, f"{label}: other country"
    score = cand.score
    if cand.match == "fuzzy" and score < MIN_FUZZY_SCORE:
        return None, f"{label}: fuzzy score {score:.2f} too low"
    if ctx.area is not None:
        if cand.admin1_code == ctx.area.code:
            score += 0.3
        elif cand.match == "fuzzy":
            return None, f"{label}: fuzzy match outside {ctx.area.name}"
        else:
            off = _bbox_distance(cand.latitude, cand.longitude, ctx.area)
            if off > radius_km:
                return None, f"{label}: {off:.0f} km outside {ctx.area.name}"
            score -= 0.1
    elif cand.match == "fuzzy" and not ctx.nearby and not ctx.mentioned:
        return None, f"{label}: fuzzy match without a province to confirm it"
    elif cand.match == "fuzzy" and ctx.mentioned and _key(cand) not in ctx.mentioned:
        return None, f"{label}: fuzzy match outside the provinces the sentence names"
    if _key(cand) in ctx.mentioned:
        score += 0.15
    score += _document_bonus(cand, ctx.document)
    if ctx.nearby:
        near = min(haversine_km(cand.latitude, cand.longitude, a, b) for a, b in ctx.nearby)
        if near > radius_km * 10 and cand.match == "fuzzy":
            return None, f"{label}: fuzzy and {near:.0f} km from the paragraph's places"
        score += 0.2 if near < 50 else 0.1 if near < 150 else -0.1 if near > 400 else 0.0
    return score, label


FAR_FROM_DOCUMENT_KM = 2000.0
"""A homonym this far from the capital of the country the document is about ("Shabab" in
Iran for a story from Somalia) loses to a weaker candidate in that country."""


def _document_bonus(cand: Candidate, document: AdminArea | None) -> float:
    if document is None:
        return 0.0
    if cand.country_code == document.country_code:
        return 0.3
    if document.latitude is None or document.longitude is None:
        return 0.0
    far = haversine_km(cand.latitude, cand.longitude, document.latitude, document.longitude)
    return -0.5 if far > FAR_FROM_DOCUMENT_KM else 0.0


def _key(cand: Candidate) -> str:
    return f"{cand.country_code}.{cand.admin1_code}"


def _mentioned_area(
    gazetteer: Gazetteer, context: PlaceContext, cc: str | None, *, section: bool = False
) -> AdminArea | None:
    """The one province the sentence (or its ``section``) names in the context's country,
    if it names one."""
    mentioned = context.section_mentioned if section else context.mentioned
    codes = {(m_cc, code) for m_cc, code in mentioned if code and cc in (None, m_cc)}
    if len(codes) != 1:
        return None
    m_cc, code = codes.pop()
    return gazetteer.admin1_area(m_cc, code)


def _pick(
    gazetteer: Gazetteer, names: tuple[str, ...], ctx: _Ctx, radius_km: float
) -> _Pick | None:
    rejected: list[str] = []
    for name in names:
        cands = gazetteer.lookup(name, limit=25)
        if ctx.cc and not any(c.country_code == ctx.cc for c in cands):
            cands += gazetteer.lookup(name, country=ctx.cc, limit=10)
        scored: list[tuple[float, Candidate, str]] = []
        for cand in cands:
            score, why = _judge(cand, ctx, radius_km)
            if score is None:
                rejected.append(why)
            else:
                scored.append((score, cand, why))
        if scored:
            scored.sort(key=lambda item: (-item[0], -item[1].population))
            score, cand, label = scored[0]
            others = [f"{why}: lower score" for _, _, why in scored[1:4]]
            note = f"chose {label} by {'; '.join(cand.reasons)} (score {score:.2f})"
            if name != names[0]:
                note += f" via '{name}'"
            if rejected or others:
                note += "; rejected " + "; ".join((rejected + others)[:6])
            return _Pick(cand, note)
    return None


def _ctx_area_match(gazetteer: Gazetteer, name: str, ctx: _Ctx) -> AdminArea | None:
    """Return the admin1 or country that ``name`` names, if it names one."""
    index = admin_index(gazetteer)
    found = index.find(name, running=False)
    key = gazetteer.rules.fold(name).split()
    if not found or len(found) != 1 or len(key) > 4:
        return None
    cc, code = found[0]
    if ctx.cc and cc != ctx.cc:
        return None
    return gazetteer.admin1_area(cc, code) if code else gazetteer.country_area(cc)


def _offset(
    text: str,
    cand: Candidate,
    phrase: PlacePhrase,
    pick_note: str,
    area: AdminArea | None,
    gazetteer: Gazetteer | None,
) -> ResolvedPlace:
    """The point ``phrase.distance_km`` along ``phrase.bearing`` from the anchor ``cand``."""
    assert phrase.distance_km is not None and phrase.bearing is not None
    point = destination(cand.latitude, cand.longitude, phrase.distance_km, phrase.bearing)
    note = f"offset {phrase.distance_km:g} km {phrase.bearing} of anchor; {pick_note}"
    return _place(
        text,
        cand,
        int(GeoPrecision.POINT),
        note,
        point=point,
        phrase=phrase,
        area=area,
        gazetteer=gazetteer,
    )


def _place(
    text: str,
    cand: Candidate,
    precision: int,
    note: str,
    *,
    point: tuple[float, float] | None = None,
    phrase: PlacePhrase | None = None,
    area: AdminArea | None = None,
    gazetteer: Gazetteer | None = None,
    off_anchor: bool = False,
) -> ResolvedPlace:
    """A resolved place at ``cand`` (or at ``point``, moved off it).

    A point moved off its anchor lies in the province the context names (``area``) when it
    falls inside that province's box; else, once outside the anchor's own province box, in
    the province whose box holds it (nearest seat first); else in the anchor's. A place
    somewhere off an anchor with no distance (``off_anchor``: "al-Safra, northeast of
    Baghdad" under a Diyala heading) lies in the province the context names.
    """
    lat, lon = point if point else (cand.latitude, cand.longitude)
    admin1, admin2 = cand.admin1, cand.admin2
    other = area is not None and area.name and area.code != cand.admin1_code
    if point and other and area is not None and _bbox_distance(lat, lon, area) <= PLAIN_RADIUS_KM:
        admin1, admin2 = area.name, None
    elif point and gazetteer is not None:
        holder = _admin1_at(gazetteer, lat, lon, cand)
        if holder is not None:
            admin1, admin2 = holder.name, None
    elif off_anchor and other and area is not None:
        admin1, admin2 = area.name, None
    return ResolvedPlace(
        text=text,
        latitude=lat,
        longitude=lon,
        country=cand.country,
        admin1=admin1,
        admin2=admin2,
        geonames_id=cand.geonames_id,
        geo_precision=precision,
        anchor=phrase.anchor if phrase else None,
        distance_km=phrase.distance_km if phrase else None,
        bearing=phrase.bearing if phrase else None,
        resolved=True,
        note=note,
    )


def _admin1_at(gazetteer: Gazetteer, lat: float, lon: float, anchor: Candidate) -> AdminArea | None:
    """The province of a point moved off ``anchor``, once well outside the anchor's province
    box: the province whose box holds it, nearest seat first."""
    own = gazetteer.admin1_area(anchor.country_code, anchor.admin1_code)
    if own is None or own.bbox is None or _bbox_distance(lat, lon, own) <= PLAIN_RADIUS_KM:
        return None  # the boxes are those of the gazetteer's towns: smaller than the province
    holders = [
        area
        for area in gazetteer.admin1_areas()
        if area.country_code == anchor.country_code
        and area.bbox is not None
        and area.latitude is not None
        and area.longitude is not None
        and _bbox_distance(lat, lon, area) <= 0.0
    ]
    if not holders:
        return None
    return min(
        holders,
        key=lambda area: haversine_km(lat, lon, area.latitude or 0.0, area.longitude or 0.0),
    )


def _area_place(text: str, area: AdminArea, note: str, *, resolved: bool) -> ResolvedPlace:
    return ResolvedPlace(
        text=text,
        latitude=area.latitude,
        longitude=area.longitude,
        country=area.country,
        admin1=area.name,
        admin2=None,
        geonames_id=area.geonames_id,
        geo_precision=int(GeoPrecision.REGION),
        anchor=None,
        distance_km=None,
        bearing=None,
        resolved=resolved,
        note=note,
    )


def fallback_place(
    gazetteer: Gazetteer, text: str, context: PlaceContext, reason: str
) -> ResolvedPlace:
    """Place an unresolved name at the smallest area the context gives (never a homonym):
    its province, else the one province its sentence names, else the one province its
    section's text names ("the attacks in Cabo Delgado this week" above a bullet), else its
    country."""
    ctx = _make_ctx(gazetteer, context)
    area = ctx.area or _mentioned_area(gazetteer, context, ctx.cc)
    area = area or _mentioned_area(gazetteer, context, ctx.cc, section=True)
    area = area or (gazetteer.country_area(ctx.cc) if ctx.cc else None)
    if area is None:
        return ResolvedPlace(
            text, None, None, context.country, context.admin1, None, None, None,
            None, None, None, False, f"unresolved: {reason}; no country in context",
        )  # fmt: skip
    level = f"admin1 {area.name}" if area.name else f"country {area.country}"
    return _area_place(
        text, area, f"unresolved: {reason}; placed at {level} from context", resolved=False
    )


def resolve_place(text: str, *, gazetteer: Gazetteer, context: PlaceContext) -> ResolvedPlace:
    """Resolve a place phrase ("Hader", "14 km north of Al-Mayadeen") in its context.

    Returns a point with ``geo_precision`` 1 (town, or a stated distance from one),
    2 (near / area / direction without distance / road / between) or 3 (province or
    country), and a note naming the rule, the chosen candidate and those rejected.
    """
    phrase = parse_place_phrase(text)
    ctx = _make_ctx(gazetteer, context)
    kind = phrase.kind
    if kind in {"between", "road"}:
        return _resolve_pair(gazetteer, text, phrase, ctx, context)
    if kind in {"area", "plain"}:
        area = _ctx_area_match(gazetteer, phrase.names[0], ctx)
        if area is not None and (kind == "plain" or phrase.area_kind in _PROVINCE_KINDS):
            if kind == "area" or area.code is None:
                what = f"admin1 {area.name}" if area.name else f"country {area.country}"
                return _area_place(text, area, f"{kind}: names {what}", resolved=True)
    base = PLAIN_RADIUS_KM if kind == "plain" else ANCHOR_RADIUS_KM
    radius = base + (phrase.distance_km or 0.0)
    pick = _pick(gazetteer, phrase.names, ctx, radius)
    if pick is None:
        return fallback_place(
            gazetteer, text, context, f"no acceptable match for {phrase.names[0]!r}"
        )
    cand = pick.cand
    if kind == "offset" and phrase.distance_km is not None and phrase.bearing:
        return _offset(text, cand, phrase, pick.note, ctx.area, gazetteer)
    if kind == "plain":
        return _place(text, cand, int(GeoPrecision.POINT), f"name; {pick.note}", phrase=phrase)
    return _place(text, cand, int(GeoPrecision.NEAR), f"{kind}; {pick.note}", phrase=phrase)


def _resolve_pair(
    gazetteer: Gazetteer, text: str, phrase: PlacePhrase, ctx: _Ctx, context: PlaceContext
) -> ResolvedPlace:
    names = phrase.names
    for i in range(0, len(names) - 1, 2):
        first = _pick(gazetteer, (names[i],), ctx, PLAIN_RADIUS_KM)
        second = _pick(gazetteer, (names[i + 1],), ctx, PLAIN_RADIUS_KM)
        if first and second:
            a, b = first.cand, second.cand
            point = midpoint(a.latitude, a.longitude, b.latitude, b.longitude)
            note = f"{phrase.kind}: midpoint of {a.name} and {b.name}; {first.note}; {second.note}"
            return _place(text, a, int(GeoPrecision.NEAR), note, point=point, phrase=phrase)
        single = first or second
        if single:
            note = f"{phrase.kind}: only one end found; {single.note}"
            return _place(text, single.cand, int(GeoPrecision.NEAR), note, phrase=phrase)
    return fallback_place(gazetteer, text, context, f"no end of {text!r} found")


def resolve_event_place(
    *,
    gazetteer: Gazetteer,
    context: PlaceContext,
    location_text: str | None,
    anchor: str | None = None,
    distance_km: float | None = None,
    bearing: str | None = None,
) -> ResolvedPlace | None:
    """Resolve an event's place from the fields extraction filled.

    A named place that differs from the anchor is used when it is found near the
    anchor; otherwise the anchor, moved by ``distance_km`` on ``bearing`` when both are
    given (precision 1), else the anchor itself (precision 2).
    """
    text = location_text or anchor
    if not text:
        return None
    if not anchor:
        return resolve_place(text, gazetteer=gazetteer, context=context)
    ctx = _make_ctx(gazetteer, context)
    radius = ANCHOR_RADIUS_KM + (distance_km or 0.0)
    anchor_phrase = parse_place_phrase(anchor)
    anchor_pick = _pick(gazetteer, anchor_phrase.names, ctx, radius)
    same = location_text is None or gazetteer.rules.fold(location_text) == gazetteer.rules.fold(
        anchor
    )
    if not same and location_text:
        near = ((anchor_pick.cand.latitude, anchor_pick.cand.longitude),) if anchor_pick else ()
        named = _pick(
            gazetteer,
            parse_place_phrase(location_text).names,
            _Ctx(ctx.cc, ctx.area, ctx.mentioned, near or ctx.nearby, ctx.document),
            PLAIN_RADIUS_KM,
        )
        limit = (distance_km or 60.0) + 30.0
        if named and (
            anchor_pick is None
            or haversine_km(
                named.cand.latitude,
                named.cand.longitude,
                anchor_pick.cand.latitude,
                anchor_pick.cand.longitude,
            )
            <= limit
        ):
            phrase = PlacePhrase("named", (location_text,), anchor, distance_km, bearing)
            note = f"named place near its anchor; {named.note}"
            return _place(location_text, named.cand, int(GeoPrecision.POINT), note, phrase=phrase)
    if anchor_pick is None:
        return fallback_place(gazetteer, text, context, f"anchor {anchor!r} not found")
    cand = anchor_pick.cand
    phrase = PlacePhrase("anchor", (anchor,), anchor, distance_km, bearing)
    if distance_km is not None and bearing:
        return _offset(text, cand, phrase, anchor_pick.note, ctx.area, gazetteer)
    note = f"anchor without distance and bearing; {anchor_pick.note}"
    return _place(
        text, cand, int(GeoPrecision.NEAR), note, phrase=phrase, area=ctx.area, off_anchor=True
    )
