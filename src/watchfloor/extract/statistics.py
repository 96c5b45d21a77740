"""Aggregate figures (guide section 5): infographic totals, revenue, displacement, IEDs removed.

``extract_statistics(tree)`` reads sentences that carry an aggregate cue ("revenues",
"displaced", "%", "a total of", "removed") or sit in the paragraph/section of one that
introduces an infographic, and records every counted figure with a unit it can name
("3,196 attacks", "$16 million a month", "80%", "12,177 square kilometers"). The claimant
is the context's ("According to the infographic": the Islamic State, until the citation
that closes the description) or the source named
by "according to X" / "X estimate(s)"; the period comes from "this week" (the document
period), "in June" (that month) or "since December 1, 2019"; the citation date closes it.

Cues, units and currencies live in ``data/extract/statistics.tsv``. Captions, legends and
footnotes are skipped; a figure told in the summary and again in the body is kept once (the
body's). Each sentence is capped at ``MAX_SENTENCE`` characters.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from watchfloor.extract.dates import load_date_words
from watchfloor.extract.numbers import (
    Quantity,
    TokenOffsets,
    load_number_words,
    quantities_of,
    read_data_file,
    read_rows,
    token_texts,
)
from watchfloor.models import DocumentTree, Sentence, Statistic

MAX_SENTENCE = 5_000
MIN_VALUE = 2

_KINDS = frozenset({"cue", "context", "unit", "money", "per"})
_ACCORDING_RE = re.compile(
    r"\baccording\s{1,3}to\s{1,3}(?:the\s{1,3})?(?P<who>[A-Z][\w'’.-]{0,40}"
    r"(?:\s{1,3}(?:of\s{1,3}|the\s{1,3})?[A-Z][\w'’.-]{0,40}){0,5})"
)
_ESTIMATE_RE = re.compile(
    r"(?P<who>(?:[A-Z][\w'’.-]{0,40}\s{1,3}){1,5})(?:estimates?|reported|stated|announced)\b"
)
_SINCE_RE = re.compile(
    r"\bsince\s{1,3}(?P<month>[A-Z][a-z]{2,8})\.?\s{1,3}(?P<day>\d{1,2}),?\s{1,3}(?P<year>\d{4})"
)
_IN_MONTH_RE = re.compile(r"\b(?:in|during)\s{1,3}(?P<month>[A-Z][a-z]{2,8})\b(?!\s{0,3}\d)")
_THIS_WEEK_RE = re.compile(r"\b(?:this|during\s{1,3}the)\s{1,3}week\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StatisticWords:
    cues: tuple[str, ...]
    contexts: dict[str, str]  # cue -> claimant
    units: dict[str, str]
    money: dict[str, str]
    per: dict[str, str]


def parse_statistic_words(text: str, *, name: str = "statistics.tsv") -> StatisticWords:
    """Build :class:`StatisticWords` from the text of a ``statistics.tsv`` file."""
    cues: list[str] = []
    tables: dict[str, dict[str, str]] = {"context": {}, "unit": {}, "money": {}, "per": {}}
    for cells in read_rows(name, text, kinds=_KINDS):
        kind, phrase = cells[0], " ".join(cells[1].lower().split())
        value = cells[2] if len(cells) > 3 else ""
        if kind == "cue":
            cues.append(phrase)
        else:
            tables[kind][phrase] = value
    return StatisticWords(
        cues=tuple(cues),
        contexts=tables["context"],
        units=tables["unit"],
        money=tables["money"],
        per=tables["per"],
    )


@cache
def load_statistic_words() -> StatisticWords:
    """The bundled ``statistics.tsv``, read and validated once per process."""
    return parse_statistic_words(read_data_file("statistics.tsv"))


def _has(text: str, phrase: str) -> bool:
    if phrase not in text:
        return False  # the cheap test first: no substring, no word match either
    if not phrase[:1].isalnum():
        return True
    return _word_re(phrase).search(text) is not None


@lru_cache(maxsize=512)
def _word_re(phrase: str) -> re.Pattern[str]:
    """``phrase`` as a whole word (not inside a longer word)."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _unit_at(lowers: Sequence[str], index: int, units: dict[str, str]) -> tuple[str, int] | None:
    """The unit named by the (1-3 word) noun at ``index``: ``(unit, last token)``."""
    for length in (3, 2, 1):
        words = list(lowers[index : index + length])
        if len(words) != length:
            continue
        last = words[-1]
        for form in (last, last[:-1] if last.endswith("s") else last, last[:-2]):
            key = " ".join([*words[:-1], form])
            if key in units:
                return units[key], index + length - 1
    return None


def _figure(
    texts: Sequence[str], lowers: Sequence[str], q: Quantity, words: StatisticWords
) -> tuple[str, str | None] | None:
    """``(unit, metric words)`` of a figure, or ``None`` when it counts nothing we can name."""
    start = q.start if q.start >= 0 else q.first
    before = lowers[start - 1] if start > 0 else ""
    if before in words.money:
        unit = words.money[before]
        after = " ".join(lowers[q.last + 1 : q.last + 3])
        rate = next((v for k, v in words.per.items() if after.startswith(k)), None)
        return (f"{unit} {rate}" if rate else unit), None
    nxt = q.last + 1
    if nxt < len(lowers) and lowers[nxt] == "of":
        nxt += 1
    for skip in range(0, 3):
        found = _unit_at(lowers, nxt + skip, words.units)
        if found is not None:
            unit, last = found
            metric = " ".join(texts[nxt : last + 1])
            return unit, metric
    return None


def _claimant(text: str, context: str | None) -> str | None:
    if context is not None:
        return context
    match = _ACCORDING_RE.search(text) or _ESTIMATE_RE.search(text)
    if match is None:
        return None
    who = " ".join(match.group("who").split())
    return who or None


def _period(
    sent: Sentence, period: tuple[dt.date, dt.date] | None
) -> tuple[dt.date | None, dt.date | None]:
    text = sent.text[:MAX_SENTENCE]
    cited = [c.date for c in sent.citations if c.date is not None]
    end = min(cited) if cited else None
    months = load_number_words().months
    since = _SINCE_RE.search(text)
    if since is not None:
        month = months.get(since.group("month").lower())
        if month is not None:
            try:
                start = dt.date(int(since.group("year")), month, int(since.group("day")))
            except ValueError:
                start = None
            return start, end or (period[1] if period else None)
    if _THIS_WEEK_RE.search(text) and period is not None:
        return period
    in_month = _IN_MONTH_RE.search(text)
    anchor = end or (period[1] if period else None)
    if in_month is not None and anchor is not None:
        month = months.get(in_month.group("month").lower())
        if month is not None:
            year = anchor.year if month <= anchor.month else anchor.year - 1
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
    return None, end


def _qualifier(lowers: Sequence[str], q: Quantity) -> str | None:
    if q.start > q.first:
        return " ".join(lowers[q.first : q.start])
    return q.qualifier


def extract_statistics(tree: DocumentTree) -> list[Statistic]:
    """Every aggregate figure of a document, in document order (guide section 5)."""
    words = load_statistic_words()
    load_date_words()  # validate the shared date phrases once, like the other loaders
    document = tree.document
    period = None
    if document.period_start is not None and document.period_end is not None:
        period = (document.period_start, document.period_end)
    found: list[tuple[bool, Statistic]] = []
    context: str | None = None
    context_key: tuple[int, int | None] | None = None
    for sent in tree.sentences:
        if sent.is_caption or sent.is_legend or sent.is_footnote or sent.is_repeated:
            continue
        text = sent.text[:MAX_SENTENCE]
        lowered = text.lower()
        key = (sent.block_index, sent.section_index)
        if context_key is not None and key[1] != context_key[1]:
            context, context_key = None, None
        for cue, claimant in words.contexts.items():
            if cue in lowered:
                context, context_key = claimant, key
        cued = context is not None or (
            # the substring test alone first: most sentences hold no cue at all
            any(cue in lowered for cue in words.cues)
            and any(_has(lowered, cue) for cue in words.cues)
        )
        if not cued:
            continue
        for figure in _sentence_figures(sent, text, context, period, document.name, words):
            found.append((sent.in_summary, figure))
        if context is not None and sent.citations:
            context, context_key = None, None  # the closing citation ends the infographic
    return _dedupe(found)


def _dedupe(found: Sequence[tuple[bool, Statistic]]) -> list[Statistic]:
    """One record per figure and unit: the body telling wins over the summary's."""
    best: dict[tuple[float, str | None], tuple[bool, Statistic]] = {}
    order: list[tuple[float, str | None]] = []
    for in_summary, figure in found:
        key = (figure.value, figure.unit)
        if key not in best:
            best[key] = (in_summary, figure)
            order.append(key)
        elif best[key][0] and not in_summary:
            best[key] = (in_summary, figure)
    return [best[key][1] for key in order]


def _sentence_figures(
    sent: Sentence,
    text: str,
    context: str | None,
    period: tuple[dt.date, dt.date] | None,
    doc: str,
    words: StatisticWords,
) -> list[Statistic]:
    texts = token_texts(text)
    lowers = [t.lower() for t in texts]
    offsets = TokenOffsets(text, texts)
    figures: list[Statistic] = []
    start, end = _period(sent, period)
    claimant = _claimant(text, context)
    for q in quantities_of(texts, lowers):
        if q.kind != "exact" or q.blocked or q.value < MIN_VALUE:
            continue
        if sent.citations and any(
            c.span[0] <= sent.span[0] + offsets.start(q.first) < c.span[1] for c in sent.citations
        ):
            continue
        named = _figure(texts, lowers, q, words)
        if named is None:
            continue
        unit, metric = named
        figures.append(
            Statistic(
                doc=doc,
                evidence=sent.text,
                claimant=claimant,
                period_start=start,
                period_end=end,
                metric=metric or unit,
                value=float(q.value),
                unit=unit,
                qualifier=_qualifier(lowers, q),
            )
        )
    return figures
