# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_DB ?= demo.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup demo test bench soak clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[dev,postgres,bench,ray]"
	touch $@

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(VENV)/bin/presswatch ingest samples/ --db $(DEMO_DB)
	$(VENV)/bin/presswatch search "" --db $(DEMO_DB) --limit 20
	$(VENV)/bin/presswatch show samples/text/moscow-ferry-strike.txt --db $(DEMO_DB)
	$(VENV)/bin/presswatch serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

test: setup
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -q

bench: setup
	$(VENV)/bin/presswatch bench extract
	$(VENV)/bin/presswatch bench clean
	$(VENV)/bin/presswatch bench quotes
	$(VENV)/bin/presswatch bench dedup

# the long forms of the load and hostile-input checks (minutes, not seconds)
soak: setup
	$(VENV)/bin/presswatch bench load --clients 20 --seconds 20 --comments 200
	$(VENV)/bin/presswatch bench hostile
	$(VENV)/bin/pytest -q tests/robustness tests/extract/test_html_properties.py tests/extract/test_text_properties.py tests/nlp/test_annotate_properties.py

clean:
	rm -rf $(VENV) .pytest_cache $(DEMO_DB) artifacts
