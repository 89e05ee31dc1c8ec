# Quick start on a fresh clone:  make run   (then)  make test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench docs audit-img format-fixtures compare-boilerplate install clean

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

# the training extra, for make segmenter / segmenter-eval (opencc is a runtime dependency now)
$(VENV)/.installed-train: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[train]'
	@touch $@

## check the bundled sample reports and print the tables (exit 0 whatever they contain)
run: $(STAMP)
	$(VENV)/bin/fzcheck check fixtures/*.txt --fail-on never

## run the test suite
test: $(STAMP)
	$(PY) -m pytest -q

## speed figures: warm per report, cold process, reports per second, segmentation chars/s
bench: $(STAMP)
	$(PY) tools/bench.py

## after editing rules/: validate the packs in full, record them as validated, regenerate docs/rules/
docs: $(STAMP)
	$(PY) tools/pack_manifest.py
	$(VENV)/bin/fzcheck rules --format markdown --output-dir docs/rules

## pictures of the HTML / PDF audit of the fixtures in docs/img/ (needs poppler-utils; chromium for the browser ones)
audit-img: $(STAMP)
	$(PY) tools/audit_images.py

## regenerate the .docx / PDF / web-page copies of the fixtures (fixtures/formats/) from the text ones, and tests/data/password.doc
format-fixtures: $(STAMP)
	$(PY) tools/format_fixtures/docx_fixtures.py
	$(PY) tools/format_fixtures/pdf_fixtures.py
	$(PY) tools/format_fixtures/html_fixtures.py
	sh tools/format_fixtures/libreoffice_pdfs.sh
	sh tools/format_fixtures/password_doc.sh

## rebuild the standard phrases compare.recycled-text does not count (checker/compare/standard.txt)
compare-boilerplate: $(STAMP)
	$(PY) tools/compare_boilerplate.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

-include tools/segmenter/segmenter.mk
