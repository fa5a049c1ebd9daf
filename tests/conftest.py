"""Shared fixtures: the seed article, the shared evaluation data (read-only), temp project dirs."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_PATH = ROOT / "data" / "raw" / "belarus_drills_article.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED_PATH


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (tests may read it; the workbook never does). Skips when absent."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    return path
