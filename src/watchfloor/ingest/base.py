"""What every reader shares: options, the reader type, text normalisation, document ids."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from watchfloor.models import DocFormat, DocItem, Document

Period = tuple[dt.date, dt.date]

MAX_TITLE_CHARS = 300

# Zero-width space, non-joiner, joiner and BOM go (direction marks stay), as do C0 controls
# other than tab and newline, and DEL; vertical tab, form feed, NEL and the Unicode line and
# paragraph separators become newlines (``str.splitlines`` would split there anyway).
_INVISIBLE = re.compile("[\u200b-\u200d\ufeff\x00-\x08\x0e-\x1f\x7f]+")
_PAGE_BREAK = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_TRAILING_SPACE = " \t\u00a0\u3000"
_MANY_BLANK_LINES = re.compile(r"\n{4,}")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What a reader knows besides the bytes: where they came from and what the user said."""

    origin: str
    period: Period | None = None
    encoding: str | None = None
    content_type: str | None = None  # from an HTTP response


Reader = Callable[[bytes, ReadOptions], list[Document]]
"""A reader turns the bytes of one file or URL into Documents, raising ``IngestError``."""


def normalise_text(text: str) -> str:
    """Return ``text`` in the one form ids are computed over.

    NFC; ``\\r\\n``, ``\\r``, form feeds and Unicode line separators become ``\\n``;
    zero-width spaces, joiners and BOMs go (direction marks stay); other control characters
    go; trailing spaces go; runs of more than two blank lines become two; leading and trailing
    blank lines go. Line structure and indentation are kept. Idempotent.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _PAGE_BREAK.sub("\n", _INVISIBLE.sub("", text))
    # Line by line, not a regex: a long run of spaces inside a line must stay linear.
    text = "\n".join(line.rstrip(_TRAILING_SPACE) for line in text.split("\n"))
    text = _MANY_BLANK_LINES.sub("\n\n\n", text)
    return text.strip("\n")


def document_id(normalised_text: str) -> str:
    """First 16 hex characters of the sha256 of the normalised text."""
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()[:16]


def first_lines(text: str, count: int, *, max_chars: int = MAX_TITLE_CHARS) -> list[str]:
    """The first ``count`` non-empty lines of ``text``, stripped and cut to ``max_chars``."""
    lines: list[str] = []
    start = 0
    while len(lines) < count and start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start : min(end, start + 4 * max_chars)].strip()
        if line:
            lines.append(line[:max_chars])
        start = end + 1
    return lines


def clean_title(title: str | None) -> str | None:
    """Collapse white space in a title and cut it to ``MAX_TITLE_CHARS``; None when empty."""
    if not title:
        return None
    cleaned = " ".join(title[: 4 * MAX_TITLE_CHARS].split())[:MAX_TITLE_CHARS]
    return cleaned or None


def make_document(
    text: str,
    *,
    title: str,
    doc_format: DocFormat,
    origin: str,
    publisher: str | None = None,
    published: dt.date | None = None,
    period: Period | None = None,
    items: Sequence[DocItem] = (),
) -> Document:
    """Build a Document from already normalised text (``normalise_text(text) == text``)."""
    return Document(
        id=document_id(text),
        text=text,
        title=title,
        format=doc_format,
        origin=origin,
        publisher=publisher,
        published=published,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        items=tuple(items),
    )
