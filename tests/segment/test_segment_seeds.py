"""The three sample bulletins in ../shared/seeds (skipped when absent).

Counts were made by hand once, reading each file: every parenthetical holding a source
(name and date, or an undated "Google Maps") is a citation; the period in the title,
map dates such as "(February 16, 2020)", "(as of ...)", "(updated to ...)", ranges and
year-only parentheticals are not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from watchfloor.models import BlockKind, DocFormat, Document, DocumentTree
from watchfloor.segment import segment_document

pytestmark = pytest.mark.seeds

# file stem prefix: (citation parentheticals, source entries, caption blocks, legend blocks)
COUNTS = {
    "000": (32, 35, 0, 0),
    "003": (58, 65, 19, 2),
    "004": (58, 59, 10, 4),
}
IRAQ_404 = "The Iraqi arena"
PATHS_004 = [
    ("Highlights of the events",),
    ("Idlib region",),
    ("Idlib region", "Overview"),
    ("Idlib region", "Aleppo front"),
    ("Idlib region", "Syrian helicopter shot down by a Turkish-sponsored rebel organization"),
    ("Idlib region", "Diplomatic talks between Russia and Turkey, along with Turkish threats"),
    (
        "Idlib region",
        "Interview with the commander of the Headquarters for the Liberation of Al-Sham",
    ),
    ("Idlib region", "Residents flee en masse from the battle zones"),
    ("The Euphrates Valley",),
    ("The Euphrates Valley", "Al-Raqqah area"),
    ("The Euphrates Valley", "The area of Al-Mayadeen and Albukamal"),
    (IRAQ_404,),
    (IRAQ_404, "ISIS activity"),
    (IRAQ_404, "Summary of ISIS’s activity in Iraq over the past two and a half years"),
    (IRAQ_404, "ISIS activity during the past week"),
    (IRAQ_404, "ISIS activity during the past week", "Diyala Province"),
    (IRAQ_404, "ISIS activity during the past week", "Kirkuk Province"),
    (IRAQ_404, "ISIS activity during the past week", "Salah al-Din Province"),
    (IRAQ_404, "ISIS activity during the past week", "Al-Anbar Province"),
    (IRAQ_404, "Counterterrorist activities by the Iraqi security forces"),
    (IRAQ_404, "Counterterrorist activities by the Iraqi security forces", "Diyala Province"),
    (IRAQ_404, "Counterterrorist activities by the Iraqi security forces", "Al-Anbar Province"),
    (IRAQ_404, "Counterterrorist activities by the Iraqi security forces", "Nineveh Province"),
    (IRAQ_404, "Counterterrorist activities by the Iraqi security forces", "Salah al-Din Province"),
]
_MARKER_PREFIX = re.compile(
    r"[ \t\u00a0]*(?:(?:[-*•▶►◆]|\d{1,2}[.)])[ \t\u00a0]*){1,3}|[ \t\u00a0]*\[\d{1,3}\]|[ \t\u00a0]*[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}"
)


def _segment(path: Path) -> DocumentTree:
    text = path.read_text(encoding="utf-8")
    title = text.strip().splitlines()[0]
    document = Document(id="x", text=text, title=title, format=DocFormat.TEXT, origin=path.name)
    return segment_document(document)


def _seed(seeds_dir: Path, prefix: str) -> Path:
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return path


def test_seed_004_theatre_and_province_tree(seeds_dir: Path) -> None:
    tree = _segment(_seed(seeds_dir, "004"))
    assert [section.path for section in tree.sections] == PATHS_004
    assert [s.heading for s in tree.sections if s.is_summary] == ["Highlights of the events"]
    diyala = [s for s in tree.sentences if s.section_path == PATHS_004[15]]
    assert len(diyala) > 10 and not any(s.in_summary for s in diyala)
    summary = [s for s in tree.sentences if s.in_summary]
    assert summary and all(s.block_kind == BlockKind.BULLET for s in summary)


@pytest.mark.parametrize("prefix", sorted(COUNTS))
def test_seed_every_citation_is_parsed_with_dates(seeds_dir: Path, prefix: str) -> None:
    tree = _segment(_seed(seeds_dir, prefix))
    parentheticals = {c.span for s in tree.sentences for c in s.citations}
    entries = {(c.span, c.name) for s in tree.sentences for c in s.citations}
    expected_parentheticals, expected_entries, _, _ = COUNTS[prefix]
    assert len(parentheticals) == expected_parentheticals
    assert len(entries) == expected_entries
    text = tree.document.text
    for sent in tree.sentences:
        for citation in sent.citations:
            start, end = citation.span
            assert text[start] == "(" and text[end - 1] == ")"
            assert citation.name and citation.name in text[start:end]
            if citation.name != "Google Maps":
                assert citation.date is not None, text[start:end]
                assert str(citation.date.year) in text[start:end] or citation.date_end


@pytest.mark.parametrize("prefix", sorted(COUNTS))
def test_seed_captions_and_legends_are_marked(seeds_dir: Path, prefix: str) -> None:
    tree = _segment(_seed(seeds_dir, prefix))
    text = tree.document.text
    _, _, captions, legends = COUNTS[prefix]
    assert sum(b.kind == BlockKind.CAPTION for b in tree.blocks) == captions
    assert sum(b.kind == BlockKind.LEGEND for b in tree.blocks) == legends
    for block in tree.blocks:
        line = text[block.span[0] : block.span[1]]
        if re.match(r"(?:Red|Green|Blue|Yellow|Purple):", line):
            assert block.kind == BlockKind.LEGEND
        if line.startswith(("Right:", "Left:")):
            assert block.kind == BlockKind.CAPTION
    seen: set[str] = set()
    for block in tree.blocks:
        raw = text[block.span[0] : block.span[1]]
        line = " ".join(raw.split())
        if block.kind in (BlockKind.HEADING, BlockKind.BULLET) or len(line) < 20:
            continue
        sents = [s for s in tree.sentences if s.block_index == block.index]
        repeated = line in seen
        assert all(s.is_repeated == repeated for s in sents), line[:40]
        if repeated:
            assert all(s.is_caption or s.is_legend for s in sents)
        seen.add(line)
        seen.update(" ".join(column.split()) for column in re.split(r"\s{3,}", raw))


@pytest.mark.parametrize("prefix", sorted(COUNTS))
def test_seed_no_body_text_is_lost(seeds_dir: Path, prefix: str) -> None:
    tree = _segment(_seed(seeds_dir, prefix))
    text = tree.document.text
    covered = bytearray(len(text))
    for sent in tree.sentences:
        covered[sent.span[0] : sent.span[1]] = b"\x01" * (sent.span[1] - sent.span[0])
    for block in tree.blocks:
        if block.kind == BlockKind.HEADING:
            covered[block.span[0] : block.span[1]] = b"\x01" * (block.span[1] - block.span[0])
    lost: list[str] = []
    position = 0
    for line in text.split("\n"):
        marker = _MARKER_PREFIX.match(line)
        skip = marker.end() if marker and marker.end() < len(line.rstrip()) else 0
        for offset, char in enumerate(line):
            if offset >= skip and not char.isspace() and not covered[position + offset]:
                lost.append(line[max(0, offset - 10) : offset + 10])
        position += len(line) + 1
    assert lost == []


@pytest.mark.parametrize("prefix", sorted(COUNTS))
def test_seed_footnotes_have_anchors(seeds_dir: Path, prefix: str) -> None:
    tree = _segment(_seed(seeds_dir, prefix))
    for footnote in tree.footnotes:
        if footnote.anchor_sentence is None:
            continue
        anchor = tree.sentences[footnote.anchor_sentence]
        assert footnote.marker in anchor.footnote_refs
        assert not anchor.is_footnote
    assert len(tree.footnotes) == {"000": 2, "003": 3, "004": 0}[prefix]
