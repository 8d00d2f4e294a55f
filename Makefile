# The two commands of the README's Quick start: `make run` and `make test`.
#
# Every dependency comes from the lock: uv (bootstrapped into .tools/ from uv-requirements.txt,
# hash-checked by pip) installs exactly the versions and hashes of uv.lock into .venv
# (`uv sync --locked` refuses to run when uv.lock no longer matches pyproject.toml).
# `make lock` is the only target that resolves anew.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
# uv uses this interpreter and never downloads one; its settings come from pyproject.toml only.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_NO_CONFIG := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Trust the machine's certificate store, as pip, curl and git do (a newsroom network that
# inspects TLS has its own root certificate there; uv's built-in roots would refuse it).
export UV_SYSTEM_CERTS := 1

.PHONY: run test lint bench fixtures lock clean

$(UV): uv-requirements.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check \
		--require-hashes --no-deps -r uv-requirements.txt
	touch $@

# `make run` installs the runtime dependencies only (leaving test tools that are there).
$(VENV)/.locked-run: $(UV) uv.lock pyproject.toml
	$(UV) sync --quiet --locked --inexact
	touch $@

$(VENV)/.locked-test: $(UV) uv.lock pyproject.toml
	$(UV) sync --quiet --locked --extra test
	touch $@ $(VENV)/.locked-run

# `models fetch` is the only step that may use the network: it installs the pairs the public
# Argos index has (or a mirror's: `make run MODELS_INDEX=file:///mirror/index.json`), and
# fails quickly offline; the run goes on without them and says so. A failed fetch is one line
# of ours, not make's "Error 1 (ignored)", which reads as a failure of the whole run.
MODELS_INDEX ?=
run: $(VENV)/.locked-run
	@echo '$$ $(BIN)/translate models fetch'
	@$(BIN)/translate models fetch --timeout 300 $(if $(MODELS_INDEX),--index '$(MODELS_INDEX)') \
		|| echo 'make run: not every language package could be fetched (see above); the run goes on with the packages installed'
	@echo '$$ $(BIN)/translate run seeds/'
	@$(BIN)/translate run seeds/
	@echo
	@echo 'Done. The translate command is in $(BIN)/: call it as $(BIN)/translate (e.g. $(BIN)/translate status),'
	@echo 'or once per shell: source $(BIN)/activate, then translate status, translate --help.'
	@echo 'A project of your own: $(BIN)/translate init my-news (README.md, "Your own project").'

# The layers of translate/ (import-linter contracts in pyproject.toml) and its types (mypy
# --strict) are checked before the tests.
test: $(VENV)/.locked-test
	$(BIN)/ruff check translate tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(VENV)/.locked-test
	$(BIN)/ruff check translate tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy

fixtures: $(VENV)/.locked-test
	$(BIN)/python tests/build_fixture_models.py

# The scale rows (BENCHMARKS.md, "Scale"): `translate run` on 1,000 and 10,000 generated
# articles, side by side with SCALE_BASELINE (the commit before the archive-scale work; taken
# with `git archive`, the repository is not touched). Long: about an hour on 2 cores.
SCALE_BASELINE ?= 9f46bf0
bench: $(VENV)/.locked-test
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/glossary_measure.py --compare-orders
	$(BIN)/python benchmarks/scale.py --baseline $(SCALE_BASELINE)

# Deliberately move to the newest versions pyproject.toml allows (then run `make test`).
lock: $(UV)
	$(UV) lock --upgrade
	{ sed -n '/^#/p' uv-requirements.txt; echo uv | (cd /tmp && $(CURDIR)/$(UV) pip compile \
		--quiet --universal --generate-hashes --no-header --no-annotate -); } > $(TOOLS)/uv.txt
	mv $(TOOLS)/uv.txt uv-requirements.txt

clean:
	rm -rf build $(VENV) $(TOOLS)
