"""Statistics cues and citation spans (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

from watchfloor.extract.statistics import extract_statistics
from watchfloor.models import BlockKind, Citation, DocFormat, Document, DocumentTree, Sentence


def _tree(lines: list[str], *, cite_from: str | None = None, offset: int = 10) -> DocumentTree:
    """One sentence per line, starting ``offset`` characters into the document."""
    text = " " * offset
    sentences = []
    for index, line in enumerate(lines):
        start = len(text)
        citations: tuple[Citation, ...] = ()
        if cite_from is not None and cite_from in line:
            at = start + line.index(cite_from)
            citations = (Citation("Agency", dt.date(2021, 3, 8), span=(at, start + len(line))),)
        sentences.append(
            Sentence(
                index=index,
                text=line,
                span=(start, start + len(line)),
                section_path=(),
                section_index=0,
                block_index=index,
                block_kind=BlockKind.PARAGRAPH,
                citations=citations,
            )
        )
        text += line + "\n"
    document = Document(
        id="0" * 16,
        text=text,
        title="Weekly report",
        format=DocFormat.TEXT,
        origin="/tmp/weekly.txt",
        period_start=dt.date(2021, 3, 4),
        period_end=dt.date(2021, 3, 10),
    )
    return DocumentTree(document, (), (), tuple(sentences))


def test_statistics_figures_inside_the_citation_are_skipped() -> None:
    line = (
        "Revenues reached $5 million a month, while 300 attacks were counted (Agency: 120 attacks)."
    )
    found = extract_statistics(_tree([line], cite_from="("))
    assert [(s.value, s.unit) for s in found] == [
        (5_000_000.0, "USD per month"),
        (300.0, "attacks"),
    ]
    assert all(s.period_end == dt.date(2021, 3, 8) for s in found)


def test_statistics_cue_must_be_a_whole_word() -> None:
    # "incomes" holds the cue "income" inside a longer word; "tolls" holds "toll"
    lines = [
        "Their incomes fell while 40 attacks hit the road tolls.",
        "The toll rose to 40 attacks.",
    ]
    found = extract_statistics(_tree(lines))
    assert [s.evidence for s in found] == ["The toll rose to 40 attacks."]


def test_statistics_symbol_cue_matches_anywhere() -> None:
    found = extract_statistics(_tree(["Support fell to 35% in the district."]))
    assert [(s.value, s.unit) for s in found] == [(35.0, "percent")]
