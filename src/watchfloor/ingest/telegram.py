"""Telegram Desktop exports (``result.json``): one Document per chat, one DocItem per message."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from watchfloor.errors import IngestError
from watchfloor.ingest.base import ReadOptions, clean_title, make_document, normalise_text
from watchfloor.ingest.encoding import decode_text
from watchfloor.models import DocFormat, DocItem, Document

MESSAGE_SEPARATOR = "\n\n"


def read_telegram(data: bytes, options: ReadOptions) -> list[Document]:
    """Read a single-chat export (``{"name", "messages": [...]}``) or a full-account export
    (``{"chats": {"list": [...]}}``): one Document per chat that has text messages.

    Message text comes from ``text_entities`` (else the ``text`` string or list); service
    messages and messages without text (a photo with no caption) are skipped.
    Reasons: ``bad-json``, ``not-telegram-export``, ``empty``.
    """
    export = _load_json(data, options)
    chats = _chats(export)
    documents: list[Document] = []
    for chat in chats:
        origin = options.origin
        if len(chats) > 1:
            origin = f"{options.origin}#{chat.get('id', len(documents) + 1)}"
        document = _read_chat(chat, origin=origin, options=options)
        if document is not None:
            documents.append(document)
    if not documents:
        raise IngestError("empty", "the export holds no messages with text")
    return documents


def _load_json(data: bytes, options: ReadOptions) -> Any:
    text = decode_text(data, encoding=options.encoding)
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise IngestError(
            "bad-json", f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from err
    except RecursionError as err:
        raise IngestError("bad-json", "JSON nested too deeply") from err


def _chats(export: Any) -> list[Mapping[str, Any]]:
    advice = "expected a Telegram Desktop export (result.json with 'messages' or 'chats')"
    if not isinstance(export, dict):
        raise IngestError("not-telegram-export", f"top level is not an object; {advice}")
    if isinstance(export.get("messages"), list):
        chats: list[Any] = [export]
    elif isinstance(export.get("chats"), dict) and isinstance(export["chats"].get("list"), list):
        chats = list(export["chats"]["list"])
        left = export.get("left_chats")
        if isinstance(left, dict) and isinstance(left.get("list"), list):
            chats.extend(left["list"])
    else:
        raise IngestError("not-telegram-export", f"no 'messages' list; {advice}")
    for chat in chats:
        messages = chat.get("messages") if isinstance(chat, dict) else None
        if not isinstance(messages, list) or not all(
            isinstance(message, dict) and "id" in message for message in messages
        ):
            raise IngestError("not-telegram-export", f"a chat has malformed messages; {advice}")
    return chats


def message_text(message: Mapping[str, Any]) -> str:
    """The text of one message from its entity list (or its ``text`` field)."""
    entities = message.get("text_entities")
    if isinstance(entities, list):
        return "".join(
            entity["text"]
            for entity in entities
            if isinstance(entity, dict) and isinstance(entity.get("text"), str)
        )
    text = message.get("text")
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        parts: list[str] = []
        for part in text:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
        return "".join(parts)
    return ""


def message_date(message: Mapping[str, Any]) -> dt.date | None:
    """The day a message was sent: ``date`` (ISO, local time) or ``date_unixtime`` (UTC)."""
    value = message.get("date")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    stamp = message.get("date_unixtime")
    if isinstance(stamp, str | int) and str(stamp).isdigit():
        return dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date()
    return None


def _read_chat(chat: Mapping[str, Any], *, origin: str, options: ReadOptions) -> Document | None:
    parts: list[str] = []
    items: list[DocItem] = []
    offset = 0
    for message in chat["messages"]:
        if message.get("type", "message") != "message":
            continue
        text = normalise_text(message_text(message))
        if not text.strip():
            continue
        if parts:
            offset += len(MESSAGE_SEPARATOR)
        items.append(
            DocItem(offset, offset + len(text), message_date(message), ref=str(message["id"]))
        )
        parts.append(text)
        offset += len(text)
    if not parts:
        return None
    name = chat.get("name")
    title = clean_title(name if isinstance(name, str) else None) or "Telegram export"
    dates = [item.date for item in items if item.date]
    period = options.period or ((min(dates), max(dates)) if dates else None)
    return make_document(
        MESSAGE_SEPARATOR.join(parts),
        title=title,
        doc_format=DocFormat.TELEGRAM,
        origin=origin,
        publisher=title if title != "Telegram export" else None,
        published=max(dates) if dates else None,
        period=period,
        items=items,
    )
