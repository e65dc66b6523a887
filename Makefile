# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export CAREWATCH_HOME ?= $(CURDIR)/carewatch-data

.PHONY: run test lint install install-test clean-data

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Install, migrate, ingest the bundled demo corpus, print what was found (and serve the app).
run: install
	$(BIN)/carewatch demo

## Install test dependencies and run the whole suite (what CI runs).
test: install-test
	$(BIN)/ruff check carewatch tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n 2

lint: install-test
	$(BIN)/ruff check carewatch tests bench
	$(BIN)/mypy

clean-data:
	rm -rf $(CAREWATCH_HOME)
