"""Whether two reports can tell the same incident, and how strongly they agree.

Hard gates (any failing one keeps two reports apart): the date windows overlap,
the places are within the sum of their precision radii (haversine), the
sub-event types are the same or listed in ``data/resolve/compatible_types.tsv``,
the initiators agree (or one is unknown), the reports come from different
documents, and no analyst said *cannot-link*. The score is a weighted sum of
date, place, type, actor and text (rapidfuzz ``token_set_ratio`` on evidence)
agreement, each in 0..1; the reasons keep every part.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from watchfloor.errors import DataFileError
from watchfloor.models import Event
from watchfloor.store.incidents import ReportKey

TYPES_FILE = "compatible_types.tsv"
EVIDENCE_CHARS = 600

# Half-widths of the date window (days before, days after) by time_precision:
# day known: "a day earlier" uncertainty; week: the event happened by the cited date;
# month: by the end of the stated month.
DATE_WINDOW: dict[int, tuple[int, int]] = {1: (1, 1), 2: (7, 1), 3: (31, 1)}
# Radius of place uncertainty by geo_precision: town, "near"/district, province.
PLACE_RADIUS_KM: dict[int, float] = {1: 10.0, 2: 25.0, 3: 100.0}
DEFAULT_RADIUS_KM = 25.0
WEIGHTS = {"date": 0.25, "place": 0.25, "type": 0.2, "actor": 0.15, "text": 0.15}
THRESHOLD = 0.55
VAGUE_THRESHOLD = 0.45

Canonicaliser = Callable[[str | None], str | None]
"""Maps an actor name to its root canonical organisation (None when unknown or generic)."""


@dataclass(frozen=True, slots=True)
class PairScore:
    """The verdict on one pair of reports: ``ok`` False names the gate that failed."""

    ok: bool
    score: float
    reasons: dict[str, Any]


@dataclass(frozen=True, slots=True)
class TypeTable:
    version: str
    pairs: dict[frozenset[str], float]

    def score(self, a: str, b: str) -> float | None:
        if a == b:
            return 1.0
        return self.pairs.get(frozenset((a, b)))


@cache
def load_type_table() -> TypeTable:
    """Parse the bundled ``compatible_types.tsv`` (validated; errors name ``file:line``)."""
    text = resources.files("watchfloor").joinpath("data", "resolve", TYPES_FILE).read_text("utf-8")
    return parse_type_table(text, TYPES_FILE)


def parse_type_table(text: str, name: str) -> TypeTable:
    version = ""
    pairs: dict[frozenset[str], float] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# version"):
            version = line.split("\t", 1)[-1].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise DataFileError("bad-row", f"{name}:{n}: expected a, b, score, note", path=name)
        try:
            value = float(cols[2])
        except ValueError as err:
            raise DataFileError("bad-score", f"{name}:{n}: score {cols[2]!r}", path=name) from err
        if not 0.0 < value <= 1.0 or cols[0] == cols[1]:
            raise DataFileError("bad-score", f"{name}:{n}: score must be in (0, 1]", path=name)
        pairs[frozenset((cols[0], cols[1]))] = value
    if not version:
        raise DataFileError("no-version", f"{name}:1: missing '# version' line", path=name)
    return TypeTable(version, pairs)


def report_key(event: Event, *, document_id: str, canon: Canonicaliser) -> ReportKey | None:
    """The blocking and scoring features of one report; None when it has no date."""
    if event.event_date is None:
        return None
    day = event.event_date.toordinal()
    precision = int(event.time_precision) if event.time_precision in DATE_WINDOW else 3
    before, after = DATE_WINDOW[precision]
    has_point = event.latitude is not None and event.longitude is not None
    radius = PLACE_RADIUS_KM.get(event.geo_precision or 0, DEFAULT_RADIUS_KM) if has_point else None
    vague = precision >= 2 or not has_point or (event.geo_precision or 0) >= 3
    return ReportKey(
        event_id=event.id, document_id=document_id, day=day, min_day=day - before,
        max_day=day + after, time_precision=precision, latitude=event.latitude,
        longitude=event.longitude, radius_km=radius, country=event.country,
        admin1=event.admin1, sub_event_type=event.sub_event_type, actor1=canon(event.actor1),
        actor2=canon(event.actor2), claimed_by=canon(event.claimed_by), vague=vague,
        evidence=event.evidence[:EVIDENCE_CHARS],
    )  # fmt: skip


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def score_pair(a: ReportKey, b: ReportKey, types: TypeTable) -> PairScore:
    """Gate and score one pair of reports (symmetric)."""
    if a.document_id == b.document_id:
        return PairScore(False, 0.0, {"gate": "same-document"})
    if a.max_day < b.min_day or b.max_day < a.min_day:
        return PairScore(False, 0.0, {"gate": "date"})
    type_score = types.score(a.sub_event_type, b.sub_event_type)
    if type_score is None:
        return PairScore(False, 0.0, {"gate": "type"})
    place = _place(a, b)
    if place is None:
        return PairScore(False, 0.0, {"gate": "place"})
    place_score, km = place
    actor = _actor(a, b)
    if actor is None:
        return PairScore(False, 0.0, {"gate": "actor"})
    date_score = 1.0 if a.day == b.day else 0.7
    if a.time_precision > 1 or b.time_precision > 1:
        date_score = 0.6
    text = fuzz.token_set_ratio(a.evidence, b.evidence) / 100.0
    parts = {"date": date_score, "place": place_score, "type": type_score, "actor": actor,
             "text": round(text, 3)}  # fmt: skip
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    reasons: dict[str, Any] = {"with": b.event_id, **parts, "score": round(score, 3)}
    if km is not None:
        reasons["km"] = round(km, 1)
    return PairScore(True, score, reasons)


def _place(a: ReportKey, b: ReportKey) -> tuple[float, float | None] | None:
    if a.country and b.country and a.country != b.country:
        return None
    if (
        a.latitude is not None
        and a.longitude is not None
        and b.latitude is not None
        and b.longitude is not None
    ):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        limit = (a.radius_km or DEFAULT_RADIUS_KM) + (b.radius_km or DEFAULT_RADIUS_KM)
        if km > limit:
            return None
        return 1.0 - 0.5 * km / limit, km
    if a.admin1 and b.admin1:
        return (0.5, None) if a.admin1 == b.admin1 else None
    if a.country and b.country:
        return 0.3, None
    return None


def _actor(a: ReportKey, b: ReportKey) -> float | None:
    side_a = {x for x in (a.actor1, a.claimed_by) if x}
    side_b = {x for x in (b.actor1, b.claimed_by) if x}
    if not side_a or not side_b:
        return 0.5
    if side_a & side_b:
        return 1.0
    if a.actor1 and a.actor1 == b.actor2 and b.actor1 and b.actor1 == a.actor2:
        return 0.8  # a clash told from each side
    return None


def threshold_for(key: ReportKey) -> float:
    return VAGUE_THRESHOLD if key.vague else THRESHOLD
