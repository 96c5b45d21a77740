"""Trends: counts and fatalities by period and grouping, with change and a trailing baseline.

DOCS: docs/analyse.md (``watchfloor trends``). Aggregation is SQL in
``watchfloor.store.analysis``; this module fills empty periods with zeros and
computes week-over-week change and the baseline (mean of the previous N periods).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.errors import WatchfloorError
from watchfloor.store import Store
from watchfloor.store.analysis import (
    GROUP_COLUMNS,
    AggregateRow,
    Period,
    aggregate_events,
    date_range,
)

TREND_DIMENSIONS = ("week", "month", *GROUP_COLUMNS)
"""What ``trends(by=...)`` accepts: a period (week or month) and/or grouping columns."""


class AnalyseError(WatchfloorError):
    """Trends or alerts were asked for something they cannot compute."""


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One group in one period.

    ``change``: count minus the previous period's count (None for the first period).
    ``baseline``: mean count over the ``baseline_periods`` periods before this one
    (None when there is no earlier period in the database range examined).
    """

    period: dt.date | None
    key: tuple[str | None, ...]
    count: int
    fatalities: int
    change: int | None = None
    baseline: float | None = None
    baseline_fatalities: float | None = None

    @property
    def change_pct(self) -> float | None:
        if self.change is None:
            return None
        previous = self.count - self.change
        return None if previous == 0 else 100.0 * self.change / previous


@dataclass(frozen=True, slots=True)
class TrendTable:
    """Rows of :func:`trends`: ``by`` names the key columns in order; ``period`` the unit."""

    by: tuple[str, ...]
    keys: tuple[str, ...]
    period: Period | None
    periods: tuple[dt.date, ...]
    baseline_periods: int
    rows: tuple[TrendRow, ...]

    def header(self) -> list[str]:
        head = (["period"] if self.period else []) + list(self.keys)
        head += ["count", "fatalities"]
        if self.period:
            head += [
                "change",
                "change_pct",
                f"baseline_{self.baseline_periods}",
                "baseline_fatalities",
            ]
        return head

    def records(self) -> list[list[str]]:
        """Rows as strings in :meth:`header` order (CSV and tables)."""
        out = []
        for row in self.rows:
            cells = [row.period.isoformat() if row.period else ""] if self.period else []
            cells += [k or "" for k in row.key]
            cells += [str(row.count), str(row.fatalities)]
            if self.period:
                pct = row.change_pct
                cells += [
                    "" if row.change is None else str(row.change),
                    "" if pct is None else f"{pct:.1f}",
                    "" if row.baseline is None else f"{row.baseline:.2f}",
                    "" if row.baseline_fatalities is None else f"{row.baseline_fatalities:.2f}",
                ]
            out.append(cells)
        return out


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _period_list(period: Period, first: dt.date, last: dt.date, anchor: dt.date) -> list[dt.date]:
    out = []
    if period == "week":
        start = anchor - dt.timedelta(weeks=(anchor - first).days // 7 + 1)
        while start + dt.timedelta(days=7) <= first:
            start += dt.timedelta(days=7)
        while start <= last:
            out.append(start)
            start += dt.timedelta(days=7)
    else:
        start = _month_start(first)
        while start <= last:
            out.append(start)
            start = _add_months(start, 1)
    return out


def trends(
    store: Store,
    *,
    by: Sequence[str],
    actor: str | None = None,
    country: str | None = None,
    weeks: int | None = 12,
    until: dt.date | None = None,
    baseline_periods: int = 4,
    week_start: dt.date | None = None,
) -> TrendTable:
    """Aggregate events by ``by`` (see :data:`TREND_DIMENSIONS`) over the last ``weeks`` weeks.

    ``until`` (default: the last event date) ends the window; ``weeks=None`` takes the
    whole database. Weeks start on ``week_start``'s weekday (default Monday). With a
    period in ``by`` every group gets every period (zeros filled), a change from the
    previous period, and a baseline: the mean of the ``baseline_periods`` periods before.
    """
    by = tuple(dict.fromkeys(b.strip() for b in by if b.strip()))
    unknown = [b for b in by if b not in TREND_DIMENSIONS]
    if unknown:
        raise AnalyseError(
            "bad-dimension", f"cannot group by {unknown}; choose from {', '.join(TREND_DIMENSIONS)}"
        )
    if "week" in by and "month" in by:
        raise AnalyseError("bad-dimension", "group by week or by month, not both")
    period: Period | None = "week" if "week" in by else "month" if "month" in by else None
    keys = tuple(b for b in by if b not in ("week", "month"))
    first, last = date_range(store.conn)
    if last is None or first is None:
        return TrendTable(by, keys, period, (), baseline_periods, ())
    until = until or last
    anchor = until - dt.timedelta(days=(until - (week_start or dt.date(2000, 1, 3))).days % 7)
    since: dt.date | None = None
    shown_from: dt.date | None = None
    if weeks is not None:
        shown_from = anchor - dt.timedelta(weeks=weeks - 1)
        since = shown_from
        if period == "month":
            shown_from = _month_start(shown_from)
            since = _add_months(shown_from, -baseline_periods)
        elif period == "week":
            since = shown_from - dt.timedelta(weeks=baseline_periods)
    rows = aggregate_events(
        store.conn, keys=keys, period=period, anchor=anchor, since=since, until=until,
        actor=actor, country=country,
    )  # fmt: skip
    if period is None:
        ordered = sorted(rows, key=lambda r: (-r.count, [k or "" for k in r.key]))
        return TrendTable(
            by, keys, None, (), baseline_periods,
            tuple(TrendRow(None, r.key, r.count, r.fatalities) for r in ordered),
        )  # fmt: skip
    all_periods = _period_list(period, max(since or first, first), until, anchor)
    return _fill_periods(by, keys, period, rows, all_periods, shown_from, baseline_periods)


def _fill_periods(
    by: tuple[str, ...],
    keys: tuple[str, ...],
    period: Period,
    rows: Sequence[AggregateRow],
    all_periods: list[dt.date],
    shown_from: dt.date | None,
    baseline_periods: int,
) -> TrendTable:
    cells: dict[tuple[str | None, ...], dict[dt.date, tuple[int, int]]] = defaultdict(dict)
    for row in rows:
        if row.period is not None:
            cells[row.key][row.period] = (row.count, row.fatalities)
    out: list[TrendRow] = []
    for key, by_period in cells.items():
        counts = [by_period.get(p, (0, 0)) for p in all_periods]
        for i, p in enumerate(all_periods):
            if shown_from is not None and p < shown_from:
                continue
            count, fatalities = counts[i]
            previous = counts[max(0, i - baseline_periods) : i]
            out.append(
                TrendRow(
                    period=p, key=key, count=count, fatalities=fatalities,
                    change=count - counts[i - 1][0] if i > 0 else None,
                    baseline=sum(c for c, _ in previous) / len(previous) if previous else None,
                    baseline_fatalities=(
                        sum(f for _, f in previous) / len(previous) if previous else None
                    ),
                )
            )  # fmt: skip
    out.sort(key=lambda r: (r.period or dt.date.min, -r.count, [k or "" for k in r.key]))
    shown = tuple(p for p in all_periods if shown_from is None or p >= shown_from)
    return TrendTable(by, keys, period, shown, baseline_periods, tuple(out))
