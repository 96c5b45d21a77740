"""Builders of model values for tests (plain functions, no mocks)."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

import pytest

from watchfloor.models import (
    BlockKind,
    Citation,
    DocFormat,
    Document,
    DocumentTree,
    Event,
    Section,
    Sentence,
    Source,
)

T = TypeVar("T")


def make_tree(
    text: str = "Iraq\nAn IED went off in Tarmiyah (Shafaq, March 2, 2024).",
    *,
    doc_id: str = "a1b2c3d4e5f60718",
    origin: str = "/r/bulletin.txt",
) -> DocumentTree:
    document = Document(
        id=doc_id,
        text=text,
        title="Bulletin",
        format=DocFormat.TEXT,
        origin=origin,
        period_start=dt.date(2024, 2, 29),
        period_end=dt.date(2024, 3, 6),
    )
    body_start = text.index("\n") + 1
    section = Section(0, "Iraq", 1, ("Iraq",), (0, len(text)))
    citation = Citation("Shafaq", dt.date(2024, 3, 2), None, (text.index("("), len(text) - 1))
    sentence = Sentence(
        0,
        text[body_start:],
        (body_start, len(text)),
        ("Iraq",),
        0,
        0,
        BlockKind.PARAGRAPH,
        citations=(citation,),
    )
    return DocumentTree(document, (section,), (), (sentence,))


def make_event(n: int = 1, *, country: str = "Iraq", day: int = 2, stem: str = "bulletin") -> Event:
    return Event(
        id=f"{stem}#{n}",
        doc=f"{stem}.txt",
        evidence="An IED went off in Tarmiyah.",
        event_date=dt.date(2024, 3, day),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1="Islamic State",
        actor2="Iraqi Army",
        location_text="Tarmiyah",
        country=country,
        admin1="Baghdad",
        killed=2,
        wounded=3,
        fatalities=2,
        sources=(Source("Shafaq", dt.date(2024, 3, 2)), Source("Telegram", None)),
        also_in=("A bomb hit an army patrol.",),
        provenance={"killed": (10, 13)},
        evidence_span=(5, 33),
        geo_note="unresolved: name not in gazetteer",
    )


def actor_roles(text: str, country: str | None = None) -> tuple[str | None, str | None]:
    """``(actor1, actor2)`` that the actor rules give one sentence on its own."""
    from watchfloor.extract import Rules
    from watchfloor.extract.actors import assign_actors, find_mentions
    from watchfloor.extract.detect import analyse_sentence, fold_text, top_hit

    rules = Rules.load()
    sent = Sentence(0, text, (0, len(text)), (), None, 0, BlockKind.PARAGRAPH)
    info = analyse_sentence(sent, rules)
    hit = top_hit(info.strong_hits)
    assert hit is not None, text
    roles = assign_actors(find_mentions(text, fold_text(text), rules, country), hit, info.folded)
    return roles.actor1, roles.actor2


class _Hung(Exception):
    """Raised inside a call that ran past its hang guard."""


def finishes(fn: Callable[..., T], *args: object, seconds: float = 30) -> T:
    """``fn(*args)``, failing the test only if it has not returned after ``seconds``.

    A hang guard, not a speed test (speed goes in benchmarks/): the limit is generous enough
    that a slow, busy machine never hits it, while a regex that backtracks without end does.
    Uses ``SIGALRM``, so it guards only on POSIX in the main thread; elsewhere it just calls.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return fn(*args)

    def _raise(signum: int, frame: FrameType | None) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    except _Hung:
        pytest.fail(f"{getattr(fn, '__name__', fn)!s} did not finish within {seconds} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
