"""Days counted from the incident before (guide section 3, ``event_date``), on our sentences.

A bullet that opens "The next day, ..." or "On the same day, ..." counts from the last
day-precise incident before it in the same section; a bullet with no date words keeps the
guide's no-day rule (its citation, precision 2), never the date of the bullet before; a
month stated in a clause about someone else is not the event's.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pytest
from factories import finishes

from watchfloor.extract import Event, extract_events
from watchfloor.extract.dates import opens_with_relative, resolve_event_date
from watchfloor.ingest import read_file
from watchfloor.models import Citation
from watchfloor.segment import segment_document

D = dt.date
HEAD = """ISIS Activity Review (May 8-14, 2025)

Main developments in Syria and Iraq

Deir ez-Zor Province
"""
# five ISIS mentions make ISIS the group the document is about
TAIL = """
  • In the ITIC's assessment, ISIS will try to keep up its attacks, ISIS cells being active in the desert, ISIS media praising them and ISIS supporters sharing them.
"""


def _events(tmp_path: Path, body: str) -> list[Event]:
    path = tmp_path / "review.txt"
    path.write_text(f"{HEAD}{body}\n{TAIL}", encoding="utf-8")
    return list(extract_events(segment_document(read_file(path)[0])).events)


def _dated(events: list[Event], word: str) -> tuple[dt.date | None, int]:
    event = next(e for e in events if word in e.evidence)
    return event.event_date, event.time_precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The next day, gunmen attacked a checkpoint.", True),
        ("A day earlier, gunmen attacked a checkpoint.", True),
        ("On the same day, gunmen attacked a checkpoint.", True),
        ("Also on the same day, gunmen attacked a checkpoint.", True),
        ("Two days later, the militants withdrew.", True),
        ("Gunmen attacked a checkpoint; a wounded guard died the next day.", False),
        ("On May 9, 2025, gunmen attacked a checkpoint. The next day, they withdrew.", False),
        ("Yesterday gunmen killed a guard.", False),  # counts from the story's date
        ("Two days ago gunmen killed a guard.", False),
        ("This week, the army took over a village.", False),
        ("Gunmen attacked a checkpoint.", False),
        ("", False),
    ],
)
def test_opens_with_relative_only_at_the_opening(text: str, expected: bool) -> None:
    assert opens_with_relative(text) is expected


def test_month_in_a_clause_about_someone_else_is_background() -> None:
    text = (
        "The group named a new commander for the region, to replace his predecessor, who was "
        "killed in January 2025 (Local Radio, May 10, 2025)."
    )
    result = resolve_event_date(
        text, citations=(Citation("Local Radio", D(2025, 5, 10)),), period=None
    )
    assert (result.date, result.precision) == (D(2025, 5, 10), 2)


def test_month_of_the_event_itself_is_still_read() -> None:
    text = "In January 2025, the group named a new commander, who had fought in Iraq."
    result = resolve_event_date(
        text, citations=(Citation("Local Radio", D(2025, 5, 10)),), period=None
    )
    assert (result.date, result.precision) == (D(2025, 1, 31), 3)


def test_bullet_opening_with_a_relative_day_counts_from_the_bullet_before(
    tmp_path: Path,
) -> None:
    events = _events(
        tmp_path,
        "  • On May 9, 2025, ISIS operatives ambushed an SDF patrol near Al-Shuhayl, killing "
        "two fighters (Hawar, May 10, 2025).\n"
        "  • The next day, SDF forces raided a village near Al-Shuhayl and arrested three ISIS "
        "operatives (Hawar, May 12, 2025).\n"
        "  • A day earlier, gunmen shot dead a teacher in Hajin (Furat Post, May 12, 2025).\n",
    )
    assert _dated(events, "raided") == (D(2025, 5, 10), 1)
    # the last day-precise incident before it is now the raid, May 10
    assert _dated(events, "teacher") == (D(2025, 5, 9), 1)


def test_bullet_with_no_date_words_keeps_its_citation(tmp_path: Path) -> None:
    events = _events(
        tmp_path,
        "  • On May 9, 2025, ISIS operatives ambushed an SDF patrol near Al-Shuhayl, killing "
        "two fighters (Hawar, May 10, 2025).\n"
        "  • Gunmen shot dead a teacher in Hajin (Furat Post, May 12, 2025).\n",
    )
    assert _dated(events, "teacher") == (D(2025, 5, 12), 2)


def test_relative_day_does_not_count_across_a_heading(tmp_path: Path) -> None:
    events = _events(
        tmp_path,
        "  • On May 9, 2025, ISIS operatives ambushed an SDF patrol near Al-Shuhayl, killing "
        "two fighters (Hawar, May 10, 2025).\n\n"
        "Homs Province\n"
        "  • The next day, gunmen shot dead a shepherd near Al-Sukhnah (Furat Post, "
        "May 12, 2025).\n",
    )
    # no incident before it in its section: the citation date is the base
    assert _dated(events, "shepherd") == (D(2025, 5, 13), 1)


@pytest.mark.parametrize(
    "text",
    [
        "on " * 20_000 + "the next day",
        "who was killed in " * 5_000 + "in January 2025",
        "two days later " * 5_000,
        ", " * 20_000 + "in March",
    ],
)
def test_opening_and_background_scans_finish_on_hostile_text(text: str) -> None:
    finishes(opens_with_relative, text)
    finishes(partial(resolve_event_date, text, citations=(), period=None))
