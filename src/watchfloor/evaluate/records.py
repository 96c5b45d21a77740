"""Event and statistics records as the scorer sees them: JSON lines or our own dataclasses.

Gold files, predictions files and pipeline output all become :class:`EventRecord` and
:class:`StatRecord`, so anyone's JSONL coded by the event guide can be scored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path

from watchfloor.errors import DataFileError
from watchfloor.models import Event, Statistic

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]

MAX_LINE = 1_000_000
"""A longer JSONL line is refused (a record is a few kB)."""


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event record: the identity fields plus every other field as JSON values."""

    id: str
    doc: str
    evidence: str
    also_in: tuple[str, ...] = ()
    values: Mapping[str, JsonValue] = field(default_factory=dict)

    def get(self, name: str) -> JsonValue:
        return self.values.get(name)

    def to_json(self) -> dict[str, JsonValue]:
        return {
            "id": self.id,
            "doc": self.doc,
            "evidence": self.evidence,
            "also_in": list(self.also_in),
            **self.values,
        }


@dataclass(frozen=True, slots=True)
class StatRecord:
    """One statistics record (guide section 5)."""

    doc: str
    evidence: str
    metric: str
    value: float
    unit: str | None = None
    claimant: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    qualifier: str | None = None

    def to_json(self) -> dict[str, JsonValue]:
        return {
            "doc": self.doc,
            "evidence": self.evidence,
            "claimant": self.claimant,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "metric": self.metric,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
        }


def fold_space(text: str) -> str:
    """Collapse runs of white space to one space (the guide's evidence folding)."""
    return " ".join(text.split())


def _to_json(value: object) -> JsonValue:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _to_json(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Iterable):
        return [_to_json(v) for v in value]
    return str(value)


def record_from_event(event: Event) -> EventRecord:
    """An :class:`Event` as a record, dates as ISO strings, sources as ``{name, date}``."""
    values: dict[str, JsonValue] = {}
    for item in fields(event):
        if item.name in ("id", "doc", "evidence", "also_in"):
            continue
        values[item.name] = _to_json(getattr(event, item.name))
    return EventRecord(event.id, event.doc, event.evidence, tuple(event.also_in), values)


def record_from_statistic(statistic: Statistic) -> StatRecord:
    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day is not None else None

    return StatRecord(
        doc=statistic.doc,
        evidence=statistic.evidence,
        metric=statistic.metric,
        value=float(statistic.value),
        unit=statistic.unit,
        claimant=statistic.claimant,
        period_start=iso(statistic.period_start),
        period_end=iso(statistic.period_end),
        qualifier=statistic.qualifier,
    )


def _read_objects(path: Path) -> Iterable[tuple[int, dict[str, JsonValue]]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise DataFileError("unreadable", f"cannot open: {err.strerror}", path=str(path)) from err
    with handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if len(line) > MAX_LINE:
                raise DataFileError("line-too-long", f"over {MAX_LINE} characters", path=where)
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise DataFileError("bad-json", err.msg, path=where) from err
            if not isinstance(obj, dict):
                raise DataFileError("bad-record", "each line must be a JSON object", path=where)
            yield number, obj


def _text(obj: Mapping[str, JsonValue], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        raise DataFileError("bad-record", f"{key!r} must be a non-empty string", path=where)
    return value


def event_from_json(obj: Mapping[str, JsonValue], *, where: str, index: int = 0) -> EventRecord:
    """A record from one parsed JSON object; ``id`` defaults to ``<doc>#<index>``."""
    doc = _text(obj, "doc", where)
    evidence = _text(obj, "evidence", where)
    also = obj.get("also_in") or []
    if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
        raise DataFileError("bad-record", "'also_in' must be a list of strings", path=where)
    raw_id = obj.get("id")
    record_id = raw_id if isinstance(raw_id, str) and raw_id else f"{doc}#{index}"
    values = {k: v for k, v in obj.items() if k not in ("id", "doc", "evidence", "also_in")}
    return EventRecord(record_id, doc, evidence, tuple(str(a) for a in also), values)


def load_gold(path: Path) -> list[EventRecord]:
    """Read an events JSONL file (gold or predictions). Raises ``DataFileError`` on bad lines."""
    return [
        event_from_json(obj, where=f"{path}:{number}", index=number)
        for number, obj in _read_objects(Path(path))
    ]


def _optional_text(obj: Mapping[str, JsonValue], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) and value else None


def load_statistics(path: Path) -> list[StatRecord]:
    """Read a statistics JSONL file. Raises ``DataFileError`` on bad lines."""
    records: list[StatRecord] = []
    for number, obj in _read_objects(Path(path)):
        where = f"{path}:{number}"
        value = obj.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DataFileError("bad-record", "'value' must be a number", path=where)
        records.append(
            StatRecord(
                doc=_text(obj, "doc", where),
                evidence=_optional_text(obj, "evidence") or "",
                metric=_optional_text(obj, "metric") or "",
                value=float(value),
                unit=_optional_text(obj, "unit"),
                claimant=_optional_text(obj, "claimant"),
                period_start=_optional_text(obj, "period_start"),
                period_end=_optional_text(obj, "period_end"),
                qualifier=_optional_text(obj, "qualifier"),
            )
        )
    return records
