"""Where the workbook's inputs and outputs live (Cookiecutter Data Science layout).

The workbook never reads ``../shared`` at run time: everything it needs is under ``data/``.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("QUOTELENS_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
MODELS_DIR = DATA_DIR / "models"
REPORTS_DIR = PROJECT_ROOT / "reports"
FIGURES_DIR = REPORTS_DIR / "figures"
DEFAULT_ARTICLE = RAW_DIR / "belarus_drills_article.txt"
DEFAULT_TARGETS = DATA_DIR / "targets.csv"
DEFAULT_OVERRIDES = DATA_DIR / "overrides.csv"


def analyst_input(given: str | Path | None, default: Path, option: str) -> Path | None:
    """The analyst file a command should read: ``given`` (which must exist), else ``default`` when
    it is there, else ``None``. One rule for every CLI that takes ``--targets`` or ``--overrides``."""
    from helpers.errors import InputError

    if given is not None:
        if not Path(given).is_file():
            raise InputError(f"{option} file not found: {given}")
        return Path(given)
    return default if default.is_file() else None
