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
# Python caches the bytecode of what it imports, even where PYTHONDONTWRITEBYTECODE is set (as
# in many CI images): otherwise every process, kernel and test compiles pandas, matplotlib and
# the rest from source again. Only what is imported is compiled, once.
unexport PYTHONDONTWRITEBYTECODE

# Each target installs what it needs: `figures` the runtime only, `lab` adds JupyterLab,
# `lint` adds ruff, `test` (and `setup`) every dependency group of pyproject.toml. The
# smaller syncs are --inexact, so they never remove what a larger one installed. The
# first sync shows uv's progress; later ones are quiet.
SYNC = $(UV) sync --locked$(if $(wildcard $(BIN)/python), --quiet)
# JupyterLab refuses to run as root (Docker, WSL and CI shells) unless told it may.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup setup-runtime setup-lab setup-lint setup-report test check check-a11y lint typecheck \
	figures lab report bench generate clean

help:  ## list the targets
	@echo "make TARGET, where TARGET is one of:"
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z0-9-]+):.*## (.*)/  \1\t\2/' | expand -t 18

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --disable-pip-version-check uv==$(UV_VERSION)

setup: $(UV)  ## make .venv with every dependency group, from uv.lock
	$(SYNC) --all-groups

setup-runtime: $(UV)
	$(SYNC) --no-default-groups --inexact

setup-lab: $(UV)
	$(SYNC) --no-default-groups --group lab --inexact

setup-lint: $(UV)
	$(SYNC) --no-default-groups --group lint --inexact

setup-report: $(UV)
	$(SYNC) --no-default-groups --group report --inexact

lint: setup-lint  ## ruff check and format check, and the import layers (pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# Both cores, one test file per worker at a time (--dist loadfile), so that a module's
# fixtures (the JupyterLab server, the full figure build) are made once.
PYTEST_WORKERS ?= -n 2 --dist loadfile

# Everything: ruff, then every test (slow ones included) on both cores. What .ci/run calls.
test: lint setup  ## ruff, then the whole test suite (what CI runs)
	$(BIN)/pytest $(PYTEST_WORKERS)

# The quick tier, under a minute: ruff, mypy, the unit tests and the doctests, without the
# tests marked slow (notebooks in a kernel, the browser, the built wheel, subprocess runs).
check: lint typecheck setup  ## ruff, mypy, and the tests not marked slow
	$(BIN)/pytest -q -m "not slow" $(PYTEST_WORKERS)

# The documents against the accessibility checkers: axe-core on every HTML page in Chromium,
# the PDF/UA-1 rules on the PDF, Word's Accessibility Checker rules on the .docx (part of
# `make test` too). One build of the documents first, as `make report` makes them.
check-a11y: setup  ## the documents against axe-core, PDF/UA-1 and Word's accessibility rules
	$(BIN)/pytest -m a11y $(PYTEST_WORKERS)

# mypy follows the imports of every dependency group (IPython, nbclient, python-docx...), so
# it runs with them all installed.
typecheck: setup  ## mypy, strict on ecove_data
	$(BIN)/mypy

figures: setup-runtime  ## redraw into figures/ what changed (runtime dependencies only)
	$(BIN)/ecove-data figures

# The notebooks' python3 kernel is this environment's Python, which imports ecove_data: its
# own kernelspec (shipped by ipykernel) goes first on JUPYTER_PATH, before any python3 kernel
# registered for the user, and jupyter starts "python" as the interpreter it runs under.
lab report: export JUPYTER_PATH := $(abspath $(VENV))/share/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH))
# make report FORMATS=docx,pdf,html REPORT_DIR=build/report TEMPLATE=our-template.docx
# DELIVERABLE=other.toml
FORMATS ?= docx,pdf,html
REPORT_DIR ?= build/report
OUT ?= $(REPORT_DIR)
TEMPLATE ?=
DELIVERABLE ?=
JOBS ?=
FORCE ?=

lab: setup-lab  ## JupyterLab on notebooks/ (options: make lab LAB_ARGS="--port 8899")
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(LAB_ROOT) $(LAB_ARGS)

# The discussion notebooks executed once into a Word document, a PDF and HTML pages, with the
# report dependency group (pandoc, Typst, nbclient) installed first.
report: setup-report  ## .docx, PDF and HTML under build/report/ (FORMATS=, OUT=, TEMPLATE=, DELIVERABLE=, JOBS=, FORCE=1)
	$(BIN)/python -m ecove_data.report --format "$(FORMATS)" --out "$(OUT)"$(if $(TEMPLATE), --template "$(TEMPLATE)")$(if $(DELIVERABLE), --deliverable "$(DELIVERABLE)")$(if $(JOBS), --jobs $(JOBS))$(if $(FORCE), --force)

# Files generated from the descriptor (the table names as Literals for editors).
generate: setup-runtime  ## rewrite ecove_data/_typing.py from the descriptor
	$(BIN)/python -m ecove_data._codegen

bench: setup  ## the speed benchmarks
	$(BIN)/python benchmarks/run.py

# The user's cache of the package: executed notebooks and the code hash (see README, Speed).
clean:  ## remove build/, the executed-notebook cache and other caches
	rm -rf build .pytest_cache "$${XDG_CACHE_HOME:-$$HOME/.cache}/ecove-data"
