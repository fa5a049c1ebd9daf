# Quote Lens: every entry point an analyst or CI needs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARTICLE ?= data/raw/belarus_drills_article.txt
TARGETS ?= data/targets.csv
OVERRIDES ?= data/overrides.csv
OUT ?= reports
PYTEST_ARGS ?=

.PHONY: help setup report test test-fast lab dashboard docs bench train-stance browser clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/quotelens: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

setup: $(BIN)/quotelens  ## create .venv, install the package with its extras, strip notebook outputs on commit
	@if git rev-parse --git-dir >/dev/null 2>&1; then $(BIN)/nbstripout --install --attributes .gitattributes; fi
	@echo "Environment ready in $(VENV)/"

report: setup  ## run every notebook headless on ARTICLE; results go under reports/
	$(BIN)/python -m helpers.report --article "$(ARTICLE)" --targets "$(TARGETS)" --overrides "$(OVERRIDES)" --out "$(OUT)"

browser:  ## install Debian's chromium for the browser tests (once per machine)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }
	@chromium --version

test: setup browser  ## the whole test suite: helpers, CLI, notebooks headless, real-browser dashboard
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: setup  ## unit tests only (no notebooks, no browser)
	$(BIN)/python -m pytest -m "not notebooks and not browser" $(PYTEST_ARGS)

lab: setup  ## JupyterLab on notebooks/, bound to 127.0.0.1 with a token
	$(BIN)/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

dashboard: setup  ## the Voila dashboard on 127.0.0.1 with an auto-generated token (printed in the URL)
	$(BIN)/voila notebooks/05_charts_and_export.ipynb --Voila.ip=127.0.0.1 --token --no-browser

docs: setup  ## regenerate the chart images shown in the README (docs/*.png)
	$(BIN)/python -m helpers.charts docs

BENCHMARKS ?= quotes_accuracy throughput sentiment_accuracy stance_accuracy corpus_scale

bench: setup  ## run the benchmarks (needs ../shared/data) and print their figures against the issue targets
	for b in $(BENCHMARKS); do echo "== benchmarks/$$b.py"; $(BIN)/python benchmarks/$$b.py || exit 1; done

train-stance: setup  ## retrain the stance model (needs ../shared/data and the [train] extra; replaces data/models/ in place)
	$(BIN)/pip install --quiet -e ".[train]"
	$(BIN)/python benchmarks/train_stance.py minilm

clean:  ## remove generated reports (never data/raw or data/overrides.csv)
	rm -rf reports/* .pytest_cache && touch reports/.gitkeep
