"""HTML pages: main text only, structure kept, metadata read, broken pages reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watchfloor.errors import IngestError
from watchfloor.ingest import read_file
from watchfloor.models import DocFormat

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def article_text() -> str:
    return read_file(DATA / "article.html")[0].text


def test_read_html_metadata() -> None:
    [document] = read_file(DATA / "article.html")
    assert document.format is DocFormat.HTML
    assert document.title == "Weekly Review of Jihadi Activity (July 12-18, 2018)"
    assert document.publisher == "Watchfloor Test Observatory"
    assert document.published == dt.date(2018, 7, 19)
    assert (document.period_start, document.period_end) == (
        dt.date(2018, 7, 12),
        dt.date(2018, 7, 18),
    )


@pytest.mark.parametrize(
    "marker",
    [
        "SCRIPT-TEXT",
        "SCRIPT2-TEXT",
        "SHARE-TEXT",
        "PRINT-TEXT",
        "HIDDEN-TEXT",
        "NOSCRIPT-TEXT",
        "SIDEBAR-TEXT",
        "FOOTER-TEXT",
        "About us",
        "font-family",
    ],
)
def test_read_html_drops_page_furniture(article_text: str, marker: str) -> None:
    assert marker not in article_text


def test_read_html_keeps_structure(article_text: str) -> None:
    assert article_text.startswith("Weekly Review of Jihadi Activity (July 12-18, 2018)\n\n")
    assert (
        "\n\nMain events of the week\n\n• Gunmen attacked a checkpoint near Baiji" in article_text
    )
    assert "(Al-Sumaria, July 13, 2018).\n• A car bomb exploded in Idlib city" in article_text
    assert (
        "\n\nSalah al-Din Province\n\nIraqi forces searched villages east of Tikrit after reports"
        in (article_text)
    )
    assert "Map of the area east of Tikrit (Google Maps)" in article_text


def test_read_html_ordered_list_numbers_items(tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    path.write_text(
        "<html><body><main><p>Incidents:</p><ol><li>First clash near Hit.</li>"
        "<li>Second clash near Haditha.</li></ol></main></body></html>",
        encoding="utf-8",
    )
    text = read_file(path)[0].text
    assert "1. First clash near Hit.\n2. Second clash near Haditha." in text


def test_read_html_unlabelled_menu_of_links_dropped(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    links = "".join(f'<a href="/s{n}">Section {n}</a> ' for n in range(6))
    path.write_text(
        f"<html><body><div>{links}</div><p>A shell landed in Jisr al-Shughur.</p></body></html>",
        encoding="utf-8",
    )
    text = read_file(path)[0].text
    assert text == "A shell landed in Jisr al-Shughur."


def test_read_html_layout_class_on_content_is_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "layout.html"
    path.write_text(
        '<html><body><div class="content has-sidebar"><p>Fighting near Manbij went on for '
        'a third day.</p></div><div class="sidebar">Popular</div></body></html>',
        encoding="utf-8",
    )
    assert read_file(path)[0].text == "Fighting near Manbij went on for a third day."


def test_read_html_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes(
        '<html><head><meta charset="windows-1252"><title>Rapport d’Abéché</title></head>'
        "<body><p>Une attaque près d’Abéché.</p></body></html>".encode("cp1252")
    )
    [document] = read_file(path)
    assert document.title == "Rapport d’Abéché"
    assert "près d’Abéché" in document.text


def test_read_html_title_from_h1_when_no_title(tmp_path: Path) -> None:
    path = tmp_path / "h1.html"
    path.write_text("<html><body><h1>Daily notes</h1><p>Quiet day in Homs.</p></body></html>")
    assert read_file(path)[0].title == "Daily notes"


def test_read_malformed_html_recovers() -> None:
    [document] = read_file(DATA / "malformed.html")
    assert document.title == "Unclosed page"
    assert document.text == (
        "Clashes went on near Hawija for a second day\n\n"
        "Two fighters were killed (Rudaw, May 2, 2019)."
    )


def test_read_truncated_html_is_bad_html() -> None:
    with pytest.raises(IngestError) as info:
        read_file(DATA / "truncated.html")
    assert info.value.reason == "bad-html"


def test_read_html_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "scripts.html"
    path.write_text("<html><body><script>var a = 1;</script><nav>Home</nav></body></html>")
    with pytest.raises(IngestError) as info:
        read_file(path)
    assert info.value.reason == "empty"


def test_read_html_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<p>Start of the report.</p>" + "<div>" * 20_000 + "deep")
    assert read_file(path)[0].text.startswith("Start of the report.")


def test_read_html_long_runs_of_spaces_stay_fast(tmp_path: Path) -> None:
    path = tmp_path / "spaces.html"
    path.write_text("<pre>" + " " * 300_000 + "x</pre><p>After the block.</p>", encoding="utf-8")
    assert read_file(path)[0].text == "x\n\nAfter the block."


def test_read_html_teaser_article_is_not_the_main_text(tmp_path: Path) -> None:
    path = tmp_path / "teaser.html"
    body = " ".join(["Militants attacked a convoy on the road to Palmyra."] * 10)
    path.write_text(
        f"<html><body><div id='story'><p>{body}</p></div>"
        "<div class='rail'><article><p>Other story</p></article></div></body></html>",
        encoding="utf-8",
    )
    assert read_file(path)[0].text.startswith("Militants attacked a convoy")
