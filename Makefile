# Watchfloor: the two commands are `make demo` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
WF := $(VENV)/bin/watchfloor
OUT ?= out

.PHONY: install system-deps demo test lint typecheck unit bench eval docs clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

## demo: install, then code the bundled example bulletins and write a brief (HTML and PDF)
demo: install system-deps
	mkdir -p $(OUT)
	rm -f $(OUT)/demo.db $(OUT)/demo.db-wal $(OUT)/demo.db-shm
	$(WF) extract examples/bulletins/ --db $(OUT)/demo.db
	$(WF) resolve --db $(OUT)/demo.db
	$(WF) events --db $(OUT)/demo.db
	$(WF) brief --db $(OUT)/demo.db --out $(OUT)/brief.html
	$(WF) brief --db $(OUT)/demo.db --out $(OUT)/brief.pdf
	$(WF) export --db $(OUT)/demo.db --format csv --out $(OUT)/events.csv
	@echo "Demo done: $(OUT)/brief.html, $(OUT)/brief.pdf, $(OUT)/events.csv, $(OUT)/demo.db"

## test: install what the tests need, then lint, type-check and run the test suite
test: install system-deps lint typecheck unit

lint:
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts

typecheck:
	$(VENV)/bin/mypy

unit:
	$(PY) -m pytest -q

bench: install
	for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

eval: install
	$(WF) eval ../shared/gold/events.jsonl --docs ../shared/seeds

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
