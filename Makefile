# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint install install-test system-deps clean-data
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

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

## Debian packages the tests drive: chromium (browser tests), poppler-utils (PDF to PNG).
system-deps:
	@command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; }

## Install test dependencies and run the whole suite (what CI runs).
test: install-test system-deps
	$(BIN)/ruff check carewatch tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n 2

lint: install-test
	$(BIN)/ruff check carewatch tests bench
	$(BIN)/mypy

clean-data:
	rm -rf $${CAREWATCH_HOME:-carewatch-data}
