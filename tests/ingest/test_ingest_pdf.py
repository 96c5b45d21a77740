"""PDF: the text layer; truncated, non-PDF and scanned files fail with a clear reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watchfloor.errors import IngestError
from watchfloor.ingest import read_file
from watchfloor.models import DocFormat

DATA = Path(__file__).resolve().parent.parent / "data"


def reason_for(path: Path) -> str:
    with pytest.raises(IngestError) as info:
        read_file(path)
    assert info.value.path == str(path)
    return info.value.reason


def test_read_pdf_text_layer_and_metadata() -> None:
    [document] = read_file(DATA / "report.pdf")
    assert document.format is DocFormat.PDF
    assert document.title == "Weekly Review of Jihadi Activity (April 8 - 14, 2019)"
    assert (document.period_start, document.period_end) == (
        dt.date(2019, 4, 8),
        dt.date(2019, 4, 14),
    )
    assert "Gunmen attacked a police post west of Kirkuk." in document.text
    assert document.published == dt.date(2019, 4, 9)  # dateline "KIRKUK, April 9 (Test Wire) -"
    assert document.publisher == "Test Wire"


def test_read_truncated_pdf() -> None:
    assert reason_for(DATA / "truncated.pdf") == "bad-pdf"


def test_read_pdf_without_text_layer() -> None:
    with pytest.raises(IngestError) as info:
        read_file(DATA / "scan.pdf")
    assert info.value.reason == "no-text-layer"
    assert "OCR" in info.value.detail


def test_read_pdf_suffix_on_other_content(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_text("<html><body>Not found</body></html>", encoding="utf-8")
    assert reason_for(path) == "bad-pdf"


def test_read_pdf_damaged_body(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"garbage " * 200 + b"\n%%EOF\n")
    assert reason_for(path) == "bad-pdf"


def test_read_pdf_rendered_by_weasyprint(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    html = (
        "<html><head><title>Field report (May 3 – 9, 2021)</title></head><body>"
        "<h1>Field report</h1><p>An improvised device exploded near Baqubah.</p></body></html>"
    )
    path = tmp_path / "rendered.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    [document] = read_file(path)
    assert document.title == "Field report (May 3 – 9, 2021)"
    assert document.period_start == dt.date(2021, 5, 3)
    assert "An improvised device exploded near Baqubah." in document.text
