# The two commands that matter: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# requirements.lock pins the whole tree, with hashes: every install takes exactly that.
# `make lock` is the one way to move it (see README, "Dependencies: one lock").
LOCK := requirements.lock
STAMP := $(VENV)/.installed-$(shell cat $(LOCK) | cksum | cut -d' ' -f1)

TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/peersupport
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
# Each run of pytest spreads its tests over this many processes (pytest-xdist), each with its
# own PostgreSQL and Redis database: many tests wait on sockets and child processes, so two
# processes fill two cores.
TEST_PROCESSES ?= 2
TEST_ENV := DJANGO_ENV=test DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
	DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: run test test-fast test-browser lint format bench install services clean lock train-risk \
	risk-eval

$(STAMP): $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes \
		-r $(LOCK)
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

# Moves the lock on purpose: `make lock` upgrades everything pyproject.toml allows;
# `make lock UPGRADE="--upgrade-package django-allauth"` moves one package;
# `make lock UPGRADE=` only adds what pyproject.toml newly asks for. Commit the lock on its
# own and run `make test` after. pip-tools lives in its own venv, outside the lock.
UPGRADE ?= --upgrade
lock:
	@test -x .venv-lock/bin/pip-compile || \
		($(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools)
	.venv-lock/bin/pip-compile --quiet $(UPGRADE) --generate-hashes --allow-unsafe \
		--strip-extras --no-emit-index-url --no-emit-find-links \
		--extra test --extra embedded-redis -o $(LOCK) pyproject.toml

run: $(STAMP)
	$(BIN)/python scripts/run.py

services:
	bash scripts/test-services.sh

# Lint, the suite and the browser tests (their own process: see STACK-NOTES.md) all run
# every time, whatever one of them says; the last line adds the two pytest runs up, and
# make fails if any part failed.
test: $(STAMP) services
	@rm -rf .run/test-results; mkdir -p .run/test-results; failed=""; \
	$(MAKE) --no-print-directory lint || failed="$$failed lint"; \
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_PROCESSES) -m "not browser" \
		--junitxml=.run/test-results/suite.xml || failed="$$failed suite"; \
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_PROCESSES) -m browser \
		--junitxml=.run/test-results/browser.xml || failed="$$failed browser"; \
	$(BIN)/python scripts/test_summary.py .run/test-results/suite.xml \
		.run/test-results/browser.xml || failed="$$failed summary"; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed"; exit 1; fi

# Everything but the browser tests, for quick runs while working.
test-fast: $(STAMP)
	$(TEST_ENV) $(BIN)/pytest -m "not browser" -x -q

test-browser: $(STAMP)
	$(TEST_ENV) $(BIN)/pytest -m browser

# lint-imports: the order of apps (docs/architecture.md), set in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) services
	$(TEST_ENV) $(BIN)/python bench/_run_all.py

# Refit the risk model's head (crisis/data/risk_head.npz + .json) from the labelled sentences:
# same data, same head. REVIEWED=path.csv adds reviewed counselor marks (see docs).
REVIEWED ?=
train-risk: $(STAMP)
	OMP_NUM_THREADS=2 $(BIN)/python scripts/train_risk.py $(if $(REVIEWED),--reviewed $(REVIEWED))

# The issue's goal figures on the held-out sets (tests/crisis/data/heldout/{en,es}.csv by
# default; HELDOUT_EN=... HELDOUT_ES=... to point elsewhere).
HELDOUT_EN ?= tests/crisis/data/heldout/en.csv
HELDOUT_ES ?= tests/crisis/data/heldout/es.csv
risk-eval: $(STAMP)
	$(BIN)/python bench/risk_eval.py --heldout-en $(HELDOUT_EN) --heldout-es $(HELDOUT_ES)

clean:
	rm -rf .run
