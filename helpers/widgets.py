"""An ipywidgets dashboard: filter speakers, kinds, target and confidence; charts and table follow.

The same widget runs in JupyterLab and in the Voila page (``make dashboard``). Charts are shown
as PNG ``Image`` widgets whose bytes are swapped in place, so an update never flickers nor
stacks outputs; the quote table is escaped HTML. Export logic lives in ``helpers.export``.

>>> dash = Dashboard(scored, stance, article_title=article.title)   # doctest: +SKIP
>>> dash.select_speakers(["Alexander Lukashenko"]); dash.export()     # doctest: +SKIP
"""
from __future__ import annotations

import html
import io
import os
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from helpers import charts
from helpers.errors import QuoteLensError, UnknownSpeakerError
from helpers.export import export_charts
from helpers.paths import FIGURES_DIR
from helpers.style import speaker_colors

__all__ = ["Dashboard", "in_voila", "quote_table_html", "TABLE_COLUMNS"]

#: Columns of the quote table shown in the dashboard (those present in the data).
TABLE_COLUMNS = ("quote_id", "speaker", "kind", "text", "cue", "confidence", "compound",
                 "sentiment_label", "start", "end")
ALL_TARGETS = ""
_KIND_BUTTONS = (("direct", "direct"), ("partial", "partial"), ("indirect", "reported"))


def in_voila() -> bool:
    """True inside a Voila kernel (Voila sets these variables), where clicks, not runs, export."""
    return any(k in os.environ for k in ("VOILA_KERNEL_ID", "VOILA_BASE_URL", "VOILA_REQUEST_URL"))


def quote_table_html(table: pd.DataFrame, columns: Sequence[str] = TABLE_COLUMNS,
                     max_text: int = 240) -> str:
    """The quote table as an HTML ``<table>``; every cell is escaped (article text is untrusted)."""
    cols = [c for c in columns if c in table.columns]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = []
    for _, row in table.iterrows():
        cells = []
        for c in cols:
            v = row[c]
            if v is None or (not isinstance(v, (list, tuple, dict)) and pd.isna(v)):
                text = ""
            elif isinstance(v, float):
                text = f"{v:.2f}"
            else:
                text = str(v)
            if c == "text" and len(text) > max_text:
                text = text[: max_text - 1] + "…"
            cells.append(f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table class="ql-quote-table" style="border-collapse:collapse;font-size:12px;width:100%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _fig_png(fig: Figure, dpi: int) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches=None)  # constrained layout already fits: one draw
    return buf.getvalue()


class Dashboard(widgets.VBox):
    """Speaker multi-select (All/None), kind toggles, target dropdown, confidence slider,
    the four charts, the filtered quote table and an Export button, all kept in step.

    ``quotes`` is the quote table (scored by ``helpers.sentiment.score_quotes`` for the sentiment
    charts); ``stance`` the ``helpers.stance.stance_table`` (optional); ``quote_stances`` the
    per-mention ``helpers.stance.quote_stances`` behind it (optional: with it the heatmap follows
    every filter, kinds and confidence included). Speaker colours come from the unfiltered
    table, so they never change while filtering.
    """

    def __init__(self, quotes: pd.DataFrame, stance: pd.DataFrame | None = None, *,
                 quote_stances: pd.DataFrame | None = None,
                 article_title: str | None = None, article_sha256: str | None = None,
                 out_dir: str | Path = FIGURES_DIR, text_length: int | None = None,
                 paragraph_starts: Sequence[int] | None = None,
                 speakers: Iterable[str] | None = None, dpi: int = 80) -> None:
        if not isinstance(quotes, pd.DataFrame):
            raise QuoteLensError(f"Dashboard needs the quote table (a DataFrame), got {type(quotes).__name__}")
        missing = {"speaker", "kind", "start"} - set(quotes.columns)
        if missing:
            raise QuoteLensError(f"the quote table lacks the columns {sorted(missing)}: "
                                 "build it with helpers.quotes.extract_quotes(article)")
        self.quotes = quotes.reset_index(drop=True)
        if quote_stances is not None:
            missing = {"quote_id", "target", "p_against", "p_neutral", "p_favor"} - set(quote_stances.columns)
            if missing:
                raise QuoteLensError(f"quote_stances lacks the columns {sorted(missing)}: build it with "
                                     "helpers.stance.quote_stances(quotes, targets)")
            if stance is None:
                from helpers.stance import aggregate_stances

                stance = aggregate_stances(quote_stances)
        self.quote_stances = quote_stances
        self.stance = stance
        #: whether the heatmap is re-aggregated over the filtered quotes (needs their quote ids)
        self._per_quote_stance = quote_stances is not None and "quote_id" in self.quotes
        self.article_title = article_title
        self.article_sha256 = article_sha256
        self.out_dir = Path(out_dir)
        self.text_length = text_length
        self.paragraph_starts = paragraph_starts
        self.dpi = dpi
        self.colors = speaker_colors(self.quotes)
        self._speaker_key = charts._speaker_col(self.quotes)
        self.all_speakers: list[str] = charts._speaker_rows(self.quotes)
        self._target_quotes = self._quotes_by_target(stance)
        self.figures: dict[str, Figure] = {}
        self._keys: dict[str, object] = {}
        self.last_export: list[Path] = []
        self._holding = False
        self._dirty = False

        layout_full = widgets.Layout(width="100%")
        self.speaker_select = widgets.SelectMultiple(
            options=self.all_speakers, value=tuple(self.all_speakers),
            rows=min(10, max(3, len(self.all_speakers))),
            layout=widgets.Layout(width="300px"))
        self.all_button = widgets.Button(description="All", tooltip="select every speaker",
                                         layout=widgets.Layout(width="70px"))
        self.none_button = widgets.Button(description="None", tooltip="clear the speaker selection",
                                          layout=widgets.Layout(width="70px"))
        self.kind_toggles = {kind: widgets.ToggleButton(value=True, description=label,
                                                        tooltip=f"show {label} quotes",
                                                        layout=widgets.Layout(width="90px"))
                             for kind, label in _KIND_BUTTONS}
        targets = self._target_options(stance)
        self.target_dropdown = widgets.Dropdown(
            options=[("(all targets)", ALL_TARGETS)] + [(t, t) for t in targets], value=ALL_TARGETS,
            description="Target", disabled=not targets)
        self.confidence_slider = widgets.FloatSlider(
            value=0.0, min=0.0, max=1.0, step=0.05, description="Min. conf.",
            continuous_update=False, readout_format=".2f")
        self.export_button = widgets.Button(description="Export", icon="download", button_style="primary",
                                            tooltip="write the charts (PNG, SVG, PDF), the table (CSV) "
                                                    "and a sidecar JSON into the figures folder")
        self.summary = widgets.HTML()
        self.status = widgets.HTML()
        self.images = {name: widgets.Image(format="png", layout=widgets.Layout(width="100%"))
                       for name in charts.CHART_NAMES}
        self.table = widgets.HTML(layout=widgets.Layout(max_height="420px", overflow="auto"))

        self.all_button.on_click(lambda _: self.select_all())
        self.none_button.on_click(lambda _: self.select_none())
        self.export_button.on_click(self._on_export_click)
        for control in (self.speaker_select, self.target_dropdown, self.confidence_slider,
                        *self.kind_toggles.values()):
            control.observe(self._on_change, names="value")

        controls = widgets.HBox([
            widgets.VBox([widgets.HTML("<b>Speakers</b> (ctrl/cmd-click for several)"),
                          self.speaker_select, widgets.HBox([self.all_button, self.none_button])],
                         layout=widgets.Layout(width="320px", min_width="320px")),
            widgets.VBox([widgets.HBox([widgets.Label("Kinds"), *self.kind_toggles.values()]),
                          self.target_dropdown, self.confidence_slider,
                          widgets.HBox([self.export_button]), self.status]),
        ])
        grid = widgets.GridBox(list(self.images.values()),
                               layout=widgets.Layout(grid_template_columns="repeat(2, minmax(0, 1fr))",
                                                     grid_gap="8px", width="100%"))
        super().__init__([controls, self.summary, grid, self.table], layout=layout_full)
        self.add_class("ql-dashboard")
        if speakers is not None:
            self.select_speakers(speakers)
        self.refresh()

    # -- data --------------------------------------------------------------------------------

    @staticmethod
    def _target_options(stance: pd.DataFrame | None) -> list[str]:
        if stance is None or stance.empty or "target" not in stance:
            return []
        counts = stance.groupby("target", sort=False)["n_quotes"].sum() if "n_quotes" in stance \
            else stance["target"].value_counts()
        return [str(t) for t in counts.sort_values(ascending=False, kind="stable").index]

    @staticmethod
    def _quotes_by_target(stance: pd.DataFrame | None) -> dict[str, set[int]]:
        """quote_ids behind each target, read from the stance table's evidence records."""
        out: dict[str, set[int]] = {}
        if stance is None or stance.empty or "evidence" not in stance:
            return out
        for target, evidence in zip(stance["target"], stance["evidence"]):
            ids = out.setdefault(str(target), set())
            for item in evidence if isinstance(evidence, (list, tuple)) else []:
                qid = item.get("quote_id") if isinstance(item, dict) else None
                if qid is not None:
                    ids.add(int(qid))
        return out

    @property
    def filters(self) -> dict[str, object]:
        """The current filters, as recorded in the export sidecar."""
        return {
            "speakers": list(self.speaker_select.value),
            "kinds": [k for k, b in self.kind_toggles.items() if b.value],
            "target": self.target_dropdown.value or None,
            "min_confidence": round(float(self.confidence_slider.value), 4),
        }

    @property
    def filtered(self) -> pd.DataFrame:
        """The quotes matching every filter, in document order."""
        f = self.filters
        q = self.quotes
        keep = self._speaker_key.isin(f["speakers"])
        kind = charts._normal_kind(q["kind"])
        keep &= kind.isin(f["kinds"])
        if "confidence" in q and f["min_confidence"] > 0:
            keep &= pd.to_numeric(q["confidence"], errors="coerce").fillna(0) >= f["min_confidence"]
        if f["target"]:
            if self._target_quotes and "quote_id" in q:
                keep &= q["quote_id"].isin(self._target_quotes.get(f["target"], set()))
            else:
                about = set(self.stance.loc[self.stance["target"] == f["target"], "speaker"])
                keep &= self._speaker_key.isin(about)
        return q[keep]

    @property
    def filtered_stance(self) -> pd.DataFrame | None:
        """The heatmap's input: with ``quote_stances``, the stances re-aggregated over the quotes
        every filter keeps (speakers, kinds, target, confidence); else the stance rows of the
        selected speakers (and target)."""
        return self._stance_of(self.filtered)

    def _stance_of(self, table: pd.DataFrame) -> pd.DataFrame | None:
        """:attr:`filtered_stance` for an already filtered quote table."""
        if self.stance is None:
            return None
        f = self.filters
        if self._per_quote_stance:
            from helpers.stance import aggregate_stances

            qs = self.quote_stances
            keep = qs["quote_id"].isin(set(table["quote_id"]))
            if f["target"]:
                keep &= qs["target"].astype(str) == f["target"]
            return aggregate_stances(qs[keep])
        s = self.stance
        keep = charts._speaker_col(s).isin(f["speakers"])
        if f["target"]:
            keep &= s["target"].astype(str) == f["target"]
        return s[keep]

    # -- programmatic control ----------------------------------------------------------------

    @contextmanager
    def hold(self):
        """Change several controls with a single refresh at the end."""
        outer = self._holding
        self._holding = True
        try:
            yield self
        finally:
            self._holding = outer
            if not outer and self._dirty:
                self.refresh()

    def select_speakers(self, names: str | Iterable[str]) -> None:
        """Show only ``names``; unknown names raise ``UnknownSpeakerError`` listing the valid ones."""
        names = [names] if isinstance(names, str) else list(names)
        unknown = [n for n in names if n not in self.all_speakers]
        if unknown:
            raise UnknownSpeakerError(
                f"unknown speaker(s): {', '.join(map(repr, unknown))}. Valid speakers: "
                + ", ".join(map(repr, self.all_speakers)))
        self.speaker_select.value = tuple(s for s in self.all_speakers if s in set(names))

    def select_all(self) -> None:
        self.speaker_select.value = tuple(self.all_speakers)

    def select_none(self) -> None:
        self.speaker_select.value = ()

    def set_kinds(self, kinds: str | Iterable[str]) -> None:
        """Show only these quote kinds (``direct``, ``partial``, ``indirect``/``reported``)."""
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        norm = {"reported": "indirect"}
        bad = [k for k in kinds if norm.get(k, k) not in self.kind_toggles]
        if bad:
            raise QuoteLensError(f"unknown quote kind(s) {bad}: use direct, partial, indirect (reported)")
        wanted = {norm.get(k, k) for k in kinds}
        with self.hold():
            for kind, button in self.kind_toggles.items():
                button.value = kind in wanted

    def set_target(self, target: str | None) -> None:
        """Restrict to quotes about ``target`` (``None``: all targets)."""
        valid = [v for _, v in self.target_dropdown.options]
        if (target or ALL_TARGETS) not in valid:
            raise QuoteLensError(f"unknown target {target!r}. Valid targets: "
                                 + (", ".join(map(repr, valid[1:])) or "none (no stance table)"))
        self.target_dropdown.value = target or ALL_TARGETS

    def set_min_confidence(self, value: float) -> None:
        if not 0.0 <= float(value) <= 1.0:
            raise QuoteLensError(f"minimum confidence must be between 0 and 1, got {value}")
        self.confidence_slider.value = float(value)

    # -- rendering ---------------------------------------------------------------------------

    def _on_change(self, _change=None) -> None:
        if self._holding:
            self._dirty = True
            return
        self.refresh()

    def refresh(self) -> None:
        """Redraw the charts and the table for the current filters (one image swap each).

        A chart whose input rows did not change is not redrawn (toggling a kind that has no
        quotes costs nothing).
        """
        self._dirty = False
        table = self.filtered
        stance = self._stance_of(table)
        keys = {name: tuple(table.index) for name in ("quote_counts", "sentiment", "quote_map")}
        keys["stance"] = None if stance is None else (
            tuple(table.index), self.filters["target"]) if self._per_quote_stance else tuple(stance.index)
        try:
            for name, key in keys.items():
                if name in self.figures and self._keys.get(name) == key:
                    continue
                self.figures[name] = self._draw(name, table, stance)
                self._keys[name] = key
                png = _fig_png(self.figures[name], self.dpi)
                if self.images[name].value != png:
                    self.images[name].value = png
        except Exception as exc:  # keep the dashboard alive and say what went wrong
            self.status.value = (f'<span style="color:#B00020">Could not draw the charts: '
                                 f"{html.escape(str(exc))}</span>")
            raise
        self.summary.value = (f'<b class="ql-summary" data-rows="{len(table)}">Showing {len(table)} of '
                              f"{len(self.quotes)} quotes</b>")
        self.table.value = quote_table_html(table)

    def _draw(self, name: str, table: pd.DataFrame, stance: pd.DataFrame | None) -> Figure:
        title = self.article_title
        if name == "quote_counts":
            return charts.quote_counts_chart(table, article_title=title, colors=self.colors)
        if name == "sentiment":
            return charts.sentiment_chart(table, article_title=title, colors=self.colors)
        if name == "stance":
            return charts.stance_heatmap(stance, article_title=title)
        return charts.quote_map(table, text_length=self.text_length, article_title=title,
                                colors=self.colors, paragraph_starts=self.paragraph_starts)

    # -- export ------------------------------------------------------------------------------

    def export(self, out_dir: str | Path | None = None) -> list[Path]:
        """Write the current figures (PNG 300 dpi, SVG, PDF), the filtered table (CSV) and a
        sidecar JSON into ``out_dir`` (default: the dashboard's), never overwriting a file."""
        target = Path(os.path.abspath(out_dir or self.out_dir))  # full paths shown to the analyst
        paths = export_charts(
            self.figures, self.filtered, target, article_title=self.article_title,
            article_sha256=self.article_sha256, filters=self.filters, all_speakers=self.all_speakers)
        self.last_export = paths
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in paths)
        self.status.value = (f'<div class="ql-export-status">Wrote {len(paths)} files:'
                             f'<ul style="margin:0;max-height:9em;overflow:auto;font-size:11px;'
                             f'line-height:1.3">{items}</ul></div>')
        return paths

    def _on_export_click(self, _button=None) -> None:
        self.export_button.disabled = True
        self.status.value = "Exporting…"
        try:
            self.export()
        except QuoteLensError as exc:
            self.status.value = f'<span style="color:#B00020">{html.escape(str(exc))}</span>'
        finally:
            self.export_button.disabled = False
