"""Score predicted events against gold, by the event guide's section 6.

Matching, per document:

1. a prediction matches a gold event when its evidence overlaps the gold ``evidence`` or
   one of its ``also_in`` tellings (characters in common after white-space folding; with
   the document text at hand, the overlap of their positions in it). Overlaps with the
   gold ``evidence`` are paired first, then those with ``also_in``; largest overlap first;
2. failing that, when it has the same ``event_date``, the same ``sub_event_type`` and a
   location within 25 km (both with coordinates), or the same ``location_text`` when
   either side lacks coordinates. Pairs are taken nearest first.

Each gold event matches at most one prediction and each prediction at most one gold event.
Field accuracy is measured on matched pairs: dates, types and casualties exact; actors after
alias folding; sources as a set of (name, date); location error in km.
"""

from __future__ import annotations

import math
import re
import statistics as stats
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from watchfloor.evaluate.records import EventRecord, JsonValue, StatRecord, fold_space

PLACE_RADIUS_KM = 25.0
NEAR_KM = 5.0

FIELDS = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor1_unit",
    "actor2",
    "civilian_targeting",
    "killed",
    "wounded",
    "killed_or_wounded",
    "casualty_qualifier",
    "fatalities",
    "claimed_by",
    "sources",
    "country",
    "admin1",
)
ACTOR_FIELDS = frozenset({"actor1", "actor2", "claimed_by"})
TEXT_FIELDS = frozenset({"actor1_unit", "country", "admin1", "casualty_qualifier"})

ActorFold = Callable[[str], str]

_SENTENCE_RE = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True, slots=True)
class Counts:
    """Matched, gold and predicted counts, with precision, recall and F1."""

    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        if self.predicted == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.matched / self.predicted

    @property
    def recall(self) -> float:
        if self.gold == 0:
            return 1.0 if self.predicted == 0 else 0.0
        return self.matched / self.gold

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_json(self) -> dict[str, JsonValue]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class FieldScore:
    name: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class LocationScore:
    """Distance between matched pairs where both sides have coordinates."""

    pairs: int
    median_km: float
    within_25km: float
    within_5km: float


@dataclass(frozen=True, slots=True)
class Pair:
    gold: EventRecord
    predicted: EventRecord
    how: str  # "evidence" or "place"
    wrong: tuple[str, ...] = ()  # fields that differ


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Everything ``watchfloor eval`` prints, per document and overall."""

    overall: Counts
    per_doc: dict[str, Counts]
    fields: tuple[FieldScore, ...]
    location: LocationScore | None
    pairs: tuple[Pair, ...]
    misses: tuple[EventRecord, ...]
    extras: tuple[EventRecord, ...]
    statistics: Counts | None = None
    statistics_per_doc: dict[str, Counts] = field(default_factory=dict)

    def field_score(self, name: str) -> FieldScore:
        return next(f for f in self.fields if f.name == name)

    def to_json(self, *, show: bool = False) -> dict[str, JsonValue]:
        """A JSON-ready summary; ``show`` adds misses, extras and wrong fields."""
        out: dict[str, JsonValue] = {
            "overall": self.overall.to_json(),
            "documents": {doc: counts.to_json() for doc, counts in sorted(self.per_doc.items())},
            "fields": {
                f.name: {"correct": f.correct, "total": f.total, "accuracy": round(f.accuracy, 4)}
                for f in self.fields
            },
            "location": None
            if self.location is None
            else {
                "pairs": self.location.pairs,
                "median_km": round(self.location.median_km, 2),
                "within_25km": round(self.location.within_25km, 4),
                "within_5km": round(self.location.within_5km, 4),
            },
            "statistics": None if self.statistics is None else self.statistics.to_json(),
        }
        if show:
            out["misses"] = [
                {"id": g.id, "doc": g.doc, "evidence": g.evidence} for g in self.misses
            ]
            out["extras"] = [
                {"id": p.id, "doc": p.doc, "evidence": p.evidence} for p in self.extras
            ]
            out["wrong_fields"] = [
                {
                    "gold": pair.gold.id,
                    "predicted": pair.predicted.id,
                    "fields": {
                        name: {"gold": pair.gold.get(name), "predicted": pair.predicted.get(name)}
                        for name in pair.wrong
                    },
                }
                for pair in self.pairs
                if pair.wrong
            ]
        return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlon = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _coords(record: EventRecord) -> tuple[float, float] | None:
    lat, lon = record.get("latitude"), record.get("longitude")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        if not isinstance(lat, bool) and not isinstance(lon, bool):
            return float(lat), float(lon)
    return None


def _distance(gold: EventRecord, predicted: EventRecord) -> float | None:
    a, b = _coords(gold), _coords(predicted)
    return None if a is None or b is None else haversine_km(*a, *b)


class _Locator:
    """Positions of folded evidence in folded document texts (when texts are known)."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = {doc: fold_space(text) for doc, text in texts.items()}
        self.cache: dict[tuple[str, str], tuple[int, int] | None] = {}

    def span(self, doc: str, evidence: str) -> tuple[int, int] | None:
        key = (doc, evidence)
        if key not in self.cache:
            folded = fold_space(evidence)
            text = self.texts.get(doc)
            at = text.find(folded) if text is not None and folded else -1
            self.cache[key] = None if at < 0 else (at, at + len(folded))
        return self.cache[key]

    def overlap(self, doc: str, a: str, b: str) -> int:
        """Characters two tellings share: by position in the document, else by text."""
        span_a, span_b = self.span(doc, a), self.span(doc, b)
        if span_a is not None and span_b is not None:
            return max(0, min(span_a[1], span_b[1]) - max(span_a[0], span_b[0]))
        return _text_overlap(fold_space(a), fold_space(b))


def _text_overlap(a: str, b: str) -> int:
    """Shared characters of two texts located nowhere: containment, else shared sentences."""
    if not a or not b:
        return 0
    if a in b or b in a:
        return min(len(a), len(b))
    sentences_a = {s for s in _SENTENCE_RE.split(a) if len(s) > 20}
    return sum(len(s) for s in _SENTENCE_RE.split(b) if s in sentences_a)


def _fold_text(value: JsonValue) -> JsonValue:
    return fold_space(value).casefold() if isinstance(value, str) else value


def _sources_key(value: JsonValue) -> frozenset[tuple[str, str | None]]:
    keys: set[tuple[str, str | None]] = set()
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                name = item.get("name")
                date = item.get("date")
                keys.add(
                    (
                        fold_space(name).casefold() if isinstance(name, str) else "",
                        date if isinstance(date, str) else None,
                    )
                )
    return frozenset(keys)


_UNIDENTIFIED_COUNTRY = re.compile(r"^(unidentified [a-z ]+?) \([^()]{1,60}\)$")


def _actor_key(name: str) -> str:
    """An actor name compared case-blind; the guide's "country in parentheses when useful"
    after an unidentified group is optional, so it does not count."""
    folded = name.casefold()
    match = _UNIDENTIFIED_COUNTRY.match(folded)
    return match.group(1) if match else folded


def _same(name: str, gold: JsonValue, predicted: JsonValue, fold_actor: ActorFold) -> bool:
    if name == "sources":
        return _sources_key(gold) == _sources_key(predicted)
    if name in ACTOR_FIELDS:
        if isinstance(gold, str) and isinstance(predicted, str):
            return _actor_key(fold_actor(gold)) == _actor_key(fold_actor(predicted))
        return gold == predicted
    if name in TEXT_FIELDS:
        return _fold_text(gold) == _fold_text(predicted)
    if isinstance(gold, bool) or isinstance(predicted, bool):
        return bool(gold) == bool(predicted)
    return gold == predicted


def _identity(name: str) -> str:
    return fold_space(name)


def match_events(
    gold: Sequence[EventRecord],
    predicted: Sequence[EventRecord],
    *,
    texts: Mapping[str, str] | None = None,
) -> list[tuple[int, int, str]]:
    """Matched ``(gold index, predicted index, how)`` of one set of records (all documents)."""
    locator = _Locator(texts or {})
    scored: list[tuple[int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if p.doc != g.doc:
                continue
            main = locator.overlap(g.doc, g.evidence, p.evidence)
            other = max((locator.overlap(g.doc, t, p.evidence) for t in g.also_in), default=0)
            if main > 0:
                scored.append((0, -main, gi, pi))
            elif other > 0:
                scored.append((1, -other, gi, pi))
    scored.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int, str]] = []
    for _, _, gi, pi in scored:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi, "evidence"))
    near: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        if gi in used_gold:
            continue
        for pi, p in enumerate(predicted):
            if pi in used_pred or p.doc != g.doc:
                continue
            if g.get("event_date") != p.get("event_date"):
                continue
            if g.get("sub_event_type") != p.get("sub_event_type"):
                continue
            km = _distance(g, p)
            if km is None:
                same_text = _fold_text(g.get("location_text")) == _fold_text(p.get("location_text"))
                km = 0.0 if same_text and g.get("location_text") else None
            if km is not None and km <= PLACE_RADIUS_KM:
                near.append((km, gi, pi))
    near.sort()
    for _, gi, pi in near:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi, "place"))
    return sorted(pairs)


def _statistics_counts(
    gold: Sequence[StatRecord], predicted: Sequence[StatRecord]
) -> tuple[Counts, dict[str, Counts]]:
    """Statistics match on document and value (each record at most once)."""
    per_doc: dict[str, Counts] = {}
    docs = sorted({s.doc for s in gold} | {s.doc for s in predicted})
    total = 0
    for doc in docs:
        left = [s.value for s in gold if s.doc == doc]
        preds = [s.value for s in predicted if s.doc == doc]
        matched = 0
        for value in preds:
            hit = next(
                (i for i, v in enumerate(left) if math.isclose(v, value, rel_tol=1e-6)), None
            )
            if hit is not None:
                left.pop(hit)
                matched += 1
        per_doc[doc] = Counts(len([s for s in gold if s.doc == doc]), len(preds), matched)
        total += matched
    return Counts(len(gold), len(predicted), total), per_doc


def score(
    gold: Sequence[EventRecord],
    predicted: Sequence[EventRecord],
    *,
    texts: Mapping[str, str] | None = None,
    fold_actor: ActorFold | None = None,
    gold_statistics: Sequence[StatRecord] | None = None,
    predicted_statistics: Sequence[StatRecord] | None = None,
) -> EvalReport:
    """Match ``predicted`` to ``gold`` and measure precision, recall, F1 and field accuracy.

    ``texts`` maps document names to their text (better evidence overlap); ``fold_actor``
    maps an actor name to its canonical form (default: white-space folding only).
    Predictions for documents absent from the gold are ignored.
    """
    fold = fold_actor or _identity
    gold_docs = {g.doc for g in gold}
    predicted = [p for p in predicted if p.doc in gold_docs]
    matches = match_events(gold, predicted, texts=texts)
    matched_gold = {gi for gi, _, _ in matches}
    matched_pred = {pi for _, pi, _ in matches}
    per_doc: dict[str, Counts] = {}
    for doc in sorted(gold_docs):
        per_doc[doc] = Counts(
            gold=sum(1 for g in gold if g.doc == doc),
            predicted=sum(1 for p in predicted if p.doc == doc),
            matched=sum(1 for gi, _, _ in matches if gold[gi].doc == doc),
        )
    correct = dict.fromkeys(FIELDS, 0)
    pairs: list[Pair] = []
    distances: list[float] = []
    for gi, pi, how in matches:
        g, p = gold[gi], predicted[pi]
        wrong = tuple(name for name in FIELDS if not _same(name, g.get(name), p.get(name), fold))
        for name in FIELDS:
            if name not in wrong:
                correct[name] += 1
        pairs.append(Pair(g, p, how, wrong))
        km = _distance(g, p)
        if km is not None:
            distances.append(km)
    location = None
    if distances:
        location = LocationScore(
            pairs=len(distances),
            median_km=stats.median(distances),
            within_25km=sum(d <= PLACE_RADIUS_KM for d in distances) / len(distances),
            within_5km=sum(d <= NEAR_KM for d in distances) / len(distances),
        )
    stat_counts: Counts | None = None
    stat_docs: dict[str, Counts] = {}
    if gold_statistics is not None and predicted_statistics is not None:
        docs = {s.doc for s in gold_statistics} | gold_docs
        stat_counts, stat_docs = _statistics_counts(
            gold_statistics, [s for s in predicted_statistics if s.doc in docs]
        )
    return EvalReport(
        overall=Counts(len(gold), len(predicted), len(matches)),
        per_doc=per_doc,
        fields=tuple(FieldScore(name, correct[name], len(matches)) for name in FIELDS),
        location=location,
        pairs=tuple(pairs),
        misses=tuple(g for i, g in enumerate(gold) if i not in matched_gold),
        extras=tuple(p for i, p in enumerate(predicted) if i not in matched_pred),
        statistics=stat_counts,
        statistics_per_doc=stat_docs,
    )
