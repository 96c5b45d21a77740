"""Knowledge base, proposals, people mentions and the resolve CLI (real SQLite files)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from test_resolve_incidents import claim_and_news, make_event, save
from typer.testing import CliRunner

from watchfloor.cli import resolve as resolve_cli
from watchfloor.errors import DataFileError
from watchfloor.resolve import (
    KnowledgeBase,
    find_people,
    import_kb,
    merge_incidents,
    pending_proposals,
    review_proposal,
)
from watchfloor.resolve.kb import parse_kb_lines
from watchfloor.store import Store


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_seed()


@pytest.mark.parametrize(
    ("name", "canonical"),
    [("Jabhat al-Nusra", "Hay'at Tahrir al-Sham"), ("Jabhat Fath al-Sham", "Hay'at Tahrir al-Sham"),
     ("HTS", "Hay'at Tahrir al-Sham"), ("Daesh", "Islamic State"), ("ISKP", "Khorasan Province"),
     ("the Islamic State", "Islamic State"), ("Unidentified Armed Group (Iraq)", "Unidentified Armed Group")],
)  # fmt: skip
def test_kb_resolves_aliases(kb: KnowledgeBase, name: str, canonical: str) -> None:
    assert kb.resolve_org(name) == canonical


def test_kb_names_over_time_and_branches(kb: KnowledgeBase) -> None:
    hts = "Hay'at Tahrir al-Sham"
    assert kb.name_on(hts, dt.date(2014, 5, 1)) == "Jabhat al-Nusra"
    assert kb.name_on(hts, dt.date(2016, 9, 1)) == "Jabhat Fath al-Sham"
    assert kb.root_org("Wilayat Sinai") == "Islamic State"
    assert {"Sinai Province", "West Africa Province", "Khorasan Province"} <= set(
        kb.branches("Islamic State")
    )
    assert any(r.relation == "sponsored-by" for r in kb.orgs["Hezbollah"].relations)


def test_kb_bad_file_names_line() -> None:
    with pytest.raises(DataFileError) as err:
        parse_kb_lines(['{"type": "meta", "version": "1"}', '{"type": "org"}'], "mine.jsonl")
    assert "mine.jsonl:2" in str(err.value)


def test_people_kunya_title_fate_and_kb(kb: KnowledgeBase) -> None:
    text = (
        "Security sources said the emir of the Sinai Province, Abu Osama al-Masri, was killed "
        "in a raid. Separately, Abu Ibrahim al-Hashemi al-Qurashi was named in a new audio "
        "message."
    )
    mentions = {m.name: m for m in find_people(text, kb)}
    emir = mentions["Abu Osama al-Masri"]
    assert (emir.role, emir.organisation, emir.fate) == (
        "emir of Sinai Province", "Sinai Province", "killed",
    )  # fmt: skip
    assert emir.span is not None and text[emir.span[0] : emir.span[1]] == emir.name
    leader = mentions["Abu Ibrahim al-Hashemi al-Qurashi"]
    assert leader.organisation == "Islamic State" and leader.fate == "appointed"
    assert kb.person(leader.name) is not None


def test_people_hostile_text_is_bounded(kb: KnowledgeBase) -> None:
    text = ("Abu " * 20_000) + "emir " * 10_000
    assert isinstance(find_people(text, kb), list)


def test_kb_unknown_actors_become_proposals_not_entries(db_path: Path) -> None:
    with Store.open(db_path) as store:
        save(store, "a", make_event("a", 1, actor1="Ansar al-Islam", actor2="Iraqi Army"))
        save(store, "b", make_event("b", 1, actor1="Ansar al-Islam", latitude=40.0))
        merge_incidents(store)
        proposals = pending_proposals(store)
        assert [(p.name, p.seen) for p in proposals] == [("Ansar al-Islam", 2)]
        kb = KnowledgeBase.from_store(store)
        assert kb.resolve_org("Ansar al-Islam") is None
        review_proposal(store, "Ansar al-Islam", "merge", into="ISIS")
        assert KnowledgeBase.from_store(store).resolve_org("Ansar al-Islam") == "Islamic State"
        assert pending_proposals(store) == []
        decided = store.conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'kb-merge'")
        assert decided.fetchone()[0] == 1


def test_kb_export_import_round_trip(db_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    app = typer.Typer()
    resolve_cli.register(app)
    out = tmp_path / "kb.jsonl"
    result = runner.invoke(app, ["kb", "export", "--db", str(db_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert any(r.get("canonical") == "Sinai Province" for r in records)
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"type": "org", "canonical": "Ansar al-Islam",
                                "relations": [{"relation": "pledged-to", "other": "Islamic State"}],
                                "aliases": [{"name": "Ansar al-Islam fi Kurdistan"}]}) + "\n")  # fmt: skip
    with Store.open(tmp_path / "other.db") as store:
        assert import_kb(store, mine) == (1, 0)
        kb = KnowledgeBase.from_store(store)
        assert kb.resolve_org("Ansar al-Islam fi Kurdistan") == "Ansar al-Islam"


def test_cli_resolve_incidents_show_and_people(db_path: Path) -> None:
    with Store.open(db_path) as store:
        claim_and_news(store)
    app = typer.Typer()
    resolve_cli.register(app)
    runner = CliRunner()
    db = ["--db", str(db_path)]
    result = runner.invoke(app, ["resolve", *db])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["resolve", *db]).exit_code == 0
    listing = runner.invoke(
        app, ["incidents", *db, "--since", "2020-02-13", "--until", "2020-02-19"]
    )
    assert listing.exit_code == 0 and "1 incident(s)" in listing.output
    show = runner.invoke(app, ["incident", "show", "1", *db], terminal_width=200)
    assert show.exit_code == 0, show.output
    assert "indep" in show.output and "16" in show.output
    assert "Headline: killed 9, wounded 4" in show.output
    assert "Claimed by Islamic State: killed 16" in show.output
    assert "lowest figure among independent" in show.output
    missing = runner.invoke(app, ["incident", "show", "99", *db])
    assert missing.exit_code == 1
    assert "Error: no-such-incident: incident 99 has no reports" in missing.output
    person = runner.invoke(app, ["people", "show", "Abu Ibrahim al-Hashemi al-Qurashi", *db],
                           terminal_width=200)  # fmt: skip
    assert person.exit_code == 0 and "2022-02-03" in person.output
    actor = runner.invoke(app, ["actors", "show", "Jabhat al-Nusra", *db], terminal_width=200)
    assert actor.exit_code == 0 and "Jabhat Fath al-Sham 2016-07-28" in actor.output
