"""Run every notebook headless on one article (papermill) and collect the results under ``reports/``.

This is what ``make report ARTICLE=path`` calls::

    python -m helpers.report --article data/raw/belarus_drills_article.txt --out reports

Each run goes to ``reports/<article-stem>/``: the pipeline's tables and figures in ``analysis/``
(``quotelens analyze``), the executed notebooks in ``notebooks/``, and what the notebooks export. A previous report for the same article is moved to
``reports/<article-stem>/previous/`` first, so regenerating never loses the last run.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from helpers.errors import InputError, QuoteLensError
from helpers.export import safe_filename
from helpers.paths import DEFAULT_ARTICLE, DEFAULT_OVERRIDES, DEFAULT_TARGETS, PROJECT_ROOT, REPORTS_DIR

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"


def notebook_paths(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The workbook's notebooks in reading order (``01_...ipynb``, ``02_...ipynb``, ...)."""
    return sorted(p for p in notebooks_dir.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def notebook_parameters(article: Path, targets: Path, overrides: Path, output_dir: Path) -> dict[str, str]:
    """The four parameters every notebook's ``parameters`` cell declares, as absolute paths."""
    return {
        "article_path": str(article.resolve()),
        "targets_path": str(targets.resolve()),
        "overrides_path": str(overrides.resolve()),
        "output_dir": str(output_dir.resolve()),
    }


@dataclass
class ReportRun:
    """What one report run produced, for the summary printed at the end."""

    out_dir: Path
    executed: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def files(self) -> list[Path]:
        return sorted(p for p in self.out_dir.rglob("*") if p.is_file() and "previous" not in p.relative_to(self.out_dir).parts)


def _set_aside_previous(out_dir: Path) -> None:
    if not out_dir.exists() or not any(out_dir.iterdir()):
        return
    previous = out_dir / "previous"
    if previous.exists():
        shutil.rmtree(previous)
    previous.mkdir()
    for item in list(out_dir.iterdir()):
        if item.name != "previous":
            shutil.move(str(item), previous / item.name)


#: The kernel logs errors only: ipykernel 7 warns on every start that its loopback channels are not
#: encrypted (they are HMAC-signed, as in every Jupyter set-up), which reads as an alarm in a report run.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


def run_report(
    article: Path = DEFAULT_ARTICLE,
    targets: Path = DEFAULT_TARGETS,
    overrides: Path = DEFAULT_OVERRIDES,
    out: Path = REPORTS_DIR,
    notebooks: Sequence[Path] | None = None,
    extra_parameters: dict | None = None,
    verbose: bool = True,
) -> ReportRun:
    """Execute the notebooks on ``article`` and return what was written where."""
    import papermill

    article = Path(article)
    if not article.is_file():
        raise InputError(f"article not found: {article}")
    out_dir = Path(out) / safe_filename(article.stem, default="article")
    _set_aside_previous(out_dir)
    (out_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    params = notebook_parameters(article, Path(targets), Path(overrides), out_dir)
    params.update(extra_parameters or {})
    run = ReportRun(out_dir=out_dir)
    nbs = list(notebooks) if notebooks is not None else notebook_paths()
    if not nbs:
        raise QuoteLensError(f"no notebooks found in {NOTEBOOKS_DIR}")
    from helpers.pipeline import analyze, write_analysis

    if verbose:
        print("  running the pipeline (quotes, speakers, sentiment, stance) ...", end="", flush=True)
    t0 = time.perf_counter()
    write_analysis(analyze(article, targets, overrides), out_dir / "analysis")
    run.seconds["pipeline"] = time.perf_counter() - t0
    if verbose:
        print(f" done in {run.seconds['pipeline']:.1f} s")
    for nb in nbs:
        target = out_dir / "notebooks" / nb.name
        if verbose:
            print(f"  running {nb.name} ...", end="", flush=True)
        t0 = time.perf_counter()
        try:
            papermill.execute_notebook(
                str(nb), str(target), parameters=params, cwd=str(nb.parent),
                kernel_name="python3", progress_bar=False, log_output=False,
                extra_arguments=KERNEL_ARGUMENTS,
            )
        except papermill.PapermillExecutionError as exc:
            raise QuoteLensError(
                f"{nb.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue} "
                f"(executed notebook with the error: {target})"
            ) from None
        run.seconds[nb.name] = time.perf_counter() - t0
        run.executed.append(target)
        if verbose:
            print(f" done in {run.seconds[nb.name]:.1f} s")
    return run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--targets", type=Path, default=DEFAULT_TARGETS)
    parser.add_argument("--overrides", type=Path, default=DEFAULT_OVERRIDES)
    parser.add_argument("--out", type=Path, default=REPORTS_DIR)
    args = parser.parse_args(argv)
    print(f"Quote Lens report on {args.article}")
    try:
        run = run_report(args.article, args.targets, args.overrides, args.out)
    except QuoteLensError as exc:
        print(f"quotelens report: error: {exc}", file=sys.stderr)
        return 2
    files = run.files()
    print(f"\nWrote {len(files)} files under {run.out_dir.resolve()}/")
    for label, pattern in (("executed notebooks", "notebooks/*.ipynb"), ("figures", "**/*.png"), ("tables", "**/*.csv")):
        found = [p for p in run.out_dir.glob(pattern) if "previous" not in p.relative_to(run.out_dir).parts]
        print(f"  {label:<19}{len(found):4d}")
    print("Open them in JupyterLab with `make lab`, or browse the folder above.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
