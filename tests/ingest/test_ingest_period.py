"""Reporting periods in titles, datelines, publishers, and the seeds' periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watchfloor.errors import DataFileError
from watchfloor.ingest import parse_dateline, parse_period, read_file
from watchfloor.ingest.lexicon import parse_lexicon
from watchfloor.ingest.meta import publisher_from_title
from watchfloor.ingest.period import parse_date_only

D = dt.date


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Spotlight on Global Jihad (June 29 – July 5, 2017)", (D(2017, 6, 29), D(2017, 7, 5))),
        ("November 2 – 8, 2017, 2017", (D(2017, 11, 2), D(2017, 11, 8))),
        ("Spotlight on Global Jihad (February 13-19, 2020)", (D(2020, 2, 13), D(2020, 2, 19))),
        ("Review (March 4 — 10, 2021)", (D(2021, 3, 4), D(2021, 3, 10))),
        ("Review (March 4 - 10, 2021)", (D(2021, 3, 4), D(2021, 3, 10))),
        ("Review (March 4–10, 2021)", (D(2021, 3, 4), D(2021, 3, 10))),
        ("Review (March 4 to 10, 2021)", (D(2021, 3, 4), D(2021, 3, 10))),
        ("December 28, 2019 – January 3, 2020", (D(2019, 12, 28), D(2020, 1, 3))),
        ("December 28 – January 3, 2020", (D(2019, 12, 28), D(2020, 1, 3))),
        ("June 29, 2017 – July 5, 2017", (D(2017, 6, 29), D(2017, 7, 5))),
        ("Weekly (Jan. 28 – Feb. 3, 2022)", (D(2022, 1, 28), D(2022, 2, 3))),
        ("Weekly (Sept 28 - Oct 4, 2017)", (D(2017, 9, 28), D(2017, 10, 4))),
        ("Weekly (Sep. 28 – Oct. 4 2017)", (D(2017, 9, 28), D(2017, 10, 4))),
        ("Weekly (aug 1-7, 2016)", (D(2016, 8, 1), D(2016, 8, 7))),
        ("Weekly (1st – 7th May, 2016)", (D(2016, 5, 1), D(2016, 5, 7))),
        ("Weekly (13–19 February 2020)", (D(2020, 2, 13), D(2020, 2, 19))),
        ("Weekly (29 June – 5 July 2017)", (D(2017, 6, 29), D(2017, 7, 5))),
        ("Weekly (28 December 2019 – 3 January 2020)", (D(2019, 12, 28), D(2020, 1, 3))),
        ("Weekly (February 28 – March 5, 2020)", (D(2020, 2, 28), D(2020, 3, 5))),
        ("Spotlight on Global Jihad", None),
        ("(SANA, February 16, 2020)", None),
        ("Weekly (February 30 – March 5, 2020)", None),
        ("Weekly (March 10 – 4, 2021)", None),
        ("Weekly (10–4 March 2021)", None),
        ("Weekly (March 4 – 10, 1066)", None),
        ("", None),
    ],
)
def test_parse_period(title: str, expected: tuple[dt.date, dt.date] | None) -> None:
    assert parse_period(title) == expected


def test_parse_period_hostile_input_is_fast() -> None:
    assert parse_period("March 4 – " * 100_000) is None
    assert parse_period("1-" * 100_000) is None


@pytest.mark.seeds
def test_parse_period_of_each_seed(seeds_dir: Path) -> None:
    expected = {
        "000_db664ad5c1a063d2.txt": (D(2017, 6, 29), D(2017, 7, 5)),
        "003_f8a60e530bbc53dd.txt": (D(2017, 11, 2), D(2017, 11, 8)),
        "004_e2ed18d35b6b3298.txt": (D(2020, 2, 13), D(2020, 2, 19)),
    }
    found = {}
    for name in expected:
        [document] = read_file(seeds_dir / name)
        found[name] = (document.period_start, document.period_end)
    assert found == expected


@pytest.mark.seeds
def test_seed_publisher_from_title(seeds_dir: Path) -> None:
    [document] = read_file(seeds_dir / "004_e2ed18d35b6b3298.txt")
    assert document.publisher is not None
    assert document.publisher.endswith("INFORMATION CENTER / ISRAEL")
    assert read_file(seeds_dir / "000_db664ad5c1a063d2.txt")[0].publisher is None


@pytest.mark.parametrize(
    ("line", "period", "year", "expected"),
    [
        ("BAGHDAD, Feb 14 (Reuters) - Gunmen attacked", None, None, (None, "Reuters")),
        (
            "BAGHDAD, Feb 14 (Reuters) - Gunmen attacked",
            (D(2020, 2, 13), D(2020, 2, 19)),
            None,
            (D(2020, 2, 14), "Reuters"),
        ),
        (
            "BAGHDAD, Jan 2 (Reuters) - Gunmen attacked",
            (D(2019, 12, 28), D(2020, 1, 3)),
            None,
            (D(2020, 1, 2), "Reuters"),
        ),
        ("MOSUL, Iraq, June 30 (AP) — A bomb", None, 2017, (D(2017, 6, 30), "AP")),
        ("KABUL, March 3, 2021 (AFP) - A blast", None, None, (D(2021, 3, 3), "AFP")),
        ("Gunmen attacked a checkpoint on Feb 14.", None, 2020, (None, None)),
    ],
)
def test_parse_dateline(
    line: str,
    period: tuple[dt.date, dt.date] | None,
    year: int | None,
    expected: tuple[dt.date | None, str | None],
) -> None:
    assert parse_dateline(line, period=period, year=year) == expected


def test_read_news_story_dateline_year_from_date_line(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Blast hits market in Kirkuk\nMarch 5, 2024\n\n"
        "KIRKUK, March 5 (Test Wire) - A bomb went off in a market.\n",
        encoding="utf-8",
    )
    [document] = read_file(path)
    assert document.published == D(2024, 3, 5)
    assert document.publisher == "Test Wire"


def test_read_news_story_dateline_without_year(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Blast hits market in Kirkuk\n\nKIRKUK, March 5 (Test Wire) - A bomb went off.\n",
        encoding="utf-8",
    )
    assert read_file(path)[0].published is None
    period = (D(2024, 3, 1), D(2024, 3, 7))
    assert read_file(path, period=period)[0].published == D(2024, 3, 5)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 4, 2024", D(2024, 3, 4)),
        ("Friday, 4 March 2024", D(2024, 3, 4)),
        ("2024-03-04", D(2024, 3, 4)),
        ("March 4, 2024, the army said", None),
        ("February 30, 2024", None),
    ],
)
def test_parse_date_only(line: str, expected: dt.date | None) -> None:
    assert parse_date_only(line) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("THE TEST DESK / ISRAEL – Spotlight on Global Jihad (June 29 – July 5, 2017)",
         "THE TEST DESK / ISRAEL"),
        ("Watchfloor Test Centre – Weekly Review", "Watchfloor Test Centre"),
        ("Syria | Weekly Review", None),
        ("Militants kill three soldiers north of Baghdad - police", None),
        ("Spotlight on Global Jihad (June 29 – July 5, 2017)", None),
    ],
)  # fmt: skip
def test_publisher_from_title(title: str, expected: str | None) -> None:
    assert publisher_from_title(title) == expected


@pytest.mark.parametrize(
    ("text", "reason", "where"),
    [
        ("tag\tscript\n", "no-version", "x.tsv:1"),
        ("# version\t1\ntag\n", "bad-row", "x.tsv:2"),
        ("# version\t1\n# comment\nshape\tround\n", "bad-kind", "x.tsv:3"),
    ],
)
def test_parse_lexicon_errors_name_file_and_line(text: str, reason: str, where: str) -> None:
    with pytest.raises(DataFileError) as info:
        parse_lexicon(text, name="x.tsv", kinds=frozenset({"tag"}))
    assert (info.value.reason, info.value.path) == (reason, where)
