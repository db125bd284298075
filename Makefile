# eventwire: the two commands of the README's Quick start
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= eventwire.duckdb
SAMPLE := src/eventwire/samples/articles.jsonl

.PHONY: demo test lint install clean

$(BIN)/eventwire: pyproject.toml
	@command -v $(PY) >/dev/null || { echo "needs $(PY) (Python 3.11+)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,ray]'
	@touch $@

install: $(BIN)/eventwire

demo: install  ## code the bundled sample articles into DuckDB and show the events
	rm -f $(DB)
	$(BIN)/eventwire ingest $(SAMPLE) --db $(DB)
	$(BIN)/eventwire events --db $(DB) --limit 200

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src

test: lint  ## lint, type-check and run the tests
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
