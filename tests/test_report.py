"""`make report`: the README's first command, end to end (every notebook headless, results collected)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import PROJECT_ROOT
from helpers.report import notebook_paths, run_report


def _report(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "helpers.report", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.notebooks
def test_report_runs_every_notebook_and_keeps_the_previous_run(seed_path: Path, tmp_path: Path):
    proc = _report("--article", str(seed_path), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    out_dir = tmp_path / seed_path.stem
    executed = sorted(p.name for p in (out_dir / "notebooks").glob("*.ipynb"))
    assert executed == [p.name for p in notebook_paths()]
    assert re.search(rf"executed notebooks\s+{len(executed)}\n", proc.stdout), proc.stdout
    assert list(out_dir.glob("**/*.png")), "no figure was exported"
    assert (out_dir / "analysis").is_dir() and list((out_dir / "analysis").glob("*.csv"))
    # the analyst sees progress and a summary, not kernel log noise or a traceback
    assert "Traceback" not in proc.stderr
    assert "without encryption" not in proc.stderr + proc.stdout

    run_report(seed_path, out=tmp_path, notebooks=notebook_paths()[:1], verbose=False)
    kept = sorted(p.name for p in (out_dir / "previous" / "notebooks").glob("*.ipynb"))
    assert kept == executed, "regenerating a report must set the last one aside, not overwrite it"
    assert sorted(p.name for p in (out_dir / "notebooks").glob("*.ipynb")) == [notebook_paths()[0].name]


def test_report_on_a_missing_article_is_one_clear_line(tmp_path: Path):
    proc = _report("--article", str(tmp_path / "nope.txt"), "--out", str(tmp_path))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "article not found" in lines[0] and "nope.txt" in lines[0]
    assert not list(tmp_path.glob("*/notebooks")), "nothing is written for a missing article"
