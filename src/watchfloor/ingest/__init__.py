"""Ingest: files, folders and feed URLs in, ``Document`` values out.

One reader per format (``READERS``), each a plain function ``(bytes, ReadOptions) ->
list[Document]``. Every failure is an ``IngestError`` whose ``reason`` is one of
``READ_REASONS``, with the file or URL in ``path`` and what to do in ``detail``.
"""

from __future__ import annotations

import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath

from watchfloor import __version__
from watchfloor.errors import IngestError
from watchfloor.ingest.base import Period, Reader, ReadOptions, document_id, normalise_text
from watchfloor.ingest.detect import HEAD_BYTES, detect_format, sniff_format
from watchfloor.ingest.feed import read_feed
from watchfloor.ingest.html import read_html
from watchfloor.ingest.pdf import read_pdf
from watchfloor.ingest.period import parse_dateline, parse_period
from watchfloor.ingest.telegram import read_telegram
from watchfloor.ingest.text import read_markdown, read_text
from watchfloor.models import DocFormat, Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READERS",
    "READ_REASONS",
    "ReadOptions",
    "Reader",
    "detect_format",
    "document_id",
    "iter_inputs",
    "normalise_text",
    "parse_dateline",
    "parse_period",
    "read_file",
    "read_url",
]

DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_TIMEOUT_S = 30.0

READERS: dict[DocFormat, Reader] = {
    DocFormat.TEXT: read_text,
    DocFormat.MARKDOWN: read_markdown,
    DocFormat.HTML: read_html,
    DocFormat.PDF: read_pdf,
    DocFormat.TELEGRAM: read_telegram,
    DocFormat.FEED: read_feed,
}

READ_REASONS = frozenset(
    {
        "not-found", "unreadable", "empty", "too-large", "binary", "not-utf8", "bad-encoding",
        "unknown-encoding", "bad-html", "bad-json", "not-telegram-export", "bad-pdf",
        "encrypted", "no-text-layer", "bad-feed", "unsupported", "fetch-failed",
    }
)  # fmt: skip
"""Every ``reason`` an ``IngestError`` from this package can carry."""

_CONTENT_TYPES: tuple[tuple[str, DocFormat], ...] = (
    ("rss", DocFormat.FEED),
    ("atom", DocFormat.FEED),
    ("xml", DocFormat.FEED),
    ("html", DocFormat.HTML),
    ("pdf", DocFormat.PDF),
    ("json", DocFormat.TELEGRAM),
    ("text/markdown", DocFormat.MARKDOWN),
    ("text/plain", DocFormat.TEXT),
)


def iter_inputs(paths: Sequence[Path]) -> Iterator[Path]:
    """Yield the files to read: files as given, folders walked recursively in sorted order.

    Hidden files and folders (name starting with ``.``) inside a folder are skipped; a path
    given explicitly is always yielded, even when missing (``read_file`` then says so).
    """
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for folder, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
            for name in sorted(filenames):
                if not name.startswith("."):
                    yield Path(folder) / name


def read_file(
    path: Path,
    *,
    period: Period | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> list[Document]:
    """Read one file into Documents (one, or several for a feed or a multi-chat export).

    ``period`` is used where the title gives none; ``encoding`` overrides detection for text
    formats; files over ``max_bytes`` are refused. Raises ``IngestError`` (``path`` set).
    """
    origin = str(path)
    try:
        data = _read_bytes(path, max_bytes=max_bytes)
        doc_format = detect_format(path, data[:HEAD_BYTES])
        options = ReadOptions(origin=origin, period=period, encoding=encoding)
        return READERS[doc_format](data, options)
    except IngestError as err:
        if err.path:
            raise
        raise IngestError(err.reason, err.detail, path=origin) from err


def read_url(
    url: str,
    *,
    period: Period | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> list[Document]:
    """Fetch an http(s) URL (a feed, or a page or file) and read it into Documents.

    The format comes from the content, then the Content-Type, then the URL's path.
    Raises ``IngestError`` (``path`` is the URL); ``fetch-failed`` for network or HTTP errors.
    """
    try:
        data, content_type = _fetch(url, max_bytes=max_bytes, timeout=timeout)
        doc_format = _url_format(url, content_type, data[:HEAD_BYTES])
        options = ReadOptions(
            origin=url, period=period, encoding=encoding, content_type=content_type
        )
        return READERS[doc_format](data, options)
    except IngestError as err:
        if err.path:
            raise
        raise IngestError(err.reason, err.detail, path=url) from err


def _size_detail(size: int, max_bytes: int) -> str:
    return f"{size:,} bytes is over the limit of {max_bytes:,}; raise it with --max-bytes"


def _read_bytes(path: Path, *, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IngestError("unsupported", "a folder, not a file")
        if size > max_bytes:
            raise IngestError("too-large", _size_detail(size, max_bytes))
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise IngestError("not-found", "no such file") from err
    except OSError as err:
        raise IngestError("unreadable", f"cannot read it: {err.strerror or err}") from err
    if len(data) > max_bytes:  # grew since stat
        raise IngestError("too-large", _size_detail(len(data), max_bytes))
    if not data.strip():
        raise IngestError("empty", "the file is empty" if not data else "only white space")
    return data


def _fetch(url: str, *, max_bytes: int, timeout: float) -> tuple[bytes, str | None]:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise IngestError("unsupported", f"only http and https URLs are fetched, not {scheme!r}")
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"watchfloor/{__version__}",
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
            "text/html;q=0.8, */*;q=0.5",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise IngestError("too-large", _size_detail(int(declared), max_bytes))
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as err:
        err.close()
        raise IngestError("fetch-failed", f"HTTP {err.code} {err.reason}") from err
    except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
        reason = getattr(err, "reason", None) or err
        raise IngestError("fetch-failed", f"cannot fetch it: {reason}") from err
    if len(data) > max_bytes:
        raise IngestError("too-large", f"the response is over the limit of {max_bytes:,} bytes")
    if not data.strip():
        raise IngestError("empty", "the response is empty")
    return data, content_type


def _url_format(url: str, content_type: str | None, head: bytes) -> DocFormat:
    sniffed = sniff_format(head)
    if sniffed:
        return sniffed
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    for marker, doc_format in _CONTENT_TYPES:
        if marker in media_type:
            return doc_format
    return detect_format(Path(PurePosixPath(urllib.parse.urlsplit(url).path).name or "page"), head)
