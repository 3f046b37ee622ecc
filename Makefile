# Talenta: `make run` serves the demo, `make test` runs the whole suite. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000
EMPLOYEES ?= 5000

.PHONY: run serve test install browser lint bench messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (never a downloaded browser). Where it cannot be installed
# the browser tests skip and say why.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	    || echo "WARNING: could not install chromium; browser tests will be skipped."; \
	else echo "WARNING: chromium is not installed and apt-get is not usable; browser tests will be skipped."; fi

# The demo: Django's development server (debug on) and the worker; Ctrl-C stops both, and either stopping
# stops the other (talenta/core/together.py).
run: install
	mkdir -p var
	$(BIN)/talenta migrate --noinput
	$(BIN)/talenta demo --if-empty --seed 1 --employees $(EMPLOYEES)
	@echo "Talenta is at http://$(HOST)/ (Ctrl-C stops it); a worker runs imports in the background."
	@echo "Debug mode is on for this demo only (TALENTA_DEBUG=1); production runs without it: see the README."
	@TALENTA_DEBUG=1 $(BIN)/python -m talenta.core.together \
	  "$(BIN)/talenta runserver --noreload $(HOST)" "$(BIN)/talenta worker --no-reload --no-startup-delay"

# Production (README, "Serving it for real"): gunicorn and the worker, settings from the environment, no demo.
serve: install
	mkdir -p var
	$(BIN)/talenta migrate --noinput
	$(BIN)/talenta collectstatic --noinput
	@$(BIN)/python -m talenta.core.together \
	  "$(BIN)/gunicorn -c talenta/config/gunicorn.py" "$(BIN)/talenta worker --no-reload"

test: install browser
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check talenta tests bench
	$(BIN)/mypy talenta/engine
	$(BIN)/talenta check
	$(BIN)/talenta makemigrations --check --dry-run

bench: install
	$(BIN)/python bench/demo_bench.py

# Extract UI strings, apply the Indonesian texts of talenta/locale/translate_id.py, write the .po and .mo
# (both committed, so no gettext is needed to run Talenta).
messages: install
	cd talenta && ../$(BIN)/talenta makemessages -l id --ignore 'demo/*'
	$(BIN)/python talenta/locale/translate_id.py

clean:
	rm -rf $(VENV) var .pytest_cache
