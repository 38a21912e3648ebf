# Open Reisregister: every target sets up .venv from the pinned lock file when needed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export REPORTS_DIR ?= reports

.PHONY: setup serve site test test-fast bench lint format browser clean

# Create or refresh the virtual environment only.
setup: $(STAMP)

# Serve the site with the bundled reports on http://127.0.0.1:8000, rebuilding on edits.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Build the public site into site/ (strict: an invalid report fails the build).
site: $(STAMP)
	$(BIN)/mkdocs build --strict --clean

# Lint, then run the whole test suite, browser tests included.
test: $(STAMP) browser lint
	$(BIN)/pytest -n 2 -q

# The suite without the browser tests, for quick local runs.
test-fast: $(STAMP)
	$(BIN)/pytest -n 2 -q -m "not browser"

# Build generated archives of 1,000 and 10,000 reports and print timings and sizes.
bench: $(STAMP) browser
	$(BIN)/python bench/run.py

# Check style and formatting.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Rewrite files in the project's format.
format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Install Debian's Chromium for the browser tests when it is missing (needs root or sudo).
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@test -x $(CHROMIUM) || { echo "error: $(CHROMIUM) is missing; install Debian's chromium" >&2; exit 1; }

# Create or refresh the virtual environment from the hashed lock file.
$(STAMP): requirements/lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip==25.3
	$(BIN)/python -m pip install -q --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# Remove what the build and the virtual environment wrote.
clean:
	rm -rf $(VENV) site .pytest_cache bench/out
