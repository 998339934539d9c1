# The two set-up commands are `make serve` and `make test`; each creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The stamp names the Python it was made with: another Python (or a venv whose Python is gone) makes a new one.
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)
STAMP := $(VENV)/.installed-$(PY_VERSION)
# `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-edits lint format readme bench mutation clean chromium

# npm ci: the web editor at /admin/ (Decap CMS, decap-server, yaml), pinned in package-lock.json.
$(STAMP): pyproject.toml package-lock.json
	@test -n "$(PY_VERSION)" || { echo "$(PYTHON) not found: install Python 3.11 or newer, or run make PYTHON=python3.12"; exit 1; }
	@if [ "$$($(BIN)/python -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)" != "$(PY_VERSION)" ]; then \
	  echo "Creating $(VENV) with Python $(PY_VERSION)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	rm -f $(VENV)/.installed*
	touch $(STAMP)

# A port in use gives one line from generator/serve_check.py (via $(error)) instead of mkdocs' traceback.
# Beside it decap-server (port 8081, loopback only) lets the web editor at /admin/ save straight into catalogue/
# (MODE=fs: no git command runs in your working copy); it stops with mkdocs serve (also on Ctrl-C: a background job ignores SIGINT, so the trap ends it).
serve: $(STAMP)
	$(if $(busy_port),$(error $(busy_port)))
	@MODE=fs PORT=8081 BIND_HOST=127.0.0.1 LOG_LEVEL=warn GIT_REPO_DIRECTORY=$(CURDIR) node_modules/.bin/decap-server & \
	  editor=$$!; trap 'kill $$editor 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT); status=$$?; exit $$status

busy_port = $(shell $(BIN)/python -m generator.serve_check $(PORT) 2>&1)

# MkDocs, then Pagefind once MkDocs has exited (generator/build.py): the two never share the memory.
build: $(STAMP)
	$(BIN)/python -m generator.build --strict

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser tests need Chromium: sudo apt-get install chromium"; exit 1; fi; }

test: $(STAMP) chromium
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

# A content owner's correct edits of the live catalogue (retitle, add, delete, re-verify, retag), in a copy of
# the project, must keep the tests marked `live` green (tests/correct_edits.py).
test-edits: $(STAMP)
	$(BIN)/python -m tests.correct_edits

lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format generator tests bench
	$(BIN)/ruff check --fix generator tests bench

# README.md's command examples come from real runs (cog); tests/test_readme.py checks them.
readme: $(STAMP)
	$(BIN)/cog -I . -r README.md

# Each benchmark exits 1 when it misses an aim (bench/aims.py); all four run all the same, then make fails
# naming them, so one run gives every figure.
bench: $(STAMP)
	@missed=""; for name in validate build search serve; do \
	  echo "$(BIN)/python bench/bench_$$name.py"; $(BIN)/python bench/bench_$$name.py || missed="$$missed $$name"; done; \
	test -z "$$missed" || { echo "make bench: missed aims in:$$missed"; exit 1; }

# Mutation testing of the core (pyproject.toml's [tool.mutmut]): each small change to sanitise, stale and remind
# must fail one of their fast tests. From a fresh mutants/ each time: mutmut's cache misses changed tests.
mutation: $(STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(or $(MUTMUT_CHILDREN),2)
	$(BIN)/mutmut results

# Everything generated: the environment, the built site, pages, caches and build metadata.
clean:
	rm -rf $(VENV) .venv-successors site docs/tilbud *.egg-info build .pytest_cache .ruff_cache .mypy_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
