"""Run the pipeline on the documents a gold file names, and score the result.

The scorer itself (:func:`watchfloor.evaluate.score`) needs no pipeline; this module is
the glue ``watchfloor eval`` uses: code each document named in the gold (``doc`` = file
name inside ``docs_dir``) or read a predictions file, then score.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from watchfloor.errors import DataFileError, WatchfloorError
from watchfloor.evaluate.records import (
    EventRecord,
    StatRecord,
    load_gold,
    load_statistics,
    record_from_event,
    record_from_statistic,
)
from watchfloor.evaluate.scoring import ActorFold, EvalReport, score
from watchfloor.models import Event, Statistic

log = logging.getLogger(__name__)

MAX_DOC_BYTES = 50_000_000


@dataclass(slots=True)
class Prediction:
    """What the pipeline made of the gold's documents; ``failures`` maps doc -> reason."""

    events: list[EventRecord] = field(default_factory=list)
    statistics: list[StatRecord] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evaluation:
    report: EvalReport
    failures: dict[str, str]


def _open_gazetteer() -> object | None:
    try:
        from watchfloor.places import Gazetteer  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    try:
        return Gazetteer.open()  # type: ignore[no-any-return,unused-ignore]
    except WatchfloorError as err:
        log.info("evaluating without coordinates: %s", err)
        return None


Coded = list[tuple[str, Sequence[Event], Sequence[Statistic]]]
"""``(document text, events, statistics)`` for each document of one file."""


def _code_file(path: Path, gazetteer: object | None) -> Coded:
    """Code one file with the lead's pipeline, or stage by stage when it is not importable."""
    try:
        from watchfloor.pipeline import code_path
    except ImportError:
        return _code_by_stages(path)
    coded = code_path(path, gazetteer=gazetteer)  # type: ignore[arg-type,unused-ignore]
    return [(c.document.text, c.extraction.events, c.extraction.statistics) for c in coded]


def _code_by_stages(path: Path) -> Coded:
    from watchfloor.extract import extract_events
    from watchfloor.ingest import read_file
    from watchfloor.segment import segment_document  # type: ignore[attr-defined,unused-ignore]

    out: Coded = []
    for document in read_file(path):
        extraction = extract_events(segment_document(document))
        out.append((document.text, extraction.events, extraction.statistics))
    return out


def predict_documents(docs_dir: Path, names: Iterable[str], *, geocode: bool = True) -> Prediction:
    """Code each named document of ``docs_dir``; a failing document is recorded, not raised."""
    prediction = Prediction()
    gazetteer = _open_gazetteer() if geocode else None
    for name in sorted(set(names)):
        path = docs_dir / name
        if not path.is_file():
            prediction.failures[name] = "missing"
            continue
        try:
            results = _code_file(path, gazetteer)
        except WatchfloorError as err:
            prediction.failures[name] = err.reason
            continue
        for text, events, statistics in results:
            prediction.texts.setdefault(name, text)
            for event in events:
                record = record_from_event(event)
                prediction.events.append(_renamed(record, name))
            for statistic in statistics:
                stat = record_from_statistic(statistic)
                prediction.statistics.append(_renamed_stat(stat, name))
    return prediction


def _renamed(record: EventRecord, name: str) -> EventRecord:
    if record.doc == name:
        return record
    return EventRecord(record.id, name, record.evidence, record.also_in, record.values)


def _renamed_stat(stat: StatRecord, name: str) -> StatRecord:
    if stat.doc == name:
        return stat
    return StatRecord(
        name, stat.evidence, stat.metric, stat.value, stat.unit, stat.claimant,
        stat.period_start, stat.period_end, stat.qualifier,
    )  # fmt: skip


def actor_folder() -> ActorFold | None:
    """The extraction rules' alias table as a name -> canonical function, if available."""
    try:
        from watchfloor.extract.rules import Rules, fold_key
    except ImportError:
        return None
    try:
        aliases = Rules.load().aliases
    except (WatchfloorError, AttributeError):
        return None

    def fold(name: str) -> str:
        for key in (name, fold_key(name)):
            alias = aliases.get(key)
            actor = getattr(alias, "actor", None)
            canonical = getattr(actor, "canonical", None)
            if isinstance(canonical, str):
                return canonical
        return name

    return fold


def _read_texts(docs_dir: Path, names: Iterable[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for name in set(names):
        path = docs_dir / name
        if path.is_file() and path.stat().st_size <= MAX_DOC_BYTES:
            texts[name] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def evaluate_gold(
    gold_path: Path,
    *,
    docs_dir: Path | None = None,
    pred_path: Path | None = None,
    gold_statistics_path: Path | None = None,
    pred_statistics_path: Path | None = None,
    geocode: bool = True,
) -> Evaluation:
    """Score the pipeline (or ``pred_path``) against ``gold_path``.

    With ``pred_path`` the predictions file is scored and ``docs_dir`` (optional) only
    supplies document texts for evidence overlap. Without it, ``docs_dir`` is required and
    the pipeline codes every document the gold names. ``gold_statistics_path`` defaults to
    ``statistics.jsonl`` beside the gold file when it exists.
    """
    gold = load_gold(gold_path)
    names = sorted({g.doc for g in gold})
    if gold_statistics_path is None:
        beside = Path(gold_path).with_name("statistics.jsonl")
        gold_statistics_path = beside if beside.is_file() and beside != Path(gold_path) else None
    gold_statistics = load_statistics(gold_statistics_path) if gold_statistics_path else None
    failures: dict[str, str] = {}
    predicted_statistics: list[StatRecord] | None
    if pred_path is not None:
        predicted = load_gold(pred_path)
        texts = _read_texts(docs_dir, names) if docs_dir is not None else {}
        predicted_statistics = (
            load_statistics(pred_statistics_path) if pred_statistics_path is not None else None
        )
    elif docs_dir is not None:
        prediction = predict_documents(docs_dir, names, geocode=geocode)
        predicted, texts = prediction.events, prediction.texts
        predicted_statistics = prediction.statistics
        failures = prediction.failures
    else:
        raise DataFileError("no-input", "give --docs DIR to run the pipeline, or --pred FILE")
    report = score(
        gold,
        predicted,
        texts=texts,
        fold_actor=actor_folder(),
        gold_statistics=gold_statistics,
        predicted_statistics=predicted_statistics,
    )
    return Evaluation(report, failures)
