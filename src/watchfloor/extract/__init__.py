"""Event extraction: a document's sentence tree in, coded and sourced events out.

``extract_events(tree)`` runs the rulebook (``Rules``, data files under
``watchfloor/data/extract``) over the sentences of one document:

1. analyse each sentence: trigger wording, analysis/aggregate cues (``detect``);
2. cut blocks into tellings, one incident each (``assemble.group_tellings``);
3. fill each telling's fields: type, actors by voice, place, date, casualties, claim,
   sources (``assemble.build_candidate``);
4. merge tellings of one incident, summary into body (``merge``);
5. number the events ``<stem>#<n>`` in document order.

Sentences with attack wording or casualty figures that gave no event come back in
``Extraction.uncoded``; aggregate figures in ``Extraction.statistics``. Coordinates are
left to the places stage. See docs/event-guide.md for every field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.extract.actors import UNIDENTIFIED_AIR, nonstate_counts, principal_of
from watchfloor.extract.assemble import (
    EXCESSIVE_FORCE,
    Candidate,
    Context,
    build_candidate,
    group_tellings,
)
from watchfloor.extract.claims import claim_contexts, lend_story_claims
from watchfloor.extract.dates import mentions_relative, opens_with_relative
from watchfloor.extract.detect import (
    SentenceInfo,
    analyse_sentence,
    forget_names,
    has_casualties,
)
from watchfloor.extract.locations import document_country
from watchfloor.extract.merge import fold_story, merge_candidates
from watchfloor.extract.rules import Rules
from watchfloor.models import (
    DocFormat,
    Document,
    DocumentTree,
    Event,
    Sentence,
    Source,
    Statistic,
)

__all__ = ["Extraction", "Rules", "extract_events"]

AIR_CONTEXT_TYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
HEAD_CHARS = 80
MAX_HEADS = 3
"""A block's first sentence at most this long, with no trigger, is a label line."""
_PUBLISHER_CUT = re.compile(r"\s[–—|-]\s|:\s")

_DATELINE = re.compile(
    r"^\s{0,4}(?P<place>[A-Z][A-Za-z .'-]{1,40}(?:,\s[A-Z][A-Za-z .'-]{1,30})?)"
    r"(?:,\s(?P<date>[A-Z][a-z]{2,9}\.?\s\d{1,2}"
    r"(?:,\s\d{4})?|\d{1,2}\s[A-Z][a-z]{2,9}(?:\s\d{4})?))?"
    r"(?:\s\((?P<agency>[^()\n]{2,60})\))?\s?"
    r"[-–—]",
    re.MULTILINE,
)
"""A news dateline: "BAGHDAD, March 5 (Agency) -", "MOSUL, Iraq, Oct. 5 -", "BAMAKO (Agency) -"."""


def _dateline(text: str) -> re.Match[str] | None:
    """The story's dateline; without an agency its place must be in capitals ("MOSUL, Iraq")."""
    for match in _DATELINE.finditer(text):
        if match.group("date") is None and match.group("agency") is None:
            continue
        if match.group("agency") is None and not match.group("place").split(",")[0].isupper():
            continue
        return match
    return None


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one document gave: events, aggregate statistics, and what the rules missed."""

    events: tuple[Event, ...]
    statistics: tuple[Statistic, ...]
    uncoded: tuple[Sentence, ...]


def extract_events(tree: DocumentTree, *, rules: Rules | None = None) -> Extraction:
    """Code the events of one segmented document (see the module docstring)."""
    rules = rules or Rules.load()
    document = tree.document
    forget_names()
    rules.forget()
    infos = [analyse_sentence(sent, rules) for sent in tree.sentences]
    context = _context(tree, rules, infos)
    candidates: list[Candidate] = []
    days = _DayBook(_block_openers(tree.sentences), news=context.news)
    air: dict[tuple[str, ...], str] = {}  # the last named air force of each section
    for telling in group_tellings(infos, rules):
        cand = build_candidate(telling, context, rules, days.previous_for(telling.infos[0].sent))
        if cand is not None:
            if cand.sub_event_type in AIR_CONTEXT_TYPES:
                _air_context(cand, air, rules)
            candidates.append(cand)
            days.record(telling.infos[0].sent, cand)
    if context.news:
        lend_story_claims(infos, candidates, rules, context.country)
        candidates = fold_story(candidates, rules)
    merged = merge_candidates(candidates)
    events = tuple(_to_event(document, n, cand) for n, cand in enumerate(merged, start=1))
    return Extraction(
        events=events,
        statistics=tuple(_statistics(tree)),
        uncoded=tuple(_uncoded(infos, merged)),
    )


def _block_openers(sentences: Sequence[Sentence]) -> frozenset[int]:
    """The index of each block's first sentence."""
    seen: set[int] = set()
    openers: set[int] = set()
    for sent in sentences:
        if sent.block_index not in seen:
            seen.add(sent.block_index)
            openers.add(sent.index)
    return frozenset(openers)


class _DayBook:
    """The day-precise incident dates a telling's relative day phrase may count from.

    Inside a block, ``previous`` is the last day-precise date of the block (a telling with no
    date words continues it: "In addition, ..."). A block opening with a relative day phrase
    ("The next day, ...") counts from the last day-precise incident of an earlier block in the
    same section; any other new block starts with none, so that an undated bullet never takes
    the date of the bullet before it.
    """

    __slots__ = ("_block", "_in_block", "_in_section", "_news", "_openers", "_section")

    def __init__(self, openers: frozenset[int], *, news: bool = False) -> None:
        self._openers = openers
        self._news = news  # a story: "the following day" anywhere counts from the last incident
        self._block: int | None = None
        self._section: tuple[str, ...] | None = None
        self._in_block: dt.date | None = None
        self._in_section: dt.date | None = None

    def previous_for(self, sent: Sentence) -> dt.date | None:
        """The ``previous`` date to resolve the telling opening with ``sent`` against."""
        if sent.section_path != self._section:
            self._section, self._in_section = sent.section_path, None
        if sent.block_index != self._block:
            self._block, self._in_block = sent.block_index, None
            if sent.index in self._openers and opens_with_relative(sent.text):
                self._in_block = self._in_section
            elif self._news and mentions_relative(sent.text):
                self._in_block = self._in_section
        return self._in_block

    def record(self, sent: Sentence, cand: Candidate) -> None:
        """Note the date of a coded telling opening with ``sent``."""
        if cand.time_precision != 1 or cand.event_date is None:
            return
        self._in_block = cand.event_date
        if not (sent.is_caption or sent.is_legend or sent.is_footnote or sent.in_summary):
            self._in_section = cand.event_date


def _air_context(cand: Candidate, air: dict[tuple[str, ...], str], rules: Rules) -> None:
    """Aircraft of no stated nationality: the air force last named in the same section."""
    path = cand.telling.infos[0].sent.section_path
    if cand.actor1 != UNIDENTIFIED_AIR:
        actor = rules.actors.get(cand.actor1 or "")
        if actor is not None and actor.kind == "state":
            air[path] = actor.canonical
        return
    if path in air and not any(
        rules.cue_for("unattributed", i.folded).search(i.folded) for i in cand.telling.infos
    ):
        cand.actor1 = air[path]
        cand.actor1_unit = None


def _context(tree: DocumentTree, rules: Rules, infos: list[SentenceInfo]) -> Context:
    document = tree.document
    period = None
    if document.period_start and document.period_end:
        period = (document.period_start, document.period_end)
    reference = document.published
    publisher = short_publisher(document.publisher)
    default_source: Source | None = None
    dateline = _dateline(document.text[:800])
    agency = dateline.group("agency") if dateline is not None else None
    if dateline is not None and (publisher or agency):
        default_source = Source(publisher or (agency or "").strip(), reference)
    elif dateline is not None:
        default_source = Source(document.title[:80], reference)
    elif document.published is not None and period is None:
        # a dated story without a bulletin period: the story is its own source
        default_source = Source(publisher or document.title[:80], reference)
    outlet = "Telegram" if document.format == DocFormat.TELEGRAM else None
    outlet = outlet or rules.cue_name("outlet", document.title[:300].lower())
    place = dateline.group("place") if dateline is not None else ""
    news = default_source is not None and not outlet
    groups = nonstate_counts(document.text, rules)  # named once, read for both groups below
    return Context(
        document=document,
        period=period,
        reference=reference,
        default_source=default_source,
        claims=claim_contexts(tree.sentences, tree.sections, rules, document.title),
        outlet=outlet,
        dateline=dateline.span() if dateline is not None else None,
        news=news,
        country=document_country(f"{place} {document.title[:300]}", rules),
        block_heads=_block_heads(infos),
        principal=principal_of(groups),
        story_group=principal_of(groups, least=1) if news else None,
    )


def short_publisher(name: str | None) -> str | None:
    """A publisher without the section a feed title adds: "Wire – World news" -> "Wire"."""
    if not name:
        return None
    head = _PUBLISHER_CUT.split(name.strip(), maxsplit=1)[0].strip()
    return head if len(head) >= 3 else name.strip()


def _block_heads(infos: list[SentenceInfo]) -> dict[int, tuple[str, ...]]:
    """Short label lines opening a block ("=== June 9 ===", "Wilayat Sinai") that state nothing."""
    heads: dict[int, list[str]] = {}
    done: set[int] = set()
    for info in infos:
        block = info.sent.block_index
        if block in done:
            continue
        if info.hits or len(info.sent.text) > HEAD_CHARS or info.skip is not None:
            done.add(block)
            continue
        heads.setdefault(block, []).append(info.sent.text)
        if len(heads[block]) >= MAX_HEADS:
            done.add(block)
    return {block: tuple(lines) for block, lines in heads.items()}


def _to_event(document: Document, number: int, cand: Candidate) -> Event:
    stem = document.name.rsplit(".", 1)[0] if "." in document.name else document.name
    cas = cand.casualties
    loc = cand.location
    return Event(
        id=f"{stem}#{number}",
        doc=document.name,
        evidence=cand.evidence,
        event_date=cand.event_date,
        time_precision=cand.time_precision,
        event_type=cand.event_type,
        sub_event_type=cand.sub_event_type,
        actor1=cand.actor1,
        actor2=cand.actor2,
        actor1_unit=cand.actor1_unit,
        # protesters fired on are civilians targeted, as ACLED codes them
        civilian_targeting=cand.actor2 == "Civilians" or cand.sub_event_type == EXCESSIVE_FORCE,
        location_text=loc.location_text,
        anchor=loc.anchor,
        distance_km=loc.distance_km,
        bearing=loc.bearing,
        country=loc.country,
        admin1=loc.admin1,
        geo_precision=loc.geo_precision,
        killed=getattr(cas, "killed", None),
        wounded=getattr(cas, "wounded", None),
        killed_or_wounded=getattr(cas, "killed_or_wounded", None),
        casualty_qualifier=getattr(cas, "qualifier", None),
        fatalities=getattr(cas, "fatalities", 0) or 0,
        claimed_by=cand.claimed_by,
        sources=cand.sources,
        also_in=tuple(cand.also_in),
        document_id=document.id,
        evidence_span=cand.evidence_span,
        provenance=dict(cand.provenance),
    )


def _statistics(tree: DocumentTree) -> list[Statistic]:
    try:
        from watchfloor.extract.statistics import extract_statistics
    except ImportError:
        return []
    return list(extract_statistics(tree))


def _uncoded(infos: list[SentenceInfo], merged: list[Candidate]) -> list[Sentence]:
    covered: list[tuple[int, int]] = []
    for cand in merged:
        covered.append(cand.evidence_span)
        covered.extend(cand.also_spans)
    uncoded: list[Sentence] = []
    for info in infos:
        if info.skip is not None or not (info.strong_hits or has_casualties(info)):
            continue
        start, end = info.sent.span
        # covered when an event's evidence holds most of it (label lines such as a claim's
        # "=== date ===" header can open the sentence but not the evidence)
        if any(2 * (min(e, end) - max(s, start)) >= end - start for s, e in covered):
            continue
        uncoded.append(info.sent)
    return uncoded
