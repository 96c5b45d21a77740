"""ingest, docs, export and search through the real command line on real files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from watchfloor.cli.main import app

runner = CliRunner()

BULLETIN = """DEMO DESK – Weekly Monitor (March 7 – 13, 2024)

Main events of the week
• On March 9, 2024, an IED exploded near an Iraqi army patrol in Tarmiyah, killing two soldiers (Shafaq News, March 9, 2024).

Iraq
Diyala Province
• On March 10, 2024, ISIS operatives attacked a police checkpoint near Baqubah, wounding three policemen (Al-Sumaria, March 10, 2024).
"""


def write_inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "week.txt").write_text(BULLETIN, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_cli_ingest_reports_failures_and_keeps_going(tmp_path: Path, db_path: Path) -> None:
    folder = write_inputs(tmp_path / "reports")
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db_path)])
    assert result.exit_code == 1
    assert f"{folder / 'binary.txt'}: binary:" in result.output
    assert f"{folder / 'empty.txt'}: empty:" in result.output
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    reasons = sorted(r[0] for r in conn.execute("SELECT reason FROM failures"))
    assert reasons == ["binary", "empty"]
    # Re-ingesting the same content changes nothing.
    again = runner.invoke(app, ["ingest", str(folder / "week.txt"), "--db", str(db_path)])
    assert again.exit_code == 0
    assert "unchanged" in again.output
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1


def test_cli_docs_list_and_show_structure(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "week.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(path), "--db", str(db_path)]).exit_code == 0
    listing = runner.invoke(app, ["docs", "list", "--db", str(db_path)])
    assert listing.exit_code == 0
    assert "2024-03-07 – 2024-03-13" in listing.output
    shown = runner.invoke(app, ["docs", "show", "week.txt", "--structure", "--db", str(db_path)])
    assert shown.exit_code == 0, shown.output
    assert "Iraq > Diyala Province" in shown.output
    assert "Al-Sumaria, 2024-03-10" in shown.output
    missing = runner.invoke(app, ["docs", "show", "nope", "--db", str(db_path)])
    assert missing.exit_code == 1
    assert "Error: no-such-document" in missing.output


def test_cli_extract_then_export_every_format(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "week.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    for fmt in ("csv", "jsonl", "geojson"):
        out = tmp_path / f"events.{fmt}"
        done = runner.invoke(
            app, ["export", "--db", str(db_path), "--format", fmt, "--out", str(out)]
        )
        assert done.exit_code == 0, done.output
        assert out.stat().st_size > 0
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert {e["event_date"] for e in events} >= {"2024-03-09", "2024-03-10"}
    bad = runner.invoke(
        app, ["export", "--db", str(db_path), "--format", "xml", "--out", str(tmp_path / "x")]
    )
    assert bad.exit_code == 2


def test_cli_search_sentences(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "week.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    runner.invoke(app, ["ingest", str(path), "--db", str(db_path)])
    found = runner.invoke(app, ["search", "police checkpoint", "--db", str(db_path)])
    assert found.exit_code == 0
    assert "Baqubah" in found.output


def test_cli_ingest_killed_midway_loses_nothing_committed(tmp_path: Path, db_path: Path) -> None:
    """SIGKILL an ingest of many files; every document it committed is intact after reopening."""
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(400):
        (folder / f"doc{n:04d}.txt").write_text(
            BULLETIN.replace("March 9", f"March {n % 28 + 1}") + f"\nNote {n}.\n" * 50,
            encoding="utf-8",
        )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "watchfloor", "ingest", str(folder), "--db", str(db_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 60
    committed = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=1) as conn:
                    committed = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if committed >= 5:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert stored >= committed >= 1
    orphans = conn.execute(
        "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS"
        " (SELECT 1 FROM sentences s WHERE s.document_id = d.id)"
    ).fetchone()[0]
    assert orphans == 0


def test_cli_extract_jsonl_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    """A broken file in the folder is named on stderr with its reason; the events of the
    good file are still printed and the exit code says something failed."""
    (tmp_path / "a_broken.json").write_text('{"name": "x"} {"extra": 1}', encoding="utf-8")
    (tmp_path / "b_week.txt").write_text(BULLETIN, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "a_broken.json" in result.stderr and "bad-json" in result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(e["doc"] == "b_week.txt" for e in events)
