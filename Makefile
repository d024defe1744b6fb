# dieuhanh — two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: run test test-sqlite test-postgres lint format install bench clean chromium tesseract

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Scanned PDFs are read by Tesseract's OCR: installed when missing, a warning when it cannot be.
install: $(STAMP)
	sh scripts/ensure_tesseract.sh --optional

run: install
	@echo "Chuẩn bị cơ sở dữ liệu (migrate) ..."
	@$(BIN)/dieuhanh migrate --noinput -v 0
	$(BIN)/dieuhanh seed-demo
	$(BIN)/dieuhanh serve --host $(HOST) --port $(PORT) --with-worker

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint test-sqlite test-postgres

# The browser tests (tests/browser) drive Debian's chromium: install it when missing.
chromium:
	sh scripts/ensure_chromium.sh

# The OCR tests (scanned PDFs) need Tesseract with its Vietnamese model: they fail without it here.
tesseract:
	sh scripts/ensure_tesseract.sh

test-sqlite: $(STAMP) chromium tesseract
	@echo "== Bộ kiểm thử trên SQLite =="
	DIEUHANH_BROWSER_REQUIRED=1 DIEUHANH_OCR_REQUIRED=1 $(BIN)/pytest -p no:cacheprovider

# The pure packages (extract, vn) do not touch the database, and the browser tests
# check pages, not SQL: run them once, in the SQLite pass.
test-postgres: $(STAMP)
	@echo "== Bộ kiểm thử trên PostgreSQL =="
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/pytest -p no:cacheprovider -m "not pure and not browser"

bench: $(STAMP)
	$(BIN)/python bench/extract_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
