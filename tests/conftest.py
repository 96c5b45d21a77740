"""Fixtures shared by every test module (the only conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    path = shared_dir / "seeds"
    if not path.is_dir() or not any(path.glob("*.txt")):
        pytest.skip("../shared/seeds is not present")
    return path


@pytest.fixture(scope="session")
def gold_dir(shared_dir: Path) -> Path:
    path = shared_dir / "gold"
    if not (path / "events.jsonl").is_file():
        pytest.skip("../shared/gold is not present")
    return path


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    """A path for a real SQLite database file in a fresh temporary directory."""
    return tmp_path / "watch.db"
