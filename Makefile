# `make run` and `make test` do all the set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
WORKSPACE ?= $(CURDIR)/workspace
HOST ?= 127.0.0.1
PORT ?= 7860
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install system-deps index run test test-fast lint bench screenshots clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

install: $(VENV)/.installed

# Debian's Chromium for the browser tests (never a downloaded browser).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: sudo apt-get install chromium (browser tests will skip)"; fi; }

index: install
	$(BIN)/crosscheck index add data/corpus --workspace $(WORKSPACE) --silent >/dev/null

run: index
	$(BIN)/crosscheck index stats --workspace $(WORKSPACE)
	$(BIN)/python -m ui --workspace $(WORKSPACE) --host $(HOST) --port $(PORT)

test: install system-deps
	$(BIN)/ruff check .
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not model and not browser and not data"

# The browser tests write build/screenshots/; this copies them to docs/screenshots/ for the README.
screenshots: install system-deps
	rm -rf build/screenshots
	$(BIN)/pytest tests/browser -q
	cp build/screenshots/*.png docs/screenshots/

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python tools/bench_index.py

clean:
	rm -rf $(VENV) $(WORKSPACE) .pytest_cache
