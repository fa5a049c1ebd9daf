"""Shared fixtures: the seed article, the shared evaluation data (read-only), temp project dirs."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
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
def seed_quotes(seed_text) -> pd.DataFrame:
    """The seed article's quote table as the extractor gives it (from the text)."""
    from helpers.quotes import extract_quotes

    return extract_quotes(seed_text)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (tests may read it; the workbook never does). Skips when absent."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    return path


SEED_TITLE = "Belarusian Military Training Will Begin as Russia Ramps up Tensions with Ukraine"

# (speaker, kind, an excerpt of the seed article): hand-attributed quotes with exact offsets,
# so counts per speaker and kind are known independently of the extractor.
SEED_QUOTES = [
    ("Vladimir Putin", "indirect", "the troops would depart Belarus once the drills concluded on 20 February"),
    ("Artyom Shraibman", "direct", "Lukashenko will be unable to resist delivering Belarusian territory to Russia"),
    ("Alexander Lukashenko", "direct", "You have never encountered any difficulties while on Belarus's land"),
    ("Alexander Lukashenko", "direct", "We will always be the most generous and trustworthy of your supporters"),
    ("Nigel Gould-Davies", "direct", "Russia is gradually attempting to extract a price for that assistance"),
    ("Alexander Lukashenko", "direct", "It is critical for the west to drown the Russian-Ukrainian brotherhood in blood"),
    ("Alexander Lukashenko", "partial", "we shall reintroduce Ukraine into the Slavic fold"),
    ("Alexander Lukashenko", "reported", "if Ukraine launched an attack on Donbas, he would send Belarusian troops"),
    ("Alexander Lukashenko", "direct", "The Belarusian army will respond identically to the Russian army"),
    ("Artyom Shraibman", "indirect", "neither of these scenarios was realistic"),
    ("Artyom Shraibman", "direct", "I believe that his deeds, his actions, will always trump his promises"),
    (None, "indirect", "is intended to clear the path for him to stand down from the presidency"),
    ("Sviatlana Tsikhanouskaya", "direct", "Belarusians are not a threat to Ukraine; it is the government"),
]


def _seed_quote_table(text: str) -> pd.DataFrame:
    """The quote-table contract, built on the seed article with hand-checked attributions."""
    rows = []
    for qid, (speaker, kind, excerpt) in enumerate(SEED_QUOTES):
        start = text.index(excerpt)
        rows.append({"quote_id": qid, "start": start, "end": start + len(excerpt), "text": excerpt,
                     "kind": kind, "speaker": speaker, "confidence": 0.5 + 0.04 * qid})
    from helpers.sentiment import score_quotes

    return score_quotes(pd.DataFrame(rows))


@pytest.fixture(scope="session")
def seed_title() -> str:
    return SEED_TITLE


@pytest.fixture(scope="session")
def hand_quotes(seed_text) -> pd.DataFrame:
    """The seed article's quotes attributed by hand and scored: charts and widgets get a table
    whose counts per speaker and kind are known independently of the extractor."""
    return _seed_quote_table(seed_text)
