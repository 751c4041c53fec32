# The two commands that matter: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/peersupport
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
TEST_ENV := DJANGO_ENV=test DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
	DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: run test test-fast test-browser lint format bench install services clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python scripts/run.py

services:
	bash scripts/test-services.sh

test: $(STAMP) services lint
	$(TEST_ENV) $(BIN)/pytest -m "not browser"
	$(TEST_ENV) $(BIN)/pytest -m browser

# Everything but the browser tests, for quick runs while working.
test-fast: $(STAMP)
	$(TEST_ENV) $(BIN)/pytest -m "not browser" -x -q

test-browser: $(STAMP)
	$(TEST_ENV) $(BIN)/pytest -m browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) services
	$(TEST_ENV) $(BIN)/python bench/_run_all.py

clean:
	rm -rf .run
