"""Plain text and Markdown, normalisation, ids, encodings and the bad-input cases."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from watchfloor.errors import IngestError
from watchfloor.ingest import (
    READ_REASONS,
    READERS,
    detect_format,
    document_id,
    normalise_text,
    read_file,
)
from watchfloor.models import DocFormat

DATA = Path(__file__).resolve().parent.parent / "data"


def read_error(path: Path, **kwargs: object) -> IngestError:
    with pytest.raises(IngestError) as info:
        read_file(path, **kwargs)  # type: ignore[arg-type]
    assert info.value.reason in READ_REASONS
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: {info.value.reason}: ")
    return info.value


def test_readers_cover_every_format() -> None:
    assert set(READERS) == set(DocFormat)


def test_read_text_bulletin() -> None:
    [document] = read_file(DATA / "bulletin.txt")
    assert document.format is DocFormat.TEXT
    assert document.title.startswith("Watchfloor Test Centre – Weekly Review")
    assert document.publisher == "Watchfloor Test Centre"
    assert (document.period_start, document.period_end) == (
        dt.date(2021, 3, 4),
        dt.date(2021, 3, 10),
    )
    assert document.origin == str(DATA / "bulletin.txt")
    assert document.name == "bulletin.txt"
    assert "\nNineveh Province\n  • On March 6, 2021" in document.text
    assert document.id == document_id(document.text)
    assert len(document.id) == 16


def test_read_markdown_title_from_heading() -> None:
    [document] = read_file(DATA / "bulletin.md")
    assert document.format is DocFormat.MARKDOWN
    assert document.title == "Weekly Review of Jihadi Activity (Jan. 28 – Feb. 3, 2022)"
    assert document.period_start == dt.date(2022, 1, 28)
    assert document.period_end == dt.date(2022, 2, 3)
    assert "### Deir ez-Zor Province" in document.text


def test_read_text_period_option_used_when_title_has_none(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Notes on Raqqa\n\nA mine exploded near Raqqa.\n", encoding="utf-8")
    period = (dt.date(2019, 5, 1), dt.date(2019, 5, 7))
    [document] = read_file(path, period=period)
    assert (document.period_start, document.period_end) == period
    [without] = read_file(path)
    assert without.period_start is None


def test_read_text_title_period_wins_over_option() -> None:
    [document] = read_file(DATA / "bulletin.txt", period=(dt.date(2000, 1, 1), dt.date(2000, 1, 7)))
    assert document.period_start == dt.date(2021, 3, 4)


def test_read_text_same_content_same_id_changed_content_new_id(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_bytes(b"Title\r\n\r\nA line with trailing spaces   \r\n")
    second.write_bytes(b"Title\n\nA line with trailing spaces\n\n\n")
    assert read_file(first)[0].id == read_file(second)[0].id
    second.write_bytes(b"Title\n\nA changed line\n")
    assert read_file(first)[0].id != read_file(second)[0].id


def test_normalise_text_rules() -> None:
    raw = "Cafe\u0301 \u200bzero\u200dwidth\ufeff \u200fmark\r\nline  \r\n\n\n\n\n\nend\x07\f"
    text = normalise_text(raw)
    assert text == "Café zerowidth \u200fmark\nline\n\n\nend"
    assert unicodedata.is_normalized("NFC", text)
    assert normalise_text(text) == text


def test_normalise_text_keeps_indentation_and_bullets() -> None:
    assert normalise_text("  • one\n  • two\n") == "  • one\n  • two"


def test_read_latin1_text_falls_back_to_cp1252() -> None:
    [document] = read_file(DATA / "latin1.txt")
    assert document.title == "Café attack in Bouaké – résumé of the week"
    assert "“two killed”" in document.text


def test_read_utf16_with_bom() -> None:
    [document] = read_file(DATA / "utf16.txt")
    assert document.title == "Report from Raşidiye"
    assert "(Anadolu, April 2, 2019)" in document.text


def test_read_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeading with BOM\n\nBody.\n".encode())
    [document] = read_file(path)
    assert document.title == "Heading with BOM"
    assert not document.text.startswith("\ufeff")


def test_read_invalid_utf8_is_not_utf8_with_advice() -> None:
    err = read_error(DATA / "invalid_utf8.txt")
    assert err.reason == "not-utf8"
    assert "--encoding" in err.detail


def test_read_other_code_page_is_not_mistaken_for_latin1() -> None:
    err = read_error(DATA / "cyrillic_cp1251.txt")
    assert err.reason == "not-utf8"
    [document] = read_file(DATA / "cyrillic_cp1251.txt", encoding="cp1251")
    assert document.title == "Сводка за неделю"


def test_read_utf16_without_bom_names_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes("Report without a byte-order mark\n\nText.\n".encode("utf-16-le"))
    err = read_error(path)
    assert err.reason == "not-utf8"
    assert "--encoding utf-16-le" in err.detail
    assert read_file(path, encoding="utf-16-le")[0].title == "Report without a byte-order mark"


def test_read_unknown_encoding_name() -> None:
    assert read_error(DATA / "bulletin.txt", encoding="no-such-codec").reason == "unknown-encoding"


def test_read_wrong_encoding_name() -> None:
    assert read_error(DATA / "utf16.txt", encoding="ascii").reason == "bad-encoding"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.dat", "binary"),
    ],
)
def test_read_bad_input(name: str, reason: str) -> None:
    assert read_error(DATA / name).reason == reason


def test_read_binary_with_text_suffix(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"Looks like text\x00\x00\x01\x02" * 50)
    assert read_error(path).reason == "binary"


def test_read_image_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert read_error(path).reason == "binary"


def test_read_word_document_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    err = read_error(path)
    assert err.reason == "unsupported"
    assert "save it as PDF or text" in err.detail


def test_read_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("A long line of text.\n" * 100, encoding="utf-8")
    err = read_error(path, max_bytes=1000)
    assert err.reason == "too-large"
    assert "2,100 bytes is over the limit of 1,000" in err.detail
    assert read_file(path, max_bytes=5000)


def test_read_missing_file(tmp_path: Path) -> None:
    assert read_error(tmp_path / "missing.txt").reason == "not-found"


def test_read_folder_is_unsupported(tmp_path: Path) -> None:
    assert read_error(tmp_path).reason == "unsupported"


def test_read_hostile_long_line(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("(" * 50_000 + "June 29 – " * 20_000 + "\n", encoding="utf-8")
    [document] = read_file(path)
    assert len(document.title) == 300
    assert document.period_start is None


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"Plain words", DocFormat.TEXT),
        ("a.TXT", b"Plain words", DocFormat.TEXT),
        ("a.md", b"# Heading", DocFormat.MARKDOWN),
        ("a.htm", b"<p>x</p>", DocFormat.HTML),
        ("a.pdf", b"%PDF-1.7", DocFormat.PDF),
        ("a.txt", b"%PDF-1.4 misnamed", DocFormat.PDF),
        ("result.json", b"{}", DocFormat.TELEGRAM),
        ("a.xml", b"<?xml version='1.0'?><rss>", DocFormat.FEED),
        ("noext", b"<?xml version='1.0'?>\n<feed xmlns='x'>", DocFormat.FEED),
        ("noext", b"<!DOCTYPE html><html>", DocFormat.HTML),
        ("noext", b'{"messages": []}', DocFormat.TELEGRAM),
        ("noext", b"Just a report", DocFormat.TEXT),
        ("noext", b"\xef\xbb\xbf<html><body>", DocFormat.HTML),
    ],
)
def test_detect_format(name: str, head: bytes, expected: DocFormat) -> None:
    assert detect_format(Path(name), head) is expected


def test_read_long_runs_of_spaces_stay_fast(tmp_path: Path) -> None:
    path = tmp_path / "spaces.txt"
    path.write_text("Title\n" + " " * 300_000 + "x\n" + "\t " * 100_000 + "y\n", encoding="utf-8")
    [document] = read_file(path)
    assert document.text.endswith("x\n" + "\t " * 100_000 + "y")
