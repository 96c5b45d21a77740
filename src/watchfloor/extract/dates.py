"""The date of an event: when it happened, never when it was reported or cited.

``resolve_event_date`` applies the event guide's ``event_date`` / ``time_precision`` rule to
one telling, in this order:

1. an absolute day in the text ("On February 14, 2020", "on July 2", "14 February"; the year
   from the document period when missing, across a December/January turn); a date right
   after "that" ("announced that on July 3, ...") is the event's; "June 29 and July 1" or
   "February 12-14" is a range: its last day, precision 2;
2. a day relative to another date: "a day earlier", "the next day", "two days later"
   (from ``previous``, else the earliest citation date), "yesterday", "last night"
   (from ``reference``, the story's own date, else the citation date), "on Tuesday" (the
   latest Tuesday on or before that date). ``opens_with_relative`` tells the caller that a
   block opens with such a phrase, so that it passes the incident before as ``previous``;
3. a week: "this week", "during the week" (the earliest citation date, else the period's
   last day) or "last week", "at the end of last week" (the Sunday before it), precision 2;
4. a month: "in June 2017", "last month", precision 3 (the month's last day, or the
   earliest citation date when it falls inside that month);
5. no date words: ``previous`` (the telling continues one dated earlier), precision 1;
   else the earliest citation date, precision 2; else the period's last day, precision 2.

Dates inside parentheses (citations, glosses), dates that bound a period ("since
December 1") and a month in a clause about someone else ("his predecessor, who was killed in
January") are never taken. Phrases live in ``data/extract/dates.tsv``; month names in
``data/extract/numbers.tsv``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from watchfloor.errors import DataFileError
from watchfloor.extract.numbers import load_number_words, read_data_file, read_rows
from watchfloor.models import Citation

MAX_TEXT = 20_000

_KINDS = frozenset(
    {"relative", "week", "month", "unit", "direction", "weekday", "bound", "background", "key"}
)
OPENING_CHARS = 200
"""How much of a block's opening ``opens_with_relative`` reads."""
OPENING_WORDS = 4
"""Words that may come before a relative day phrase that opens a block ("Also on the same day")."""


@dataclass(frozen=True, slots=True)
class DateResult:
    """An event date with its ``time_precision`` (1 day, 2 week/range, 3 month).

    ``span`` is the date expression's ``(start, end)`` in the text, ``None`` when the date
    came from a citation, ``previous`` or the period.
    """

    date: dt.date | None
    precision: int
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Keywords:
    """Words of which every match of a case-insensitive pattern contains at least one.

    A text holding none of them cannot match, so the pattern's scan is skipped. ASCII text is
    checked with plain substring tests on its lower-case form (the same as ``re.IGNORECASE``
    there); other text with one ``re.IGNORECASE`` alternation of the words, which matches
    wherever the pattern's own literal would.
    """

    words: tuple[str, ...]
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, phrases: Sequence[str], keys: Sequence[str] = ()) -> Keywords:
        """For each phrase the first of ``keys`` inside it, else its longest word.

        ``keys`` are the ``key`` rows of ``dates.tsv``: words rare in running text ("day",
        "week") that most phrases hold. A chosen word holding another chosen word is dropped.
        """
        lowered = [phrase.lower() for phrase in phrases]
        if not lowered or not all(phrase.split() for phrase in lowered):
            return cls((), None)  # an empty alternative matches anywhere: always scan
        if not all(phrase.isascii() for phrase in lowered):
            return cls((), None)  # a non-ASCII letter may fold onto ASCII text: always scan
        chosen: set[str] = set()
        for phrase in lowered:
            key = next((k for k in keys if k in phrase), None)
            chosen.add(key if key is not None else max(phrase.split(), key=len))
        kept = sorted(w for w in chosen if not any(v != w and v in w for v in chosen))
        pattern = re.compile("|".join(re.escape(w) for w in kept), re.IGNORECASE)
        return cls(tuple(kept), pattern)

    def found_in(self, text: str, lowered: str) -> bool:
        """``text`` (with ``lowered == text.lower()``) holds one of the words."""
        if self.pattern is None:
            return True
        if text.isascii():
            return any(word in lowered for word in self.words)
        return self.pattern.search(text) is not None


@dataclass(frozen=True, slots=True)
class DateWords:
    """The phrases of ``dates.tsv`` and the patterns built from them."""

    relative: dict[str, tuple[int, str]]  # phrase -> (days, base)
    week: dict[str, int]
    month: dict[str, int]
    units: dict[str, int]
    directions: dict[str, tuple[int, str]]
    weekdays: dict[str, int]
    bounds: frozenset[str]
    background: frozenset[str]
    months: dict[str, int]
    phrase_re: re.Pattern[str]
    count_re: re.Pattern[str]
    weekday_re: re.Pattern[str]
    day_first_re: re.Pattern[str]
    month_first_re: re.Pattern[str]
    month_only_re: re.Pattern[str]
    month_names: tuple[str, ...]  # a month pattern matches only where one of these is
    weekday_names: tuple[str, ...]  # a weekday pattern matches only where one of these is
    phrase_keys: Keywords  # every phrase_re match holds one
    unit_keys: Keywords  # every count_re match holds one of these and one of direction_keys
    direction_keys: Keywords


_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_BRACKET_RE = re.compile(r"[()\[\]]")
_DIGIT_RE = re.compile(r"\d")
_CLAUSE_END_RE = re.compile(r"[,;:.!?\n]")
_WORD_RE = re.compile(r"[^\W\d_]{1,30}")
_OPENING_RE = re.compile(rf"^[\W_]{{0,4}}(?:[^\W\d_]{{1,20}}[\s,]{{1,3}}){{0,{OPENING_WORDS}}}$")
_AFTER_THAT_RE = re.compile(r"\bthat,?\s{0,3}(?:[a-z]{1,12}\s{1,3}){0,3}(?:on|in)?\s{0,3}$")


def _alternation(words: Sequence[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s{1,3}".join(re.escape(w) for w in word.split()) for word in ordered)


def parse_date_words(text: str, *, name: str = "dates.tsv") -> DateWords:
    """Build :class:`DateWords` from the text of a ``dates.tsv`` file."""
    relative: dict[str, tuple[int, str]] = {}
    tables: dict[str, dict[str, int]] = {"week": {}, "month": {}, "unit": {}, "weekday": {}}
    directions: dict[str, tuple[int, str]] = {}
    bounds: set[str] = set()
    background: set[str] = set()
    keys: list[str] = []
    for cells in read_rows(name, text, kinds=_KINDS):
        kind, phrase, line = cells[0], " ".join(cells[1].lower().split()), cells[-1]
        value = cells[2] if len(cells) > 3 else ""
        base = cells[3] if len(cells) > 4 else ""
        if kind in ("bound", "background"):
            (bounds if kind == "bound" else background).add(phrase)
            continue
        if kind == "key":
            if len(phrase.split()) != 1 or not phrase.isascii():
                raise DataFileError(
                    "bad-key", f"{phrase!r}: a key is one ASCII word", path=f"{name}:{line}"
                )
            keys.append(phrase)
            continue
        try:
            number = int(value)
        except ValueError:
            raise DataFileError(
                "bad-value", f"{phrase!r} needs a whole number", path=f"{name}:{line}"
            ) from None
        if kind in ("relative", "direction"):
            if base not in ("previous", "reference"):
                raise DataFileError(
                    "bad-base",
                    f"{phrase!r}: base must be previous or reference",
                    path=f"{name}:{line}",
                )
            (relative if kind == "relative" else directions)[phrase] = (number, base)
        else:
            tables[kind][phrase] = number
    months = load_number_words().months
    month_caps = {m.capitalize() for m in months}
    month_alt = "|".join(sorted(month_caps, key=len, reverse=True))
    month_part = rf"(?:{month_alt})\.?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    joiner = r"\s{0,3}(?:and|to|through|-|–|&)\s{0,3}"
    phrases = list(relative) + list(tables["week"]) + list(tables["month"])
    return DateWords(
        relative=relative,
        week=tables["week"],
        month=tables["month"],
        units=tables["unit"],
        directions=directions,
        weekdays=tables["weekday"],
        bounds=frozenset(bounds),
        background=frozenset(background),
        months=months,
        phrase_re=re.compile(rf"\b(?:{_alternation(phrases)})\b", re.IGNORECASE),
        count_re=re.compile(
            rf"\b(?P<n>\d{{1,2}}|[a-z]{{1,9}})\s{{1,3}}(?P<unit>{_alternation(list(tables['unit']))})"
            rf"\s{{1,3}}(?P<dir>{_alternation(list(directions))})\b",
            re.IGNORECASE,
        ),
        weekday_re=re.compile(
            rf"\b(?P<last>(?i:last|this\s{{1,3}}past)\s{{1,3}})?"
            rf"(?P<day>{'|'.join(w.capitalize() for w in tables['weekday'])})\b"
        ),
        day_first_re=re.compile(
            rf"\b(?P<day>{day})(?:{joiner}(?P<day2>{day}))?\s{{1,3}}(?:of\s{{1,3}})?"
            rf"(?P<month>{month_part})(?:,?\s{{1,3}}(?P<year>\d{{4}}))?\b"
        ),
        month_first_re=re.compile(
            rf"\b(?P<month>{month_part})\s{{1,3}}(?P<day>{day})\b"
            rf"(?:{joiner}(?:(?P<month2>{month_part})\s{{1,3}})?(?P<day2>{day})\b)?"
            rf"(?:,?\s{{1,3}}(?P<year>\d{{4}})\b)?"
        ),
        month_only_re=re.compile(
            rf"\b(?i:in|during|throughout|early|late|mid|mid-|the\s{{1,3}}end\s{{1,3}}of|"
            rf"the\s{{1,3}}beginning\s{{1,3}}of)\s{{1,3}}(?i:the\s{{1,3}}month\s{{1,3}}of\s{{1,3}})?"
            rf"(?P<month>{month_part})(?:,?\s{{1,3}}(?P<year>\d{{4}}))?(?![\w\s]{{0,2}}\d)"
        ),
        month_names=_literal_names(month_caps),
        weekday_names=_literal_names({w.capitalize() for w in tables["weekday"]}),
        phrase_keys=Keywords.of(phrases, keys),
        unit_keys=Keywords.of(list(tables["unit"]), keys),
        direction_keys=Keywords.of(list(directions), keys),
    )


def _literal_names(names: set[str]) -> tuple[str, ...]:
    """Names for substring tests, minus those holding another ("Jan" for "January").

    Empty (no test: always scan) unless every name is plain letters, as the patterns hold
    them unescaped.
    """
    if not all(name.isalpha() for name in names):
        return ()
    return tuple(sorted(n for n in names if not any(o != n and o in n for o in names)))


@cache
def load_date_words() -> DateWords:
    """The bundled ``dates.tsv``, read and validated once per process."""
    return parse_date_words(read_data_file("dates.tsv"))


def _parenthetical_spans(text: str) -> list[tuple[int, int]]:
    """Outermost balanced ``(...)`` and ``[...]`` ranges."""
    spans: list[tuple[int, int]] = []
    if "(" not in text and "[" not in text:
        return spans
    stack: list[int] = []
    for match in _BRACKET_RE.finditer(text):
        index = match.start()
        if match.group() in "([":
            stack.append(index)
        elif stack:
            opened = stack.pop()
            if not stack:
                spans.append((opened, index + 1))
    return spans


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def _day_number(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.rstrip("stndrh")
    return int(digits) if digits.isdigit() else None


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _anchor(
    citations: Sequence[Citation], period: tuple[dt.date, dt.date] | None, reference: dt.date | None
) -> dt.date | None:
    """The date a year-less "July 2" is read against."""
    if period is not None:
        return period[1]
    if reference is not None:
        return reference
    return _earliest_citation(citations)


def _with_year(month: int, day: int, anchor: dt.date | None) -> dt.date | None:
    """The year making ``month/day`` closest to ``anchor``, not far after it (Dec/Jan turns)."""
    if anchor is None:
        return None
    best: dt.date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = _make_date(year, month, day)
        if candidate is None or candidate > anchor + dt.timedelta(days=31):
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best


def _earliest_citation(citations: Sequence[Citation]) -> dt.date | None:
    dates = [c.date for c in citations if c.date is not None]
    return min(dates) if dates else None


@dataclass(frozen=True, slots=True)
class _Found:
    date: dt.date
    precision: int
    span: tuple[int, int]
    after_that: bool


def _preceding_words(text: str, start: int) -> str:
    return " ".join(text[max(0, start - 40) : start].lower().split()[-2:])


def _is_bound(text: str, start: int, words: DateWords) -> bool:
    before = _preceding_words(text, start)
    last = before.split()[-1:] or [""]
    return last[0] in words.bounds or before in words.bounds


def _in_background_clause(text: str, start: int, words: DateWords) -> bool:
    """The clause holding ``start`` opened with a ``background`` word ("who was killed in ...")."""
    if not words.background:
        return False
    before = text[max(0, start - 200) : start]
    ends = [m.end() for m in _CLAUSE_END_RE.finditer(before)]
    clause = before[ends[-1] if ends else 0 :].lower()
    return any(word in words.background for word in _WORD_RE.findall(clause))


def _after_that(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].lower()
    return _AFTER_THAT_RE.search(before) is not None


class _Present:
    """What a text holds, so that patterns that cannot match it are not run.

    Each test is cheap (substring tests, one digit search) and the costlier ones run only when
    a scan asks, since most tellings are dated by an absolute day and return early.
    """

    __slots__ = ("_lowered", "_text", "_words", "digit", "month")

    def __init__(self, text: str, words: DateWords) -> None:
        self._text = text
        self._words = words
        self._lowered: str | None = None
        self.digit = _DIGIT_RE.search(text) is not None  # every absolute date has one
        self.month = not words.month_names or any(m in text for m in words.month_names)

    def _lower(self) -> str:
        if self._lowered is None:
            self._lowered = self._text.lower()
        return self._lowered

    def iso(self) -> bool:
        """A digit and a hyphen: "2020-02-14"."""
        return self.digit and "-" in self._text

    def weekday(self) -> bool:
        """A capitalised weekday name."""
        names = self._words.weekday_names
        return not names or any(day in self._text for day in names)

    def phrase(self) -> bool:
        """A keyword of the relative, week and month phrases."""
        return self._words.phrase_keys.found_in(self._text, self._lower())

    def count(self) -> bool:
        """A unit and a direction word: "two days later"."""
        words = self._words
        return words.unit_keys.found_in(self._text, self._lower()) and (
            words.direction_keys.found_in(self._text, self._lower())
        )


_UNBOUNDED: dict[str, re.Pattern[str]] = {}


def _bounded_finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern opening with ``\\b`` and then literal words,
    faster: the pattern without its ``\\b`` finds candidate positions (the regex engine
    skips ahead on its first letters), and the full pattern is matched at each of them.
    The pattern must not match the empty string.
    """
    if not pattern.pattern.startswith(r"\b"):
        yield from pattern.finditer(text)
        return
    fast = _UNBOUNDED.get(pattern.pattern)
    if fast is None:
        fast = re.compile(pattern.pattern[2:], pattern.flags)
        _UNBOUNDED[pattern.pattern] = fast
    pos = 0
    while True:
        found = fast.search(text, pos)
        if found is None:
            return
        match = pattern.match(text, found.start())
        if match is None:
            pos = found.start() + 1
            continue
        yield match
        pos = max(match.end(), found.start() + 1)


def _absolute_dates(
    text: str,
    hidden: Sequence[tuple[int, int]],
    anchor: dt.date | None,
    words: DateWords,
    present: _Present,
) -> list[_Found]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    patterns = ((words.month_first_re, True), (words.day_first_re, False))
    for pattern, month_first in patterns if present.digit and present.month else ():
        for match in _bounded_finditer(pattern, text) if month_first else pattern.finditer(text):
            start, end = match.span()
            if _inside(start, hidden) or any(s < end and start < e for s, e in taken):
                continue
            if _is_bound(text, start, words):
                continue
            month = words.months.get(match.group("month").rstrip(".").lower())
            day = _day_number(match.group("day"))
            if month is None or day is None:
                continue
            year_text = match.group("year")
            second_day = _day_number(match.group("day2"))
            second_month = month
            if month_first and match.group("month2"):
                second_month = words.months.get(match.group("month2").rstrip(".").lower(), month)
            last_day = (second_month, second_day) if second_day is not None else (month, day)
            if year_text is not None:
                year = int(year_text)
                event = _make_date(year, *last_day)
                if event is not None and last_day < (month, day):
                    event = _make_date(year + 1, *last_day)
            else:
                event = _with_year(last_day[0], last_day[1], anchor)
            if event is None:
                continue
            precision = 2 if second_day is not None else 1
            taken.append((start, end))
            found.append(_Found(event, precision, (start, end), _after_that(text, start)))
    for match in _ISO_RE.finditer(text) if present.iso() else ():
        start, end = match.span()
        if _inside(start, hidden) or _is_bound(text, start, words):
            continue
        event = _make_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if event is not None:
            found.append(_Found(event, 1, (start, end), _after_that(text, start)))
    found.sort(key=lambda f: f.span[0])
    return found


def _count_value(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    lowered = word.lower()
    if lowered in ("a", "an"):
        return 1
    return load_number_words().units.get(lowered)


def _latest_weekday(weekday: int, base: dt.date, *, strictly_before: bool) -> dt.date:
    back = (base.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return base - dt.timedelta(days=back)


def _last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _relative(
    text: str,
    hidden: Sequence[tuple[int, int]],
    bases: dict[str, dt.date | None],
    fallback: dt.date | None,
    words: DateWords,
    present: _Present,
) -> DateResult | None:
    """The first relative day, week or month phrase of the text, resolved."""
    best: DateResult | None = None
    for match in words.count_re.finditer(text) if present.count() else ():
        if _inside(match.start(), hidden):
            continue
        count = _count_value(match.group("n"))
        unit = words.units.get(" ".join(match.group("unit").lower().split()))
        direction = words.directions.get(" ".join(match.group("dir").lower().split()))
        if count is None or unit is None or direction is None:
            continue
        base = bases[direction[1]]
        if base is not None:
            date = base + dt.timedelta(days=direction[0] * count * unit)
            best = DateResult(date, 1 if unit == 1 else 2, match.span())
        break
    for match in words.phrase_re.finditer(text) if present.phrase() else ():
        if _inside(match.start(), hidden) or (
            best is not None and best.span and best.span[0] < match.start()
        ):
            continue
        phrase = " ".join(match.group().lower().split())
        if phrase in words.relative:
            days, base_name = words.relative[phrase]
            base = bases[base_name]
            if base is not None:
                best = DateResult(base + dt.timedelta(days=days), 1, match.span())
        elif phrase in words.week and fallback is not None:
            date = fallback
            if words.week[phrase] < 0:
                date = fallback - dt.timedelta(days=fallback.weekday() + 1)
            best = DateResult(date, 2, match.span())
        elif phrase in words.month and fallback is not None:
            date = fallback
            if words.month[phrase] < 0:
                date = fallback.replace(day=1) - dt.timedelta(days=1)
            best = DateResult(date, 3, match.span())
        break
    return best


def _weekday(
    text: str,
    hidden: Sequence[tuple[int, int]],
    base: dt.date | None,
    words: DateWords,
    present: _Present,
) -> DateResult | None:
    if base is None or not present.weekday():
        return None
    for match in words.weekday_re.finditer(text):
        if _inside(match.start(), hidden):
            continue
        weekday = words.weekdays[match.group("day").lower()]
        date = _latest_weekday(weekday, base, strictly_before=bool(match.group("last")))
        return DateResult(date, 1, match.span())
    return None


def _month_only(
    text: str,
    hidden: Sequence[tuple[int, int]],
    anchor: dt.date | None,
    earliest: dt.date | None,
    words: DateWords,
    present: _Present,
) -> DateResult | None:
    for match in words.month_only_re.finditer(text) if present.month else ():
        if _inside(match.start(), hidden) or _in_background_clause(text, match.start(), words):
            continue
        month = words.months.get(match.group("month").rstrip(".").lower())
        if month is None:
            continue
        if match.group("year"):
            year = int(match.group("year"))
        elif anchor is not None:
            year = anchor.year if month <= anchor.month else anchor.year - 1
        else:
            continue
        last = _last_day_of_month(year, month)
        date = (
            earliest
            if earliest is not None and earliest.replace(day=1) == last.replace(day=1)
            else last
        )
        return DateResult(date, 3, match.span())
    return None


def mentions_relative(text: str, *, words: DateWords | None = None) -> bool:
    """The text counts a day from another incident anywhere ("... retook the town the
    following day"): in a news story that incident is the one told before."""
    words = words or load_date_words()
    head = text[: OPENING_CHARS * 4]
    present = _Present(head, words)
    for match in words.phrase_re.finditer(head) if present.phrase() else ():
        relative = words.relative.get(" ".join(match.group().lower().split()))
        if relative is not None and relative[1] == "previous":
            return True
    return False


def opens_with_relative(text: str, *, words: DateWords | None = None) -> bool:
    """The text opens with a day counted from another incident: "The next day, ...", "On the
    same day, ...", "Two days later, ..." (a ``relative`` or ``direction`` phrase of base
    ``previous``, after at most ``OPENING_WORDS`` words).

    At the start of a bullet or paragraph such a phrase refers to the last day-precise
    incident before it in the same section, which the caller passes as ``previous``.
    """
    words = words or load_date_words()
    head = text[:OPENING_CHARS]
    present = _Present(head, words)
    starts: list[int] = []
    for match in words.count_re.finditer(head) if present.count() else ():
        direction = words.directions.get(" ".join(match.group("dir").lower().split()))
        counted = _count_value(match.group("n")) is not None
        if counted and direction is not None and direction[1] == "previous":
            starts.append(match.start())
        break
    for match in words.phrase_re.finditer(head) if present.phrase() else ():
        relative = words.relative.get(" ".join(match.group().lower().split()))
        if relative is not None and relative[1] == "previous":
            starts.append(match.start())
        break
    return any(_OPENING_RE.match(head[:start]) is not None for start in starts)


def resolve_event_date(
    text: str,
    *,
    citations: Sequence[Citation],
    period: tuple[dt.date, dt.date] | None,
    reference: dt.date | None = None,
    previous: dt.date | None = None,
    words: DateWords | None = None,
) -> DateResult:
    """The ``event_date`` and ``time_precision`` of one telling (see the module docstring).

    ``citations`` close the telling; ``period`` is the document's reporting period;
    ``reference`` is a news story's own date ("yesterday"); ``previous`` is a day-precise
    date stated earlier in the same telling or the one it continues ("In addition, ..."), or,
    for a block that ``opens_with_relative``, the incident before it.
    """
    words = words or load_date_words()
    text = text[:MAX_TEXT]
    hidden = _parenthetical_spans(text)
    earliest = _earliest_citation(citations)
    period_end = period[1] if period is not None else None
    anchor = _anchor(citations, period, reference)
    present = _Present(text, words)
    found = _absolute_dates(text, hidden, anchor, words, present)
    if found:
        chosen = next((f for f in found if f.after_that), found[0])
        return DateResult(chosen.date, chosen.precision, chosen.span)
    story = reference or earliest or period_end
    bases: dict[str, dt.date | None] = {
        "previous": previous or earliest or reference,
        "reference": reference or earliest,
    }
    fallback = earliest or period_end
    relative = _relative(text, hidden, bases, fallback, words, present)
    weekday = _weekday(text, hidden, story, words, present)
    spans = [r for r in (relative, weekday) if r is not None and r.span is not None]
    if spans:
        return min(spans, key=lambda r: r.span[0] if r.span else 0)
    month = _month_only(text, hidden, anchor, earliest, words, present)
    if month is not None:
        return month
    if previous is not None:
        return DateResult(previous, 1)
    if earliest is not None:
        return DateResult(earliest, 2)
    return DateResult(period_end, 2)
