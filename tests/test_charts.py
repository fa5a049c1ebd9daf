"""Chart functions: right bars, labels and colours, readable with 30 speakers, never failing on empty data."""
from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers import charts
from helpers.charts import NO_MATCH, UNATTRIBUTED, quote_counts_chart, quote_map, sentiment_chart, stance_heatmap
from helpers.style import KIND_COLORS, speaker_colors

from conftest import SEED_TITLE

TITLE = SEED_TITLE


@pytest.fixture(scope="module")
def quotes(hand_quotes) -> pd.DataFrame:
    return hand_quotes


@pytest.fixture(scope="module")
def stance() -> pd.DataFrame:
    return pd.DataFrame([
        ("Alexander Lukashenko", "Russia", "favor", 0.62, 3, [{"quote_id": 5}, {"quote_id": 8}]),
        ("Alexander Lukashenko", "Ukraine", "against", -0.41, 2, [{"quote_id": 5}, {"quote_id": 7}]),
        ("Artyom Shraibman", "Alexander Lukashenko", "against", -0.30, 2, [{"quote_id": 1}, {"quote_id": 10}]),
        ("Sviatlana Tsikhanouskaya", "Ukraine", "favor", 0.25, 1, [{"quote_id": 12}]),
    ], columns=["speaker", "target", "label", "score", "n_quotes", "evidence"])


def _bars(ax, kind: str):
    return [p for c in ax.containers if c.get_label() == charts.KIND_LABELS[kind] for p in c.patches]


def _ytick_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def _texts(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def _swatch_colors(ax) -> list[str]:
    (sw,) = [c for c in ax.collections if c.get_gid() == "speaker-swatch"]
    return [to_hex(c) for c in sw.get_facecolors()]


# -- quote counts ------------------------------------------------------------------------------

def test_quote_counts_has_one_stacked_bar_per_speaker_with_counts_by_kind(quotes):
    fig = quote_counts_chart(quotes, article_title=TITLE)
    ax = fig.axes[0]
    labels = [lab.replace("\n", " ") for lab in _ytick_texts(ax)]
    assert labels == ["Alexander Lukashenko", "Artyom Shraibman", "Vladimir Putin", "Nigel Gould-Davies",
                      UNATTRIBUTED, "Sviatlana Tsikhanouskaya"]  # most quoted first, then first seen
    for kind in ("direct", "partial", "indirect"):
        assert len(_bars(ax, kind)) == 6
    y_of = dict(zip(labels, ax.get_yticks()))
    def width(kind, name):
        (bar,) = [b for b in _bars(ax, kind) if abs(b.get_y() + b.get_height() / 2 - y_of[name]) < 1e-9]
        return bar.get_width()
    assert (width("direct", "Alexander Lukashenko"), width("partial", "Alexander Lukashenko"),
            width("indirect", "Alexander Lukashenko")) == (4, 1, 1)  # "reported" counts as indirect
    assert (width("direct", "Artyom Shraibman"), width("indirect", "Artyom Shraibman")) == (2, 1)
    totals = sorted(t.get_text().strip() for t in ax.texts if t.get_gid() == "total-label")
    assert totals == sorted(["6", "3", "1", "1", "1", "1"])
    assert {to_hex(b.get_facecolor()) for b in _bars(ax, "direct")} == {KIND_COLORS["direct"].lower()}
    assert ax.get_ylim()[0] < min(ax.get_yticks()) and max(ax.get_yticks()) < ax.get_ylim()[1]
    assert "Quotes per speaker" in ax.get_title(loc="left") and "Belarusian Military Training" in ax.get_title(loc="left")
    assert ax.get_xlabel().startswith("number of quotes (13")


def test_speaker_colours_come_from_the_unfiltered_table(quotes):
    full = speaker_colors(quotes)
    subset = quotes[quotes["speaker"].isin(["Sviatlana Tsikhanouskaya", "Artyom Shraibman"])]
    for fig in (quote_counts_chart(subset, colors=full), sentiment_chart(subset, colors=full),
                quote_map(subset.drop(columns="compound"), colors=full)):
        ax = fig.axes[0]
        names = [lab.replace("\n", " ").split(" (n=")[0] for lab in _ytick_texts(ax)]
        assert _swatch_colors(ax) == [full[n].lower() for n in names]
    # without the full table, Tsikhanouskaya would have taken the first palette colour
    assert speaker_colors(subset)["Artyom Shraibman"] != full["Artyom Shraibman"]


def test_no_pyplot_state_and_ax_is_honoured(quotes):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = Figure(figsize=(12, 5))
    left, right = fig.subplots(1, 2)
    assert quote_counts_chart(quotes, ax=left) is fig
    assert quote_map(quotes, ax=right, text_length=6000) is fig
    assert sentiment_chart(quotes) is not fig
    assert plt.get_fignums() == before  # nothing left open in pyplot, nothing shown twice inline


# -- empty and missing data ---------------------------------------------------------------------

@pytest.mark.parametrize("chart", [quote_counts_chart, sentiment_chart, quote_map])
def test_empty_selection_gives_a_readable_no_quotes_figure(quotes, chart):
    fig = chart(quotes.iloc[:0], article_title=TITLE)
    assert isinstance(fig, Figure)
    assert NO_MATCH in _texts(fig)
    assert TITLE[:30] in fig.axes[0].get_title(loc="left")
    fig.savefig(__import__("io").BytesIO(), format="png")  # and it draws


def test_empty_or_missing_stance_is_a_figure_not_an_error(stance):
    assert NO_MATCH in _texts(stance_heatmap(stance.iloc[:0]))
    assert NO_MATCH in _texts(stance_heatmap(None))
    assert "stance_table" in _texts(stance_heatmap(pd.DataFrame({"speaker": ["a"]})))


def test_sentiment_without_scores_says_how_to_get_them(quotes):
    fig = sentiment_chart(quotes.drop(columns="compound"))
    assert "score_quotes" in _texts(fig)


# -- sentiment -------------------------------------------------------------------------------

def test_sentiment_chart_shows_each_quote_the_mean_interval_and_zero(quotes):
    fig = sentiment_chart(quotes, article_title=TITLE)
    ax = fig.axes[0]
    dots = [c for c in ax.collections if c.get_gid() == "quote-dots"]
    assert sum(len(c.get_offsets()) for c in dots) == len(quotes)
    xs = np.sort(np.concatenate([c.get_offsets()[:, 0] for c in dots]))
    assert np.allclose(xs, np.sort(quotes["compound"].to_numpy()))
    means = {round(float(c.get_offsets()[0, 1])): float(c.get_offsets()[0, 0])
             for c in ax.collections if c.get_gid() == "mean"}
    luka_y = round(ax.get_yticks()[_ytick_texts(ax).index(
        next(t for t in _ytick_texts(ax) if t.startswith("Alexander Lukashenko")))])
    luka = quotes.loc[quotes["speaker"] == "Alexander Lukashenko", "compound"]
    assert means[luka_y] == pytest.approx(luka.mean())
    intervals = [c for c in ax.collections if c.get_gid() == "ci95"]
    assert len(intervals) == len(means) == 2  # only Lukashenko (6) and Shraibman (3) have more than one quote
    for seg in intervals:
        (lo, y), (hi, _) = seg.get_segments()[0]
        assert lo <= means[round(y)] <= hi
    assert any(line.get_gid() == "zero-line" and line.get_xdata()[0] == 0 for line in ax.lines)
    assert any("(n=6)" in t for t in _ytick_texts(ax))


# -- stance ------------------------------------------------------------------------------------

def test_stance_heatmap_is_centred_on_neutral_annotated_and_marks_empty_cells(stance):
    fig = stance_heatmap(stance, article_title=TITLE)
    ax = fig.axes[0]
    (image,) = ax.images
    norm = image.norm
    assert isinstance(norm, matplotlib.colors.TwoSlopeNorm) and norm.vcenter == 0
    assert (norm.vmin, norm.vmax) == (-1, 1)
    cells = sorted(t.get_text() for t in ax.texts if t.get_gid() == "cell-label")
    assert cells == sorted(["+0.62\nn=3", "-0.41\nn=2", "-0.30\nn=2", "+0.25\nn=1"])
    # 3 speakers x 3 targets, 4 filled: 5 hatched empty cells
    empty = [p for p in ax.patches if p.get_gid() == "empty-cell"]
    assert len(empty) == 5 and all(p.get_hatch() for p in empty)
    # a neutral score is white-ish, an empty cell is grey and hatched: they cannot be confused
    assert to_hex(image.cmap(norm(0.0))) != to_hex(empty[0].get_facecolor())
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Russia", "Ukraine", "Alexander\nLukashenko"]  # most quotes first
    assert "Stance" in ax.get_title(loc="left")


def test_stance_duplicates_are_merged_weighted_by_quotes(stance):
    doubled = pd.concat([stance, stance.iloc[[0]].assign(score=0.14, n_quotes=1)])
    ax = stance_heatmap(doubled).axes[0]
    cells = [t.get_text() for t in ax.texts if t.get_gid() == "cell-label"]
    assert "+0.50\nn=4" in cells  # (0.62*3 + 0.14*1) / 4


# -- quote map ---------------------------------------------------------------------------------

def test_quote_map_places_each_quote_at_its_position_coloured_by_sentiment(quotes, seed_text):
    fig = quote_map(quotes, text_length=len(seed_text), article_title=TITLE)
    ax = fig.axes[0]
    (spans,) = [c for c in ax.collections if c.get_gid() == "quote-spans"]
    segs = spans.get_segments()
    assert len(segs) == len(quotes)
    starts = sorted(round(s[0][0], 6) for s in segs)
    assert starts == sorted(round(100 * s / len(seed_text), 6) for s in quotes["start"])
    assert len(fig.axes) == 2 and "sentiment" in fig.axes[1].get_ylabel()  # the colour bar
    colours = {to_hex(c) for c in spans.get_colors()}
    assert len(colours) > 3  # a diverging scale, not one colour per speaker
    # without sentiment: coloured by speaker instead
    plain = quote_map(quotes.drop(columns="compound"), text_length=len(seed_text))
    (spans,) = [c for c in plain.axes[0].collections if c.get_gid() == "quote-spans"]
    full = speaker_colors(quotes)
    expected = [full.get(s, charts.UNKNOWN_COLOR).lower() if s else charts.UNKNOWN_COLOR.lower()
                for s in quotes["speaker"]]
    assert [to_hex(c) for c in spans.get_colors()] == expected


# -- readability -------------------------------------------------------------------------------

def _overlaps(fig, ax) -> int:
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in ax.get_yticklabels() if t.get_text()]
    boxes.sort(key=lambda b: b.y0)
    return sum(1 for a, b in zip(boxes, boxes[1:]) if a.y1 > b.y0 + 0.5)


def test_thirty_speakers_with_long_names_stay_readable():
    names = [f"Speaker {i:02d}, deputy minister of agriculture and regional development of the republic"
             for i in range(30)]
    rows = [{"speaker": n, "kind": "direct" if j % 2 else "indirect", "start": 100 * i + j,
             "end": 100 * i + j + 40, "compound": 0.1 * (j - 1), "text": "x"}
            for i, n in enumerate(names) for j in range(1 + i % 3)]
    q = pd.DataFrame(rows)
    for fig in (quote_counts_chart(q), sentiment_chart(q), quote_map(q)):
        ax = fig.axes[0]
        assert len(ax.get_yticklabels()) == 30
        assert _overlaps(fig, ax) == 0
        assert all(max(len(line) for line in t.split("\n")) <= 26 and t.count("\n") <= 2
                   for t in _ytick_texts(ax))  # wrapped, at most three lines
        assert any(t.endswith("…") for t in _ytick_texts(ax))
        assert fig.get_figheight() > 10  # height grows with the number of speakers
        for label in ax.get_yticklabels():
            assert label.get_fontsize() >= 9


def test_long_article_titles_wrap_within_the_figure(quotes):
    fig = quote_counts_chart(quotes, article_title=TITLE * 3)
    fig.canvas.draw()
    title = fig.axes[0]._left_title
    assert title.get_window_extent().x1 <= fig.bbox.x1 + 1
    assert title.get_text().count("\n") == 1 and "…" in title.get_text()


def test_hostile_names_are_drawn_as_text(quotes):
    q = quotes.copy()
    q.loc[0, "speaker"] = "<script>alert(1)</script> $\\frac{a}$ costs $5"  # invalid mathtext
    for fig in (quote_counts_chart(q, article_title="$\\nope{$"), sentiment_chart(q), quote_map(q)):
        fig.savefig(__import__("io").BytesIO(), format="svg")
        fig.canvas.draw()
        shown = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert any("<script>" in t for t in shown)


def test_docs_images_are_written_from_the_seed_article(tmp_path):
    paths = charts.write_docs(tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"chart_{n}.png" for n in charts.CHART_NAMES)
    for p in paths:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_readme_images_in_docs_are_current(tmp_path):
    """docs/chart_*.png (shown in the README) match what the code draws now: run `make docs`."""
    import matplotlib.image as mpimg
    import numpy as np

    from helpers.paths import PROJECT_ROOT

    stale = []
    for new in charts.write_docs(tmp_path):
        old = PROJECT_ROOT / "docs" / new.name
        a, b = mpimg.imread(old), mpimg.imread(new)
        if a.shape != b.shape or (np.abs(a - b).max(axis=-1) > 0.25).mean() > 0.01:
            stale.append(new.name)
    assert not stale, f"docs/ images are out of date ({', '.join(stale)}): run `make docs` and commit them"


# -- any table the earlier stages can produce --------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_names = st.one_of(st.none(), st.sampled_from(["Putin", "Lukashenko", "$x$", "a\nb", ""]), st.text(max_size=60))
_rows = st.lists(st.fixed_dictionaries({
    "speaker": _names,
    "kind": st.one_of(st.none(), st.sampled_from(["direct", "partial", "indirect", "reported", "other"])),
    "start": st.integers(0, 10_000),
    "length": st.integers(0, 500),
    "compound": st.one_of(st.none(), st.floats(-1, 1)),
}), max_size=12)


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # e.g. CJK names in DejaVu Sans
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows)
def test_any_quote_table_gives_a_figure_never_an_exception(rows):
    q = pd.DataFrame(rows, columns=["speaker", "kind", "start", "length", "compound"])
    q["end"] = q["start"] + q["length"]
    q["compound"] = pd.to_numeric(q["compound"])
    for fig in (quote_counts_chart(q), sentiment_chart(q), quote_map(q, text_length=None)):
        assert isinstance(fig, Figure)
        fig.savefig(__import__("io").BytesIO(), format="png", dpi=30)
    stance = pd.DataFrame({"speaker": q["speaker"], "target": q["kind"].fillna("Ukraine"),
                           "label": "neutral", "score": q["compound"], "n_quotes": 1})
    stance_heatmap(stance).savefig(__import__("io").BytesIO(), format="png", dpi=30)
