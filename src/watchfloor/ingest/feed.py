"""RSS and Atom feeds (feedparser): each entry one Document with one dated DocItem."""

from __future__ import annotations

import datetime as dt
import io
import time
import warnings
from collections.abc import Mapping
from typing import Any

import feedparser

from watchfloor.errors import IngestError
from watchfloor.ingest.base import ReadOptions, clean_title, make_document, normalise_text
from watchfloor.ingest.html import html_fragment_to_text
from watchfloor.ingest.meta import publisher_from_title
from watchfloor.ingest.period import find_period
from watchfloor.models import DocFormat, DocItem, Document


def read_feed(data: bytes, options: ReadOptions) -> list[Document]:
    """One Document per entry: its title, then its content (HTML reduced to text).

    ``published`` and the single DocItem carry the entry's published (else updated) date.
    The origin is the entry's link, else ``<feed origin>#<entry id or number>``.
    Reasons: ``bad-feed`` (not a feed, or broken before any entry), ``empty`` (no entries).
    """
    headers = {"content-type": options.content_type} if options.content_type else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # A stream, never bytes or str: feedparser would try a str (or bytes) as a file name.
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            detail = f" ({problem})" if problem else ""
            raise IngestError("bad-feed", f"not a readable RSS or Atom feed{detail}")
        raise IngestError("empty", "the feed has no entries")
    feed_info = parsed.get("feed") or {}
    feed_title = clean_title(feed_info.get("title"))
    documents = []
    for number, entry in enumerate(entries, start=1):
        document = _read_entry(entry, number=number, feed_title=feed_title, options=options)
        if document is not None:
            documents.append(document)
    if not documents:
        raise IngestError("empty", "no feed entry has any text")
    return documents


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _entry_body(entry: Mapping[str, Any]) -> str:
    contents = entry.get("content")
    if isinstance(contents, list):
        values = [part.get("value", "") for part in contents if isinstance(part, Mapping)]
        body = "\n\n".join(value for value in values if value)
        if body.strip():
            return body
    return str(entry.get("summary") or "")


def _read_entry(
    entry: Mapping[str, Any], *, number: int, feed_title: str | None, options: ReadOptions
) -> Document | None:
    title = clean_title(html_fragment_to_text(str(entry.get("title") or "")))
    body = html_fragment_to_text(_entry_body(entry))
    text = normalise_text("\n\n".join(part for part in (title, body) if part))
    if not text.strip():
        return None
    published = _entry_date(entry)
    link = entry.get("link")
    ref = link if isinstance(link, str) and link.startswith(("http://", "https://")) else None
    entry_id = entry.get("id")
    origin = ref or f"{options.origin}#{entry_id or number}"
    title = title or clean_title(text.split("\n", 1)[0]) or origin
    return make_document(
        text,
        title=title,
        doc_format=DocFormat.FEED,
        origin=origin,
        publisher=feed_title or publisher_from_title(title),
        published=published,
        period=find_period([title]) or options.period,
        items=(DocItem(0, len(text), published, ref=ref or (str(entry_id) if entry_id else None)),),
    )
