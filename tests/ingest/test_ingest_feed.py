"""RSS and Atom feeds from files and from a real local HTTP server."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from watchfloor.errors import IngestError
from watchfloor.ingest import read_file, read_url
from watchfloor.models import DocFormat

DATA = Path(__file__).resolve().parent.parent / "data"


def test_read_rss_file_one_document_per_item() -> None:
    documents = read_file(DATA / "feed.rss")
    assert [document.format for document in documents] == [DocFormat.FEED] * 2
    first, second = documents
    assert first.title == "Attack on a checkpoint near Samarra"
    assert first.publisher == "Watchfloor Test Wire"
    assert first.origin == "https://wire.example/2019/03/samarra"
    assert first.published == dt.date(2019, 3, 12)
    assert first.items[0].date == dt.date(2019, 3, 12)
    assert first.items[0].ref == "https://wire.example/2019/03/samarra"
    assert first.text == (
        "Attack on a checkpoint near Samarra\n\n"
        "SAMARRA, March 12 (Test Wire) - Gunmen attacked a checkpoint north of Samarra "
        "overnight, killing two policemen.\n\nNo group claimed the attack."
    )
    assert second.published == dt.date(2019, 3, 13)
    assert first.id != second.id


def test_read_atom_file_period_from_entry_title() -> None:
    [document] = read_file(DATA / "feed.atom")
    assert document.published == dt.date(2020, 8, 2)
    assert (document.period_start, document.period_end) == (
        dt.date(2020, 7, 27),
        dt.date(2020, 8, 2),
    )
    assert "\n\n• Clashes broke out near Ain Issa (Hawar News, July 28, 2020).\n• A drone" in (
        document.text
    )
    assert document.origin == f"{DATA / 'feed.atom'}#urn:watchfloor:test-atom:1"


def test_read_broken_feed() -> None:
    with pytest.raises(IngestError) as info:
        read_file(DATA / "broken.xml")
    assert info.value.reason == "bad-feed"


def test_read_feed_without_entries_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "quiet.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
        encoding="utf-8",
    )
    with pytest.raises(IngestError) as info:
        read_file(path)
    assert info.value.reason == "empty"


def test_read_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "table.xml"
    path.write_text('<?xml version="1.0"?><table><row>1</row></table>', encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_file(path)
    assert info.value.reason == "bad-feed"


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/feed": ("application/rss+xml", (DATA / "feed.rss").read_bytes()),
        "/atom.xml": ("text/plain", (DATA / "feed.atom").read_bytes()),
        "/page": ("text/html; charset=utf-8", (DATA / "article.html").read_bytes()),
        "/big": ("application/rss+xml", b"<rss>" + b" " * 5000 + b"</rss>"),
        "/broken": ("application/rss+xml", (DATA / "broken.xml").read_bytes()),
    }

    def do_GET(self) -> None:
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        content_type, body = route
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_read_url_feed(server_url: str) -> None:
    documents = read_url(f"{server_url}/feed")
    assert [document.title for document in documents] == [
        "Attack on a checkpoint near Samarra",
        "Roadside bomb in Daraa",
    ]
    assert documents == read_file(DATA / "feed.rss")


def test_read_url_sniffs_feed_despite_content_type(server_url: str) -> None:
    [document] = read_url(f"{server_url}/atom.xml")
    assert document.format is DocFormat.FEED
    assert document.origin == f"{server_url}/atom.xml#urn:watchfloor:test-atom:1"


def test_read_url_html_page(server_url: str) -> None:
    [document] = read_url(f"{server_url}/page")
    assert document.format is DocFormat.HTML
    assert document.origin == f"{server_url}/page"
    assert document.text == read_file(DATA / "article.html")[0].text


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "fetch-failed"), ("/big", "too-large"), ("/broken", "bad-feed")],
)
def test_read_url_failures(server_url: str, path: str, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        read_url(f"{server_url}{path}", max_bytes=1000)
    assert info.value.reason == reason
    assert info.value.path == f"{server_url}{path}"


def test_read_url_404_detail(server_url: str) -> None:
    with pytest.raises(IngestError) as info:
        read_url(f"{server_url}/missing")
    assert info.value.detail == "HTTP 404 Not Found"


def test_read_url_refused_connection() -> None:
    with http.server.HTTPServer(("127.0.0.1", 0), _Handler) as closed:
        port = closed.server_address[1]
    with pytest.raises(IngestError) as info:
        read_url(f"http://127.0.0.1:{port}/feed", timeout=5)
    assert info.value.reason == "fetch-failed"


def test_read_url_only_http() -> None:
    with pytest.raises(IngestError) as info:
        read_url(f"file://{DATA / 'feed.rss'}")
    assert info.value.reason == "unsupported"
