"""Report figures for one article: who is quoted, how often, how positively, toward whom, and where.

Every function takes a DataFrame from an earlier stage, accepts ``ax=None`` and returns the
matplotlib ``Figure``; none calls ``plt.show()``. Figures made here are not registered with
pyplot (no hidden global state, no duplicate inline outputs, no memory kept after use).
Empty input gives a readable "No quotes match" figure, never an exception.

>>> fig = quote_counts_chart(quotes, article_title=article.title)   # doctest: +SKIP
"""
from __future__ import annotations

import argparse
import math
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib
import matplotlib.style
import numpy as np
import pandas as pd
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from helpers.style import KIND_COLORS, STYLE_FILE, UNKNOWN_COLOR, speaker_colors

__all__ = [
    "KINDS", "KIND_LABELS", "UNATTRIBUTED", "NO_MATCH", "quote_counts_chart", "sentiment_chart",
    "stance_heatmap", "quote_map", "all_charts", "speaker_label",
]

#: Quote kinds in stacking order; ``reported`` is accepted as a synonym of ``indirect``.
KINDS: tuple[str, ...] = ("direct", "partial", "indirect")
KIND_LABELS = {"direct": "direct", "partial": "partial", "indirect": "reported (indirect)"}
_KIND_ALIASES = {"reported": "indirect", "indirect": "indirect", "direct": "direct", "partial": "partial"}
#: Row label for quotes whose speaker could not be resolved.
UNATTRIBUTED = "(unattributed)"
#: The message of every empty figure.
NO_MATCH = "No quotes match"
#: The stance scale: fixed so that colours mean the same in every article.
STANCE_NORM = dict(vmin=-1.0, vcenter=0.0, vmax=1.0)
DIVERGING_CMAP = "RdBu"  # red = negative/against, blue = positive/favor; colour-blind safe

_NAME_WIDTH = 24        # characters per line of a speaker label
_NAME_LINES = 3         # longer names are shortened with an ellipsis
_ROW_INCH = 0.17        # height per text line of a row label (10 pt text) ...
_ROW_PAD = 0.14         # ... plus this between rows: 30 speakers stay legible


# ----------------------------------------------------------------------------------------------
# shared helpers


def speaker_label(name: object, width: int = _NAME_WIDTH) -> str:
    """A speaker name wrapped onto at most three lines, ``(unattributed)`` for a missing one.

    >>> speaker_label("Sviatlana Tsikhanouskaya, leader of the Belarusian opposition")
    'Sviatlana Tsikhanouskaya,\\nleader of the Belarusian\\nopposition'
    """
    if name is None or (isinstance(name, float) and math.isnan(name)) or name is pd.NA:
        return UNATTRIBUTED
    text = " ".join("".join(c if c.isprintable() else " " for c in str(name)).split()) or UNATTRIBUTED
    return _plain("\n".join(textwrap.wrap(text, width, max_lines=_NAME_LINES, placeholder=" …",
                                          break_on_hyphens=False))) or UNATTRIBUTED


def _plain(text: str) -> str:
    """Untrusted text drawn literally: a ``$`` would otherwise start matplotlib mathtext."""
    return text.replace("$", r"\$")


def _title(what: str, article_title: str | None, title: str | None = None, width: int = 56) -> str:
    """What is shown on the first line, for which article on the second (shortened to fit)."""
    if title is not None:
        return _plain(textwrap.fill(title, width))
    if article_title:
        short = textwrap.shorten(" ".join(str(article_title).split()), width - 6, placeholder=" …")
        return _plain(f"{what}\nin “{short}”")
    return what


def _figure(ax: Axes | None, height: float, width: float = 8.0) -> tuple[Figure, Axes]:
    if ax is not None:
        return _root(ax), ax
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _root(artist) -> Figure:
    """The top-level Figure of an Axes (not a SubFigure): what callers save and display."""
    try:
        return artist.get_figure(root=True)
    except TypeError:  # matplotlib < 3.10
        fig = artist.figure
        while getattr(fig, "figure", fig) is not fig:
            fig = fig.figure
        return fig


def _speaker_col(quotes: pd.DataFrame) -> pd.Series:
    if "speaker" not in quotes:
        return pd.Series(UNATTRIBUTED, index=quotes.index, dtype=object)
    return quotes["speaker"].astype(object).where(quotes["speaker"].notna(), UNATTRIBUTED)


def _colors(quotes: pd.DataFrame, colors: Mapping[str, str] | None) -> dict[str, str]:
    out = dict(colors) if colors is not None else speaker_colors(quotes)
    out.setdefault(UNATTRIBUTED, UNKNOWN_COLOR)
    return out


def _speaker_rows(quotes: pd.DataFrame) -> list[str]:
    """Speakers most quoted first, ties by first appearance: the row order of every chart."""
    spk = _speaker_col(quotes)
    start = quotes["start"] if "start" in quotes else pd.Series(range(len(quotes)), index=quotes.index)
    frame = pd.DataFrame({"speaker": spk, "start": start})
    agg = frame.groupby("speaker", sort=False).agg(n=("start", "size"), first=("start", "min"))
    agg = agg.reset_index().sort_values(["n", "first"], ascending=[False, True], kind="stable")
    return list(agg["speaker"])


def _row_height(labels: Sequence[str]) -> float:
    return sum(_ROW_PAD + max(1, lab.count("\n") + 1) * _ROW_INCH for lab in labels)


def _text_color(rgb) -> str:
    r, g, b = to_rgb(rgb)
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 else "white"


def _swatches(ax: Axes, ys: Sequence[float], colors: Sequence[str]) -> None:
    """A small square in the speaker's colour beside each row label (the colour key)."""
    ax.tick_params(axis="y", pad=14, length=0)
    trans = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    trans = trans + transforms.ScaledTranslation(-7 / 72, 0, ax.figure.dpi_scale_trans)
    ax.scatter(np.zeros(len(ys)), ys, s=42, marker="s", c=list(colors), transform=trans,
               clip_on=False, zorder=5, linewidths=0.4, edgecolors="#555555", gid="speaker-swatch")


def _empty(fig: Figure, ax: Axes, what: str, article_title: str | None, detail: str | None = None,
           headline: str = NO_MATCH) -> Figure:
    ax.set_title(_title(what, article_title))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.text(0.5, 0.58, headline, ha="center", va="center", fontsize=14, fontweight="bold",
            color="#444444", transform=ax.transAxes, gid="empty-message")
    if detail:
        ax.text(0.5, 0.36, textwrap.fill(detail, 60), ha="center", va="center", fontsize=10,
                color="#666666", transform=ax.transAxes)
    return fig


_NO_MATCH_DETAIL = "Nothing to draw for the current selection: widen the speaker, kind, target or confidence filters."


def _normal_kind(kind: pd.Series) -> pd.Series:
    return kind.astype(object).map(lambda k: _KIND_ALIASES.get(str(k).strip().lower(), "indirect")
                                   if k is not None and k == k else "indirect")


# ----------------------------------------------------------------------------------------------
# quote counts


def quote_counts_chart(quotes: pd.DataFrame, ax: Axes | None = None, title: str | None = None, *,
                       article_title: str | None = None,
                       colors: Mapping[str, str] | None = None) -> Figure:
    """Quotes per speaker: horizontal bars stacked by kind, most quoted on top, labelled with counts.

    ``colors`` should come from ``speaker_colors(<unfiltered quotes>)`` so the little square
    before each name keeps its colour whatever the filters.
    """
    with matplotlib.style.context(STYLE_FILE):
        what = "Quotes per speaker, by kind"
        if quotes is None or len(quotes) == 0:
            fig, ax = _figure(ax, 3.2)
            return _empty(fig, ax, what, article_title, _NO_MATCH_DETAIL)
        colors = _colors(quotes, colors)
        rows = _speaker_rows(quotes)
        labels = [speaker_label(s) for s in rows]
        fig, ax = _figure(ax, max(3.0, 1.6 + _row_height(labels)))
        table = pd.crosstab(_speaker_col(quotes), _normal_kind(quotes["kind"] if "kind" in quotes
                                                               else pd.Series("indirect", index=quotes.index)))
        table = table.reindex(index=rows, columns=list(KINDS), fill_value=0)
        ys = np.arange(len(rows))[::-1]  # most quoted on top
        left = np.zeros(len(rows))
        totals = table.sum(axis=1).to_numpy()
        for kind in KINDS:
            counts = table[kind].to_numpy()
            bars = ax.barh(ys, counts, left=left, color=KIND_COLORS[kind], label=KIND_LABELS[kind],
                           height=0.7, edgecolor="white", linewidth=0.6, gid=f"bars-{kind}")
            seg = [str(c) if c > 0 and c >= 0.07 * totals.max() else "" for c in counts]
            ax.bar_label(bars, labels=seg, label_type="center", fontsize=8,
                         color=_text_color(KIND_COLORS[kind]))
            left = left + counts
        for y, total in zip(ys, totals):
            ax.text(total, y, f" {total}", va="center", ha="left", fontsize=9, fontweight="bold",
                    gid="total-label")
        ax.set_yticks(ys, labels)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xlim(0, totals.max() * 1.12 + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(f"number of quotes ({int(totals.sum())} in total)")
        ax.set_title(_title(what, article_title, title))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="kind", fontsize=8,
                  title_fontsize=8)
        _swatches(ax, ys, [colors.get(s, UNKNOWN_COLOR) for s in rows])
        return fig


# ----------------------------------------------------------------------------------------------
# sentiment

def sentiment_chart(scored: pd.DataFrame, ax: Axes | None = None, title: str | None = None, *,
                    article_title: str | None = None,
                    colors: Mapping[str, str] | None = None) -> Figure:
    """Sentiment per speaker: each quote a dot, the mean a black diamond with its 95% interval.

    Needs the ``compound`` column of ``helpers.sentiment.score_quotes``; without it the figure
    says so instead of failing. Means and intervals are ``helpers.sentiment.speaker_sentiment``'s
    (seeded bootstrap; none for a single quote).
    """
    from helpers.sentiment import speaker_sentiment

    with matplotlib.style.context(STYLE_FILE):
        what = "Sentiment of each speaker's quotes"
        if scored is None or len(scored) == 0:
            fig, ax = _figure(ax, 3.2)
            return _empty(fig, ax, what, article_title, _NO_MATCH_DETAIL)
        if "compound" not in scored or scored["compound"].isna().all():
            fig, ax = _figure(ax, 3.2)
            return _empty(fig, ax, what, article_title, headline="No sentiment scores",
                          detail="The quote table has no 'compound' column: score it first with "
                                 "helpers.sentiment.score_quotes(quotes).")
        colors = _colors(scored, colors)
        spk = _speaker_col(scored)
        rows = _speaker_rows(scored)
        counts = spk.value_counts()
        labels = [speaker_label(f"{s} (n={counts[s]})") for s in rows]
        fig, ax = _figure(ax, max(3.0, 1.6 + _row_height(labels)))
        ys = dict(zip(rows, np.arange(len(rows))[::-1]))
        rng = np.random.default_rng(0)  # deterministic jitter: same picture for the same data
        comp = pd.to_numeric(scored["compound"], errors="coerce")
        # The interval is helpers.sentiment's seeded bootstrap, the one the sentiment notebook shows.
        summary = speaker_sentiment(pd.DataFrame({"speaker": spk, "compound": comp}).dropna(),
                                    n_resamples=2000).set_index("speaker")
        for s in rows:
            vals = comp[spk == s].dropna().to_numpy()
            if len(vals) == 0:
                continue
            jitter = rng.uniform(-0.18, 0.18, len(vals)) if len(vals) > 1 else np.zeros(1)
            ax.scatter(vals, ys[s] + jitter, s=36, color=colors.get(s, UNKNOWN_COLOR), alpha=0.85,
                       edgecolors="white", linewidths=0.5, zorder=3, gid="quote-dots")
            row = summary.loc[s]
            if len(vals) < 2:  # one quote is not a speaker's tone: no mean, no interval
                continue
            if not math.isnan(row["ci_low"]):
                ax.hlines(ys[s], row["ci_low"], row["ci_high"], color="black", linewidth=2, zorder=4,
                          gid="ci95")
            ax.scatter([row["mean"]], [ys[s]], marker="D", s=46, color="black", zorder=5, gid="mean")
        ax.axvline(0, color="#555555", linewidth=1, linestyle="--", zorder=1, gid="zero-line")
        ax.set_yticks(list(ys.values()), labels)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel("VADER compound score (−1 negative, 0 neutral, +1 positive)\n"
                      "dot: one quote   ◆ with bar: speaker mean and 95% bootstrap interval")
        ax.set_title(_title(what, article_title, title))
        _swatches(ax, list(ys.values()), [colors.get(s, UNKNOWN_COLOR) for s in rows])
        return fig


# ----------------------------------------------------------------------------------------------
# stance


def stance_heatmap(stance: pd.DataFrame, ax: Axes | None = None, title: str | None = None, *,
                   article_title: str | None = None) -> Figure:
    """Stance of each speaker toward each target: red against, blue in favour, white neutral.

    Each cell shows the score (−1..1) and the number of quotes behind it; hatched grey cells
    have no quote of that speaker about that target. Input: ``helpers.stance.stance_table``.
    """
    with matplotlib.style.context(STYLE_FILE):
        what = "Stance of speakers toward targets"
        needed = {"speaker", "target", "score"}
        if stance is None or len(stance) == 0 or not needed <= set(stance.columns):
            fig, ax = _figure(ax, 3.2)
            detail = _NO_MATCH_DETAIL if stance is None or needed <= set(stance.columns) else (
                f"The stance table lacks the columns {sorted(needed - set(stance.columns))}: "
                "build it with helpers.stance.stance_table(quotes).")
            return _empty(fig, ax, what, article_title, detail)
        df = stance.copy()
        df["speaker"] = _speaker_col(df)
        df["score"] = pd.to_numeric(df["score"], errors="coerce")
        df["n_quotes"] = pd.to_numeric(df["n_quotes"], errors="coerce").fillna(1) if "n_quotes" in df else 1
        df = df.dropna(subset=["score"])
        if df.empty:
            fig, ax = _figure(ax, 3.2)
            return _empty(fig, ax, what, article_title, _NO_MATCH_DETAIL)
        df["weighted"] = df["score"] * df["n_quotes"].clip(lower=1)
        df["w"] = df["n_quotes"].clip(lower=1)
        agg = df.groupby(["speaker", "target"], sort=False).agg(
            weighted=("weighted", "sum"), w=("w", "sum"), n=("n_quotes", "sum"))
        agg["score"] = agg["weighted"] / agg["w"]
        speakers = list(agg.groupby(level=0, sort=False)["n"].sum().sort_values(
            ascending=False, kind="stable").index)
        targets = list(agg.groupby(level=1, sort=False)["n"].sum().sort_values(
            ascending=False, kind="stable").index)
        score = agg["score"].unstack().reindex(index=speakers, columns=targets)
        nq = agg["n"].unstack().reindex(index=speakers, columns=targets)
        ylabels = [speaker_label(s) for s in speakers]
        xlabels = [speaker_label(t, 14) for t in targets]
        width = min(16.0, max(6.0, 3.2 + 1.0 * len(targets)))
        fig, ax = _figure(ax, max(3.2, 2.2 + _row_height(ylabels) * 1.5), width)
        ax.grid(False)
        norm = TwoSlopeNorm(**STANCE_NORM)
        cmap = matplotlib.colormaps[DIVERGING_CMAP].with_extremes(bad=(0, 0, 0, 0))
        values = np.ma.masked_invalid(score.to_numpy(dtype=float))
        for i, j in zip(*np.nonzero(values.mask)):  # empty cells: visibly empty, not neutral white
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="#EEEEEE", edgecolor="#BBBBBB",
                                   hatch="///", linewidth=0, zorder=0, gid="empty-cell"))
        image = ax.imshow(values, cmap=cmap, norm=norm, aspect="auto", zorder=1)
        for i in range(len(speakers)):
            for j in range(len(targets)):
                if values.mask[i, j]:
                    continue
                v = float(values[i, j])
                ax.text(j, i, f"{v:+.2f}\nn={int(nq.iat[i, j])}", ha="center", va="center",
                        fontsize=8, color=_text_color(cmap(norm(v))), gid="cell-label")
        ax.set_xticks(range(len(targets)), xlabels, rotation=0)
        ax.set_yticks(range(len(speakers)), ylabels)
        ax.tick_params(length=0)
        ax.set_xlim(-0.5, len(targets) - 0.5)
        ax.set_ylim(len(speakers) - 0.5, -0.5)
        for side in ax.spines.values():
            side.set_visible(False)
        ax.set_xlabel("target" + ("\n(hatched grey: the speaker says nothing about this target)"
                                  if values.mask.any() else ""))
        ax.set_title(_title(what, article_title, title))
        bar = ax.figure.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
        bar.set_label("stance (−1 against, +1 favor)")
        return fig


# ----------------------------------------------------------------------------------------------
# quote map


def quote_map(quotes: pd.DataFrame, ax: Axes | None = None, text_length: int | None = None,
              title: str | None = None, *, article_title: str | None = None,
              colors: Mapping[str, str] | None = None,
              paragraph_starts: Sequence[int] | None = None) -> Figure:
    """Where in the article each speaker speaks: one bar per quote from its start to its end.

    Bars are coloured by the quote's sentiment when a ``compound`` column exists (red negative,
    blue positive), else by speaker. ``text_length`` is ``len(article.text)`` (default: the last
    quote's end); ``paragraph_starts`` draws faint paragraph boundaries.
    """
    with matplotlib.style.context(STYLE_FILE):
        what = "Where each speaker is quoted"
        if quotes is None or len(quotes) == 0:
            fig, ax = _figure(ax, 3.2)
            return _empty(fig, ax, what, article_title, _NO_MATCH_DETAIL)
        if "start" not in quotes or pd.to_numeric(quotes["start"], errors="coerce").isna().all():
            fig, ax = _figure(ax, 3.2)
            return _empty(fig, ax, what, article_title, headline="No quote offsets",
                          detail="The quote table has no 'start' offsets: build it with "
                                 "helpers.quotes.extract_quotes(article).")
        colors = _colors(quotes, colors)
        spk = _speaker_col(quotes)
        rows = _speaker_rows(quotes)
        labels = [speaker_label(s) for s in rows]
        fig, ax = _figure(ax, max(3.0, 1.9 + _row_height(labels)), 9.0)
        ys = dict(zip(rows, np.arange(len(rows))[::-1]))
        start = pd.to_numeric(quotes["start"], errors="coerce").to_numpy(dtype=float)
        end = pd.to_numeric(quotes["end"], errors="coerce").to_numpy(dtype=float) if "end" in quotes else start + 1
        known_ends = end[~np.isnan(end)]
        length = float(text_length) if text_length else (
            float(known_ends.max()) if len(known_ends) and known_ends.max() > 0 else 1.0)
        x0, x1 = 100 * start / length, 100 * np.maximum(end, start + 1) / length
        x1 = np.maximum(x1, x0 + 0.6)  # a very short quote stays visible
        y = np.array([ys[s] for s in spk])
        has_sentiment = "compound" in quotes and quotes["compound"].notna().any()
        if paragraph_starts is not None:
            for p in paragraph_starts:
                ax.axvline(100 * p / length, color="#E4E4E4", linewidth=0.6, zorder=0)
        if has_sentiment:
            norm = TwoSlopeNorm(**STANCE_NORM)
            cmap = matplotlib.colormaps[DIVERGING_CMAP]
            comp = pd.to_numeric(quotes["compound"], errors="coerce").to_numpy(dtype=float)
            seg_colors = [cmap(norm(c)) if not math.isnan(c) else UNKNOWN_COLOR for c in comp]
        else:
            seg_colors = [colors.get(s, UNKNOWN_COLOR) for s in spk]
        ax.hlines(y, x0, x1, colors=seg_colors, linewidth=9, zorder=3, gid="quote-spans")
        ax.vlines(x0, y - 0.3, y + 0.3, colors="#333333", linewidth=0.8, zorder=4)
        if has_sentiment:
            mappable = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
            bar = ax.figure.colorbar(mappable, ax=ax, shrink=0.8, pad=0.02)
            bar.set_label("quote sentiment (−1 to +1)")
        ax.set_yticks(list(ys.values()), labels)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xlim(0, 100)
        ax.set_xlabel("position in the article (% of the text, start → end)")
        ax.set_title(_title(what, article_title, title))
        ax.grid(True, axis="x")
        _swatches(ax, list(ys.values()), [colors.get(s, UNKNOWN_COLOR) for s in rows])
        return fig


# ----------------------------------------------------------------------------------------------
# all at once


CHART_NAMES: tuple[str, ...] = ("quote_counts", "sentiment", "stance", "quote_map")


def all_charts(quotes: pd.DataFrame, stance: pd.DataFrame | None = None, *,
               article_title: str | None = None, colors: Mapping[str, str] | None = None,
               text_length: int | None = None,
               paragraph_starts: Sequence[int] | None = None) -> dict[str, Figure]:
    """The four report figures, keyed by chart name (the names used in exported files)."""
    return {
        "quote_counts": quote_counts_chart(quotes, article_title=article_title, colors=colors),
        "sentiment": sentiment_chart(quotes, article_title=article_title, colors=colors),
        "stance": stance_heatmap(stance, article_title=article_title),
        "quote_map": quote_map(quotes, text_length=text_length, article_title=article_title,
                               colors=colors, paragraph_starts=paragraph_starts),
    }


def write_docs(out_dir: str | Path = "docs", article_path: str | Path | None = None) -> list[Path]:
    """Draw the README figures from the seed article into ``out_dir`` (``make docs``).

    Same stages as notebook 05: read, extract, apply ``data/overrides.csv``, score, stance.
    """
    from helpers.article import read_article
    from helpers.overrides import apply_overrides, load_overrides
    from helpers.paths import DEFAULT_ARTICLE, DEFAULT_OVERRIDES, DEFAULT_TARGETS
    from helpers.quotes import extract_quotes
    from helpers.sentiment import score_quotes
    from helpers.stance import load_targets, stance_table

    article = read_article(Path(article_path or DEFAULT_ARTICLE))
    quotes = extract_quotes(article)
    if Path(DEFAULT_OVERRIDES).is_file():
        quotes = apply_overrides(quotes, load_overrides(DEFAULT_OVERRIDES), article.meta["sha256"])
    scored = score_quotes(quotes)
    stance = stance_table(scored, load_targets(DEFAULT_TARGETS, quotes=scored))
    figs = all_charts(scored, stance, article_title=article.title, text_length=len(article.text),
                      paragraph_starts=list(article.paragraphs["start"]))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in figs.items():
        path = out / f"chart_{name}.png"
        fig.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.charts",
                                     description="Draw the report charts.")
    sub = parser.add_subparsers(dest="command", required=True)
    docs = sub.add_parser("docs", help="regenerate the README chart images (docs/chart_*.png)")
    docs.add_argument("--out", default=None, help="output folder (default: docs/ of the project)")
    docs.add_argument("--article", default=None, help="article to draw (default: the seed article)")
    args = parser.parse_args(argv)
    if args.command == "docs":
        from helpers.paths import PROJECT_ROOT

        for path in write_docs(args.out or PROJECT_ROOT / "docs", args.article):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
