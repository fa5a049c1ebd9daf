"""environment.yml (conda) and pyproject.toml (pip) must install the same thing."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_environment_pins_a_python_that_pyproject_accepts():
    deps = _environment()["dependencies"]
    pins = [d for d in deps if isinstance(d, str) and d.startswith("python")]
    assert len(pins) == 1, "environment.yml must pin python exactly once"
    version = pins[0].split("=")[-1]
    spec = _pyproject()["project"]["requires-python"]
    from packaging.specifiers import SpecifierSet

    assert SpecifierSet(spec).contains(version + ".0"), f"python={version} is outside requires-python {spec}"


def test_environment_installs_the_package_with_extras_that_exist():
    deps = _environment()["dependencies"]
    assert "pip" in deps
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    assert len(pip_sections) == 1
    lines = pip_sections[0]
    assert lines == ["-e .[dev]"], (
        "environment.yml must only point pip at the package and its extras; list dependencies in "
        f"pyproject.toml instead, found {lines}"
    )
    extras = set(_pyproject()["project"]["optional-dependencies"])
    for line in lines:
        for extra in re.findall(r"\[([^\]]+)\]", line)[0].split(","):
            assert extra.strip() in extras, f"environment.yml asks for extra [{extra}] that pyproject lacks"


def test_no_conda_dependency_shadows_pyproject():
    """Anything conda installs besides python and pip would drift from pyproject's list."""
    deps = _environment()["dependencies"]
    others = [d for d in deps if isinstance(d, str) and d.split("=")[0] not in {"python", "pip"}]
    assert not others, f"declare these in pyproject.toml instead: {others}"


def test_makefile_installs_the_same_extras_as_environment_yml():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert 'pip install --quiet --disable-pip-version-check -e ".[dev]"' in makefile


def test_runtime_install_never_pulls_torch():
    """An analyst's install must stay light: torch belongs to the training extra only."""
    project = _pyproject()["project"]
    runtime = project["dependencies"] + project["optional-dependencies"]["dev"] + project["optional-dependencies"]["lab"]
    assert not [d for d in runtime if re.match(r"(torch|tensorflow|jax)\b", d)]


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)
    assert blocks, "README has no command block"
    first = [line for line in blocks[0].splitlines() if line.strip() and not line.startswith("#")]
    assert first == ["make report", "make test"], f"README must open with the two commands, found {first}"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", ci, re.M), ".ci/run must call the README's test command"
