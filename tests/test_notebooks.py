"""Every notebook: paired with a percent-format .py, stored without outputs, runs headless (papermill)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.report import NOTEBOOKS_DIR, notebook_parameters, notebook_paths
from helpers.paths import DEFAULT_OVERRIDES, DEFAULT_TARGETS

NOTEBOOKS = notebook_paths()
PARAMETERS = ("article_path", "targets_path", "overrides_path", "output_dir")


def test_the_workbook_has_its_numbered_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert names, "no notebooks found"
    assert names[0].startswith("01_read_article")
    numbers = [int(n[:2]) for n in names]
    assert numbers == sorted(set(numbers)), f"notebook numbers must be unique and ordered: {names}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_paired_stripped_and_parameterised(nb: Path):
    paired = nb.with_suffix(".py")
    assert paired.is_file(), f"{nb.name} has no paired jupytext file {paired.name}"
    assert "format_name: percent" in paired.read_text(encoding="utf-8")
    data = json.loads(nb.read_text(encoding="utf-8"))
    for cell in data["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{nb.name} has stored outputs: strip them (nbstripout)"
            assert cell.get("execution_count") is None
    tagged = [c for c in data["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{nb.name} needs exactly one cell tagged 'parameters'"
    source = "".join(tagged[0]["source"])
    for name in PARAMETERS:
        assert re.search(rf"^{name}\s*=", source, re.M), f"{nb.name}'s parameters cell lacks {name}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_and_its_py_say_the_same(nb: Path):
    import jupytext

    from_py = jupytext.read(nb.with_suffix(".py"))
    from_ipynb = jupytext.read(nb)
    assert [(c.cell_type, c.source) for c in from_py.cells] == [
        (c.cell_type, c.source) for c in from_ipynb.cells
    ], f"{nb.name} and its .py differ: run `jupytext --sync {nb}`"


@pytest.mark.notebooks
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_headless_on_the_seed_article(nb: Path, seed_path: Path, tmp_path: Path):
    import papermill

    params = notebook_parameters(seed_path, DEFAULT_TARGETS, DEFAULT_OVERRIDES, tmp_path)
    out = tmp_path / nb.name
    papermill.execute_notebook(str(nb), str(out), parameters=params, cwd=str(NOTEBOOKS_DIR),
                               kernel_name="python3", progress_bar=False)
    executed = json.loads(out.read_text(encoding="utf-8"))
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    code_cells = [c for c in executed["cells"] if c["cell_type"] == "code"]
    assert all(c.get("execution_count") for c in code_cells), "every code cell must have run"
    shown = [o for c in code_cells for o in c.get("outputs", [])]
    assert shown, f"{nb.name} showed nothing"
