"""Load and validate the brief's data files (``src/watchfloor/data/brief/``).

Every file is TSV: a ``# version<TAB>N`` line, a ``# columns`` line, then rows.
A malformed row raises :class:`DataFileError` naming ``file:line``. See
``src/watchfloor/data/brief/README.md`` for each file's columns.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from watchfloor.errors import DataFileError

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
SHAPES = ("circle", "triangle", "square", "diamond")


def _read_rows(name: str, columns: int) -> list[tuple[int, list[str]]]:
    path = f"data/brief/{name}"
    text = resources.files("watchfloor").joinpath(path).read_text(encoding="utf-8")
    rows: list[tuple[int, list[str]]] = []
    version_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# version"):
            version_seen = True
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != columns:
            raise DataFileError(
                "bad-row", f"expected {columns} tab-separated columns, got {len(cells)}",
                path=f"{path}:{lineno}",
            )  # fmt: skip
        rows.append((lineno, [c.strip() for c in cells]))
    if not version_seen:
        raise DataFileError("no-version", "the file lacks a '# version' line", path=path)
    return rows


@dataclass(frozen=True, slots=True)
class ScoreWeights:
    """Weights of the main-event score (``score_weights.tsv``)."""

    per_fatality: float
    fatality_cap: float
    per_wounded: float
    per_killed_or_wounded: float
    territory: float
    leadership: float
    new_area: float
    quiet_weeks: float
    claimed_abroad: float


@cache
def load_score_weights() -> ScoreWeights:
    values: dict[str, float] = {}
    for lineno, (factor, weight, _note) in _read_rows("score_weights.tsv", 3):
        try:
            values[factor] = float(weight)
        except ValueError as err:
            raise DataFileError(
                "bad-weight", f"{weight!r} is not a number",
                path=f"data/brief/score_weights.tsv:{lineno}",
            ) from err  # fmt: skip
    missing = set(ScoreWeights.__dataclass_fields__) - set(values)
    if missing:
        raise DataFileError(
            "missing-weight", f"no weight for {sorted(missing)}",
            path="data/brief/score_weights.tsv",
        )  # fmt: skip
    return ScoreWeights(**{k: values[k] for k in ScoreWeights.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class Theatres:
    """Country -> theatre name, and the core theatres (``theatres.tsv``)."""

    by_country: dict[str, str]
    core: frozenset[str]  # countries of the core theatres
    order: tuple[str, ...]  # theatre names in file order

    def theatre_of(self, country: str | None) -> str:
        if not country:
            return "Unlocated"
        return self.by_country.get(country, country)


@cache
def load_theatres() -> Theatres:
    by_country: dict[str, str] = {}
    core: set[str] = set()
    order: list[str] = []
    for lineno, (country, theatre, is_core) in _read_rows("theatres.tsv", 3):
        if is_core not in ("0", "1"):
            raise DataFileError(
                "bad-flag", f"core must be 0 or 1, got {is_core!r}",
                path=f"data/brief/theatres.tsv:{lineno}",
            )  # fmt: skip
        by_country[country] = theatre
        if is_core == "1":
            core.add(country)
        if theatre not in order:
            order.append(theatre)
    return Theatres(by_country, frozenset(core), tuple(order))


@cache
def load_event_phrases() -> dict[str, tuple[str, str]]:
    """``sub_event_type`` -> (phrase with ``{actor2}``, phrase without a target)."""
    out: dict[str, tuple[str, str]] = {}
    for lineno, (sub_type, with_target, without) in _read_rows("event_phrases.tsv", 3):
        if "{actor2}" not in with_target or "{" in without:
            raise DataFileError(
                "bad-phrase", "with_target needs {actor2}; without_target takes no field",
                path=f"data/brief/event_phrases.tsv:{lineno}",
            )  # fmt: skip
        out[sub_type] = (with_target, without)
    return out


@dataclass(frozen=True, slots=True)
class TypeStyle:
    colour: str
    shape: str


@cache
def load_type_styles() -> dict[str, TypeStyle]:
    out: dict[str, TypeStyle] = {}
    for lineno, (event_type, colour, shape) in _read_rows("colours.tsv", 3):
        if not _COLOUR.fullmatch(colour) or shape not in SHAPES:
            raise DataFileError(
                "bad-style", f"colour must be #rrggbb and shape one of {SHAPES}",
                path=f"data/brief/colours.tsv:{lineno}",
            )  # fmt: skip
        out[event_type] = TypeStyle(colour, shape)
    return out


DEFAULT_STYLE = TypeStyle("#7f8c8d", "circle")


@cache
def load_borders() -> dict[str, Any]:
    """The simplified borders (``borders.json``): countries and, where built, provinces.

    Shape: ``{"version": 1, "attribution": str, "countries": [{"name", "bbox",
    "rings": [[lon0, lat0, lon1, lat1, ...], ...]}], "provinces": [{"country", "name",
    "lines": [[lon0, lat0, ...], ...]}]}``; coordinates in degrees.
    """
    path = "data/brief/borders.json"
    node = resources.files("watchfloor").joinpath(path)
    try:
        data = json.loads(node.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"version": 1, "attribution": "", "countries": [], "provinces": []}
    except ValueError as err:
        raise DataFileError("bad-json", str(err), path=path) from err
    if not isinstance(data, dict) or data.get("version") != 1:
        raise DataFileError("bad-version", "expected a JSON object with version 1", path=path)
    return data
