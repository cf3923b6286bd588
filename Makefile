# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_DB ?= demo.db
HOST ?= 127.0.0.1
PORT ?= 8000
WATCH_DB ?= watch-demo.db
OUTLET_PORT ?= 8101

.PHONY: setup demo watch-demo test bench soak clean

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

# Three fictional outlets on 127.0.0.1:$(OUTLET_PORT)+ publish stories (some revised, one outlet's
# feed breaking after a few minutes); `presswatch watch` polls them every minute into $(WATCH_DB)
# while the reader serves it (Feed health: /sources/health). Ctrl-C stops all three.
watch-demo: setup
	rm -rf $(WATCH_DB) $(WATCH_DB)-wal $(WATCH_DB)-shm watch-demo-archive
	@trap 'kill $$outlets $$watcher 2>/dev/null; wait 2>/dev/null' EXIT INT TERM; \
	$(PY) -m presswatch.bench.outlets --hosts 3 --stories 60 --minutes 20 --port $(OUTLET_PORT) --failing & outlets=$$!; \
	sleep 2; \
	for i in 0 1 2; do \
	  $(VENV)/bin/presswatch sources add http://127.0.0.1:$$(($(OUTLET_PORT) + i))/sitemap.xml --name "sitemap $$(($(OUTLET_PORT) + i))" --every 1m --db $(WATCH_DB) || exit 1; \
	  $(VENV)/bin/presswatch sources add http://127.0.0.1:$$(($(OUTLET_PORT) + i))/ --every 1m --db $(WATCH_DB) || exit 1; \
	done; \
	PRESSWATCH_HOST_DELAY_S=0.2 $(VENV)/bin/presswatch watch --db $(WATCH_DB) --archive watch-demo-archive & watcher=$$!; \
	echo "watching; the reader is at http://$(HOST):$(PORT)/ (Feed health: /sources/health)"; \
	$(VENV)/bin/presswatch serve --db $(WATCH_DB) --host $(HOST) --port $(PORT)

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
	rm -rf $(VENV) .pytest_cache $(DEMO_DB) artifacts $(WATCH_DB) watch-demo-archive
