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

.PHONY: setup test lint figures lab report bench clean

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

setup: $(UV)
	$(UV) sync --locked --quiet

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

figures: setup
	$(BIN)/ecove-data figures

# The notebooks' python3 kernel is this environment's Python, which imports ecove_data: its
# own kernelspec (shipped by ipykernel) goes first on JUPYTER_PATH, before any python3 kernel
# registered for the user, and jupyter starts "python" as the interpreter it runs under.
lab report: export JUPYTER_PATH := $(abspath $(VENV))/share/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH))
# make report FORMATS=docx,pdf,html REPORT_DIR=build/report TEMPLATE=our-template.docx
FORMATS ?= docx,pdf,html
REPORT_DIR ?= build/report
OUT ?= $(REPORT_DIR)
TEMPLATE ?=

lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks

# The discussion notebooks executed once into a Word document, a PDF and HTML pages, with the
# report dependency group (pandoc, Typst) installed first.
report: $(UV)
	$(UV) sync --locked --quiet --group report
	$(BIN)/python -m ecove_data.report --format $(FORMATS) --out $(OUT)$(if $(TEMPLATE), --template $(TEMPLATE))

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build .pytest_cache
