"""Aggregate figures in lists, brackets and paragraphs (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

from watchfloor.extract.statistics import extract_statistics, parse_statistic_words
from watchfloor.models import BlockKind, Citation, DocFormat, Document, DocumentTree, Sentence

Line = tuple[str, int]  # (sentence, block index)


def _tree(lines: list[Line], *, cited: str | None = None) -> DocumentTree:
    """One sentence per line; the paragraph of ``cited`` closes with a citation that every
    sentence of that paragraph knows (as the segmenter gives it), placed after its last one."""
    text = ""
    spans: list[tuple[int, int]] = []
    for line, _ in lines:
        spans.append((len(text), len(text) + len(line)))
        text += line + " "
    cite_block = next((b for line, b in lines if cited is not None and cited in line), None)
    citations: tuple[Citation, ...] = ()
    if cite_block is not None:
        end = max(span[1] for span, (_, b) in zip(spans, lines, strict=True) if b == cite_block)
        citations = (Citation("Telegram", dt.date(2022, 5, 9), span=(end - 20, end)),)
    sentences = tuple(
        Sentence(
            index=index,
            text=line,
            span=spans[index],
            section_path=("Iraq",),
            section_index=0,
            block_index=block,
            block_kind=BlockKind.PARAGRAPH,
            citations=citations if block == cite_block else (),
        )
        for index, (line, block) in enumerate(lines)
    )
    document = Document(
        id="1" * 16,
        text=text,
        title="Weekly report",
        format=DocFormat.TEXT,
        origin="/tmp/weekly.txt",
        period_start=dt.date(2022, 5, 5),
        period_end=dt.date(2022, 5, 11),
    )
    return DocumentTree(document, (), (), sentences)


def _figures(lines: list[Line], *, cited: str | None = None) -> dict[float, tuple[str, str]]:
    return {
        s.value: (s.unit or "", s.metric) for s in extract_statistics(_tree(lines, cited=cited))
    }


def test_statistics_context_runs_through_the_cited_paragraph() -> None:
    # the paragraph's citation is known to all three sentences: only the last one reaches it
    lines = [
        ("The group published an infographic on its spring campaign.", 0),
        ("According to the infographic, 640 attacks were carried out in the province.", 0),
        ("In addition, 115 armored vehicles were destroyed.", 0),
    ]
    found = _figures(lines, cited="armored")
    assert found[640.0][0] == "attacks"
    assert found[115.0][0] == "vehicles"


def test_statistics_context_closes_after_the_citation() -> None:
    lines = [
        ("According to the infographic, 640 attacks were carried out.", 0),
        ("The group's statement named the dead commander.", 0),
        ("Local police said 14 soldiers were hurt at a checkpoint.", 1),
    ]
    found = _figures(lines, cited="statement")
    assert set(found) == {640.0}


def test_statistics_bracketed_counts_take_the_list_noun() -> None:
    lines = [
        ("According to the infographic, 900 attacks were carried out in the province.", 0),
        (
            "Other attacks included: roadside bombs (212); ambushes and raids (84); "
            "shelling (37); and other forms of attack (15).",
            0,
        ),
    ]
    found = _figures(lines)
    assert found[212.0] == ("attacks", "roadside bombs")
    assert found[84.0] == ("attacks", "ambushes and raids")
    assert found[37.0] == ("attacks", "shelling")
    assert found[15.0] == ("attacks", "other forms of attack")


def test_statistics_every_figure_of_an_aggregate_sentence() -> None:
    line = (
        "According to the infographic, the main theatre was the northern district, where "
        "455 attacks were carried out, resulting in 1,230 casualties."
    )
    found = _figures([(line, 0)])
    assert found[455.0][0] == "attacks"
    assert found[1230.0] == ("people", "casualties")


def test_statistics_group_nouns_count_people() -> None:
    line = "According to the infographic, 2,400 Shiites and Kurds were killed and wounded."
    assert _figures([(line, 0)])[2400.0][0] == "people"


def test_statistics_killed_and_wounded_list() -> None:
    line = (
        "Since the beginning of the year the province saw 75 attacks, 210 killed and 340 wounded."
    )
    found = _figures([(line, 0)])
    assert found == {
        75.0: ("attacks", "attacks"),
        210.0: ("people", "killed"),
        340.0: ("people", "wounded"),
    }


def test_statistics_some_displaced() -> None:
    found = extract_statistics(_tree([("Some 6,500 displaced reached the camps this week.", 0)]))
    assert [(s.value, s.unit, s.qualifier) for s in found] == [(6500.0, "people", "some")]
    assert (found[0].period_start, found[0].period_end) == (
        dt.date(2022, 5, 5),
        dt.date(2022, 5, 11),
    )


def test_statistics_money_after_the_number_and_a_shared_rate() -> None:
    line = (
        "Its revenues fell to 12 million dollars a month, compared to $40 million a year earlier."
    )
    found = extract_statistics(_tree([(line, 0)]))
    assert [(s.value, s.unit) for s in found] == [
        (12_000_000.0, "USD per month"),
        (40_000_000.0, "USD per month"),
    ]


def test_statistics_approximate_count_of_battles_without_a_cue() -> None:
    found = _figures([("The offensive brought more than 45 battles along the front.", 0)])
    assert found == {45.0: ("battles", "battles")}
    # an exact count of attacks in an ordinary sentence is left to the events
    assert _figures([("Gunmen carried out 3 attacks on the road.", 0)]) == {}


def test_statistics_casualties_of_one_incident_are_not_statistics() -> None:
    lines = [
        ("In a bombing on May 7 at a camp for displaced families, 18 people were killed.", 0),
        ("In total, 3,100 displaced people were killed or wounded since the war began.", 1),
    ]
    assert set(_figures(lines)) == {3100.0}


def test_statistics_small_word_counts_in_a_carried_context_are_skipped() -> None:
    lines = [
        ("According to the infographic, 1,150 attacks were carried out.", 0),
        ("It listed notable operations: an ambush in the desert and three attacks in Kirkuk.", 0),
    ]
    assert set(_figures(lines)) == {1150.0}


def test_statistics_according_to_names_the_claimant() -> None:
    found = extract_statistics(_tree([("According to UNHCR, 7,000 refugees fled in May.", 0)]))
    assert [(s.value, s.claimant) for s in found] == [(7000.0, "UNHCR")]


def test_statistics_new_kinds_parse() -> None:
    words = parse_statistic_words(
        "# version\t1\ntally\tattacks\t\ncasualty\tkilled\t\nincident\tin the raid\t\n"
        "period\tsince\t\n"
    )
    assert words.tallies == frozenset({"attacks"})
    assert words.casualties == frozenset({"killed"})
    assert words.incidents == ("in the raid",)
    assert words.periods == ("since",)


def test_statistics_infographic_range_covers_its_figures() -> None:
    lines = [
        ("The group published an infographic covering (March 3 to April 1, 2022).", 0),
        ("According to the infographic, 310 attacks were carried out.", 1),
        ("In addition, 44 vehicles were destroyed.", 1),
    ]
    found = extract_statistics(_tree(lines, cited="covering"))
    assert {(s.value, s.period_start, s.period_end) for s in found} == {
        (310.0, dt.date(2022, 3, 3), dt.date(2022, 4, 1)),
        (44.0, dt.date(2022, 3, 3), dt.date(2022, 4, 1)),
    }


def test_statistics_range_in_the_sentence() -> None:
    lines = [
        ("Between December 28 and January 3, 2022, some 4,000 displaced left the camp.", 0),
        ("Aid groups said 2,500 refugees fled (April 4-6, 2022).", 1),
    ]
    found = {s.value: (s.period_start, s.period_end) for s in extract_statistics(_tree(lines))}
    assert found == {
        4000.0: (dt.date(2021, 12, 28), dt.date(2022, 1, 3)),
        2500.0: (dt.date(2022, 4, 4), dt.date(2022, 4, 6)),
    }
