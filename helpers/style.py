"""One look for every figure and highlighted text: a colour-blind-safe palette, stable per speaker."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

#: Okabe-Ito (2008) first, then Paul Tol's "muted" scheme: both designed to stay distinct under
#: the common colour-vision deficiencies. Black is left out: it is kept for text and axes.
PALETTE: tuple[str, ...] = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
)
#: Colour for quotes without a resolved speaker.
UNKNOWN_COLOR = "#BBBBBB"
#: Colours for quote kinds (direct, partial, indirect).
KIND_COLORS = {"direct": "#0072B2", "partial": "#56B4E9", "indirect": "#E69F00"}
#: The matplotlib style file shared by all charts.
STYLE_FILE = Path(__file__).with_name("quotelens.mplstyle")


def speaker_order(quotes: pd.DataFrame) -> list[str]:
    """Speakers in order of their first quote: the order colours are handed out in."""
    if quotes.empty or "speaker" not in quotes:
        return []
    named = quotes.dropna(subset=["speaker"]).sort_values("start", kind="stable")
    return list(dict.fromkeys(named["speaker"]))


def speaker_colors(speakers: Iterable[str] | pd.DataFrame) -> dict[str, str]:
    """A colour per speaker, the same in every chart and in the highlighted article.

    Pass the *unfiltered* quote table (or its ``speaker_order``) so that filtering a view never
    changes a speaker's colour. Past 16 speakers the palette repeats.

    >>> speaker_colors(["Putin", "Lukashenko"])
    {'Putin': '#0072B2', 'Lukashenko': '#E69F00'}
    """
    names = speaker_order(speakers) if isinstance(speakers, pd.DataFrame) else list(dict.fromkeys(speakers))
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}
