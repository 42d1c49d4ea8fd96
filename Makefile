# One word per job. `make run` and `make test` set everything up first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test setup bench quality clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/claims run

test: setup browser
	$(BIN)/python -m pytest

# Quality on the invented evaluation articles, with the project's KB and their own (not a test).
quality: setup
	$(BIN)/python evaluation/score.py

# Throughput against plain spaCy, reruns, --n-process 2, memory (a few minutes; not a test).
bench: setup
	$(BIN)/python bench/bench.py

# The report's browser test (tests/test_report.py) uses Debian's Chromium. Install it
# where apt-get can (CI runs as root; elsewhere through `sudo -n`); where it cannot,
# say so and go on: that one test then skips with the reason.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "note: no $(CHROMIUM) and no apt-get: the report's browser test will skip"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo -n"; fi; \
	  echo "installing chromium for the report's browser test (apt-get)"; \
	  { $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	    || echo "warning: could not install chromium: the report's browser test will skip"; \
	fi

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
