"""Aggregate figures (guide section 5): infographic totals, revenue, displacement, IEDs removed.

``extract_statistics(tree)`` reads sentences that carry an aggregate cue ("revenues",
"displaced", "%", "a total of", "removed") or sit in the paragraph/section of one that
introduces an infographic, and records every counted figure with a unit it can name
("3,196 attacks", "$16 million a month", "80%", "12,177 square kilometers"). The claimant
is the context's ("According to the infographic": the Islamic State, until the citation
that closes the description: a paragraph's citation closes it only at the sentence that
reaches it) or the source named by "according to X" / "X estimate(s)"; the period comes from
a stated range ("between March 7 and 13, 2024", also carried from the sentence that
introduces an infographic to its figures), "this week" (the document period), "in June"
(that month) or "since December 1, 2019"; the citation date closes it.

Every counted figure of such a sentence is read: a number with its noun ("1,744
casualties", "210 killed"), a bracketed count after a noun, whose unit is the nearest plural
unit noun before it ("Other attacks included: sniper fire (450)"), money before or after the
number ("$16 million a month", "12 million dollars"; a bare second figure shares the first's
rate). An approximate count of events ("over 30 battles") is a tally even without a cue. A
casualty figure of a sentence that tells one incident ("on July 2", "in the attack") with no
period marker ("since") belongs to the event and is skipped; so are small counts written as
words in a sentence an infographic context carries ("three attacks in Kirkuk").

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
_SEPARATORS = frozenset({";", ":", ",", "(", ")", "."})
_JOINERS = frozenset({"and", "or"})
_BRACKET_REACH = 40  # tokens searched back from "(N)" for its noun
_NOT_RATE = frozenset({"earlier", "ago", "before", "later", "previously"})
_SMALL = 10  # below this a count written as a word describes particular operations
_CASUALTY_REACH = 6  # tokens after a count of people searched for "killed"

_KINDS = frozenset(
    {"cue", "context", "unit", "money", "per", "tally", "casualty", "incident", "period"}
)
_ACCORDING_RE = re.compile(
    r"\b(?i:according)\s{1,3}to\s{1,3}(?:the\s{1,3})?(?P<who>[A-Z][\w'’.-]{0,40}"
    r"(?:\s{1,3}(?:of\s{1,3}|the\s{1,3})?[A-Z][\w'’.-]{0,40}){0,5})"
)
_ESTIMATE_RE = re.compile(
    r"(?P<who>(?:[A-Z][\w'’.-]{0,40}\s{1,3}){1,5})(?:estimates?|reported|stated|announced)\b"
)
_SINCE_RE = re.compile(
    r"\bsince\s{1,3}(?P<month>[A-Z][a-z]{2,8})\.?\s{1,3}(?P<day>\d{1,2}),?\s{1,3}(?P<year>\d{4})"
)
_MONTH = r"[A-Z][a-z]{2,8}"
_RANGE_RE = re.compile(
    rf"(?P<m1>{_MONTH})\.?\s{{1,3}}(?P<d1>\d{{1,2}}),?(?:\s{{1,3}}(?P<y1>\d{{4}}))?"
    r"(?:\s{1,3}(?:and|to|until|through)\s{1,3}|\s{0,3}[-–]\s{0,3})"
    rf"(?:(?P<m2>{_MONTH})\.?\s{{1,3}})?(?P<d2>\d{{1,2}}),?"
    r"\s{1,3}(?P<y2>\d{4})\b"
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
    tallies: frozenset[str] = frozenset()  # units that count events ("attacks")
    casualties: frozenset[str] = frozenset()  # "killed": a count of people is a casualty figure
    incidents: tuple[str, ...] = ()  # "in the attack": the sentence tells one incident
    periods: tuple[str, ...] = ()  # "since": the sentence's figures are totals over a period


def parse_statistic_words(text: str, *, name: str = "statistics.tsv") -> StatisticWords:
    """Build :class:`StatisticWords` from the text of a ``statistics.tsv`` file."""
    lists: dict[str, list[str]] = {
        k: [] for k in ("cue", "tally", "casualty", "incident", "period")
    }
    tables: dict[str, dict[str, str]] = {"context": {}, "unit": {}, "money": {}, "per": {}}
    for cells in read_rows(name, text, kinds=_KINDS):
        kind, phrase = cells[0], " ".join(cells[1].lower().split())
        value = cells[2] if len(cells) > 3 else ""
        if kind in lists:
            lists[kind].append(phrase)
        else:
            tables[kind][phrase] = value
    return StatisticWords(
        cues=tuple(lists["cue"]),
        contexts=tables["context"],
        units=tables["unit"],
        money=tables["money"],
        per=tables["per"],
        tallies=frozenset(lists["tally"]),
        casualties=frozenset(lists["casualty"]),
        incidents=tuple(lists["incident"]),
        periods=tuple(lists["period"]),
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


def _starts_with(text: str, phrase: str) -> bool:
    """``text`` opens with the whole words of ``phrase``."""
    return text == phrase or text.startswith(phrase + " ")


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
        forms = [last, last[:-1] if last.endswith("s") else last, last[:-2]]
        if last.endswith("ies"):
            forms.append(last[:-3] + "y")  # "casualties" -> "casualty"
        for form in forms:
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
    behind = lowers[q.last + 1] if q.last + 1 < len(lowers) else ""
    if before in words.money or behind in words.money:
        # "$16 million a month", "16 million dollars a year"
        unit = words.money[before] if before in words.money else words.money[behind]
        rest = q.last + (1 if before in words.money else 2)
        after = " ".join(lowers[rest : rest + 2])
        rate = next((v for k, v in words.per.items() if _starts_with(after, k)), None)
        if rate is not None and set(lowers[rest + 1 : rest + 3]) & _NOT_RATE:
            rate = None  # "a year earlier" dates the figure, it is no rate
        return (f"{unit} {rate}" if rate else unit), None
    if before == "(" and behind == ")":
        return _bracketed(texts, lowers, start, words)
    nxt = q.last + 1
    if nxt < len(lowers) and lowers[nxt] == "of":
        nxt += 1
    for skip in range(0, 3):
        word = lowers[nxt + skip] if nxt + skip < len(lowers) else ""
        if not word[:1].isalnum() and word not in words.units:
            break  # the noun of a figure does not lie past a comma or bracket
        found = _unit_at(lowers, nxt + skip, words.units)
        if found is not None:
            unit, last = found
            metric = " ".join(texts[nxt : last + 1])
            return unit, metric
    return None


def _bracketed(
    texts: Sequence[str], lowers: Sequence[str], start: int, words: StatisticWords
) -> tuple[str, str | None] | None:
    """A count in brackets after a noun ("sniper fire (450)"): the nearest plural unit before it.

    The metric is the phrase between the previous separator and the bracket; the unit is the
    nearest plural unit noun before the bracket ("Other attacks included: sniper fire (450)").
    """
    opened = start - 1
    first = opened
    while first > 0 and lowers[first - 1] not in _SEPARATORS and opened - first < _BRACKET_REACH:
        first -= 1
    while first < opened and lowers[first] in _JOINERS:
        first += 1
    metric = " ".join(texts[first:opened]) or None
    for index in range(opened - 1, max(-1, opened - _BRACKET_REACH), -1):
        if not lowers[index].endswith("s"):
            continue
        for begin in (index, index - 1, index - 2):
            found = _unit_at(lowers, begin, words.units) if begin >= 0 else None
            if found is not None and found[1] == index:
                return found[0], metric
    return None


def _claimant(text: str, context: str | None) -> str | None:
    if context is not None:
        return context
    match = _ACCORDING_RE.search(text) or _ESTIMATE_RE.search(text)
    if match is None:
        return None
    who = " ".join(match.group("who").split())
    return who or None


def _range(text: str) -> tuple[dt.date, dt.date] | None:
    """ "between October 2, 2016 and September 20, 2017", "(May 26 to June 24, 2017)",
    "between March 7 and 13, 2024": the first date range of ``text``."""
    months = load_number_words().months
    for match in _RANGE_RE.finditer(text[:MAX_SENTENCE]):
        m1 = months.get(match.group("m1").lower())
        m2 = months.get((match.group("m2") or match.group("m1")).lower())
        if m1 is None or m2 is None:
            continue
        y2 = int(match.group("y2"))
        y1 = int(match.group("y1")) if match.group("y1") else (y2 if m1 <= m2 else y2 - 1)
        try:
            first = dt.date(y1, m1, int(match.group("d1")))
            last = dt.date(y2, m2, int(match.group("d2")))
        except ValueError:
            continue
        if first <= last:
            return first, last
    return None


def _period(
    sent: Sentence, period: tuple[dt.date, dt.date] | None
) -> tuple[dt.date | None, dt.date | None]:
    text = sent.text[:MAX_SENTENCE]
    cited = [c.date for c in sent.citations if c.date is not None]
    end = min(cited) if cited else None
    months = load_number_words().months
    stated = _range(text)
    if stated is not None:
        return stated
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


@cache
def _on_day_re() -> re.Pattern[str]:
    """ "on July 2", "on 2 July", "on Monday": the date of one incident."""
    dates = load_date_words()
    months = "|".join(sorted(dates.months, key=len, reverse=True))
    days = "|".join(sorted(dates.weekdays, key=len, reverse=True))
    return re.compile(
        rf"\bon\s{{1,3}}(?:(?:{months})\.?\s{{1,3}}\d{{1,2}}\b|\d{{1,2}}\s{{1,3}}(?:{months})\b|(?:{days})\b)",
        re.IGNORECASE,
    )


def _tells_one_incident(text: str, words: StatisticWords) -> bool:
    """A sentence about one incident (a dated day or "in the attack") and no period total."""
    lowered = text.lower()
    if any(_has(lowered, phrase) for phrase in words.periods):
        return False
    return _on_day_re().search(text) is not None or any(
        _has(lowered, phrase) for phrase in words.incidents
    )


def _is_casualty(lowers: Sequence[str], q: Quantity, words: StatisticWords) -> bool:
    """The count is followed (closely) by "killed", "wounded", "casualties"."""
    return any(w in words.casualties for w in lowers[q.last + 1 : q.last + 1 + _CASUALTY_REACH])


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
    context_period: tuple[dt.date, dt.date] | None = None  # the range the infographic covers
    for sent in tree.sentences:
        if sent.is_caption or sent.is_legend or sent.is_footnote or sent.is_repeated:
            continue
        text = sent.text[:MAX_SENTENCE]
        lowered = text.lower()
        key = (sent.block_index, sent.section_index)
        if context_key is not None and key[1] != context_key[1]:
            context, context_key, context_period = None, None, None
        for cue, claimant in words.contexts.items():
            if cue in lowered:
                context, context_key = claimant, key
                context_period = _range(text) or context_period
        cued = context is not None or (
            # the substring test alone first: most sentences hold no cue at all
            any(cue in lowered for cue in words.cues)
            and any(_has(lowered, cue) for cue in words.cues)
        )
        if cued or any(tally in lowered for tally in words.tallies):
            covered = context_period if context is not None else None
            figures = _sentence_figures(sent, text, context, period, document.name, words, covered)
            if not cued:  # "over 30 battles": an approximate count of events is a tally
                figures = [f for f in figures if f.unit in words.tallies and f.qualifier]
            found.extend((sent.in_summary, figure) for figure in figures)
        if context is not None and any(c.span[0] < sent.span[1] for c in sent.citations):
            # the closing citation ends the infographic (a paragraph's citation is known to
            # each of its sentences: only the one that reaches it closes)
            context, context_key = None, None
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
    covered: tuple[dt.date, dt.date] | None = None,
) -> list[Statistic]:
    texts = token_texts(text)
    lowers = [t.lower() for t in texts]
    offsets = TokenOffsets(text, texts)
    figures: list[Statistic] = []
    start, end = _period(sent, period)
    if start is None and covered is not None:
        start, end = covered  # a figure of the infographic covers the infographic's range
    claimant = _claimant(text, context)
    one_incident = context is None and _tells_one_incident(text, words)
    # a sentence carried by an infographic context without a cue of its own: its small counts
    # written as words ("four attacks in Iraq") list particular operations, not totals
    carried = context is not None and not any(_has(text.lower(), c) for c in words.contexts)
    rates: dict[str, str] = {}  # currency -> the rate of its last figure in the sentence
    for q in quantities_of(texts, lowers):
        if q.kind != "exact" or q.blocked or q.value < MIN_VALUE:
            continue
        if sent.citations and any(
            c.span[0] <= sent.span[0] + offsets.start(q.first) < c.span[1] for c in sent.citations
        ):
            continue
        if (
            carried
            and q.value < _SMALL
            and not texts[q.start if q.start >= 0 else q.first][:1].isdigit()
        ):
            continue
        named = _figure(texts, lowers, q, words)
        if named is None:
            continue
        unit, metric = named
        if one_incident and unit == "people" and _is_casualty(lowers, q, words):
            continue  # "14 people were killed in the attack": the event's figure
        if metric is None:  # money: "$16 million a month, compared to $81 million"
            currency, _, rate = unit.partition(" ")
            if rate:
                rates[currency] = rate
            elif currency in rates:
                unit = f"{currency} {rates[currency]}"
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
