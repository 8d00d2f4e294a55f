# The two commands of the README's Quick start: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench fixtures clean

$(BIN)/translate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/translate
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# `models fetch` is the only step that may use the network: it installs the pairs the public
# Argos index has, and fails quickly offline; the run goes on without them and says so.
run: $(BIN)/translate
	-$(BIN)/translate models fetch --timeout 15
	$(BIN)/translate run seeds/

test: $(VENV)/.test-deps
	$(BIN)/ruff check translate tests benchmarks
	$(BIN)/python -m pytest

lint: $(VENV)/.test-deps
	$(BIN)/ruff check translate tests benchmarks

fixtures: $(VENV)/.test-deps
	$(BIN)/python tests/build_fixture_models.py

bench: $(VENV)/.test-deps
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build $(VENV)
