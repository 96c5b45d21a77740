"""Which reader a file needs: magic bytes, then the file name, then a look at the content."""

from __future__ import annotations

import re
from pathlib import Path

from watchfloor.errors import IngestError
from watchfloor.ingest.encoding import bom_encoding, looks_binary
from watchfloor.models import DocFormat

HEAD_BYTES = 4096
PDF_MAGIC_WINDOW = 1024

SUFFIXES: dict[str, DocFormat] = {
    ".txt": DocFormat.TEXT,
    ".text": DocFormat.TEXT,
    ".md": DocFormat.MARKDOWN,
    ".markdown": DocFormat.MARKDOWN,
    ".html": DocFormat.HTML,
    ".htm": DocFormat.HTML,
    ".xhtml": DocFormat.HTML,
    ".pdf": DocFormat.PDF,
    ".json": DocFormat.TELEGRAM,
    ".rss": DocFormat.FEED,
    ".atom": DocFormat.FEED,
    ".xml": DocFormat.FEED,
}
UNSUPPORTED_SUFFIXES: dict[str, str] = {
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".odt": "an OpenDocument text",
    ".rtf": "an RTF document",
    ".xls": "a spreadsheet",
    ".xlsx": "a spreadsheet",
    ".csv": "a table",
    ".ppt": "a presentation",
    ".pptx": "a presentation",
    ".epub": "an e-book",
    ".zip": "an archive",
    ".gz": "an archive",
    ".tar": "an archive",
    ".7z": "an archive",
    ".rar": "an archive",
}
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
)
_FEED_START = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:!doctype\s{1,5}html|html|head|body)\b", re.IGNORECASE)
_TAG_OR_DECL = re.compile(r"^\s{0,200}<")


def _head_text(head: bytes) -> str:
    encoding = bom_encoding(head) or "utf-8"
    sample = head[: HEAD_BYTES - HEAD_BYTES % 4]
    return sample.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")[:2048]


def sniff_format(head: bytes) -> DocFormat | None:
    """The format the first bytes show, or None when they show none."""
    if b"%PDF-" in head[:PDF_MAGIC_WINDOW]:
        return DocFormat.PDF
    text = _head_text(head)
    if text.startswith("{"):
        return DocFormat.TELEGRAM
    if _TAG_OR_DECL.match(text):
        if _FEED_START.search(text):
            return DocFormat.FEED
        if _HTML_START.search(text):
            return DocFormat.HTML
    return None


def detect_format(path: Path, head: bytes) -> DocFormat:
    """Pick the format for ``path`` from its first bytes ``head`` (a few KB) and its name.

    A PDF signature wins over the name; then the suffix; then the content. Raises
    ``IngestError``: ``unsupported`` (Word, spreadsheets, archives...), ``binary`` (images,
    programs, anything else that is not text).
    """
    if b"%PDF-" in head[:PDF_MAGIC_WINDOW]:
        return DocFormat.PDF
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise IngestError(
            "unsupported",
            f"{UNSUPPORTED_SUFFIXES[suffix]} ({suffix}) is not read; save it as PDF or text",
        )
    for magic, kind in BINARY_MAGIC:
        if head.startswith(magic):
            raise IngestError("binary", f"this is {kind}, not a document Watchfloor reads")
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    sniffed = sniff_format(head)
    if sniffed:
        return sniffed
    if not bom_encoding(head) and looks_binary(head):
        raise IngestError("binary", "this is a binary file, not text")
    return DocFormat.TEXT
