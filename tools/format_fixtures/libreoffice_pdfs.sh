#!/bin/sh
# PDFs of two Word copies as LibreOffice prints them (justified text, its own fonts, Word's list
# numbers drawn by LibreOffice): a second PDF producer beside WeasyPrint for the reader's tests.
# Needs LibreOffice (apt-get install libreoffice-writer-nogui); skipped when it is missing.
set -eu
cd "$(dirname "$0")/../.."
if ! command -v soffice >/dev/null 2>&1; then
    echo "libreoffice_pdfs: soffice not found, fixtures/formats/pdf-libreoffice/ left as is" >&2
    exit 0
fi
out=fixtures/formats/pdf-libreoffice
mkdir -p "$out"
for stem in 002_943b5966bb0e66c9 004_8188c43d4e8d5109; do
    soffice --headless --convert-to pdf --outdir "$out" "fixtures/formats/docx/$stem.docx" >/dev/null
done
ls -l "$out"
