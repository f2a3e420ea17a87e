# Two commands for a fresh machine with Python 3.11:
#   make run    set up and start the dashboard on the embedded default data
#   make serve  the same behind nginx, several processes (README "Deploying")
#   make test   set up and run every test (browser tests skip, saying so, without Chromium)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run serve test test-fast bench lint format boundaries illustrative clean

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11 or newer is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run dashboard.py

# SERVE_PROCESSES (default 2) dashboard processes on loopback ports behind nginx on
# SERVE_PORT (default 8080), sharing one data folder: see README "Deploying".
serve: $(STAMP)
	$(BIN)/python deploy/serve.py

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Rebuild the shipped boundary layer (needs the build-only package in requirements-build.txt).
boundaries: $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-build.txt
	$(BIN)/python scripts/build_boundaries.py

illustrative: $(STAMP)
	$(BIN)/python scripts/make_illustrative.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
