# canbo — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-sqlite test-postgres lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

## make demo: install, create var/canbo.sqlite3, load the demo province, print the login, serve :8000
demo: $(STAMP)
	$(BIN)/canbo demo

## make test: install and run every test, on SQLite and (when reachable) on PostgreSQL
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	scripts/run-tests

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

## make bench: the benchmarks of bench/ (see docs/BENCHMARKS.md)
bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/test-media
