# Two commands on a fresh machine: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RESULTS := build/results
# The service-linked-roles specification's certificates, one folder deeper so that the site's
# Incident Manager pages (build/results/*/results.json) do not read them as its own.
SLR_RESULTS := build/results/service-linked-roles
SLR := $(BIN)/slr-conformance

.PHONY: help setup run test lint typecheck unit spec behave baselines mutants drift docs docs-check chromium bench clean

help:
	@echo "make run          run the specification on the reference emulator (the main job)"
	@echo "make test         lint, type-check, unit tests, the specification on every offline"
	@echo "                  backend, the wheel, the mutants, and the documentation site checked"
	@echo "                  in a browser"
	@echo "make setup        create .venv and install the package with its pinned dependencies"
	@echo "make lint         ruff;  make typecheck: mypy;  make unit: the unit tests"
	@echo "make spec         both specifications on every offline backend (moto against its baselines)"
	@echo "make features     write the service-linked-roles feature files from templates and data"
	@echo "make behave       the specification through plain behave"
	@echo "make baselines    record moto's and moto-server's verdicts as their new baselines"
	@echo "make mutants      run the specification against the broken variants of the emulator"
	@echo "make wheel        build the wheel and sdist into build/dist"
	@echo "make wheel-check  install the wheel in a fresh environment and run it from an empty folder"
	@echo "make pythons      install the wheel on Python 3.12 and 3.13 (where installed) and run it"
	@echo "make docs         build the documentation site into docs/_build/html"
	@echo "make docs-check   build the site and open every page in headless Chromium"
	@echo "make drift        has the AWS page, its managed policy or the API reference changed"
	@echo "                  since the last review? (make api-drift-demo: the same, botocore 1.43 to 1.44)"
	@echo "make peers        build LocalStack's own environment and run the specification on it"
	@echo "make peers-baselines  record LocalStack's verdicts as its new baseline"
	@echo "make live-policy  regenerate the least-privilege IAM policy for live runs"
	@echo "make bench        time full runs on every offline backend, and the served emulator under load"
	@echo "make fuzz         fuzz the served emulator for minutes (a short campaign runs in make test)"
	@echo "make clean        remove build/, docs/_build and the tools' caches"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(SLR) run --backend reference --output $(RESULTS)/reference

# Every check, two at a time (the unit tests spread over every core themselves); each check's
# output is printed whole when it ends, so that two never interleave.
CHECKS := lint typecheck unit spec behave wheel-check mutants drift docs-check
test: setup
	$(MAKE) --no-print-directory -j2 --output-sync=target $(CHECKS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/python -m conformance.tools.slr_features --check

typecheck: setup
	$(BIN)/mypy

# tests/test_packaging.py checks the wheel and sdist that wheel-check builds, not a second build.
unit: setup
	$(BIN)/pytest -q -n auto --ignore=tests/test_packaging.py

# The reference emulator must pass everything, also when it is as slow and eventually
# consistent as AWS may legally be; stock moto must match its recorded baseline. The
# service-linked-roles specification runs whole in process and on moto; served over HTTP and
# eventually consistent, the reference runs it for the sample of services its generator names
# (each of the 71 services' examples take the same code paths there).
SLR_SAMPLE := --service autoscaling.amazonaws.com --service batch.amazonaws.com --service ssm-incidents.amazonaws.com
spec: setup
	$(SLR) run --backend reference --output $(RESULTS)/reference
	$(SLR) run --backend reference-server --output $(RESULTS)/reference-server
	$(SLR) run --backend reference-eventual --output $(RESULTS)/reference-eventual
	$(SLR) run --backend moto --baseline moto --output $(RESULTS)/moto
	$(SLR) run --backend moto-server --baseline moto-server --output $(RESULTS)/moto-server
	$(SLR) run --spec service-linked-roles --backend reference --output $(SLR_RESULTS)/reference
	$(SLR) run --spec service-linked-roles --backend reference-server $(SLR_SAMPLE) --output $(SLR_RESULTS)/reference-server
	$(SLR) run --spec service-linked-roles --backend reference-eventual $(SLR_SAMPLE) --output $(SLR_RESULTS)/reference-eventual
	$(SLR) run --spec service-linked-roles --backend moto --baseline moto --output $(SLR_RESULTS)/moto
	$(SLR) run --spec service-linked-roles --backend moto-server --baseline moto-server --output $(SLR_RESULTS)/moto-server

# The same specification through plain behave, as a user would run it; for the service-linked
# roles, the examples of one service (their @service.<principal> tag).
behave: setup
	$(BIN)/behave -D backend=reference --format progress --no-capture
	$(BIN)/behave -D backend=reference --format progress --no-capture --tags=service.batch.amazonaws.com features/service-linked-roles

# The service-linked-roles feature files, written again from their templates and the recorded
# services (`make lint` fails while the committed ones differ).
.PHONY: features
features: setup
	$(BIN)/python -m conformance.tools.slr_features

# The package as emulator authors get it: the wheel built from the sdist, installed with the
# pins of constraints.txt into a fresh virtual environment outside the repository, runs the
# specification from an empty folder (.ci/wheel-check). `make pythons` does the same with the
# same wheel on Python 3.12 and 3.13, and says so when one is not installed.
DIST := build/dist
.PHONY: wheel wheel-check pythons

wheel: setup
	rm -rf $(DIST)
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/python -m build --quiet --outdir $(DIST) .

wheel-check: wheel
	$(BIN)/pytest -q -p no:cacheprovider tests/test_packaging.py --built-dist $(DIST)
	.ci/wheel-check $(DIST) $(PYTHON)

pythons: wheel
	.ci/wheel-check $(DIST) 3.12
	.ci/wheel-check $(DIST) 3.13

baselines: setup
	$(SLR) run --backend moto --baseline moto --update-baseline --output $(RESULTS)/moto
	$(SLR) run --backend moto-server --baseline moto-server --update-baseline --output $(RESULTS)/moto-server
	$(SLR) run --spec service-linked-roles --backend moto --baseline moto --update-baseline --output $(SLR_RESULTS)/moto
	$(SLR) run --spec service-linked-roles --backend moto-server --baseline moto-server --update-baseline --output $(SLR_RESULTS)/moto-server

# The peers: LocalStack community, in a virtual environment of its own (build/peers/localstack)
# built with the pins of peers/localstack-constraints.txt, runs the specification against its
# baseline; the certificate goes to docs/peers/localstack/ for the site. It needs Python 3.12 or
# newer and says so when there is none. `make peers-baselines` records the baseline instead.
.PHONY: peers peers-baselines
peers: setup
	.ci/peers $(SLR)

peers-baselines: setup
	.ci/peers $(SLR) --update

# The least-privilege IAM policy for live runs, regenerated from a recording of what a live run
# does (on the reference emulator); a unit test fails while the committed one is out of date.
.PHONY: live-policy
live-policy: setup
	$(BIN)/python -m conformance.cassette.policy_run --write

mutants: setup
	$(SLR) mutants --output build/mutants
	$(SLR) mutants --spec service-linked-roles --output build/mutants/service-linked-roles
	mkdir -p docs/_generated && sed '1s/^# .*/## The latest run/' build/mutants/kill-matrix.md > docs/_generated/mutants.md

# Has AWS moved since the specification was reviewed? The recorded managed policy against the
# copy moto ships (offline), the cited operations of the API reference against the installed
# botocore's models, and the page's paragraphs against their fingerprints when a saved copy of
# the page is at PAGE_COPY (the page's text is never kept in the repository).
PAGE_COPY ?= ../shared/sources/incident-manager-service-linked-roles.txt
# The family's pages and the IAM User Guide's page, watched by the service-linked-roles
# specification's fingerprints (slr-conformance drift --spec service-linked-roles FOLDER).
FAMILY_PAGES ?= ../shared/sources/service-linked-roles
IAM_GUIDE_PAGE ?= ../shared/sources/iam
drift: setup
	$(SLR) drift --policy --output build/drift
	$(SLR) drift --api --output build/drift
	@if [ -f "$(PAGE_COPY)" ]; then $(SLR) drift "$(PAGE_COPY)" --output build/drift; \
	else echo "No saved copy of the page at $(PAGE_COPY): page drift not checked."; fi
	@for pages in $(FAMILY_PAGES) $(IAM_GUIDE_PAGE); do \
	  if [ -d "$$pages" ]; then $(SLR) drift --spec service-linked-roles "$$pages" || exit $$?; \
	  else echo "No copies of the family's pages at $$pages: their drift not checked."; fi; done
	mkdir -p docs/_generated && cp build/drift/drift.md docs/_generated/drift.md

# Drift in the API reference on a real change: botocore API_BEFORE, from before IAM's UpdateRole
# gained the maximum sign-in session duration, against the pinned botocore. The wheel is
# downloaded (never installed) and read as a zip; the fingerprints of its models are the test
# data of tests/test_drift_api.py, and the report below must name the change (exit 1).
API_BEFORE ?= 1.43.127
API_BEFORE_DATA := tests/data/botocore-$(API_BEFORE)
.PHONY: api-drift-demo
api-drift-demo: setup
	mkdir -p build/api-drift-demo $(API_BEFORE_DATA)
	$(BIN)/python -m pip download --quiet --no-deps --only-binary=:all: --dest build/api-drift-demo botocore==$(API_BEFORE)
	$(BIN)/python -m conformance.drift.api build/api-drift-demo/botocore-$(API_BEFORE)-py3-none-any.whl --write $(API_BEFORE_DATA)/api-fingerprints.toml
	$(SLR) drift --api --data $(API_BEFORE_DATA) --output build/api-drift-demo; test $$? -eq 1

# Which Incident Manager operations the emulator answers, from the installed botocore's models.
coverage-table: setup
	$(BIN)/python -m conformance.emulator.coverage docs/_generated/coverage.md

docs: setup spec mutants drift coverage-table
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	$(BIN)/sphinx-build -W --keep-going -q -b html docs/every-role docs/_build/html/every-role

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing; install Debian's chromium package (apt-get install chromium)." >&2; exit 2; fi; }

docs-check: docs chromium
	$(BIN)/python -m conformance.tools.docs_check docs/_build/html

bench: setup
	$(BIN)/python -m conformance.tools.bench

# A long fuzzing campaign against the emulator served on 127.0.0.1: requests drawn from
# botocore's models, valid, at the limits and malformed (conformance.emulator.fuzzing). `make
# test` runs a short one with the unit tests (tests/test_emulator_fuzz.py).
FUZZ_SECONDS ?= 900
FUZZ_SEED ?= 1
.PHONY: fuzz
fuzz: setup
	$(BIN)/python -m conformance.emulator.fuzzing --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED)

clean:
	rm -rf build docs/_build .mypy_cache .ruff_cache .pytest_cache
