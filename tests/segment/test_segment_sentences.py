"""Sentence splitting: abbreviations, initials, decimals, quotes, markers, lost spaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.segment import split_sentences
from watchfloor.segment.sentences import MAX_SENTENCE_CHARS

CASES = Path(__file__).with_name("sentence_cases.tsv")


def _cases() -> list[tuple[str, list[str]]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected = line.split("\t")
        rows.append((text, expected.split(" || ")))
    return rows


@pytest.mark.parametrize(("text", "expected"), _cases())
def test_split_sentences_cases(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in split_sentences(text)] == expected


def test_split_sentences_spans_are_trimmed_and_ordered() -> None:
    text = "  First one.   Second one.\n\nThird one.  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one.", "Third one."]
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


def test_split_sentences_blank_line_is_a_page_break_unless_asked() -> None:
    text = "The army entered the town\n\nof Tadef on Monday. It met no resistance."
    assert len(split_sentences(text)) == 2
    telegram = "Breaking news from Raqqa\n\nA car bomb exploded. Two were killed."
    assert len(split_sentences(telegram, break_at_blank_lines=True)) == 3


def test_split_sentences_caps_runaway_sentences() -> None:
    text = "word " * 5000
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")


def test_split_sentences_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n  ") == []
