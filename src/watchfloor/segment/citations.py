"""Closing parenthetical citations: ``(Telegram, February 14, 2020)`` -> ``Citation`` values.

A parenthetical is a citation when, split on ``;``, its entries are ``name, date`` pairs
with a non-empty name, or it holds only a known undated source (``(Google Maps)``) and
closes its sentence. Decisions (see also ``data/segment/README.md``):

- ``(February 16, 2020)`` and ``(as of November 2, 2017)`` have no source name: they date a
  map or caption, they are not citations.
- ``November 3 and 4, 2017`` gives ``date`` and ``date_end``; a missing year is carried back
  from a later entry (``Arabi 21, November 5; vedeng, November 6, 2017``), else taken from
  ``default_year``; an entry with no date at all takes the next entry's dates
  (``(Reuters; Sputnik, February 15, 2020)``).
- Source names are kept as written, except that a descriptive clause listed under
  ``trim-clause`` is dropped (``SecMedCell Facebook page, which belongs to ...``) and
  ``A and B`` with no comma and no ``of``/``for`` in either part is two sources.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from watchfloor.models import Citation, Span
from watchfloor.segment.vocab import Vocabulary, fold, load_vocabulary

MAX_PARENTHETICAL = 400
"""Longer parentheticals are never citations (and are never matched against)."""
MAX_NAME_WORDS = 25

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_JOIN = r"(?:-|–|—|and|&|to)"
# "November 3, 2017", "November 3 and 4, 2017", "October 30 – November 2, 2017", "July 8 2017"
_US_DATE = re.compile(
    rf"(?P<m1>{_MONTH})\s{{0,3}}(?P<d1>\d{{1,2}}){_ORD}"
    rf"(?:\s{{0,3}}{_JOIN}\s{{0,3}}(?:(?P<m2>{_MONTH})\s{{0,3}})?(?P<d2>\d{{1,2}}){_ORD})?"
    r"(?:\s{0,3},?\s{0,3}(?P<y>\d{4}))?\s{0,3}$",
    re.IGNORECASE,
)
# "3 November 2017", "3-4 November 2017"
_UK_DATE = re.compile(
    rf"(?P<d1>\d{{1,2}}){_ORD}(?:\s{{0,3}}{_JOIN}\s{{0,3}}(?P<d2>\d{{1,2}}){_ORD})?"
    rf"\s{{1,3}}(?P<m1>{_MONTH})(?:\s{{0,3}},?\s{{0,3}}(?P<y>\d{{4}}))?\s{{0,3}}$",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\s{0,3}$")
_MONTH_YEAR = re.compile(rf"(?P<m1>{_MONTH}),?\s{{1,3}}(?P<y>\d{{4}})\s{{0,3}}$", re.IGNORECASE)
_DATE_INSIDE = re.compile(rf"\b{_MONTH}\s{{0,3}}\d{{1,2}}\b", re.IGNORECASE)
_INNERMOST = re.compile(rf"\(([^()\n]{{1,{MAX_PARENTHETICAL}}})\)")
_AFTER_CLOSING = re.compile(r"[\s.,;:!?\]\"'”’»*¹²³⁴⁵⁶⁷⁸⁹⁰]{0,20}(?:\[\d{1,3}\][\s.,;]{0,8}){0,3}")
_NAME_STRIP = " ,;:–—-\t\u00a0"


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    month: int | None = None
    day: int | None = None
    month_end: int | None = None
    day_end: int | None = None
    year: int | None = None
    dated: bool = False  # a date expression was found (even month-year only)


def _month(text: str | None) -> int | None:
    if not text:
        return None
    return _MONTHS.get(text.lower().rstrip("."))


def _split_entry(raw: str) -> _Entry:
    """Split ``name, date`` into its parts; an entry with no trailing date keeps all as name."""
    text = raw.strip(_NAME_STRIP)
    match = _US_DATE.search(text) or _UK_DATE.search(text)
    if match is not None:
        groups = match.groupdict()
        month = _month(groups["m1"])
        day_end = int(groups["d2"]) if groups.get("d2") else None
        month_end = _month(groups.get("m2")) or (month if day_end else None)
        return _Entry(
            name=text[: match.start()].strip(_NAME_STRIP),
            month=month,
            day=int(groups["d1"]),
            month_end=month_end,
            day_end=day_end,
            year=int(groups["y"]) if groups.get("y") else None,
            dated=True,
        )
    iso = _ISO_DATE.search(text)
    if iso is not None:
        return _Entry(
            name=text[: iso.start()].strip(_NAME_STRIP),
            month=int(iso["mo"]),
            day=int(iso["d"]),
            year=int(iso["y"]),
            dated=True,
        )
    month_year = _MONTH_YEAR.search(text)
    if month_year is not None:
        return _Entry(
            name=text[: month_year.start()].strip(_NAME_STRIP),
            year=int(month_year["y"]),
            dated=True,
        )
    return _Entry(name=text)


def _starts_with(text: str, prefixes: frozenset[str]) -> bool:
    for prefix in prefixes:
        if text.startswith(prefix) and (
            len(text) == len(prefix) or not text[len(prefix)].isalnum() or not prefix[-1].isalnum()
        ):
            return True
    return False


def _is_source_name(name: str, vocab: Vocabulary) -> bool:
    folded = fold(name)
    if not folded or not any(char.isalpha() for char in folded):
        return False
    if len(folded.split()) > MAX_NAME_WORDS or _DATE_INSIDE.search(folded):
        return False
    if _starts_with(folded, vocab.citations["not-name-prefix"]):
        return False
    last = folded.rsplit(maxsplit=1)[-1]
    return last not in vocab.citations["not-name-suffix"]


def _trim_name(name: str, vocab: Vocabulary) -> str:
    folded = fold(name)
    cut = len(name)
    for clause in vocab.citations["trim-clause"]:
        found = folded.find(clause + " ")
        if 0 < found < cut:
            cut = found
    return name[:cut].strip(_NAME_STRIP)


_FOLLOW_WORDS = re.compile(r"\b(?:of|for|on|in)\b")


def _split_and(name: str, vocab: Vocabulary) -> list[str]:
    """``Tasnim and the Murasiloun website`` -> two names; ``UN website, meetings and ...`` not."""
    folded = fold(name)
    if "," in name or folded in vocab.citations["keep-whole"] or folded.count(" and ") != 1:
        return [name]
    left, right = name.split(" and ", 1) if " and " in name else (name, "")
    if not left.strip() or not right.strip():
        return [name]
    if _FOLLOW_WORDS.search(fold(left)) or _FOLLOW_WORDS.search(fold(right)):
        return [name]
    return [left.strip(), right.strip()]


def _date(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve_years(entries: list[_Entry], default_year: int | None) -> list[_Entry]:
    """Carry a year (or a whole date) back from the next entry that has one."""
    resolved: list[_Entry] = list(entries)
    next_dated: _Entry | None = None
    for position in range(len(resolved) - 1, -1, -1):
        entry = resolved[position]
        if not entry.dated and next_dated is not None:
            entry = _Entry(
                name=entry.name,
                month=next_dated.month,
                day=next_dated.day,
                month_end=next_dated.month_end,
                day_end=next_dated.day_end,
                year=next_dated.year,
                dated=True,
            )
        elif entry.dated and entry.year is None:
            year = next_dated.year if next_dated is not None else default_year
            if (
                year is not None
                and next_dated is not None
                and next_dated.month is not None
                and entry.month is not None
                and entry.month > next_dated.month
            ):
                year -= 1  # "December 30; ..., January 2, 2018"
            entry = _Entry(
                name=entry.name,
                month=entry.month,
                day=entry.day,
                month_end=entry.month_end,
                day_end=entry.day_end,
                year=year,
                dated=True,
            )
        resolved[position] = entry
        if entry.dated:
            next_dated = entry
    return resolved


def parse_citations(
    text: str,
    *,
    default_year: int | None = None,
    span: Span | None = None,
    closing: bool = True,
    vocab: Vocabulary | None = None,
) -> list[Citation]:
    """Parse one parenthetical (with or without its brackets) into its sources.

    Returns an empty list when it is not a citation: ``(i.e., the SDF)``, ``(2018)``,
    ``(February 16, 2020)``. ``closing`` says whether the parenthetical ends its sentence;
    only a closing parenthetical may be an undated citation (``(Google Maps)``). Each
    Citation's ``span`` is ``span`` (the whole parenthetical in the caller's text), or
    ``(0, len(text))``.
    """
    vocab = vocab or load_vocabulary()
    inner = text.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    if not inner.strip() or len(inner) > MAX_PARENTHETICAL:
        return []
    entries = [_split_entry(part) for part in inner.split(";") if part.strip(_NAME_STRIP)]
    if not entries or not all(_is_source_name(entry.name, vocab) for entry in entries):
        return []
    if not any(entry.dated for entry in entries):
        undated = vocab.citations["undated-source"]
        if not closing or not all(fold(entry.name) in undated for entry in entries):
            return []
    where = span if span is not None else (0, len(text))
    citations: list[Citation] = []
    for entry in _resolve_years(entries, default_year):
        start = _date(entry.year, entry.month, entry.day)
        end = _date(entry.year, entry.month_end, entry.day_end) if entry.day_end else None
        if end is not None and start is not None and end < start:
            end = _date(entry.year + 1 if entry.year else None, entry.month_end, entry.day_end)
        for name in _split_and(_trim_name(entry.name, vocab), vocab):
            citations.append(Citation(name=name, date=start, date_end=end, span=where))
    return citations


def find_citations(
    text: str, *, default_year: int | None = None, vocab: Vocabulary | None = None
) -> list[Citation]:
    """Every citation parenthetical in ``text``, in order; spans are offsets into ``text``.

    Innermost parentheses are read, so an unclosed outer bracket does not hide a citation.
    """
    vocab = vocab or load_vocabulary()
    found: list[Citation] = []
    for match in _INNERMOST.finditer(text):
        if not any(char.isalpha() for char in match.group(1)):
            continue
        after = _AFTER_CLOSING.match(text, match.end())
        tail_end = after.end() if after else match.end()
        tail = text[match.end() : tail_end]
        closing = tail_end >= len(text) or "\n" in tail or any(char in ".!?" for char in tail)
        found.extend(
            parse_citations(
                match.group(1),
                default_year=default_year,
                span=(match.start(), match.end()),
                closing=closing,
                vocab=vocab,
            )
        )
    return found


def find_closing_citations(
    text: str, *, default_year: int | None = None, vocab: Vocabulary | None = None
) -> list[Citation]:
    """The citations that close ``text``: those after which only punctuation follows."""
    closing: list[Citation] = []
    for citation in find_citations(text, default_year=default_year, vocab=vocab):
        after = _AFTER_CLOSING.match(text, citation.span[1])
        if after is not None and after.end() >= len(text.rstrip()):
            closing.append(citation)
    return closing


def describe_parenthetical(
    inner: str, *, closing: bool = True, vocab: Vocabulary | None = None
) -> str:
    """``"citation"``, ``"date"`` (a date with no source: a map or caption date) or ``"other"``."""
    if len(inner) > MAX_PARENTHETICAL:
        return "other"
    if parse_citations(inner, closing=closing, vocab=vocab):
        return "citation"
    if _DATE_INSIDE.search(inner) or _MONTH_YEAR.search(inner.strip()):
        return "date"
    return "other"


def count_citation_parentheticals(citations: list[Citation]) -> int:
    """How many distinct parentheticals the ``citations`` came from (by span)."""
    return len({citation.span for citation in citations})
