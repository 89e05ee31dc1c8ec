# Quick start on a fresh clone:  make run   (then)  make test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run serve test bench bench-outputs fuzz docs audit-img docx-img web-img terminal-docs release-tag format-fixtures compare-boilerplate install clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# (re)install when the project metadata changes; tools/system-deps.sh installs what --format pdf
# needs from the system (a Chinese font, Pango, HarfBuzz subset) where it can, never failing
$(STAMP): pyproject.toml tools/system-deps.sh | $(PY)
	@sh tools/system-deps.sh
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,pdf,web]'
	@touch $@

install: $(STAMP)

# the training extra, for make segmenter / segmenter-eval (opencc is a runtime dependency now)
$(VENV)/.installed-train: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[train]'
	@touch $@

## check the bundled sample reports and print the tables (exit 0 whatever they contain)
run: $(STAMP)
	$(VENV)/bin/fzcheck check fixtures/*.txt --fail-on never

## the web page for clerks: http://127.0.0.1:8765/ opened in the browser (Ctrl+C stops it)
serve: $(STAMP)
	$(VENV)/bin/fzcheck serve --open

## run the test suite
test: $(STAMP)
	$(PY) -m pytest -q

## speed figures: warm per report, cold process, reports per second, segmentation chars/s, and the
## time and memory of pdf / pdf=DIR/ / xlsx over 200 and 1,000 reports (BENCH_REPORTS="200 1000")
bench: $(STAMP)
	$(PY) -m compileall -q checker  # cold starts measured with bytecode, as after any install
	$(PY) tools/bench.py

## 10,000 generated hostile inputs through `fzcheck check FOLDER`: 0 tracebacks, internal errors, hangs, modified inputs
fuzz: $(STAMP)
	$(PY) tools/fuzz.py 10000

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

## pictures of a commented .docx (--format docx) as LibreOffice shows it, in docs/img/ (needs LibreOffice, poppler-utils)
docx-img: $(STAMP)
	$(PY) tools/docx_comments_img.py

## the table as an 80- and a 120-column terminal shows it (tmux), in docs/terminal-80.txt and docs/terminal-120.txt
terminal-docs: $(STAMP)
	sh tools/terminal_capture.sh

## tag the release of the version in pyproject.toml (vX.Y.Z, annotated) for pre-commit's rev: (docs/ci.md); push it with git push origin vX.Y.Z
release-tag:
	@v=$$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml); \
	p=$$(sed -n 's/^__version__ = "\(.*\)"/\1/p' checker/__init__.py); \
	[ "$$v" = "$$p" ] || { echo "release-tag: pyproject.toml says $$v, checker/__init__.py says $$p" >&2; exit 2; }; \
	[ -z "$$(git status --porcelain)" ] || { echo "release-tag: commit or stash your changes first" >&2; exit 2; }; \
	! git rev-parse -q --verify "refs/tags/v$$v" >/dev/null || { echo "release-tag: v$$v exists; bump the version first" >&2; exit 2; }; \
	git tag -a "v$$v" -m "fzcheck $$v" && echo "tagged v$$v at $$(git rev-parse --short HEAD): git push origin v$$v"

## screenshots of the web page of fzcheck serve in docs/img/web-*.png (needs chromium + chromium-driver)
web-img: $(STAMP)
	$(PY) tools/web_screenshots.py

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
