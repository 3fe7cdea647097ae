# Every target sets itself up from a fresh clone: only python3 (3.11+) and make are needed.
# uv comes from PATH, or is installed into .tools/ (never into the system Python), and
# .venv is made from uv.lock, so every target runs the locked versions.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(or $(shell command -v uv 2>/dev/null),$(TOOLS)/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: setup test check typecheck lint figures lab report bench generate clean

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

setup: $(UV)
	$(UV) sync --locked --quiet

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Everything: ruff, then every test (slow ones included) on both cores. What .ci/run calls.
test: lint
	$(BIN)/pytest

# The quick tier, under a minute: ruff, the unit tests and the doctests, without the tests
# marked slow (notebooks in a kernel, the browser, the built wheel, subprocess runs).
check: lint
	$(BIN)/pytest -q -m "not slow"

typecheck: setup
	$(BIN)/mypy

figures: setup
	$(BIN)/ecove-data figures

# The notebooks' python3 kernel is this environment's Python, which imports ecove_data: its
# own kernelspec (shipped by ipykernel) goes first on JUPYTER_PATH, before any python3 kernel
# registered for the user, and jupyter starts "python" as the interpreter it runs under.
lab report: export JUPYTER_PATH := $(abspath $(VENV))/share/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH))
REPORT_DIR ?= build/notebooks

lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks

# Each notebook executed into a self-contained HTML page (charts embedded as images).
report: setup
	$(BIN)/jupyter nbconvert --to html --execute --output-dir $(REPORT_DIR) notebooks/*.ipynb

# Files generated from the descriptor (the table names as Literals for editors).
generate: setup
	$(BIN)/python -m ecove_data._codegen

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build .pytest_cache
