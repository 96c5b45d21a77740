"""The literal prefilters give exactly the matches of the full alternations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from watchfloor.extract import Rules
from watchfloor.extract.detect import fold_text
from watchfloor.extract.prefilter import (
    Alternation,
    Scanner,
    may_match,
    needed_literals,
    pattern_literals,
    split_branches,
)
from watchfloor.ingest import read_file
from watchfloor.segment import segment_document

SENTENCES = [
    "On May 3, ISIS operatives attacked an Iraqi police checkpoint near Tikrit, killing two.",
    "A suicide bomber blew himself up at a market in Baghdad; no group claimed responsibility.",
    "The army defused an IED and seized a weapons cache north of Mosul.",
    "Unidentified gunmen abducted three shepherds and executed one of them.",
    "Russian aircraft carried out airstrikes on positions in the Idlib countryside.",
    "Clashes broke out between the SDF and ISIS; the attackers fled after the ambush.",
    "In our assessment, the organization is likely to continue its attacks in the coming weeks.",
    "Dozens of attacks were recorded throughout the province during the month.",
    "",
    "no trigger words at all here",
]


def _all(pattern: object, text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]  # type: ignore[attr-defined]


def test_prefilter_needed_literals() -> None:
    assert needed_literals("suicide (?:car )?bomb") == frozenset({"suicide "})
    assert needed_literals("(?:detonated|wore) an? belt") == frozenset({" belt"})
    assert needed_literals("(?:detonated|wore) [a-z]") == frozenset({"detonated", "wore"})
    assert needed_literals(r"\d+ km") == frozenset({" km"})
    assert needed_literals(r"(?i:attack)") is None  # case-insensitive: no literal test
    assert needed_literals(r"\w+") is None


def test_prefilter_split_branches() -> None:
    assert split_branches(r"a|(?:b|c)|[|)]x|\|y") == ["a", "(?:b|c)", "[|)]x", r"\|y"]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_prefilter_triggers_same_as_full(sentence: str) -> None:
    rules = Rules.load()
    folded = fold_text(sentence)
    subset = rules.triggers_for(folded)
    assert _all(subset, folded) == _all(rules.trigger_re, folded)
    full = rules.trigger_re.search(folded, 3)
    cut = subset.search(folded, 3)
    assert (full.span() if full else None) == (cut.span() if cut else None)


@pytest.mark.parametrize("kind", ["skip", "aggregate", "civilian", "claim", "unattributed"])
def test_prefilter_cues_same_as_full(kind: str) -> None:
    rules = Rules.load()
    for sentence in SENTENCES:
        folded = fold_text(sentence)
        subset = rules.cue_for(kind, folded)
        assert _all(subset, folded) == _all(rules.cue(kind), folded), sentence
        full = rules.cue(kind).match(folded)
        cut = subset.match(folded)
        assert (full.span() if full else None) == (cut.span() if cut else None)


def test_prefilter_overlapping_alternatives_keep_order() -> None:
    alternation = Alternation(["(?P<a>attack)", "(?P<b>attacked an)", "(?P<c>an? [a-z]+)"])
    for text in ["they attacked an outpost", "an attack", "a raid and an attack", "nothing"]:
        assert _all(alternation.for_text(text), text) == _all(alternation.full, text)


def test_prefilter_whole_documents(examples_dir: Path) -> None:
    rules = Rules.load()
    for path in sorted((examples_dir / "bulletins").iterdir()):
        for document in read_file(path):
            for sent in segment_document(document).sentences:
                folded = fold_text(sent.text[:4000])
                assert _all(rules.triggers_for(folded), folded) == _all(rules.trigger_re, folded)


def test_prefilter_shared_scanner_keeps_shorter_words() -> None:
    """One scan serves several alternations: a word inside a longer one still counts."""
    short = Alternation(["(?P<a>attack)"])
    long = Alternation(["(?P<b>attacked an outpost)"])
    scanner = Scanner(short.words | long.words)
    short.share(scanner)
    long.share(scanner)
    text = "gunmen attacked an outpost"
    assert _all(short.for_text(text), text) == [(7, 13, "a")]
    assert _all(long.for_text(text), text) == [(7, 26, "b")]
    with pytest.raises(ValueError):
        Alternation(["(?P<c>ambush)"]).share(scanner)


CASED_TEXTS = [
    "Fighters of ISIS and the islamic state attacked HTS positions near Idlib; the SDF replied.",
    "xISIS-linked cells, ISIS's men, 'ISIS' and al-Qaeda in the Islamic Maghreb (AQIM) met.",
    "ÉLITE units of the Syrian Arab Army shelled Daraa – the IRGC-backed militia withdrew.",
    "The ıSIS spelling, the ſdf spelling and a KELVIN sign \u212a: none is a plain letter.",
    "ÉLITE ISIS cells near Ḥasakah and Qamishlī; the SDF and Şam units in DEİR ez-Zor.",
    "Élite units of the Islamic State hit al-Ḥasakah, idlib and HTS posts near Dérik.",
    "Baghdad, NINEVEH, al-anbar province and deir ez-zor were named in the report.",
    "On May 3 and June 4, 2024, and again xMay 5 and (March 9th), raids were reported.",
    "",
]


@pytest.mark.parametrize("text", CASED_TEXTS)
def test_prefilter_lowered_patterns_same_as_ignorecase(text: str) -> None:
    from watchfloor.extract.dates import _bounded_finditer, load_date_words
    from watchfloor.extract.locations import region_names
    from watchfloor.extract.rules import alias_spans

    rules = Rules.load()
    assert rules.alias_split is not None
    expected = [(m.start(), m.end(), m.group()) for m in rules.alias_re.finditer(text)]
    assert alias_spans(text, rules) == expected
    assert region_names(text, rules.region_re) == [
        m.group() for m in rules.region_re.finditer(text)
    ]
    month_first = load_date_words().month_first_re
    assert [m.span() for m in _bounded_finditer(month_first, text)] == [
        m.span() for m in month_first.finditer(text)
    ]


def test_prefilter_lower_safe() -> None:
    from watchfloor.extract.prefilter import lower_safe

    assert lower_safe("Plain ASCII, Upper And lower")
    assert lower_safe("dashes – and bullets • and Arabic \u0627\u0644")
    assert lower_safe("Élite forces in Ḥasakah and Şam")  # each lowers to one non-ASCII letter
    assert not lower_safe("dotless ı")  # re.IGNORECASE matches it to "i"
    assert not lower_safe("long ſ and the Kelvin sign \u212a")  # folded onto "s" and "k"
    assert not lower_safe("İdlib")  # lowers to two characters


def test_prefilter_subsets_are_shared_between_word_sets() -> None:
    """Texts whose words keep the same alternatives get one subset, in the parts' order."""
    alternation = Alternation(["(?P<a>raid)", "(?P<b>shell(?:ed|ing))", "(?P<c>raided)", "x?"])
    first = alternation.for_text("they raided the post")
    again = alternation.for_text("a raid, then they raided it")  # words found: raid, raided
    assert first is again  # both keep the "raid" and "raided" alternatives
    assert alternation.for_text("a raid at dawn") is not first  # only "raid" can match
    assert alternation.for_text("the village was shelled") is not first
    text = "shelling began after they raided it"
    assert _all(alternation.for_text(text), text) == _all(alternation.full, text)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:backed|supported) by (?:the )?(?:[a-z'-]+ ){0,4}$",
        r"^ ?(?:cover|backing)\b",
        r"\bduring (?:an? |the )?(?:[a-z'-]+ )?$|\b(?:after|despite) (?:the )?$",
        r"[a-z]+ed$",  # no literal: always searched
    ],
)
def test_literal_gate_skips_only_texts_that_cannot_match(pattern: str) -> None:
    compiled = re.compile(pattern)
    literals = pattern_literals(compiled)
    texts = [
        "troops backed by the coalition ",
        "cover from the air",
        "he escaped during a ",
        "fighting resumed despite the ",
        "nothing relevant here",
        "",
    ]
    for text in texts:
        if not may_match(literals, text):
            assert compiled.search(text) is None, text


def test_literal_gate_knows_nothing_under_folding_flags() -> None:
    assert pattern_literals(re.compile("backed by", re.IGNORECASE)) is None
    assert pattern_literals(re.compile("backed by")) == frozenset({"backed by"})
    assert may_match(None, "anything")
    assert not may_match(frozenset({"backed"}), "supported by")
