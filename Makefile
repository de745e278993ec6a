# Two commands on a fresh machine with Python 3.11+ and make: `make demo`, `make test`.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE := samples/lantern-library.html

.PHONY: setup demo test lint typecheck unit screenshot bench bench-cluster bench-extract bench-titles bench-language bench-pdf bench-budgets dist clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "narrate needs Python 3.11 or newer on PATH"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: setup
	$(BIN)/narrate article $(SAMPLE) -o output/
	@ls -l output/

# ruff, the import rules, mypy --strict on narrate/, then the tests.
test: setup lint typecheck unit

lint: setup
	$(BIN)/ruff check narrate tests benchmarks
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

# Piper's tests in a pytest process of their own (tests/conftest.py says why).
unit: setup
	$(BIN)/pytest -q -m "not piper"
	$(BIN)/pytest -q -m piper

# docs/listen-page.png, the README's picture: the listen page in a real headless Chromium.
screenshot: setup
	@rm -f docs/.listen-page.new.png
	NARRATE_SCREENSHOT=docs/.listen-page.new.png $(BIN)/pytest -q -rs -p no:cacheprovider \
		tests/output/test_listen_browser.py -k picture
	@test -s docs/.listen-page.new.png || { echo "no picture taken (the reason is above)"; exit 1; }
	@mv docs/.listen-page.new.png docs/listen-page.png && echo "wrote docs/listen-page.png"

bench-extract: setup
	$(BIN)/python benchmarks/extraction.py
	@echo; echo "reference-heavy pages written for the tests (encyclopedias, wikis, documentation)"
	$(BIN)/python benchmarks/reference_pages.py
	@echo; echo "site-disjoint cross-validation of the HTML block model (shipped settings: fit on one half, score the other)"
	$(BIN)/python benchmarks/train_blocks.py --cv-only --l2 1.0 --dev-weight 2.0 --drop 0.3 --keep 0.8
	@echo; echo "the same without trafilatura's vote"
	$(BIN)/python benchmarks/train_blocks.py --cv-only --l2 1.0 --dev-weight 2.0 --drop 0.3 --keep 0.8 --second none
	@echo; echo "site-disjoint cross-validation of the page-copy line model (shipped settings)"
	$(BIN)/python benchmarks/train_lines.py --mix 6 --center 0.45 --tail-keep 0.6 --second 0.8,0.2,2,1,0.1

# titles against each page's declared headline, HTML and page copies
bench-titles: setup
	$(BIN)/python benchmarks/titles.py

# the measurements behind extraction's element and line budgets (text/extract/budget.py)
bench-budgets: setup
	$(BIN)/python benchmarks/budgets.py

bench-language: setup
	$(BIN)/python benchmarks/language.py

bench-pdf: setup
	$(BIN)/python benchmarks/pdf_reading.py

bench: setup
	$(BIN)/python benchmarks/speed.py

# --cluster local:2 against --jobs 2 on the 63 dev pages, into a folder and into a local
# moto S3 bucket; bytes through the client; the projection to 10^5 articles
bench-cluster: setup
	$(BIN)/python benchmarks/speed.py --cluster --batch 63 --repeat 1

# The sdist and the wheel (voices/ inside it as narrate/voices) into dist/.
dist: setup
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache dist
