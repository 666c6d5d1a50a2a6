# Two commands for a fresh clone: `make build` (or `make serve`) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
AUDIT := tests/audit
AUDIT_INSTALLED := $(AUDIT)/node_modules/.installed
# the tested versions of every Python package: a fresh clone installs exactly what CI tested
CONSTRAINTS := constraints.txt

.PHONY: build serve check install test test-markdown audit lint typecheck clean bench bench-build constraints docs

$(INSTALLED): pyproject.toml $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[search,cards]'
	touch $@

$(TEST_INSTALLED): pyproject.toml $(CONSTRAINTS) $(INSTALLED)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test,cards]'
	touch $@

# the newest versions pyproject.toml allows, installed into a scratch venv; then run `make test`
constraints: ## refresh constraints.txt (see README, "Upgrading dependencies")
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet --upgrade pip
	.venv-constraints/bin/python -m pip install --quiet -e '.[test,search,cards]'
	{ sed -n '/^#/p' $(CONSTRAINTS); .venv-constraints/bin/python -m pip freeze --exclude-editable; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)
	rm -rf .venv-constraints

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

docs: $(INSTALLED) ## regenerate docs/templates.md, the template reference, from the code
	$(BIN)/python -m guidegen.commands.reference . > docs/templates.md.new
	mv docs/templates.md.new docs/templates.md

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(TEST_INSTALLED)
	$(BIN)/mypy

test: lint typecheck test-markdown $(AUDIT_INSTALLED) ## lint, type-check and run the whole test suite, page audits included
	$(BIN)/pytest

# the Markdown speed-ups, and Python-Markdown's own suite with them, at both ends of the supported range
test-markdown: $(TEST_INSTALLED)
	$(BIN)/python tests/markdown_range.py

audit: $(TEST_INSTALLED) $(AUDIT_INSTALLED) ## only the page audits: axe, HTML validity, Lighthouse
	$(BIN)/pytest tests/test_audit.py

bench: bench-build bench-catalog bench-programs ## every benchmark under bench/ (Hugo is compared when installed, Eleventy always)

# Eleventy, pinned in bench/eleventy/package-lock.json, which the build benchmark compares against
ELEVENTY := bench/eleventy
ELEVENTY_INSTALLED := $(ELEVENTY)/node_modules/.installed

$(ELEVENTY_INSTALLED): $(ELEVENTY)/package-lock.json
	cd $(ELEVENTY) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench-build: $(TEST_INSTALLED) $(ELEVENTY_INSTALLED) ## guidegen against a naive loop, Hugo and Eleventy: cold, incremental, CI commit, serve, memory
	cd bench && ../$(BIN)/python build_bench.py $(BENCH_ARGS)

clean:
	rm -rf public .public.* .guidegen-cache .pytest_cache .mypy_cache .ruff_cache .venv-markdown

.PHONY: bench-programs
bench-programs: $(TEST_INSTALLED) ## the shipped site with 10,000 and 100,000 synthetic programs: cold build, memory, one edit; CSV as an extra row
	cd bench && ../$(BIN)/python program_scale.py --csv $(PROGRAM_BENCH_ARGS)

.PHONY: bench-catalog
bench-catalog: $(TEST_INSTALLED) ## the catalog at 10,000 synthetic programs: build, index size, latency in Chromium
	$(BIN)/python bench/catalog_bench.py
