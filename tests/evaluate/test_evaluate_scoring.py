"""The scorer on small gold/prediction files written for these tests (P/R/F1 by hand)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchfloor.errors import DataFileError
from watchfloor.evaluate import load_gold, load_statistics, score

DOC = "bulletin.txt"
TEXT = (
    "Highlights. Gunmen killed two guards in Hit.\n"
    "On March 6, 2021, gunmen attacked a checkpoint in Hit and killed two guards "
    "(Local Radio, March 6, 2021).\n"
    "On March 7, 2021, a mortar shell hit a house in Rawa (Agency, March 7, 2021).\n"
    "On March 8, 2021, police arrested three suspects in Anah (Agency, March 8, 2021).\n"
)


def _event(n: int, evidence: str, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": f"bulletin#{n}",
        "doc": DOC,
        "evidence": evidence,
        "also_in": [],
        "event_date": "2021-03-06",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Unidentified Armed Group",
        "actor2": "Iraqi Police",
        "killed": None,
        "wounded": None,
        "killed_or_wounded": None,
        "fatalities": 0,
        "claimed_by": None,
        "sources": [],
        "country": "Iraq",
        "admin1": "Anbar",
        "latitude": None,
        "longitude": None,
        "location_text": None,
    }
    base.update(fields)
    return base


GOLD = [
    _event(
        1,
        "On March 6, 2021, gunmen attacked a checkpoint in Hit and killed two guards "
        "(Local Radio, March 6, 2021).",
        also_in=["Gunmen killed two guards in Hit."],
        killed=2,
        fatalities=2,
        sources=[{"name": "Local Radio", "date": "2021-03-06"}],
        latitude=33.64,
        longitude=42.83,
        location_text="Hit",
    ),
    _event(
        2,
        "On March 7, 2021, a mortar shell hit a house in Rawa (Agency, March 7, 2021).",
        event_date="2021-03-07",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor2="Civilians",
        sources=[{"name": "Agency", "date": "2021-03-07"}],
        latitude=34.47,
        longitude=41.91,
        location_text="Rawa",
    ),
    _event(
        3,
        "On March 8, 2021, police arrested three suspects in Anah (Agency, March 8, 2021).",
        event_date="2021-03-08",
        event_type="Strategic developments",
        sub_event_type="Arrests",
        actor1="Iraqi Police",
        actor2=None,
        latitude=34.37,
        longitude=41.99,
        location_text="Anah",
    ),
]

PRED = [
    # matches gold 1 through its also_in telling; killed wrong, actor alias folds
    _event(
        1,
        "Gunmen killed two guards in Hit.",
        killed=3,
        fatalities=3,
        actor2="iraqi  police",
        sources=[{"name": "Local Radio", "date": "2021-03-06"}],
        latitude=33.63,
        longitude=42.82,
    ),
    # no evidence overlap, but same date, sub-type and 4 km away: matches gold 2
    _event(
        2,
        "Shells fell on the Rawa area.",
        event_date="2021-03-07",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor2="Civilians",
        latitude=34.49,
        longitude=41.95,
    ),
    # an extra: nothing like it in the gold
    _event(
        3, "Highlights.", event_date="2021-03-09", sub_event_type="Abduction/forced disappearance"
    ),
]


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_scoring_counts_by_hand(tmp_path: Path) -> None:
    gold = load_gold(_write(tmp_path / "gold.jsonl", GOLD))
    pred = load_gold(_write(tmp_path / "pred.jsonl", PRED))
    report = score(gold, pred, texts={DOC: TEXT})
    # 2 matched of 3 predicted and 3 gold: P = R = 2/3, F1 = 2/3
    assert (report.overall.matched, report.overall.predicted, report.overall.gold) == (2, 3, 3)
    assert report.overall.precision == pytest.approx(2 / 3)
    assert report.overall.recall == pytest.approx(2 / 3)
    assert report.overall.f1 == pytest.approx(2 / 3)
    assert [p.how for p in report.pairs] == ["evidence", "place"]
    assert [m.id for m in report.misses] == ["bulletin#3"]
    assert [e.id for e in report.extras] == ["bulletin#3"]
    assert report.field_score("killed").correct == 1
    assert report.field_score("killed").total == 2
    assert report.field_score("actor2").accuracy == 1.0
    assert report.field_score("sources").correct == 1  # gold 2 cites Agency, the prediction nothing
    assert report.location is not None
    assert report.location.pairs == 2
    assert report.location.within_25km == 1.0
    assert report.location.within_5km == 1.0


def test_scoring_each_gold_matches_one_prediction(tmp_path: Path) -> None:
    gold = load_gold(_write(tmp_path / "gold.jsonl", GOLD[:1]))
    twice = [PRED[0], {**PRED[0], "id": "bulletin#9"}]
    report = score(gold, load_gold(_write(tmp_path / "pred.jsonl", twice)), texts={DOC: TEXT})
    assert report.overall.matched == 1
    assert report.overall.precision == pytest.approx(0.5)
    assert report.overall.recall == 1.0


def test_scoring_prefers_the_main_evidence_over_also_in(tmp_path: Path) -> None:
    gold = load_gold(_write(tmp_path / "gold.jsonl", GOLD[:1]))
    main = {**PRED[0], "id": "bulletin#7", "evidence": GOLD[0]["evidence"]}
    report = score(gold, load_gold(_write(tmp_path / "pred.jsonl", [PRED[0], main])))
    assert report.pairs[0].predicted.id == "bulletin#7"


def test_scoring_far_place_does_not_match(tmp_path: Path) -> None:
    far = {**PRED[1], "latitude": 35.5, "longitude": 41.95}
    gold = load_gold(_write(tmp_path / "gold.jsonl", GOLD))
    report = score(gold, load_gold(_write(tmp_path / "pred.jsonl", [far])))
    assert report.overall.matched == 0
    assert report.overall.f1 == 0.0


def test_scoring_statistics_by_value(tmp_path: Path) -> None:
    rows = [
        {"doc": DOC, "evidence": "x", "metric": "displaced", "value": 1500, "unit": "people"},
        {"doc": DOC, "evidence": "y", "metric": "attacks", "value": 40, "unit": "attacks"},
    ]
    gold_stats = load_statistics(_write(tmp_path / "gs.jsonl", rows))
    pred_stats = load_statistics(_write(tmp_path / "ps.jsonl", [rows[0], {**rows[1], "value": 41}]))
    gold = load_gold(_write(tmp_path / "gold.jsonl", GOLD))
    report = score(gold, [], gold_statistics=gold_stats, predicted_statistics=pred_stats)
    assert report.statistics is not None
    assert (report.statistics.matched, report.statistics.precision) == (1, 0.5)


def test_load_gold_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_gold(path)
    assert err.value.reason == "bad-json"
    assert err.value.path == f"{path}:2"


def test_scoring_gold_against_itself_is_perfect(gold_dir: Path) -> None:
    gold = load_gold(gold_dir / "events.jsonl")
    report = score(gold, gold)
    assert report.overall.f1 == 1.0
    assert all(f.accuracy == 1.0 for f in report.fields)


def test_eval_command_scores_a_predictions_file(tmp_path: Path) -> None:
    import typer

    from watchfloor.cli import evaluate

    app = typer.Typer()
    evaluate.register(app)

    @app.callback()
    def _root() -> None:
        """Test root."""

    gold = _write(tmp_path / "gold.jsonl", GOLD)
    pred = _write(tmp_path / "pred.jsonl", PRED)
    (tmp_path / DOC).write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["eval", str(gold), "--pred", str(pred), "--docs", str(tmp_path), "--json", "--show"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["overall"]["matched"] == 2
    assert out["overall"]["f1"] == pytest.approx(0.6667)
    assert [m["id"] for m in out["misses"]] == ["bulletin#3"]
    table = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(pred)])
    assert table.exit_code == 0
    assert "overall" in table.output


def test_eval_command_needs_docs_or_pred(tmp_path: Path) -> None:
    import typer

    from watchfloor.cli import evaluate

    app = typer.Typer()
    evaluate.register(app)

    @app.callback()
    def _root() -> None:
        """Test root."""

    gold = _write(tmp_path / "gold.jsonl", GOLD)
    result = CliRunner().invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2


def test_scoring_unidentified_country_suffix_is_optional(tmp_path: Path) -> None:
    """The guide writes an unnamed group with its country "when useful": both forms match,
    but two different named actors still do not."""
    gold = load_gold(_write(tmp_path / "gold.jsonl", GOLD[:1]))
    pred_rows = [dict(GOLD[0], actor1="Unidentified Armed Group (Iraq)", actor2="Iraqi Army")]
    pred = load_gold(_write(tmp_path / "pred.jsonl", pred_rows))
    report = score(gold, pred, texts={DOC: TEXT})
    assert report.field_score("actor1").correct == 1
    assert report.field_score("actor2").correct == 0
