"""News stories: datelines, and the incidents one story tells (sentences we wrote)."""

from __future__ import annotations

from pathlib import Path

from watchfloor.extract import Event, extract_events
from watchfloor.ingest import read_file
from watchfloor.segment import segment_document


def _events(tmp_path: Path, text: str) -> list[Event]:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return list(extract_events(segment_document(read_file(path)[0])).events)


STORY = """Security forces break up ISIS cell in Mosul
October 5, 2025

MOSUL, Iraq, Oct. 5 - Iraqi counterterrorism forces arrested six members of an Islamic State cell in raids on two houses in the city's Zanjili district on Saturday, officials said.

The arrested men had been planning attacks on markets, a security official said.

On Sunday, troops searching farmland south of the city found a weapons cache containing rockets and explosive belts, the ministry said.

In a separate raid on Saturday night, two suspects were killed in a firefight with Iraqi forces near Hammam al-Alil.
"""


def test_news_story_tells_three_incidents_and_its_dateline_is_no_event_date(
    tmp_path: Path,
) -> None:
    """Arrests, then a cache found on another day, then "In a separate raid": three events.
    The dateline "MOSUL, Iraq, Oct. 5 -" (no agency) dates the story, not the arrests."""
    events = _events(tmp_path, STORY)
    assert [e.sub_event_type for e in events] == [
        "Arrests",
        "Disrupted weapons use",
        "Armed clash",
    ]
    arrests = events[0]
    assert arrests.event_date is not None and arrests.event_date.day == 4
    assert arrests.killed is None
