# Two commands for a fresh clone: `make build` (or `make serve`) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
AUDIT := tests/audit
AUDIT_INSTALLED := $(AUDIT)/node_modules/.installed

.PHONY: build serve check install test audit lint typecheck clean bench bench-build

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[search,cards]'
	touch $@

$(TEST_INSTALLED): pyproject.toml $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[test,cards]'
	touch $@

# the page auditors (html-validate, Lighthouse), pinned in tests/audit/package-lock.json
$(AUDIT_INSTALLED): $(AUDIT)/package-lock.json
	cd $(AUDIT) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(TEST_INSTALLED) $(AUDIT_INSTALLED) ## everything `make test` needs

build: $(INSTALLED) ## build the site into public/
	$(BIN)/guidegen build

serve: $(INSTALLED) ## serve on http://127.0.0.1:8000 with live reload
	$(BIN)/guidegen serve

check: $(INSTALLED) ## validate content without writing
	$(BIN)/guidegen check --strict

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(TEST_INSTALLED)
	$(BIN)/mypy

test: lint typecheck $(AUDIT_INSTALLED) ## lint, type-check and run the whole test suite, page audits included
	$(BIN)/pytest

audit: $(TEST_INSTALLED) $(AUDIT_INSTALLED) ## only the page audits: axe, HTML validity, Lighthouse
	$(BIN)/pytest tests/test_audit.py

bench: bench-build bench-catalog ## every benchmark under bench/ (Hugo is compared when installed)

bench-build: $(TEST_INSTALLED) ## guidegen against a naive loop and Hugo: cold, incremental, serve, memory
	cd bench && ../$(BIN)/python build_bench.py $(BENCH_ARGS)

clean:
	rm -rf public .public.* .guidegen-cache .pytest_cache .mypy_cache .ruff_cache

.PHONY: bench-catalog
bench-catalog: $(TEST_INSTALLED) ## the catalog at 10,000 synthetic programs: build, index size, latency in Chromium
	$(BIN)/python bench/catalog_bench.py
