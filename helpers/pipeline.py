"""One article end to end, without Jupyter: read, quotes, speakers, sentiment, stance, files.

``analyze(path)`` runs every stage that exists and returns an :class:`Analysis`; the corpus runner
(``helpers.corpus``) calls the very same :func:`run_stages` for each article, so a corpus row is
always identical to the single-article result. ``quotelens analyze ARTICLE`` writes the tables
and figures and prints a short summary::

    >>> a = analyze("data/raw/belarus_drills_article.txt")      # doctest: +SKIP
    >>> a.quotes[["speaker", "kind", "text"]].head()             # doctest: +SKIP
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.errors import ExportError, InputError, QuoteLensError
from helpers.export import safe_filename
from helpers.paths import DEFAULT_OVERRIDES, DEFAULT_TARGETS, REPORTS_DIR, analyst_input

#: The stages in pipeline order.
STAGES = ("quotes", "speakers", "sentiment", "stance")

#: The module and functions each stage needs, imported lazily by :func:`stage_functions`.
_STAGE_FUNCTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "read": ("helpers.article", ("read_article",)),
    "quotes": ("helpers.quotes", ("extract_quotes",)),
    "overrides": ("helpers.overrides", ("load_overrides", "apply_overrides")),
    "speakers": ("helpers.speakers", ("speakers_table",)),
    "sentiment": ("helpers.sentiment", ("score_quotes", "speaker_sentiment")),
    "stance": ("helpers.stance", ("load_targets", "stance_table")),
    "charts": ("helpers.charts", ()),
}

#: Per-quote sentiment columns (contract: ``score_quotes`` adds these to the quote table).
SENTIMENT_COLUMNS = ("compound", "pos", "neu", "neg", "sentiment_label", "drivers", "drivers_text")


def stage_functions(stage: str) -> tuple[Callable[..., Any], ...]:
    """The functions a stage needs, imported on first use (a corpus worker never loads the stance
    model's runtime, and the CLI answers bad input before heavy imports)."""
    module_name, names = _STAGE_FUNCTIONS[stage]
    module = importlib.import_module(module_name)
    return tuple(getattr(module, name) for name in names) if names else (module,)


@dataclass
class Analysis:
    """Everything the pipeline found in one article; tables are ``None`` for stages that did not run.

    ``quotes`` is the quote table of the contract, with the sentiment columns when that stage ran;
    ``sentiment`` is the per-quote view of those columns (made when asked for: the corpus never
    needs it), ``speaker_sentiment`` the per-speaker one.
    """

    article: Any
    quotes: pd.DataFrame | None = None
    speakers: pd.DataFrame | None = None
    speaker_sentiment: pd.DataFrame | None = None
    stance: pd.DataFrame | None = None
    stages: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def sentiment(self) -> pd.DataFrame | None:
        """The per-quote sentiment: ids, speaker, kind, offsets, text and the sentiment columns."""
        if "sentiment" not in self.stages or self.quotes is None:
            return None
        keep = [c for c in ("quote_id", "speaker", "kind", "start", "end", "text", *SENTIMENT_COLUMNS)
                if c in self.quotes]
        return self.quotes[keep]

    @property
    def title(self) -> str:
        meta = getattr(self.article, "meta", None) or {}
        return str(getattr(self.article, "title", None) or meta.get("title") or meta.get("source") or "article")

    def kind_counts(self) -> dict[str, int]:
        """Quotes per kind, always with ``direct``, ``partial`` and ``indirect`` keys."""
        counts = {"direct": 0, "partial": 0, "indirect": 0}
        if self.quotes is not None and len(self.quotes):  # plain Counter: value_counts costs 0.5 ms
            kinds = Counter(k for k in self.quotes["kind"].tolist() if not pd.isna(k))
            for kind, n in kinds.most_common():
                counts[str(kind)] = int(n)
        return counts

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables to export, by file stem, for the stages that ran."""
        out = {}
        for name in ("quotes", "speakers", "sentiment", "speaker_sentiment", "stance"):
            table = getattr(self, name)
            if table is not None:
                out[name] = table
        return out

    def summary(self) -> str:
        """A few lines for the terminal: speakers, quotes per kind, skipped stages."""
        lines = []
        meta = getattr(self.article, "meta", None) or {}
        words = meta.get("n_words")
        head = f"{self.title}"
        if words is not None:
            head += f" ({int(words):,} words)"
        lines.append(head)
        if self.quotes is None:
            lines.append("  no quotes: the quote stage is not available")
        else:
            counts = self.kind_counts()
            detail = ", ".join(f"{n} {k}" for k, n in counts.items())
            lines.append(f"  {len(self.quotes)} quotes ({detail})")
        if self.speakers is not None and len(self.speakers):
            top = self.speakers.sort_values(["n_quotes", "first_start"], ascending=[False, True]).head(5)
            names = ", ".join(f"{r.speaker} ({int(r.n_quotes)})" for r in top.itertuples())
            lines.append(f"  {len(self.speakers)} speakers: {names}{', ...' if len(self.speakers) > 5 else ''}")
        elif self.speakers is not None:
            lines.append("  no speakers found")
        if self.stance is not None:
            lines.append(f"  {len(self.stance)} speaker-target stances")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# reading


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and bool(value.strip())


def load_article(article_or_path: Any) -> Any:
    """An ``Article`` from an ``Article``, a path (``.txt``, ``.html``, ``.json``), bytes or a text.

    Everything goes through ``helpers.article.read_article``: the one reader of the workbook.
    """
    if hasattr(article_or_path, "text") and hasattr(article_or_path, "meta"):
        return article_or_path
    return stage_functions("read")[0](article_or_path)


def load_overrides_table(overrides: Any) -> pd.DataFrame | None:
    """Overrides as a DataFrame (``None`` = none): a path goes through ``helpers.quotes.load_overrides``."""
    if overrides is None or isinstance(overrides, pd.DataFrame):
        return overrides
    return stage_functions("overrides")[0](overrides)


def load_targets_table(targets: Any) -> pd.DataFrame | None:
    """Targets as a DataFrame; ``None`` keeps the stance stage's own default lexicon."""
    if targets is None or isinstance(targets, pd.DataFrame):
        return targets
    path = Path(targets)
    if not path.is_file():
        raise InputError(f"targets file not found: {path}")
    return stage_functions("stance")[0](path)


# --------------------------------------------------------------------------------------------
# running


def run_stages(
    article: Any,
    *,
    overrides: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    stages: Iterable[str] | None = None,
    sha256: str | None = None,
) -> Analysis:
    """Run the pipeline stages on a read ``Article``: the one code path of ``analyze`` and the corpus.

    ``stages`` limits the work (the corpus skips stance and per-speaker sentiment unless asked);
    ``sha256`` is the article's identity for overrides (default: ``article.meta["sha256"]``).
    """
    wanted = tuple(STAGES if stages is None else stages)
    unknown = set(wanted) - set(STAGES) - {"speaker_sentiment"}
    if unknown:
        raise QuoteLensError(f"unknown pipeline stage(s): {', '.join(sorted(unknown))}; known: {', '.join(STAGES)}")
    result = Analysis(article=article)
    ran: list[str] = []

    quotes = stage_functions("quotes")[0](article)
    ran.append("quotes")
    if overrides is not None and len(overrides):
        digest = sha256 or (getattr(article, "meta", None) or {}).get("sha256")
        quotes = stage_functions("overrides")[1](quotes, overrides, digest, warn=False)
        unmatched = quotes.attrs.get("overrides_unmatched") or []
        if unmatched:
            lines = ", ".join(str(r.get("line")) for r in unmatched)
            result.notes.append(f"{len(unmatched)} override(s) for this article match no quote (overrides file line {lines})")
    result.quotes = quotes

    if "speakers" in wanted:
        result.speakers = stage_functions("speakers")[0](quotes)
        ran.append("speakers")

    if "sentiment" in wanted:
        score_quotes, speaker_sentiment = stage_functions("sentiment")
        result.quotes = score_quotes(quotes)
        if "speaker_sentiment" in wanted or stages is None:
            result.speaker_sentiment = speaker_sentiment(result.quotes)
        ran.append("sentiment")

    if "stance" in wanted:
        try:
            result.stance = stage_functions("stance")[1](result.quotes, targets)
            ran.append("stance")
        except QuoteLensError as exc:  # e.g. the model file was removed: say so, keep the rest
            result.notes.append(f"stance skipped: {exc}")
    result.stages = tuple(ran)
    return result


def analyze(article_or_path: Any, targets: Any = None, overrides: Any = None, *, stages: Iterable[str] | None = None) -> Analysis:
    """Read one article and run every stage on it (or those named in ``stages``).

    ``targets`` and ``overrides`` are paths or DataFrames (``None``: the stance stage's default
    targets, no overrides).
    """
    article = load_article(article_or_path)
    return run_stages(
        article,
        overrides=load_overrides_table(overrides),
        targets=load_targets_table(targets),
        stages=stages,
    )


# --------------------------------------------------------------------------------------------
# files


#: Text cells starting with these get a leading ``'`` so spreadsheets never run article text as a
#: formula (the same rule as ``helpers.export.export_table``).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """CSV-friendly cell: lists, tuples and dicts as JSON (readable and loss-free), formulas defused."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return json.dumps(value.tolist(), ensure_ascii=False, default=str)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def table_for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose nested cells (aliases, drivers, evidence) are JSON strings."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_cell)
    return out


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write beside ``path`` then rename: a crash never leaves half a file under the real name."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _figures(analysis: Analysis) -> dict[str, Callable[[], Any]]:
    """Figure builders for the charts that exist and whose input table is there."""
    charts = stage_functions("charts")[0]
    plan: dict[str, Callable[[], Any]] = {}
    q = analysis.quotes
    if q is not None and hasattr(charts, "quote_counts_chart"):
        plan["quote_counts"] = lambda: charts.quote_counts_chart(q)
    if q is not None and hasattr(charts, "quote_map"):
        plan["quote_map"] = lambda: charts.quote_map(q)
    if analysis.sentiment is not None and hasattr(charts, "sentiment_chart"):
        plan["sentiment"] = lambda: charts.sentiment_chart(q)
    if analysis.stance is not None and len(analysis.stance) and hasattr(charts, "stance_heatmap"):
        plan["stance_heatmap"] = lambda: charts.stance_heatmap(analysis.stance)
    return plan


def default_out_dir(article_or_path: Any) -> Path:
    """``reports/<article-stem>/`` for a path, ``reports/article/`` for a text."""
    stem = Path(article_or_path).stem if isinstance(article_or_path, (str, Path)) and _looks_like_path(str(article_or_path)) else "article"
    return REPORTS_DIR / safe_filename(stem, default="article")


def write_analysis(analysis: Analysis, out_dir: str | Path, *, overwrite: bool = False, figures: bool = True) -> list[Path]:
    """Write the tables as CSV and the figures as PNG into ``out_dir``; returns the files written.

    Refuses (``ExportError``, nothing written) when any of those files exists, unless ``overwrite``.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"--out {out_dir} is a file, not a folder")
    tables = analysis.tables()
    plan = _figures(analysis) if figures else {}
    targets = [out_dir / f"{name}.csv" for name in tables] + [out_dir / f"{name}.png" for name in plan]
    existing = [p for p in targets if p.exists()]
    if existing and not overwrite:
        names = ", ".join(p.name for p in existing)
        raise ExportError(f"{out_dir} already has {names}; pass --overwrite to replace them, or choose another --out")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        path = out_dir / f"{name}.csv"
        _atomic_write(path, lambda tmp, t=table: table_for_csv(t).to_csv(tmp, index=False))
        written.append(path)
    if plan:
        import matplotlib

        if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
            matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        for name, build in plan.items():
            path = out_dir / f"{name}.png"
            fig = build()
            try:
                _atomic_write(path, lambda tmp, f=fig: f.savefig(tmp, format="png", dpi=150, bbox_inches="tight"))
            finally:
                plt.close(fig)
            written.append(path)
    return written


def _cli_analyze(args: argparse.Namespace) -> int:
    article = Path(args.article)
    if not article.is_file():
        raise InputError(f"article not found: {article}")
    overrides = analyst_input(args.overrides, DEFAULT_OVERRIDES, "--overrides")
    targets = analyst_input(args.targets, DEFAULT_TARGETS, "--targets")
    out = Path(args.out) if args.out else default_out_dir(article)
    analysis = analyze(article, targets=targets, overrides=overrides)
    written = write_analysis(analysis, out, overwrite=args.overwrite, figures=not args.no_figures)
    print(analysis.summary())
    print(f"Wrote {len(written)} files to {out}/: {', '.join(p.name for p in written)}")
    return 0


def register_cli(subparsers: Any) -> None:
    """Add ``quotelens analyze ARTICLE [--out DIR] [--targets CSV] [--overrides CSV] [--overwrite]``."""
    p = subparsers.add_parser(
        "analyze",
        help="run the whole pipeline on one article and write its tables and figures",
        description="Run every available stage on ARTICLE and write quotes.csv, speakers.csv, "
        "sentiment.csv, stance.csv and the figures into --out (default reports/<article-stem>/). "
        "Existing files are never replaced unless --overwrite is given.",
    )
    p.add_argument("article", metavar="ARTICLE", help="a .txt, .html or .json article")
    p.add_argument("--out", metavar="DIR", default=None, help="output folder (default reports/<article-stem>/)")
    p.add_argument("--targets", metavar="CSV", default=None, help=f"stance targets (default {DEFAULT_TARGETS.name} when present)")
    p.add_argument("--overrides", metavar="CSV", default=None, help=f"speaker overrides (default {DEFAULT_OVERRIDES.name} when present)")
    p.add_argument("--overwrite", action="store_true", help="replace files already in --out")
    p.add_argument("--no-figures", action="store_true", help="write the tables only")
    p.set_defaults(func=_cli_analyze)


__all__ = [
    "Analysis",
    "STAGES",
    "analyze",
    "load_article",
    "register_cli",
    "run_stages",
    "stage_functions",
    "table_for_csv",
    "write_analysis",
]
