"""Multi-document scenarios for incident resolution (real SQLite files, our own sentences)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from watchfloor.errors import ResolveError
from watchfloor.models import DocFormat, Document, DocumentTree, Event, Source
from watchfloor.resolve import (
    get_incident,
    incident_of_event,
    list_incidents,
    merge_incidents,
    merge_incidents_manual,
    move_report,
    split_incident,
    undo_operation,
)
from watchfloor.store import Store

DAY = dt.date(2020, 2, 14)
# Al-Tiyanah area, Deir ez-Zor (approximate), and points around it.
LAT, LON = 35.02, 40.45


def make_event(stem: str, n: int, **fields: Any) -> Event:
    base: dict[str, Any] = {
        "id": f"{stem}#{n}", "doc": f"{stem}.txt",
        "evidence": "An explosive device went off near a military vehicle in Al-Tiyanah.",
        "event_date": DAY, "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED", "actor1": "Unidentified Armed Group",
        "country": "Syria", "admin1": "Deir ez-Zor", "location_text": "Al-Tiyanah",
        "geo_precision": 1, "latitude": LAT, "longitude": LON,
    }  # fmt: skip
    base.update(fields)
    return Event(**base)


def save(store: Store, stem: str, *events: Event) -> None:
    text = " ".join(e.evidence for e in events) or stem
    document = Document(
        id=hashlib.sha256(f"{stem}:{text}".encode()).hexdigest()[:16], text=text, title=stem,
        format=DocFormat.TEXT, origin=f"/reports/{stem}.txt",
    )  # fmt: skip
    tree = DocumentTree(document=document, sections=(), blocks=(), sentences=())
    store.save_document(tree, events=events, producer="test")


def claim_and_news(store: Store) -> None:
    save(store, "telegram-0215", make_event(
        "telegram-0215", 1,
        evidence="ISIS claimed that its fighters blew up an IED on an SDF vehicle near "
        "Al-Tiyanah, killing 16 members.",
        actor1="Islamic State", actor2="Syrian Democratic Forces", claimed_by="Islamic State",
        killed=16, fatalities=16, sources=(Source("Telegram", dt.date(2020, 2, 15)),),
    ))  # fmt: skip
    save(store, "news-0215", make_event(
        "news-0215", 1,
        evidence="A roadside bomb hit an SDF patrol in Al-Tiyanah, killing nine fighters and "
        "wounding four, a monitoring group said.",
        event_date=DAY - dt.timedelta(days=1), latitude=LAT + 0.02, longitude=LON + 0.01,
        actor2="Syrian Democratic Forces", killed=9, wounded=4, fatalities=9,
        sources=(Source("Syrian Observatory for Human Rights", dt.date(2020, 2, 15)),),
    ))  # fmt: skip


def test_incidents_claim_and_news_of_same_ied_merge_with_both_figures(db_path: Path) -> None:
    with Store.open(db_path) as store:
        claim_and_news(store)
        summary = merge_incidents(store)
        assert (summary.processed, summary.new_incidents, summary.linked) == (2, 1, 1)
        incident_id = incident_of_event(store, "telegram-0215#1")
        assert incident_id is not None
        assert incident_of_event(store, "news-0215#1") == incident_id
        view = get_incident(store, incident_id)
        figures = {f.event_id: f for f in view.figures}
        assert figures["telegram-0215#1"].is_claim and figures["telegram-0215#1"].killed == 16
        assert not figures["news-0215#1"].is_claim and figures["news-0215#1"].killed == 9
        assert figures["news-0215#1"].sources == (
            "Syrian Observatory for Human Rights, 2020-02-15",
        )
        assert (view.headline.killed, view.headline.wounded) == (9, 4)
        assert view.headline.killed_from == "news-0215#1"
        assert (view.headline.claimed_killed, view.headline.claimed_by) == (16, "Islamic State")
        link = next(link for link, e in view.reports if e.id == "news-0215#1")
        link2 = next(link for link, e in view.reports if e.id == "telegram-0215#1")
        joined = link if link.method == "auto" else link2
        assert joined.reasons["decision"] == "merged" and joined.score >= 0.55
        assert "km" in joined.reasons and "text" in joined.reasons


def test_incidents_headline_is_none_when_only_claims(db_path: Path) -> None:
    with Store.open(db_path) as store:
        save(store, "claim-a", make_event("claim-a", 1, claimed_by="Islamic State", killed=12,
                                          actor1="Islamic State"))  # fmt: skip
        save(store, "claim-b", make_event("claim-b", 1, claimed_by="ISIS", killed=14,
                                          actor1="ISIS", evidence="The Islamic State said it "
                                          "detonated a bomb in Al-Tiyanah."))  # fmt: skip
        merge_incidents(store)
        incident_id = incident_of_event(store, "claim-a#1")
        assert incident_id is not None and incident_of_event(store, "claim-b#1") == incident_id
        head = get_incident(store, incident_id).headline
        assert head.killed is None and head.claimed_killed == 14


def test_incidents_two_ieds_40_km_apart_stay_apart(db_path: Path) -> None:
    with Store.open(db_path) as store:
        save(store, "a", make_event("a", 1))
        save(store, "b", make_event("b", 1, latitude=LAT + 0.36, location_text="Elsewhere"))
        merge_incidents(store)
        assert incident_of_event(store, "a#1") != incident_of_event(store, "b#1")


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"sub_event_type": "Air/drone strike", "event_type": "Explosions/Remote violence"},
         "an IED and an airstrike"),
        ({"event_date": DAY + dt.timedelta(days=3)}, "three days apart"),
        ({"actor1": "Turkish Armed Forces", "claimed_by": None}, "other initiator"),
        ({"country": "Iraq", "latitude": None, "longitude": None, "admin1": "Anbar"}, "country"),
    ],
)  # fmt: skip
def test_incidents_incompatible_reports_stay_apart(
    db_path: Path, fields: dict[str, Any], why: str
) -> None:
    with Store.open(db_path) as store:
        save(store, "a", make_event("a", 1, actor1="Islamic State"))
        save(store, "b", make_event("b", 1, **fields))
        merge_incidents(store)
        assert incident_of_event(store, "a#1") != incident_of_event(store, "b#1"), why


def test_incidents_airstrike_and_clash_never_merge(db_path: Path) -> None:
    with Store.open(db_path) as store:
        save(store, "a", make_event("a", 1, event_type="Battles", sub_event_type="Armed clash"))
        save(store, "b", make_event("b", 1, sub_event_type="Air/drone strike"))
        merge_incidents(store)
        assert incident_of_event(store, "a#1") != incident_of_event(store, "b#1")


def test_incidents_same_document_never_merges(db_path: Path) -> None:
    with Store.open(db_path) as store:
        save(store, "a", make_event("a", 1), make_event("a", 2, evidence="Another bomb."))
        merge_incidents(store)
        assert incident_of_event(store, "a#1") != incident_of_event(store, "a#2")


def _vague(stem: str) -> Event:
    return make_event(
        stem, 1, evidence="IEDs were reported in Deir ez-Zor Province during the week.",
        time_precision=2, event_date=DAY + dt.timedelta(days=2), geo_precision=3,
        latitude=None, longitude=None, location_text="Deir ez-Zor Province",
    )  # fmt: skip


def test_incidents_province_week_report_merges_only_without_competition(db_path: Path) -> None:
    with Store.open(db_path) as store:
        save(store, "a", make_event("a", 1))
        save(store, "b", make_event("b", 1, latitude=LAT + 0.4, location_text="Hajin"))
        save(store, "vague", _vague("vague"))
        summary = merge_incidents(store)
        assert summary.ambiguous == 1
        ids = {incident_of_event(store, e) for e in ("a#1", "b#1", "vague#1")}
        assert len(ids) == 3
    with Store.open(db_path.with_name("single.db")) as store:
        save(store, "a", make_event("a", 1))
        save(store, "vague", _vague("vague"))
        merge_incidents(store)
        assert incident_of_event(store, "a#1") == incident_of_event(store, "vague#1")


def test_incidents_rerun_is_idempotent_and_incremental(db_path: Path) -> None:
    with Store.open(db_path) as store:
        claim_and_news(store)
        merge_incidents(store)
        again = merge_incidents(store)
        assert (again.processed, again.linked, again.new_incidents) == (0, 0, 0)
        save(store, "later", make_event("later", 1, evidence="A bomb exploded in Al-Tiyanah "
                                        "on Friday, killing nine SDF fighters."))  # fmt: skip
        third = merge_incidents(store)
        assert third.processed == 1 and third.linked == 1
        assert incident_of_event(store, "later#1") == incident_of_event(store, "news-0215#1")
        assert len(list_incidents(store, since=DAY - dt.timedelta(days=2), until=DAY)) == 1


def test_incidents_manual_split_survives_rerun_and_can_be_undone(db_path: Path) -> None:
    with Store.open(db_path) as store:
        claim_and_news(store)
        merge_incidents(store)
        incident_id = incident_of_event(store, "news-0215#1")
        assert incident_id is not None
        new_id = split_incident(store, incident_id, ["news-0215#1"], by="alice")
        assert incident_of_event(store, "news-0215#1") == new_id
        for full in (False, True):
            merge_incidents(store, full=full)
            assert incident_of_event(store, "news-0215#1") != incident_of_event(
                store, "telegram-0215#1"
            )
        history = store.conn.execute(
            "SELECT id FROM audit WHERE action = 'split' AND actor = 'alice'"
        ).fetchall()
        assert len(history) == 1
        undo_operation(store, history[0][0], by="alice")
        merge_incidents(store, full=True)
        assert incident_of_event(store, "news-0215#1") == incident_of_event(
            store, "telegram-0215#1"
        )


def test_incidents_undo_refuses_when_a_later_change_touched_the_reports(db_path: Path) -> None:
    with Store.open(db_path) as store:
        claim_and_news(store)
        merge_incidents(store)
        incident_id = incident_of_event(store, "news-0215#1")
        assert incident_id is not None
        new_id = split_incident(store, incident_id, ["news-0215#1"])
        split_op = store.conn.execute("SELECT MAX(id) FROM audit WHERE action = 'split'")
        op = split_op.fetchone()[0]
        move_report(store, "news-0215#1", incident_id)
        assert incident_of_event(store, "news-0215#1") == incident_id != new_id
        with pytest.raises(ResolveError) as err:
            undo_operation(store, op)
        assert err.value.reason == "undo-conflict"


def test_incidents_undo_split_restores_the_merge(db_path: Path) -> None:
    with Store.open(db_path) as store:
        claim_and_news(store)
        merge_incidents(store)
        incident_id = incident_of_event(store, "news-0215#1")
        assert incident_id is not None
        split_incident(store, incident_id, ["news-0215#1"])
        op = store.conn.execute("SELECT MAX(id) FROM audit WHERE action = 'split'").fetchone()[0]
        undo_operation(store, op)
        assert incident_of_event(store, "news-0215#1") == incident_id
        merge_incidents(store, full=True)
        assert incident_of_event(store, "news-0215#1") == incident_of_event(
            store, "telegram-0215#1"
        )
        ended = store.conn.execute("SELECT COUNT(*) FROM incident_reports WHERE active = 0")
        assert ended.fetchone()[0] >= 2  # nothing deleted


def test_incidents_manual_merge_and_move_are_respected(db_path: Path) -> None:
    with Store.open(db_path) as store:
        save(store, "a", make_event("a", 1))
        save(store, "b", make_event("b", 1, latitude=LAT + 0.36, location_text="Elsewhere"))
        save(store, "c", make_event("c", 1, latitude=LAT + 0.01))
        merge_incidents(store)
        ia, ib = incident_of_event(store, "a#1"), incident_of_event(store, "b#1")
        assert ia is not None and ib is not None and ia != ib
        target = merge_incidents_manual(store, [ia, ib])
        merge_incidents(store, full=True)
        assert incident_of_event(store, "a#1") == incident_of_event(store, "b#1") == target
        save(store, "d", make_event("d", 1, latitude=LAT + 1.0, location_text="Far away"))
        merge_incidents(store)
        far = incident_of_event(store, "d#1")
        assert far is not None and far != target
        move_report(store, "c#1", far)
        merge_incidents(store, full=True)
        assert incident_of_event(store, "c#1") == incident_of_event(store, "d#1")
        assert incident_of_event(store, "c#1") != incident_of_event(store, "a#1")


def test_incidents_reextraction_relinks_the_new_row(db_path: Path) -> None:
    with Store.open(db_path) as store:
        claim_and_news(store)
        merge_incidents(store)
        # the same document coded again replaces its events (new rows, same ids)
        save(store, "news-0215", make_event("news-0215", 1, evidence="A roadside bomb hit an "
             "SDF patrol in Al-Tiyanah, killing nine fighters and wounding four, a monitoring "
             "group said.", event_date=DAY - dt.timedelta(days=1), killed=9))  # fmt: skip
        summary = merge_incidents(store)
        assert summary.relinked_stale == 1 and summary.processed == 1
        assert incident_of_event(store, "news-0215#1") == incident_of_event(
            store, "telegram-0215#1"
        )


def test_incidents_every_link_is_audited(db_path: Path) -> None:
    with Store.open(db_path) as store:
        claim_and_news(store)
        summary = merge_incidents(store)
        rows = store.conn.execute(
            "SELECT action, actor, after FROM audit WHERE parent = ?", (summary.operation,)
        ).fetchall()
        assert sorted(r[0] for r in rows) == ["link", "link"]
        assert all(r[1] == "resolve" and r[2] for r in rows)
