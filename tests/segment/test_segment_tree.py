"""segment_document on documents written for these tests (bulletin, news story, Telegram)."""

from __future__ import annotations

import datetime as dt

from watchfloor.models import BlockKind, DocFormat, DocItem, Document, DocumentTree
from watchfloor.segment import segment_document

BULLETIN = """Weekly Monitor (March 1 – 7, 2021)

Local outlet logo

A burned pickup truck on the road to Tadef (Step News, March 3, 2021)

Main events of the week
  • ISIS cells attacked SDF posts in the Deir ez-Zor countryside. Four fighters were killed.
  • In Iraq, the army pressed on with raids in Kirkuk.

Syria

Deir ez-Zor Province
  • On March 2, 2021, ISIS gunmen attacked an SDF checkpoint near Hajin. Two fighters were killed (Telegram, March 2, 2021). The gunmen fled towards the river.
  • On March 3, 2021, an IED exploded under an SDF vehicle near Diban. The passengers were wounded (Deir ez-Zor 24, March 3; Hawar News, March 4, 2021).

A burned pickup truck on the road to Tadef (Step News, March 3, 2021)

Map of the eastern countryside (March 4, 2021)

Red: Area controlled by the Syrian army. Yellow: Area controlled by the SDF (Step News, March 4, 2021)

Attack on a gas field
  • On March 4, 2021, ISIS operatives shelled the Koniko gas field.[1] No damage was reported (SANA, March 4, 2021).

Iraq

ISIS activity
  • The army said that the cell that attacked the checkpoint in Kirkuk had been destroyed (Shafaq News, March 5, 2021).

Kirkuk Province
  • On March 5, 2021, a police patrol was ambushed south of Kirkuk. One policeman was killed and two were wounded, according to the police (Al-Sumaria, March 5, 2021).

ISIS's provinces abroad

Nigeria

Borno State
  • On March 6, 2021, ISIS's West Africa Province claimed an attack on an army base in Monguno (Amaq, March 6, 2021).

[1]A gas field east of the Euphrates, held by the SDF since 2017.
"""


def _tree(text: str, **extra: object) -> DocumentTree:
    document = Document(
        id="x",
        text=text,
        title=(text.strip().splitlines() or [""])[0],
        format=extra.pop("format", DocFormat.TEXT),  # type: ignore[arg-type]
        origin="x.txt",
        **extra,  # type: ignore[arg-type]
    )
    return segment_document(document)


def _sentence(tree: DocumentTree, fragment: str) -> int:
    matches = [sent.index for sent in tree.sentences if fragment in sent.text]
    assert len(matches) == 1, (fragment, matches)
    return matches[0]


def test_segment_bulletin_section_tree() -> None:
    tree = _tree(BULLETIN)
    paths = [section.path for section in tree.sections]
    assert paths == [
        ("Main events of the week",),
        ("Syria",),
        ("Syria", "Deir ez-Zor Province"),
        ("Syria", "Attack on a gas field"),
        ("Iraq",),
        ("Iraq", "ISIS activity"),
        ("Iraq", "ISIS activity", "Kirkuk Province"),
        ("ISIS's provinces abroad",),
        ("ISIS's provinces abroad", "Nigeria"),
        ("ISIS's provinces abroad", "Nigeria", "Borno State"),
    ]
    assert [s.is_summary for s in tree.sections] == [True] + [False] * 9
    assert all(
        tree.sections[s.parent].path == s.path[:-1] for s in tree.sections if s.parent is not None
    )


def test_segment_bulletin_sentence_flags() -> None:
    tree = _tree(BULLETIN)
    summary = tree.sentences[_sentence(tree, "the army pressed on")]
    assert summary.in_summary and summary.section_path == ("Main events of the week",)
    body = tree.sentences[_sentence(tree, "attacked an SDF checkpoint near Hajin")]
    assert not body.in_summary
    assert body.section_path == ("Syria", "Deir ez-Zor Province")
    assert body.block_kind == BlockKind.BULLET
    captions = [s for s in tree.sentences if "burned pickup" in s.text]
    assert [(s.is_caption, s.is_repeated) for s in captions] == [(True, False), (True, True)]
    map_title = tree.sentences[_sentence(tree, "Map of the eastern countryside")]
    assert map_title.is_caption and map_title.citations == ()
    legends = [s for s in tree.sentences if s.is_legend]
    assert [s.text.split(":")[0] for s in legends] == ["Red", "Yellow"]
    assert all(s.citations[0].name == "Step News" for s in legends)
    preamble = [b for b in tree.blocks if "logo" in BULLETIN[b.span[0] : b.span[1]]]
    assert [(b.kind, b.section_index) for b in preamble] == [(BlockKind.HEADING, None)]
    assert all("logo" not in s.text for s in tree.sentences)


def test_segment_bulletin_citation_groups() -> None:
    tree = _tree(BULLETIN)
    first = tree.sentences[_sentence(tree, "attacked an SDF checkpoint near Hajin")]
    closing = tree.sentences[_sentence(tree, "Two fighters were killed")]
    after = tree.sentences[_sentence(tree, "The gunmen fled")]
    assert [c.name for c in first.citations] == ["Telegram"]
    assert first.citations == closing.citations
    assert after.citations == ()
    carried = tree.sentences[_sentence(tree, "The passengers were wounded")]
    assert [(c.name, c.date) for c in carried.citations] == [
        ("Deir ez-Zor 24", dt.date(2021, 3, 3)),
        ("Hawar News", dt.date(2021, 3, 4)),
    ]
    start, end = carried.citations[0].span
    assert BULLETIN[start:end] == "(Deir ez-Zor 24, March 3; Hawar News, March 4, 2021)"


def test_segment_bulletin_footnote_attached_to_anchor() -> None:
    tree = _tree(BULLETIN)
    (footnote,) = tree.footnotes
    assert footnote.marker == "1"
    assert footnote.text.startswith("A gas field east of the Euphrates")
    anchor = tree.sentences[footnote.anchor_sentence]  # type: ignore[index]
    assert "shelled the Koniko gas field" in anchor.text
    assert anchor.footnote_refs == ("1",)
    body = [s for s in tree.sentences if s.is_footnote]
    assert len(body) == 1 and body[0].block_kind == BlockKind.FOOTNOTE


def test_segment_sentence_text_matches_span_length() -> None:
    tree = _tree(BULLETIN)
    for sent in tree.sentences:
        assert len(sent.text) == sent.span[1] - sent.span[0]
        assert sent.text.split() == BULLETIN[sent.span[0] : sent.span[1]].split()


PAGE_BREAK = """Syria

Raids in the Badia
  • On May 2, 2021, the army said that its units had destroyed an ISIS hideout and

² The hideout had been used since 2019.

seized weapons and explosives in the desert (SANA, May 2, 2021).
"""


def test_segment_page_break_paragraph_continues_over_footnote() -> None:
    tree = _tree(PAGE_BREAK)
    bullet = [s for s in tree.sentences if s.block_kind == BlockKind.BULLET]
    assert len(bullet) == 1
    assert "seized weapons" in bullet[0].text and "2019" not in bullet[0].text
    assert [c.name for c in bullet[0].citations] == ["SANA"]
    (footnote,) = tree.footnotes
    assert footnote.marker == "2" and footnote.anchor_sentence is None


NEWS = """Car bomb kills five in northern town

A car bomb exploded near a market in the town of Azaz on Tuesday, killing five people, local officials said.

The blast damaged several shops. No group has claimed responsibility so far.
"""


def test_segment_news_story_has_no_sections() -> None:
    tree = _tree(NEWS)
    assert tree.sections == ()
    assert [b.kind for b in tree.blocks] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    assert len(tree.sentences) == 3
    assert all(s.section_path == () and s.section_index is None for s in tree.sentences)


def test_segment_telegram_items_are_blocks_with_dates() -> None:
    first = "Breaking: clashes near Tal Tamr\n\nTwo SDF fighters were wounded."
    second = "Turkish drones struck a car near Qamishli. One person was killed."
    text = first + "\n\n" + second
    items = (
        DocItem(start=0, end=len(first), date=dt.date(2021, 6, 1), ref="11"),
        DocItem(start=len(first) + 2, end=len(text), date=dt.date(2021, 6, 2), ref="12"),
    )
    tree = _tree(text, format=DocFormat.TELEGRAM, items=items)
    assert len(tree.blocks) == 2
    assert [s.item_date for s in tree.sentences] == [dt.date(2021, 6, 1)] * 2 + [
        dt.date(2021, 6, 2)
    ] * 2
    assert tree.sentences[0].text == "Breaking: clashes near Tal Tamr"


def test_segment_markdown_headings_keep_their_levels() -> None:
    text = "# Weekly report\n\n## Iraq\n\n### Kirkuk Province\n\nA patrol was attacked.\n\n## Syria\n\nA convoy was hit.\n"
    tree = _tree(text, format=DocFormat.MARKDOWN)
    assert [s.path for s in tree.sections] == [
        ("Weekly report",),
        ("Weekly report", "Iraq"),
        ("Weekly report", "Iraq", "Kirkuk Province"),
        ("Weekly report", "Syria"),
    ]
    assert tree.sentences[1].section_path == ("Weekly report", "Syria")


def test_segment_hostile_input_is_bounded() -> None:
    text = "Syria\n\n" + "(" * 50_000 + "x" * 100_000 + ". " + ")" * 50_000 + "\n"
    tree = _tree(text)
    covered = sum(s.span[1] - s.span[0] for s in tree.sentences)
    assert covered >= 200_000
    assert all(len(s.text) <= 2000 for s in tree.sentences)


def test_segment_empty_document() -> None:
    tree = _tree(" \n")
    assert tree.sections == () and tree.sentences == () and tree.blocks == ()


REGIONS = """Highlights of the events
  • The army and the SDF both reported a quiet week.

Syria

The Euphrates Valley

Overview

ISIS cells were active east of the river.

Deir ez-Zor Province
  • A checkpoint was attacked near Hajin (Telegram, May 1, 2021).

Homs Province and the Syrian Desert
  • A convoy was ambushed near Al-Sukhnah (Telegram, May 2, 2021).

ISIS's provinces abroad

Afghanistan (Khorasan Province)
  • A Taliban commander was shot in Jalalabad (Amaq, May 3, 2021).
"""


def test_segment_regions_nest_under_countries() -> None:
    tree = _tree(REGIONS)
    assert [s.path for s in tree.sections] == [
        ("Highlights of the events",),
        ("Syria",),
        ("Syria", "The Euphrates Valley"),
        ("Syria", "The Euphrates Valley", "Overview"),
        ("Syria", "The Euphrates Valley", "Deir ez-Zor Province"),
        ("Syria", "The Euphrates Valley", "Homs Province and the Syrian Desert"),
        ("ISIS's provinces abroad",),
        ("ISIS's provinces abroad", "Afghanistan (Khorasan Province)"),
    ]
    assert [s.in_summary for s in tree.sentences] == [True] + [False] * 4
