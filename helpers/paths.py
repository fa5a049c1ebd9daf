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
