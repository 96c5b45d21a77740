"""Document metadata read from the text itself: publisher, period, dateline date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from watchfloor.ingest.base import Period, ReadOptions, first_lines
from watchfloor.ingest.lexicon import load_lexicon
from watchfloor.ingest.period import find_period, parse_date_only, parse_dateline

PERIOD_LINES = 4  # the title and the lines right under it
DATELINE_LINES = 3
MAX_PUBLISHER_WORDS = 14
_PUBLISHER_KINDS = frozenset({"org-word"})
# "PUBLISHER – Series title", "Publisher | Title"; the first separator only.
_SEPARATOR = re.compile(r"\s(?:[–—|]|-{1,2})\s")
_WORD = re.compile(r"[A-Za-z]{1,40}")


@dataclass(frozen=True, slots=True)
class TextMeta:
    period: Period | None
    published: dt.date | None
    agency: str | None


def publisher_from_title(title: str) -> str | None:
    """The publisher a title names before its first separator, or None.

    ``MEIR AMIT CENTER / ISRAEL – Spotlight on Global Jihad (...)`` names one: the part before
    `` – `` is in capitals or holds an organisation word (``data/ingest/publishers.tsv``).
    """
    match = _SEPARATOR.search(title[:300])
    if not match:
        return None
    head = title[: match.start()].strip()
    words = _WORD.findall(head)
    if not words or len(words) > MAX_PUBLISHER_WORDS or len(head) > 150:
        return None
    org_words = load_lexicon("publishers.tsv", _PUBLISHER_KINDS)["org-word"]
    in_capitals = len(words) >= 2 and all(word.isupper() for word in words)
    if in_capitals or any(word.lower() in org_words for word in words):
        return head
    return None


def read_text_meta(
    text: str, *, title: str, options: ReadOptions, year: int | None = None
) -> TextMeta:
    """Period from the title or the lines under it, else ``options.period``; the date of a
    line under the title that is only a date, else of a news dateline (``BAGHDAD, Feb 14
    (Reuters) -``). A dateline without a year takes it from the period, the date line, or
    ``year`` (file metadata); with none of them its date stays None.
    """
    lines = first_lines(text, PERIOD_LINES)
    period = find_period([title, *lines]) or options.period
    published: dt.date | None = None
    for line in lines[:DATELINE_LINES]:
        published = parse_date_only(line)
        if published:
            year = published.year
            break
    agency: str | None = None
    for line in lines[:DATELINE_LINES]:
        dateline_date, agency = parse_dateline(line, period=period, year=year)
        if dateline_date or agency:
            published = published or dateline_date
            break
    return TextMeta(period=period, published=published, agency=agency)
