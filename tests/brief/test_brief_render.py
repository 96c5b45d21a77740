"""The weekly brief rendered from a real SQLite file: structure, citations, safety, formats."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from pathlib import Path

import pytest
import typer
from lxml import etree, html
from typer.testing import CliRunner

from watchfloor.brief import build_brief, render_brief, week_containing
from watchfloor.cli.brief import register
from watchfloor.models import (
    DocFormat,
    Document,
    DocumentTree,
    Event,
    PersonMention,
    Source,
    Statistic,
)
from watchfloor.store import Store

WEEK = dt.date(2020, 2, 13)
HOSTILE = "<script>alert('x')</script></svg>\"'\u202eevil"


def _tree(name: str, start: dt.date, end: dt.date) -> DocumentTree:
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    document = Document(
        id=digest, text=f"text of {name}", title=name, format=DocFormat.TEXT,
        origin=f"/data/{name}", period_start=start, period_end=end,
    )  # fmt: skip
    return DocumentTree(document=document, sections=(), blocks=(), sentences=())


def _event(n: int, day: int, month: int = 2, **fields: object) -> Event:
    base: dict[str, object] = dict(
        id=f"wk#{n}", doc="wk.txt", evidence=f"Sentence {n}.",
        event_date=dt.date(2020, month, day), time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Islamic State", country="Syria",
        admin1="Deir ez-Zor", latitude=35.0, longitude=40.4,
        sources=(Source("Telegram", dt.date(2020, month, day)),),
    )  # fmt: skip
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def _week_events() -> list[Event]:
    return [
        _event(1, 14, event_type="Explosions/Remote violence", sub_event_type="Suicide bomb",
               country="Iraq", admin1="Diyala", latitude=33.75, longitude=44.6, killed=30,
               fatalities=30, location_text="Baqubah"),  # A: 30 + new area 10 = 40
        _event(2, 14, killed=5, fatalities=5, claimed_by="Islamic State",
               location_text="Al-Mayadeen", anchor="Al-Mayadeen", distance_km=14, bearing="N",
               casualty_qualifier="at least",
               sources=(Source("Telegram", dt.date(2020, 2, 14)),
                        Source("Al-Sumaria", dt.date(2020, 2, 15)))),  # B: 5
        _event(3, 16, event_type="Strategic developments",
               sub_event_type="Government regains territory", actor1="Syrian Arab Army",
               actor2="Hay'at Tahrir al-Sham", admin1="Aleppo", latitude=36.2, longitude=37.0,
               location_text="Anjara"),  # C: territory 15
        _event(4, 17, event_type="Explosions/Remote violence",
               sub_event_type="Remote explosive/landmine/IED", actor1_unit="Sinai Province",
               country="Egypt", admin1="North Sinai", latitude=31.1, longitude=33.8, killed=1,
               fatalities=1, claimed_by="Islamic State",
               location_text="Al-Arish"),  # D: 1 + new area 10 + abroad 15 = 26
        _event(5, 15, event_type="Strategic developments",
               sub_event_type="Change to group/activity", location_text="Al-Mayadeen",
               people=(PersonMention("Abu Example", role="emir of the province",
                                     fate="appointed"),)),  # E: leadership 20
        _event(6, 18, event_type="Strategic developments", sub_event_type="Arrests",
               actor1="Iraqi Army", actor2="Islamic State", country="Iraq", admin1="Diyala",
               latitude=33.7, longitude=44.7, location_text="Khanaqin"),  # F: 0
        _event(7, 13, event_type="Violence against civilians", sub_event_type="Attack",
               actor1=HOSTILE, actor2="Civilians", location_text=HOSTILE, killed=2,
               fatalities=2),  # G: 2
    ]  # fmt: skip


RANKED = ["wk#1", "wk#4", "wk#5", "wk#3", "wk#2", "wk#7"]


@pytest.fixture()
def store(db_path: Path) -> Store:
    store = Store.open(db_path)
    history = _tree("old.txt", dt.date(2020, 1, 30), dt.date(2020, 2, 5))
    store.save_document(history, events=[
        Event(id="old#1", doc="old.txt", evidence="Earlier.", event_date=dt.date(2020, 1, 30),
              time_precision=1, event_type="Battles", sub_event_type="Armed clash",
              actor1="Islamic State", country="Syria", admin1="Deir ez-Zor",
              sources=(Source("Telegram", dt.date(2020, 1, 30)),)),
        Event(id="old#2", doc="old.txt", evidence="Earlier.", event_date=dt.date(2020, 2, 1),
              time_precision=1, event_type="Strategic developments",
              sub_event_type="Government regains territory", actor1="Syrian Arab Army",
              country="Syria", admin1="Aleppo"),
    ])  # fmt: skip
    statistic = Statistic(
        doc="wk.txt", evidence="ISIS claimed 20 attacks.", claimant="Islamic State",
        period_start=WEEK, period_end=WEEK + dt.timedelta(days=6), metric="attacks claimed",
        value=20, unit="attacks",
    )  # fmt: skip
    store.save_document(
        _tree("wk.txt", WEEK, WEEK + dt.timedelta(days=6)),
        events=_week_events(),
        statistics=[statistic],
    )
    return store


def _page(store: Store) -> tuple[str, html.HtmlElement]:
    text = render_brief(store, week_start=WEEK, fmt="html")
    assert isinstance(text, str)
    return text, html.fromstring(text)


def test_brief_main_events_ranked_by_score(store: Store) -> None:
    _, page = _page(store)
    items = page.xpath('//section[@id="main-events"]/ol/li[@class="statement"]')
    assert [li.get("data-incident") for li in items] == RANKED
    assert [int(li.get("data-rank")) for li in items] == list(range(1, 7))
    scores = [float(li.get("data-score")) for li in items]
    assert scores == [40.0, 26.0, 20.0, 15.0, 5.0, 2.0]


def test_brief_sections_and_provinces_in_date_order(store: Store) -> None:
    _, page = _page(store)
    theatres = page.xpath('//section[@class="theatre"]')
    assert [t.xpath("string(h2)") for t in theatres] == ["Syria", "Iraq", "North Africa"]
    syria = theatres[0]
    provinces = syria.xpath('section[@class="province"]')
    assert [p.xpath("string(h3)") for p in provinces] == ["Aleppo", "Deir ez-Zor"]
    deir = provinces[1].xpath('p[@class="statement"]')
    refs = [p.xpath('string(.//a[@class="ref"]/@title)') for p in deir]
    assert refs == ["event wk#7", "event wk#2", "event wk#5"]  # 13th, 14th, 15th
    abroad = theatres[2].xpath("string(section/h3)")
    assert abroad == "North Sinai (Egypt)"


def test_brief_every_statement_has_one_citation_group(store: Store) -> None:
    _, page = _page(store)
    statements = page.xpath('//*[contains(concat(" ", @class, " "), " statement ")]')
    assert len(statements) >= 7 + 6 + 2
    ids = set(page.xpath("//@id"))
    for statement in statements:
        cites = statement.xpath('.//span[@class="cite"]')
        assert len(cites) == 1
        assert re.match(r"^\([^()]+\)", cites[0].text_content())
        targets = statement.xpath('.//a[@class="ref"]/@href')
        assert targets and all(t[1:] in ids for t in targets)


def test_brief_statement_wording_from_fields(store: Store) -> None:
    _, page = _page(store)
    texts = [p.text_content() for p in page.xpath('//p[@class="statement"]')]
    b = next(t for t in texts if "14 km north of Al-Mayadeen" in t)
    assert b.startswith("On February 14, 2020, 14 km north of Al-Mayadeen, Islamic State")
    assert "at least 5 killed, according to a claim by Islamic State" in b
    assert "(Telegram, February 14, 2020; Al-Sumaria, February 15, 2020)" in b
    assert any("Abu Example (emir of the province), appointed" in t for t in texts)
    assert any("Islamic State: attacks claimed: 20 attacks" in t for t in texts)


def test_brief_appendix_lists_every_event_of_the_week(store: Store) -> None:
    _, page = _page(store)
    listed = page.xpath('//section[@id="appendix"]//tr/@data-event-id')
    assert sorted(listed) == sorted(e.id for e in _week_events())
    assert "old#1" not in listed


def test_brief_requests_nothing_from_the_network(store: Store) -> None:
    _text, page = _page(store)
    assert not page.xpath("//script | //link | //iframe | //img | //object | //embed")
    for attr in page.xpath("//@src | //@href | //@*[local-name()='href']"):
        assert not attr.startswith(("http:", "https:", "//")), attr
    style = " ".join(page.xpath("//style/text()"))
    assert "@import" not in style and "url(" not in style


def test_brief_hostile_text_is_inert(store: Store) -> None:
    text, page = _page(store)
    assert "\u202e" not in text
    assert "<script" not in text.lower()
    assert not page.xpath("//script")
    svgs = re.findall(r"<svg .*?</svg>", text, flags=re.S)
    assert len(svgs) == 1 + 3 + 4  # overview, one per theatre, four charts
    for svg in svgs:
        etree.fromstring(svg.encode())  # every SVG is well-formed on its own
    markdown = render_brief(store, week_start=WEEK, fmt="md")
    assert isinstance(markdown, str)
    assert "<script" not in markdown and "\u202e" not in markdown
    assert "&lt;script&gt;" in markdown


def test_brief_markdown_footnotes_resolve(store: Store) -> None:
    markdown = render_brief(store, week_start=WEEK, fmt="md")
    assert isinstance(markdown, str)
    used = set(re.findall(r"\[\^(\w+)\](?!:)", markdown))
    defined = set(re.findall(r"^\[\^(\w+)\]:", markdown, flags=re.M))
    assert used and used <= defined
    assert "## Main events of the week" in markdown and "### Deir ez\\-Zor" not in markdown


def test_brief_pdf_has_pages(store: Store) -> None:
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    data = render_brief(store, week_start=WEEK, fmt="pdf")
    assert isinstance(data, bytes)
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    assert "Main events of the week" in reader.pages[0].extract_text()


def test_brief_merges_linked_reports_into_one_incident(store: Store) -> None:
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    if "incident_reports" not in tables:
        pytest.skip("no incident tables in this schema")
    with store.transaction() as conn:
        op = conn.execute(
            "INSERT INTO audit(actor, action, object_type) VALUES ('test', 'link', 'incident')"
        ).lastrowid
        incident = conn.execute("INSERT INTO incidents(created_op) VALUES (?)", (op,)).lastrowid
        for event_id in ("wk#2", "wk#7"):
            conn.execute(
                "INSERT INTO incident_reports(incident_id, event_id, event_rowid, document_id,"
                " score, method, created_op) SELECT ?, id, rowid, document_id, 1, 'manual', ?"
                " FROM events WHERE id = ?",
                (incident, op, event_id),
            )
    brief = build_brief(store, WEEK)
    merged = [i for t in brief.theatres for p in t.provinces for i in p.incidents
              if i.key.startswith("incident-")]  # fmt: skip
    assert len(merged) == 1
    assert [r.id for r in merged[0].statement.refs] == ["wk#2", "wk#7"]


def test_brief_week_containing_a_date() -> None:
    assert week_containing(dt.date(2020, 2, 13)) == dt.date(2020, 2, 10)
    assert week_containing(dt.date(2020, 2, 13), first_weekday=3) == WEEK


def test_brief_cli_writes_file_and_rejects_unknown_suffix(store: Store, tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    out = tmp_path / "brief.html"
    args = ["brief", "--db", str(store.path), "--week", "2020-02-13", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Main events of the week" in out.read_text(encoding="utf-8")
    result = runner.invoke(app, [*args[:-1], str(tmp_path / "brief.txt")])
    assert result.exit_code == 1
    assert "bad-format" in result.output
