"""Assemble a ``DocumentTree``: sections, blocks, sentences with citations, footnotes.

Every span is an offset into ``document.text``. ``Sentence.text`` has exactly the length of
its span: it is ``document.text[span]`` with every whitespace character turned into a space
and any page-footer footnote that the sentence jumps over blanked out, so an offset ``i`` in
``sent.text`` is ``sent.span[0] + i`` in the document. Collapse the spaces for display.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from watchfloor.models import (
    Block,
    BlockKind,
    Citation,
    DocFormat,
    Document,
    DocumentTree,
    Footnote,
    Section,
    Sentence,
)
from watchfloor.segment.citations import find_citations
from watchfloor.segment.headings import HeadingLine, build_sections
from watchfloor.segment.lines import BlockBuilder, RawBlock, normalise_marker, strip_heading
from watchfloor.segment.sentences import split_sentences
from watchfloor.segment.vocab import Vocabulary, load_vocabulary

_SPACES = str.maketrans(
    {char: " " for char in map(chr, range(0x3001)) if char.isspace() and char != " "}
)
_FOOTNOTE_REF = re.compile(r"\[(\d{1,3})\]|([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})")
_UNIT_BEFORE_SUPERSCRIPT = ("km", " m", "ft", "mi")


@dataclass(slots=True)
class _Draft:
    """A sentence before its index in the document is known."""

    span: tuple[int, int]
    text: str
    block: int
    citations: list[Citation] = field(default_factory=list)
    refs: tuple[str, ...] = ()


def _default_year(document: Document) -> int | None:
    for value in (document.period_end, document.period_start, document.published):
        if value is not None:
            return value.year
    return None


def _item_blocks(document: Document) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for item in sorted(document.items, key=lambda found: found.start):
        start, end = item.start, min(item.end, len(document.text))
        while start < end and document.text[start].isspace():
            start += 1
        while end > start and document.text[end - 1].isspace():
            end -= 1
        if end > start:
            blocks.append(RawBlock(BlockKind.PARAGRAPH, start, end))
    return blocks


def _window(text: str, block: RawBlock) -> str:
    window = text[block.start : block.end]
    for hole_start, hole_end in block.holes:
        left = max(hole_start, block.start) - block.start
        right = min(hole_end, block.end) - block.start
        if right > left:
            window = window[:left] + " " * (right - left) + window[right:]
    return window


def _block_sentences(
    text: str, block: RawBlock, index: int, *, telegram: bool, year: int | None, vocab: Vocabulary
) -> list[_Draft]:
    """Split one block into sentences and give each the citations closing its group."""
    window = _window(text, block)
    spans = split_sentences(window, break_at_blank_lines=telegram, vocab=vocab)
    if not spans:
        return []
    starts = [start for start, _ in spans]
    refs: list[list[str]] = [[] for _ in spans]
    for found in _FOOTNOTE_REF.finditer(window):
        before = window[max(0, found.start() - 2) : found.start()]
        if found.group(2) and (not before or before[-1].isspace() or before[-1].isdigit()):
            continue
        if found.group(2) and before.endswith(_UNIT_BEFORE_SUPERSCRIPT):
            continue  # "km²" is a unit, not a footnote marker
        position = bisect.bisect_right(starts, found.start()) - 1
        if position >= 0 and found.end() <= spans[position][1]:
            refs[position].append(normalise_marker(found.group(1) or found.group(2)))
    drafts = [
        _Draft(
            span=(block.start + start, block.start + end),
            text=window[start:end].translate(_SPACES),
            block=index,
            refs=tuple(refs[position]),
        )
        for position, (start, end) in enumerate(spans)
    ]
    own: list[list[Citation]] = [[] for _ in spans]
    for citation in find_citations(window, default_year=year, vocab=vocab):
        position = max(0, bisect.bisect_right(starts, citation.span[1] - 1) - 1)
        shifted = (block.start + citation.span[0], block.start + citation.span[1])
        own[position].append(
            Citation(citation.name, citation.date, citation.date_end, span=shifted)
        )
    pending: list[int] = []
    for position in range(len(drafts)):
        pending.append(position)
        if own[position]:
            for waiting in pending:
                drafts[waiting].citations = own[position]
            pending = []
    return drafts


def _anchor(footnote: RawBlock, sentences: list[Sentence]) -> int | None:
    carrying = [sent for sent in sentences if footnote.marker in sent.footnote_refs]
    before = [sent for sent in carrying if sent.span[0] < footnote.start]
    if before:
        return before[-1].index
    return carrying[0].index if carrying else None


def segment_document(document: Document) -> DocumentTree:
    """Split ``document`` into its section tree, blocks and sentences.

    Needs only the Document; reads the bundled word lists in ``data/segment/`` (cached).
    Returns every heading as a section (except the title lines before the first content),
    every paragraph, bullet, caption, legend and footnote body as a block, and every
    sentence with its section path, summary/caption/legend/footnote/repeat flags,
    the citations closing its group, footnote markers and Telegram item date.
    """
    vocab = load_vocabulary()
    text = document.text
    telegram = document.format == DocFormat.TELEGRAM and bool(document.items)
    raw_blocks = _item_blocks(document) if telegram else BlockBuilder(text, vocab).build()
    heading_blocks = [b for b in raw_blocks if b.kind == BlockKind.HEADING and not b.preamble]
    sections: list[Section] = build_sections(
        [
            HeadingLine(strip_heading(text[b.start : b.end]), (b.start, b.end), b.md_level)
            for b in heading_blocks
        ],
        len(text),
        vocab,
    )
    year = _default_year(document)
    item_starts = [item.start for item in document.items]
    items = list(document.items)
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    current: int | None = None
    next_heading = 0
    for index, raw in enumerate(raw_blocks):
        if raw.kind == BlockKind.HEADING and not raw.preamble:
            current = next_heading
            next_heading += 1
        section_index = None if raw.preamble else current
        blocks.append(
            Block(
                index=index, kind=raw.kind, span=(raw.start, raw.end), section_index=section_index
            )
        )
        if raw.kind == BlockKind.HEADING:
            continue
        section = sections[section_index] if section_index is not None else None
        for draft in _block_sentences(text, raw, index, telegram=telegram, year=year, vocab=vocab):
            item_date: dt.date | None = None
            if items:
                position = bisect.bisect_right(item_starts, draft.span[0]) - 1
                if position >= 0 and draft.span[0] < items[position].end:
                    item_date = items[position].date
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=draft.text,
                    span=draft.span,
                    section_path=section.path if section else (),
                    section_index=section_index,
                    block_index=index,
                    block_kind=raw.kind,
                    in_summary=bool(section and section.is_summary),
                    is_caption=raw.kind == BlockKind.CAPTION,
                    is_legend=raw.kind == BlockKind.LEGEND,
                    is_footnote=raw.kind == BlockKind.FOOTNOTE,
                    is_repeated=raw.repeated,
                    citations=tuple(draft.citations),
                    footnote_refs=() if raw.kind == BlockKind.FOOTNOTE else draft.refs,
                    item_date=item_date,
                )
            )
    footnotes = tuple(
        Footnote(
            marker=raw.marker,
            text=text[raw.start : raw.end],
            span=(raw.start, raw.end),
            anchor_sentence=_anchor(raw, sentences),
        )
        for raw in raw_blocks
        if raw.kind == BlockKind.FOOTNOTE
    )
    return DocumentTree(
        document=document,
        sections=tuple(sections),
        blocks=tuple(blocks),
        sentences=tuple(sentences),
        footnotes=footnotes,
    )
