"""Closing parenthetical citations: names, dates, ranges, carried years, non-citations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watchfloor.segment import find_citations, find_closing_citations, parse_citations

CASES = Path(__file__).with_name("citation_cases.tsv")


def _cases() -> list[tuple[str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected = line.split("\t")
        rows.append((text, expected))
    return rows


def _render(text: str) -> str:
    citations = parse_citations(text)
    if not citations:
        return "-"
    return " ;; ".join(f"{c.name}|{c.date or ''}|{c.date_end or ''}" for c in citations)


@pytest.mark.parametrize(("text", "expected"), _cases())
def test_parse_citations_cases(text: str, expected: str) -> None:
    assert _render(text) == expected


def test_parse_citations_without_brackets_and_span() -> None:
    citations = parse_citations("Telegram, May 3, 2021", span=(10, 35))
    assert citations[0].span == (10, 35)
    assert citations[0].date == dt.date(2021, 5, 3)


def test_parse_citations_missing_year_takes_default_year() -> None:
    (citation,) = parse_citations("(Amaq, May 3)", default_year=2021)
    assert citation.date == dt.date(2021, 5, 3)
    (undated,) = parse_citations("(Amaq, May 3)")
    assert undated.name == "Amaq" and undated.date is None


def test_undated_source_must_close_the_sentence() -> None:
    text = "The Syrian Arab News Agency (SANA) said the road was open (SANA)."
    found = find_citations(text)
    assert len(found) == 1
    assert text[found[0].span[0] : found[0].span[1]] == "(SANA)"


def test_find_citations_spans_point_at_the_parenthetical() -> None:
    text = "Two were killed (Telegram, May 1, 2021). One more died later (Amaq, May 2, 2021)."
    found = find_citations(text)
    assert [text[c.span[0] : c.span[1]] for c in found] == [
        "(Telegram, May 1, 2021)",
        "(Amaq, May 2, 2021)",
    ]
    closing = find_closing_citations(text)
    assert [c.name for c in closing] == ["Amaq"]


def test_find_citations_reads_inside_an_unclosed_bracket() -> None:
    text = "Children slept in a school (about 5 km from the border (Step News, May 4, 2021)."
    assert [c.name for c in find_citations(text)] == ["Step News"]


def test_find_citations_survives_hostile_input() -> None:
    text = "(" * 20000 + "Telegram, May 1, 2021" + ")" * 20000 + " (" + "x" * 100_000 + ")"
    found = find_citations(text)
    assert [c.name for c in found] == ["Telegram"]
