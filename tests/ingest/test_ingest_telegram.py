"""Telegram Desktop exports: one Document per chat, one dated item per message."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from watchfloor.errors import IngestError
from watchfloor.ingest import read_file
from watchfloor.models import DocFormat

DATA = Path(__file__).resolve().parent.parent / "data"


def test_read_telegram_channel_export() -> None:
    [document] = read_file(DATA / "telegram" / "result.json")
    assert document.format is DocFormat.TELEGRAM
    assert document.title == "Watchfloor Test Channel"
    assert document.publisher == "Watchfloor Test Channel"
    assert [(item.ref, item.date) for item in document.items] == [
        ("102", dt.date(2020, 2, 14)),
        ("104", dt.date(2020, 2, 16)),
    ]
    first, second = (document.text[item.start : item.end] for item in document.items)
    assert first == "Clashes near Saraqib this morning; two fighters killed."
    assert (
        second == "A drone strike hit a vehicle west of Aleppo.\nThree people were wounded. #Aleppo"
    )
    assert (document.period_start, document.period_end) == (
        dt.date(2020, 2, 14),
        dt.date(2020, 2, 16),
    )
    assert document.published == dt.date(2020, 2, 16)


def test_read_telegram_text_list_without_entities(tmp_path: Path) -> None:
    export = {
        "name": "Old export",
        "type": "public_channel",
        "messages": [
            {
                "id": 7,
                "type": "message",
                "date": "2018-01-05T09:00:00",
                "text": ["Shelling hit ", {"type": "link", "text": "Afrin"}, " at dawn."],
            }
        ],
    }
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    [document] = read_file(path)
    assert document.text == "Shelling hit Afrin at dawn."
    assert document.items[0].date == dt.date(2018, 1, 5)


def test_read_telegram_full_export_one_document_per_chat(tmp_path: Path) -> None:
    def chat(chat_id: int, text: str) -> dict[str, object]:
        message = {"id": 1, "type": "message", "date_unixtime": "1581675665", "text": text}
        return {"id": chat_id, "name": f"Chat {chat_id}", "messages": [message]}

    export = {"about": "full export", "chats": {"list": [chat(1, "One."), chat(2, "Two.")]}}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    documents = read_file(path)
    assert [document.title for document in documents] == ["Chat 1", "Chat 2"]
    assert [document.origin for document in documents] == [f"{path}#1", f"{path}#2"]
    assert documents[0].items[0].date == dt.date(2020, 2, 14)


@pytest.mark.parametrize(
    ("name", "reason"),
    [("broken.json", "bad-json"), ("not_telegram.json", "not-telegram-export")],
)
def test_read_telegram_bad_input(name: str, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        read_file(DATA / name)
    assert info.value.reason == reason


def test_read_telegram_bad_json_names_the_place() -> None:
    with pytest.raises(IngestError) as info:
        read_file(DATA / "broken.json")
    assert "line 1, column" in info.value.detail


def test_read_telegram_export_without_text(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Photos", "messages": [{"id": 1, "photo": "a.jpg"}]}))
    with pytest.raises(IngestError) as info:
        read_file(path)
    assert info.value.reason == "empty"


def test_read_telegram_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(IngestError) as info:
        read_file(path)
    assert info.value.reason == "bad-json"
