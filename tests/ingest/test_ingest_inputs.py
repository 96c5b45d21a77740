"""Expanding the paths given on the command line into the files to read."""

from __future__ import annotations

from pathlib import Path

from watchfloor.ingest import iter_inputs


def test_iter_inputs_walks_folders_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", ".hidden.txt", "sub/c.txt", ".git/config", "sub/.d.txt"]:
        path = tmp_path / "reports" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    single = tmp_path / ".explicit.txt"
    single.write_text("x", encoding="utf-8")
    found = list(iter_inputs([tmp_path / "reports", single]))
    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "reports/a.txt",
        "reports/b.txt",
        "reports/sub/c.txt",
        ".explicit.txt",
    ]


def test_iter_inputs_yields_missing_path_for_read_file_to_report(tmp_path: Path) -> None:
    assert list(iter_inputs([tmp_path / "missing.txt"])) == [tmp_path / "missing.txt"]
