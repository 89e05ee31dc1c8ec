# Quick start on a fresh clone:  make run   (then)  make test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench bench-outputs docs audit-img format-fixtures install clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# (re)install when the project metadata changes; tools/system-deps.sh installs what --format pdf
# needs from the system (a Chinese font, Pango, HarfBuzz subset) where it can, never failing
$(STAMP): pyproject.toml tools/system-deps.sh | $(PY)
	@sh tools/system-deps.sh
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,pdf]'
	@touch $@

install: $(STAMP)

# the training extra (opencc), for make segmenter / segmenter-eval only
$(VENV)/.installed-train: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[train]'
	@touch $@

## check the bundled sample reports and print the tables (exit 0 whatever they contain)
run: $(STAMP)
	$(VENV)/bin/fzcheck check fixtures/*.txt --fail-on never

## run the test suite
test: $(STAMP)
	$(PY) -m pytest -q

## speed figures: warm per report, cold process, reports per second, segmentation chars/s, and the
## time and memory of pdf / pdf=DIR/ / xlsx over 200 and 1,000 reports (BENCH_REPORTS="200 1000")
bench: $(STAMP)
	$(PY) tools/bench.py

## only the outputs part of make bench (some 20 minutes for 1,000 reports on two cores)
bench-outputs: $(STAMP)
	$(PY) tools/bench.py outputs

## after editing rules/: validate the packs in full, record them as validated, regenerate docs/rules/
docs: $(STAMP)
	$(PY) tools/pack_manifest.py
	$(VENV)/bin/fzcheck rules --format markdown --output-dir docs/rules

## pictures of the HTML / PDF audit of the fixtures in docs/img/ (needs poppler-utils; chromium for the browser ones)
audit-img: $(STAMP)
	$(PY) tools/audit_images.py

## regenerate the .docx / PDF / web-page copies of the fixtures (fixtures/formats/) from the text ones
format-fixtures: $(STAMP)
	$(PY) tools/format_fixtures/docx_fixtures.py
	$(PY) tools/format_fixtures/pdf_fixtures.py
	$(PY) tools/format_fixtures/html_fixtures.py
	sh tools/format_fixtures/libreoffice_pdfs.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

-include tools/segmenter/segmenter.mk
