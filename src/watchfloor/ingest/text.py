"""Plain text and Markdown: decoded, normalised, kept line by line (Markdown stays Markdown)."""

from __future__ import annotations

import re

from watchfloor.errors import IngestError
from watchfloor.ingest.base import (
    ReadOptions,
    clean_title,
    first_lines,
    make_document,
    normalise_text,
)
from watchfloor.ingest.encoding import decode_text
from watchfloor.ingest.meta import publisher_from_title, read_text_meta
from watchfloor.models import DocFormat, Document

MARKDOWN_HEADING_LINES = 40
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s{1,8}(.{1,300}?)(?:\s{1,8}#{1,6})?\s*$")


def read_text(data: bytes, options: ReadOptions) -> list[Document]:
    """One Document from plain text; the title is the first non-empty line."""
    return [_read(data, options, DocFormat.TEXT)]


def read_markdown(data: bytes, options: ReadOptions) -> list[Document]:
    """One Document from Markdown; the title is the first ``#`` heading, else the first line."""
    return [_read(data, options, DocFormat.MARKDOWN)]


def markdown_title(text: str) -> str | None:
    """The first top-level heading among the first lines, else the first heading of any level."""
    best: tuple[int, str] | None = None
    for line in first_lines(text, MARKDOWN_HEADING_LINES):
        match = _ATX_HEADING.match(line)
        if match:
            level, heading = len(match.group(1)), match.group(2)
            if level == 1:
                return heading
            if best is None or level < best[0]:
                best = (level, heading)
    return best[1] if best else None


def _read(data: bytes, options: ReadOptions, doc_format: DocFormat) -> Document:
    text = normalise_text(decode_text(data, encoding=options.encoding))
    if not text.strip():
        raise IngestError("empty", "the file holds only white space")
    lines = first_lines(text, 1)
    title = None
    if doc_format is DocFormat.MARKDOWN:
        title = clean_title(markdown_title(text))
    title = title or clean_title(lines[0] if lines else None) or options.origin
    meta = read_text_meta(text, title=title, options=options)
    return make_document(
        text,
        title=title,
        doc_format=doc_format,
        origin=options.origin,
        publisher=publisher_from_title(title) or meta.agency,
        published=meta.published,
        period=meta.period,
    )
