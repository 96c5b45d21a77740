"""Typed values that cross stage boundaries.

Every stage of the pipeline (ingest -> segment -> extract -> geocode -> resolve ->
store -> analyse/brief) takes and returns these frozen dataclasses. Field names
follow ``docs/event-guide`` (the event guide) in every layer: models, SQL, CSV,
JSON and templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

Span = tuple[int, int]
"""Character offsets ``(start, end)`` into ``Document.text``."""


class DocFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"
    TELEGRAM = "telegram"
    FEED = "feed"


@dataclass(frozen=True, slots=True)
class DocItem:
    """A dated unit inside a document: one Telegram message, one feed entry."""

    start: int
    end: int
    date: dt.date | None
    ref: str | None = None  # message id, entry link


@dataclass(frozen=True, slots=True)
class Document:
    """One ingested report. ``id`` is the sha256 (hex, 16 chars) of the normalised text."""

    id: str
    text: str
    title: str
    format: DocFormat
    origin: str  # path or URL it came from
    publisher: str | None = None
    published: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    items: tuple[DocItem, ...] = ()

    @property
    def name(self) -> str:
        """The file name of the origin (``doc`` field of events)."""
        return self.origin.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    CAPTION = "caption"
    LEGEND = "legend"
    FOOTNOTE = "footnote"


@dataclass(frozen=True, slots=True)
class Citation:
    """One source in a closing parenthetical: ``(Telegram, February 14, 2020)``."""

    name: str
    date: dt.date | None
    date_end: dt.date | None = None  # "November 3 and 4, 2017" -> date=3rd, date_end=4th
    span: Span = (0, 0)  # the whole parenthetical


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what sits under it. ``path`` runs from the top heading down."""

    index: int
    heading: str
    level: int
    path: tuple[str, ...]
    span: Span
    parent: int | None = None
    is_summary: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with everything later stages need to know about where it sits."""

    index: int
    text: str
    span: Span
    section_path: tuple[str, ...]
    section_index: int | None
    block_index: int  # paragraph or bullet it belongs to
    block_kind: BlockKind
    in_summary: bool = False
    is_caption: bool = False
    is_legend: bool = False
    is_footnote: bool = False
    is_repeated: bool = False
    citations: tuple[Citation, ...] = ()  # sources closing this sentence (or its group)
    footnote_refs: tuple[str, ...] = ()  # markers in the sentence: "1", "¹"
    item_date: dt.date | None = None  # date of the Telegram message / feed entry


@dataclass(frozen=True, slots=True)
class Block:
    index: int
    kind: BlockKind
    span: Span
    section_index: int | None


@dataclass(frozen=True, slots=True)
class Footnote:
    marker: str
    text: str
    span: Span
    anchor_sentence: int | None  # index of the sentence carrying the marker


@dataclass(frozen=True, slots=True)
class DocumentTree:
    """The structure of one document: sections, blocks, sentences, footnotes."""

    document: Document
    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    footnotes: tuple[Footnote, ...] = ()


class TimePrecision(IntEnum):
    DAY = 1
    WEEK = 2
    MONTH = 3


class GeoPrecision(IntEnum):
    POINT = 1
    NEAR = 2
    REGION = 3


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, with the fields of the event guide's section 3."""

    id: str
    doc: str
    evidence: str
    event_date: dt.date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None = None
    actor1_unit: str | None = None
    civilian_targeting: bool = False
    location_text: str | None = None
    anchor: str | None = None
    distance_km: float | None = None
    bearing: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geo_precision: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    killed: int | None = None
    wounded: int | None = None
    killed_or_wounded: int | None = None
    casualty_qualifier: str | None = None
    fatalities: int = 0
    claimed_by: str | None = None
    sources: tuple[Source, ...] = ()
    also_in: tuple[str, ...] = ()
    document_id: str | None = None
    evidence_span: Span | None = None
    provenance: dict[str, Span] = field(default_factory=dict)
    geo_note: str | None = None
    people: tuple[PersonMention, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A named person in an event, with the role the document gives them."""

    name: str
    role: str | None = None  # "emir of ...", "spokesman"
    organisation: str | None = None
    fate: str | None = None  # killed, arrested, appointed
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Statistic:
    """An aggregate figure (guide section 5): infographic totals, revenue, displacement."""

    doc: str
    evidence: str
    claimant: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    metric: str
    value: float
    unit: str | None = None
    qualifier: str | None = None
