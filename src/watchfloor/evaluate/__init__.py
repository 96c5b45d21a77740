"""Evaluation: score coded events and statistics against a gold file (guide section 6).

``load_gold`` reads an events JSONL file (gold or anyone's predictions), ``score`` matches
and measures, ``evaluate_gold`` runs the pipeline on the gold's documents and scores it
(what ``watchfloor eval`` calls).
"""

from __future__ import annotations

from watchfloor.evaluate.records import (
    EventRecord,
    StatRecord,
    fold_space,
    load_gold,
    load_statistics,
    record_from_event,
    record_from_statistic,
)
from watchfloor.evaluate.runner import (
    Evaluation,
    Prediction,
    actor_folder,
    evaluate_gold,
    predict_documents,
)
from watchfloor.evaluate.scoring import (
    FIELDS,
    Counts,
    EvalReport,
    FieldScore,
    LocationScore,
    Pair,
    haversine_km,
    match_events,
    score,
)

__all__ = [
    "FIELDS",
    "Counts",
    "EvalReport",
    "Evaluation",
    "EventRecord",
    "FieldScore",
    "LocationScore",
    "Pair",
    "Prediction",
    "StatRecord",
    "actor_folder",
    "evaluate_gold",
    "fold_space",
    "haversine_km",
    "load_gold",
    "load_statistics",
    "match_events",
    "predict_documents",
    "record_from_event",
    "record_from_statistic",
    "score",
]
