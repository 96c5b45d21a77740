"""Event dates from sentences written for these tests (guide section 3, ``event_date``)."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from factories import finishes

from watchfloor.errors import DataFileError
from watchfloor.extract.dates import parse_date_words, resolve_event_date
from watchfloor.models import Citation

D = dt.date
PERIOD = (D(2021, 3, 4), D(2021, 3, 10))  # a Thursday-to-Wednesday weekly period
CITE = (Citation("Local Radio", D(2021, 3, 8)),)
TWO_CITES = (Citation("Local Radio", D(2021, 3, 9)), Citation("Agency", D(2021, 3, 7)))

CASES = [
    # text, citations, previous, reference, expected date, precision
    ("On March 6, 2021, gunmen attacked a checkpoint.", CITE, None, None, D(2021, 3, 6), 1),
    ("On 6 March 2021 gunmen attacked a checkpoint.", CITE, None, None, D(2021, 3, 6), 1),
    ("On March 6 gunmen attacked a checkpoint.", CITE, None, None, D(2021, 3, 6), 1),
    ("Gunmen attacked a checkpoint on Mar. 5.", CITE, None, None, D(2021, 3, 5), 1),
    ("A bomb exploded on 2021-03-07 in the market.", CITE, None, None, D(2021, 3, 7), 1),
    ("On March 5 and 7, 2021, the army took villages.", CITE, None, None, D(2021, 3, 7), 2),
    ("Between March 5-7, 2021 the army took villages.", CITE, None, None, D(2021, 3, 7), 2),
    ("On February 28 and March 2, 2021, rockets were fired.", CITE, None, None, D(2021, 3, 2), 2),
    (
        "The ministry announced that on March 5, 2021, troops entered the town.",
        CITE,
        None,
        None,
        D(2021, 3, 5),
        1,
    ),
    ("A day earlier, a patrol was ambushed.", CITE, D(2021, 3, 6), None, D(2021, 3, 5), 1),
    ("The day before, a patrol was ambushed.", CITE, None, None, D(2021, 3, 7), 1),
    ("The next day a second bomb exploded.", CITE, D(2021, 3, 6), None, D(2021, 3, 7), 1),
    ("The following day a second bomb exploded.", CITE, None, None, D(2021, 3, 9), 1),
    ("On the same day, a mortar hit the base.", CITE, D(2021, 3, 6), None, D(2021, 3, 6), 1),
    ("Two days later, the militants withdrew.", CITE, D(2021, 3, 5), None, D(2021, 3, 7), 1),
    ("Three days earlier, the militants withdrew.", CITE, None, None, D(2021, 3, 5), 1),
    ("Yesterday gunmen killed a guard.", (), None, D(2021, 3, 9), D(2021, 3, 8), 1),
    ("Last night a drone struck a depot.", (), None, D(2021, 3, 9), D(2021, 3, 8), 1),
    ("Today protesters gathered downtown.", (), None, D(2021, 3, 9), D(2021, 3, 9), 1),
    ("On Tuesday gunmen killed a guard.", CITE, None, None, D(2021, 3, 2), 1),  # Mar 8 is a Monday
    ("On Monday gunmen killed a guard.", CITE, None, None, D(2021, 3, 8), 1),
    ("Last Monday gunmen killed a guard.", CITE, None, None, D(2021, 3, 1), 1),
    ("This week, the army took over a village.", TWO_CITES, None, None, D(2021, 3, 7), 2),
    ("During the week, the army took over a village.", (), None, None, D(2021, 3, 10), 2),
    ("At the end of last week, the army took over a village.", CITE, None, None, D(2021, 3, 7), 2),
    ("In February 2021, the group appointed a new leader.", CITE, None, None, D(2021, 2, 28), 3),
    ("In March, the group appointed a new leader.", CITE, None, None, D(2021, 3, 8), 3),
    ("Gunmen attacked a checkpoint.", TWO_CITES, None, None, D(2021, 3, 7), 2),
    ("Gunmen attacked a checkpoint.", (), None, None, D(2021, 3, 10), 2),
    ("In addition, a mortar hit the base.", CITE, D(2021, 3, 6), None, D(2021, 3, 6), 1),
    # a date only in the citation parenthetical is the citation's, not the event's
    (
        "Gunmen attacked a checkpoint (Local Radio, March 8, 2021).",
        CITE,
        None,
        None,
        D(2021, 3, 8),
        2,
    ),
    (
        "Gunmen attacked a checkpoint [reported on March 3] near the town.",
        CITE,
        None,
        None,
        D(2021, 3, 8),
        2,
    ),
    # a date that bounds a period is not the event's
    ("Since March 1, 2021, the army has arrested dozens.", CITE, None, None, D(2021, 3, 8), 2),
]


@pytest.mark.parametrize(
    ("text", "citations", "previous", "reference", "expected", "precision"),
    CASES,
    ids=[c[0][:40] for c in CASES],
)
def test_dates_table(
    text: str,
    citations: tuple[Citation, ...],
    previous: dt.date | None,
    reference: dt.date | None,
    expected: dt.date,
    precision: int,
) -> None:
    result = resolve_event_date(
        text, citations=citations, period=PERIOD, reference=reference, previous=previous
    )
    assert (result.date, result.precision) == (expected, precision)


def test_dates_year_rolls_over_december_january() -> None:
    period = (D(2019, 12, 28), D(2020, 1, 3))
    late = resolve_event_date("On December 30 a bomb exploded.", citations=(), period=period)
    early = resolve_event_date("On January 2 a bomb exploded.", citations=(), period=period)
    assert late.date == D(2019, 12, 30)
    assert early.date == D(2020, 1, 2)


def test_dates_span_points_at_the_expression() -> None:
    text = "Police said that on March 6, 2021, a patrol was ambushed."
    result = resolve_event_date(text, citations=CITE, period=PERIOD)
    assert result.span is not None
    assert text[result.span[0] : result.span[1]] == "March 6, 2021"


def test_dates_nothing_known_gives_no_date() -> None:
    result = resolve_event_date("Gunmen attacked a checkpoint.", citations=(), period=None)
    assert result.date is None


def test_dates_impossible_day_is_skipped() -> None:
    result = resolve_event_date("On February 30 a bomb exploded.", citations=CITE, period=PERIOD)
    assert (result.date, result.precision) == (D(2021, 3, 8), 2)


def test_dates_hostile_inputs_finish_quickly() -> None:
    hostile = [
        "March " * 20_000,
        "On March 3 and " * 5_000,
        "(" * 10_000 + "March 3, 2021" + ")" * 10_000,
        "1" * 100_000,
        " ".join(str(i) for i in range(10_000)),
        "two days later " * 5_000,
    ]
    for text in hostile:
        finishes(partial(resolve_event_date, text, citations=CITE, period=PERIOD))


def test_date_words_bad_base_names_the_line() -> None:
    with pytest.raises(DataFileError) as err:
        parse_date_words("# version\t1\nrelative\tanon\t-1\tsomewhen\n", name="dates.tsv")
    assert err.value.reason == "bad-base"
    assert err.value.path == "dates.tsv:2"
