# Two commands on a fresh machine: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RESULTS := build/results
SLR := $(BIN)/slr-conformance

.PHONY: help setup run test lint typecheck unit spec behave baselines mutants docs docs-check chromium bench clean

help:
	@echo "make run        run the specification on the reference emulator (the main job)"
	@echo "make test       lint, type-check, unit tests, the specification on every offline backend,"
	@echo "                the mutants, and the documentation site checked in a browser"
	@echo "make docs       build the documentation site into docs/_build/html"
	@echo "make bench      time full runs on every offline backend"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(SLR) run --backend reference --output $(RESULTS)/reference

test: setup lint typecheck unit spec behave mutants docs-check

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

# The reference emulator must pass everything, also when it is as slow and eventually
# consistent as AWS may legally be; stock moto must match its recorded baseline.
spec: setup
	$(SLR) run --backend reference --output $(RESULTS)/reference
	$(SLR) run --backend reference-server --output $(RESULTS)/reference-server
	$(SLR) run --backend reference-eventual --output $(RESULTS)/reference-eventual
	$(SLR) run --backend moto --baseline moto --output $(RESULTS)/moto
	$(SLR) run --backend moto-server --baseline moto-server --output $(RESULTS)/moto-server

# The same specification through plain behave, as a user would run it.
behave: setup
	$(BIN)/behave -D backend=reference --format progress --no-capture

baselines: setup
	$(SLR) run --backend moto --baseline moto --update-baseline --output $(RESULTS)/moto
	$(SLR) run --backend moto-server --baseline moto-server --update-baseline --output $(RESULTS)/moto-server

mutants: setup
	$(SLR) mutants --output build/mutants
	mkdir -p docs/_generated && sed '1s/^# .*/## The latest run/' build/mutants/kill-matrix.md > docs/_generated/mutants.md

docs: setup spec mutants
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing; install Debian's chromium package (apt-get install chromium)." >&2; exit 2; fi; }

docs-check: docs chromium
	$(BIN)/python -m conformance.docs_check docs/_build/html

bench: setup
	$(BIN)/python -m conformance.bench

clean:
	rm -rf build docs/_build .mypy_cache .ruff_cache .pytest_cache
