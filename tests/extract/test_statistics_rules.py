"""Aggregate figures from a small document written for these tests (guide section 5)."""

from __future__ import annotations

import datetime as dt

from watchfloor.extract.statistics import extract_statistics
from watchfloor.models import (
    BlockKind,
    Citation,
    DocFormat,
    Document,
    DocumentTree,
    Sentence,
)

LINES = [
    ("The army reported that a patrol was ambushed near the dam.", None),
    ("According to the infographic, 212 attacks were carried out in the province this year.", None),
    ("They destroyed 57 vehicles.", (Citation("Telegram", dt.date(2021, 3, 8)),)),
    ("Two soldiers were killed on the road to the dam.", None),
    ("This week, nearly 20,000 residents fled their homes.", None),
    (
        "Analysts at Example Research estimate that the group's revenues fell by 45% since 2019.",
        None,
    ),
    ("Its revenues totaled $3 million a month in the first quarter.", None),
    ("The blast was felt 14 km away.", None),
]


def _tree() -> DocumentTree:
    text = ""
    sentences = []
    for index, (line, citations) in enumerate(LINES):
        start = len(text)
        text += line + "\n"
        sentences.append(
            Sentence(
                index=index,
                text=line,
                span=(start, start + len(line)),
                section_path=("Iraq",),
                section_index=0,
                block_index=index // 3,
                block_kind=BlockKind.PARAGRAPH,
                citations=citations or (),
            )
        )
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


def test_statistics_figures_units_and_claimants() -> None:
    found = {(s.value, s.unit): s for s in extract_statistics(_tree())}
    assert set(found) == {
        (212.0, "attacks"),
        (57.0, "vehicles"),
        (20000.0, "people"),
        (45.0, "percent"),
        (3000000.0, "USD per month"),
    }
    assert found[(212.0, "attacks")].claimant == "Islamic State"
    assert found[(57.0, "vehicles")].period_end == dt.date(2021, 3, 8)
    assert found[(45.0, "percent")].claimant == "Example Research"
    displaced = found[(20000.0, "people")]
    assert (displaced.period_start, displaced.period_end) == (
        dt.date(2021, 3, 4),
        dt.date(2021, 3, 10),
    )
    assert displaced.qualifier == "nearly"
    assert all(s.doc == "weekly.txt" for s in found.values())


def test_statistics_context_ends_with_the_closing_citation() -> None:
    values = [s.value for s in extract_statistics(_tree())]
    assert 2.0 not in values  # "Two soldiers were killed" is an event, not an aggregate


def test_statistics_hostile_sentence_finishes() -> None:
    tree = _tree()
    line = "According to the infographic, " + "12 attacks and " * 3_000
    sent = Sentence(0, line, (0, len(line)), (), None, 0, BlockKind.PARAGRAPH)
    hostile = DocumentTree(tree.document, (), (), (sent,))
    assert len(extract_statistics(hostile)) >= 1
