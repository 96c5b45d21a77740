"""Trends and alerts on constructed data with known answers (real SQLite file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watchfloor.analyse import AnalyseError, alerts, trends
from watchfloor.models import DocFormat, Document, DocumentTree, Event, PersonMention
from watchfloor.store import Store

MONDAY = dt.date(2024, 1, 1)  # week 0 starts here; the alert week is week 8
ALERT_WEEK = MONDAY + dt.timedelta(weeks=8)


def _day(week: int, day: int = 0) -> dt.date:
    return MONDAY + dt.timedelta(weeks=week, days=day)


def _store(db_path: Path, rows: list[tuple[dt.date, dict[str, object]]]) -> Store:
    store = Store.open(db_path)
    events = []
    for n, (day, fields) in enumerate(rows, start=1):
        base: dict[str, object] = dict(
            id=f"t#{n}", doc="t.txt", evidence="x", event_date=day, time_precision=1,
            event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State",
            country="Iraq", admin1="Diyala", location_text="Baqubah",
        )  # fmt: skip
        base.update(fields)
        events.append(Event(**base))  # type: ignore[arg-type]
    document = Document(id="0" * 16, text="x", title="t", format=DocFormat.TEXT, origin="t.txt")
    store.save_document(DocumentTree(document, (), (), ()), events=events)
    return store


def test_trends_by_week_counts_change_and_baseline(db_path: Path) -> None:
    counts = [1, 0, 2, 3, 0, 4]  # events per week 0..5, each with 2 fatalities
    rows = [(_day(w, i % 7), {"fatalities": 2}) for w, c in enumerate(counts) for i in range(c)]
    store = _store(db_path, rows)
    table = trends(store, by=["week"], weeks=3, baseline_periods=2)
    assert table.periods == (_day(3), _day(4), _day(5))
    assert [(r.period, r.count, r.fatalities) for r in table.rows] == [
        (_day(3), 3, 6), (_day(4), 0, 0), (_day(5), 4, 8),
    ]  # fmt: skip
    assert [r.change for r in table.rows] == [1, -3, 4]
    assert [r.baseline for r in table.rows] == [1.0, 2.5, 1.5]  # mean of the 2 weeks before
    assert table.rows[0].change_pct == pytest.approx(50.0)


def test_trends_by_week_and_admin1_with_actor_filter(db_path: Path) -> None:
    rows = [
        (_day(0), {}), (_day(0, 1), {"admin1": "Kirkuk"}), (_day(1), {"admin1": "Kirkuk"}),
        (_day(1, 2), {"actor1": "Iraqi Army", "actor2": "Popular Mobilization Forces"}),
    ]  # fmt: skip
    store = _store(db_path, rows)
    table = trends(store, by=["week", "admin1"], actor="Islamic State", weeks=2)
    got = {(r.period, r.key, r.count) for r in table.rows}
    assert got == {
        (_day(0), ("Diyala",), 1), (_day(1), ("Diyala",), 0),
        (_day(0), ("Kirkuk",), 1), (_day(1), ("Kirkuk",), 1),
    }  # fmt: skip
    assert table.header()[:3] == ["period", "admin1", "count"]


def test_trends_without_period_and_by_month(db_path: Path) -> None:
    rows = [(_day(0), {}), (_day(0), {"admin1": "Kirkuk"}), (_day(6), {"admin1": "Kirkuk"})]
    store = _store(db_path, rows)
    table = trends(store, by=["admin1"], weeks=None)
    assert [(r.key, r.count) for r in table.rows] == [(("Kirkuk",), 2), (("Diyala",), 1)]
    monthly = trends(store, by=["month"], weeks=None)
    assert [(r.period, r.count) for r in monthly.rows] == [
        (dt.date(2024, 1, 1), 2), (dt.date(2024, 2, 1), 1),
    ]  # fmt: skip


def test_trends_rejects_unknown_dimension(db_path: Path) -> None:
    store = _store(db_path, [(_day(0), {})])
    with pytest.raises(AnalyseError) as err:
        trends(store, by=["week", "colour; DROP TABLE events"])
    assert err.value.reason == "bad-dimension"


def test_alerts_known_answers(db_path: Path) -> None:
    rows: list[tuple[dt.date, dict[str, object]]] = []
    for week in range(8):  # steady actors: Islamic State 3/week in Diyala, Iraqi Army 1/week
        rows += [(_day(week, d), {}) for d in range(3)]
        rows.append((_day(week), {"actor1": "Iraqi Army", "admin1": "Diyala"}))
    kirkuk = {"actor1": "Iraqi Police", "admin1": "Kirkuk", "location_text": "Daquq"}
    rows.append((_day(2), kirkuk))  # then quiet for 5 weeks
    rows += [(_day(8, d), {}) for d in range(3)]  # Islamic State as usual: no alert
    rows += [(_day(8, d), {"actor1": "Iraqi Army"}) for d in range(4)]  # 4 vs mean 1, sd 0
    rows.append((_day(8, 1), kirkuk))
    rows.append((_day(8, 2), {"actor1": "New Brigade", "location_text": "Hawija"}))
    rows.append((_day(8, 3), {
        "event_type": "Strategic developments", "sub_event_type": "Change to group/activity",
        "actor1": "Iraqi Police",
        "people": (PersonMention("Abu Test", role="emir of Diyala", fate="appointed"),),
    }))  # fmt: skip
    store = _store(db_path, rows)
    found = alerts(store, week_start=ALERT_WEEK)
    by_kind: dict[str, list[str]] = {}
    for alert in found:
        by_kind.setdefault(alert.kind, []).append(alert.subject)
    assert by_kind["quiet-area-active"] == ["Kirkuk (Iraq)"]
    assert by_kind["actor-rising"] == ["Iraqi Army"]
    rising = next(a for a in found if a.kind == "actor-rising")
    assert (rising.value, rising.mean, rising.sd, rising.threshold) == (4.0, 1.0, 0.0, 1.0)
    assert by_kind["new-actor"] == ["New Brigade"]
    assert by_kind["new-place"] == ["Hawija"]
    assert by_kind["leadership-change"] == ["Abu Test"]
    assert "mean + 2·sd" in rising.detail


def test_alerts_no_first_appearance_without_history(db_path: Path) -> None:
    store = _store(db_path, [(_day(8), {"actor1": "Someone"})])
    assert [a.kind for a in alerts(store, week_start=ALERT_WEEK)] == []
