#!/bin/sh
# tests/data/password.doc: fixture 000 saved by LibreOffice as a Word 97 document with the
# password "secret" (a real encrypted .doc: its FIB has fEncrypted set), for the test that a
# password-protected .doc is refused as such. LibreOffice saves with a password only through its
# API, so a Basic macro is put in a throw-away profile and run from the command line.
# Needs LibreOffice (apt-get install libreoffice-writer-nogui); skipped when it is missing.
set -eu
cd "$(dirname "$0")/../.."
if ! command -v soffice >/dev/null 2>&1; then
    echo "password_doc: soffice not found, tests/data/password.doc left as is" >&2
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
profile="file://$tmp/profile"
soffice --headless --norestore "-env:UserInstallation=$profile" --terminate_after_init >/dev/null 2>&1
cat > "$tmp/profile/user/basic/Standard/Module1.xba" <<'XBA'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub SaveWithPassword(src As String, dst As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, load())
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;MS Word 97&quot;
  store(1).Name = &quot;Password&quot;
  store(1).Value = &quot;secret&quot;
  doc.storeToURL(ConvertToURL(dst), store())
  doc.close(True)
End Sub
</script:module>
XBA
mkdir -p tests/data
soffice --headless --norestore "-env:UserInstallation=$profile" \
    "macro:///Standard.Module1.SaveWithPassword(\"$PWD/fixtures/formats/docx/000_afa1c9d59f367721.docx\",\"$PWD/tests/data/password.doc\")" >/dev/null 2>&1
ls -l tests/data/password.doc
