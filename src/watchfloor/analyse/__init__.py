"""Trends and alerts over the event database, as typed query results.

``trends(store, by=[...])`` -> :class:`TrendTable`; ``alerts(store, week_start=...)`` ->
list of :class:`Alert`. SQL lives in ``watchfloor.store.analysis``.
"""

from watchfloor.analyse.alerts import Alert, AlertKind, alerts
from watchfloor.analyse.trends import (
    TREND_DIMENSIONS,
    AnalyseError,
    TrendRow,
    TrendTable,
    trends,
)

__all__ = [
    "TREND_DIMENSIONS",
    "Alert",
    "AlertKind",
    "AnalyseError",
    "TrendRow",
    "TrendTable",
    "alerts",
    "trends",
]
