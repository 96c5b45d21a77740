"""PDF: the text layer, page by page (needs the ``[pdf]`` extra: pypdf)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import warnings
from typing import Any

from watchfloor.errors import IngestError, MissingExtraError
from watchfloor.ingest.base import (
    ReadOptions,
    clean_title,
    first_lines,
    make_document,
    normalise_text,
)
from watchfloor.ingest.meta import publisher_from_title, read_text_meta
from watchfloor.models import DocFormat, Document

EOF_MARKER = b"%%EOF"
EOF_SEARCH_BYTES = 2048
_USELESS_TITLES = ("untitled", "microsoft word - ", "document", "title")
_NO_TEXT_ADVICE = "the PDF has no text layer (a scan?); run OCR first, e.g. ocrmypdf in.pdf out.pdf"


def read_pdf(data: bytes, options: ReadOptions) -> list[Document]:
    """One Document from a PDF's text layer, pages apart by a blank line.

    Reasons: ``bad-pdf`` (not a PDF, truncated, unreadable), ``encrypted``, ``no-text-layer``.
    """
    try:
        import pypdf
        from pypdf.errors import PyPdfError
    except ImportError as err:
        raise MissingExtraError("pdf", "pypdf") from err
    if not data.startswith(b"%PDF-"):
        raise IngestError("bad-pdf", "does not start with %PDF-; not a PDF file")
    if EOF_MARKER not in data[-EOF_SEARCH_BYTES:]:
        raise IngestError("bad-pdf", "truncated: no %%EOF marker at the end; download it again")
    pypdf_logger = logging.getLogger("pypdf")
    previous_level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)  # recoverable-damage chatter is not the user's problem
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not _try_empty_password(reader):
                raise IngestError("encrypted", "the PDF is password-protected; decrypt it first")
            pages = [page.extract_text() or "" for page in reader.pages]
            info = _metadata(reader)
    except PyPdfError as err:
        raise IngestError("bad-pdf", f"cannot read the PDF: {err}") from err
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as err:
        raise IngestError("bad-pdf", f"damaged PDF ({type(err).__name__}: {err})") from err
    finally:
        pypdf_logger.setLevel(previous_level)
    text = normalise_text("\n\n".join(page.strip("\n") for page in pages))
    if not text.strip():
        raise IngestError("no-text-layer", _NO_TEXT_ADVICE)
    return [_make(text, info, options)]


def _try_empty_password(reader: Any) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf raises several types, including DependencyError for AES
        return False


def _metadata(reader: Any) -> tuple[str | None, dt.date | None]:
    meta = reader.metadata
    if meta is None:
        return None, None
    title = clean_title(str(meta.title)) if meta.title else None
    if title and any(title.lower().startswith(useless) for useless in _USELESS_TITLES):
        title = None
    try:
        created = meta.creation_date
    except ValueError:  # a malformed date string must not lose the text
        created = None
    return title, created.date() if isinstance(created, dt.datetime) else None


def _make(text: str, info: tuple[str | None, dt.date | None], options: ReadOptions) -> Document:
    meta_title, created = info
    lines = first_lines(text, 1)
    title = meta_title or clean_title(lines[0] if lines else None) or options.origin
    meta = read_text_meta(
        text, title=title, options=options, year=created.year if created else None
    )
    return make_document(
        text,
        title=title,
        doc_format=DocFormat.PDF,
        origin=options.origin,
        publisher=publisher_from_title(title) or meta.agency,
        published=meta.published,
        period=meta.period,
    )
