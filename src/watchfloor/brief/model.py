"""The typed intermediate of a brief: built by ``build_brief``, rendered by templates.

Nothing here holds markup except the ``*_svg`` fields, which our own code drew
with every outside string escaped (``brief/svg.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from watchfloor.analyse import Alert
from watchfloor.brief.data import ScoreWeights
from watchfloor.brief.score import Score
from watchfloor.models import Event
from watchfloor.store.analysis import StatisticRow


def anchor_for(kind: str, ident: str) -> str:
    """An HTML id for an event or statistic: ``event-<id>`` with unsafe characters escaped.

    Letters, digits, ``-`` and ``_`` stay; any other character becomes ``.<hex>.``
    (``004_e2#3`` -> ``event-004_e2.23.3``), so distinct ids keep distinct anchors.
    """
    safe = "".join(
        ch if (ch.isascii() and ch.isalnum()) or ch in "-_" else f".{ord(ch):x}." for ch in ident
    )
    return f"{kind}-{safe}"


@dataclass(frozen=True, slots=True)
class Ref:
    """A pointer from a statement to an appendix row (HTML link, Markdown footnote)."""

    kind: Literal["event", "statistic"]
    id: str
    anchor: str  # HTML id of the appendix row
    label: str  # footnote label: "E12" (12th event row), "S3"


@dataclass(frozen=True, slots=True)
class Statement:
    """One generated sentence and its single citation group."""

    text: str
    citation: str  # "(Telegram, February 14, 2020; Al-Sumaria, February 15, 2020)"
    refs: tuple[Ref, ...]
    urls: tuple[str, ...] = ()  # sources whose name is an http(s) URL, linked as cited


@dataclass(frozen=True, slots=True)
class BriefIncident:
    key: str  # incident id ("incident-12") or event id
    events: tuple[Event, ...]  # the representative report first
    statement: Statement  # in its theatre section
    summary: Statement  # in "Main events of the week" (with province and country)
    score: Score
    theatre: str
    province: str
    event_date: dt.date | None
    rank: int | None = None


@dataclass(frozen=True, slots=True)
class Province:
    name: str
    incidents: tuple[BriefIncident, ...]


@dataclass(frozen=True, slots=True)
class Theatre:
    name: str
    provinces: tuple[Province, ...]
    map_svg: str


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    svg: str
    caption: str


@dataclass(frozen=True, slots=True)
class AppendixRow:
    number: int
    ref: Ref
    event: Event


@dataclass(frozen=True, slots=True)
class StatisticEntry:
    number: int
    ref: Ref
    statement: Statement
    row: StatisticRow


@dataclass(frozen=True, slots=True)
class AlertEntry:
    alert: Alert
    refs: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    title: str
    period: str  # "February 13–19, 2020"
    week_start: dt.date
    week_end: dt.date
    weeks_back: int
    main_events: tuple[BriefIncident, ...]
    theatres: tuple[Theatre, ...]
    overview_map_svg: str
    charts: tuple[Chart, ...]
    claims: tuple[Statement, ...]
    statistics: tuple[StatisticEntry, ...]
    alerts: tuple[AlertEntry, ...]
    appendix: tuple[AppendixRow, ...]
    weights: ScoreWeights
    attribution: str
    documents: tuple[str, ...]
    uses_incidents: bool
    version: str
