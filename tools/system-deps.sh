#!/bin/sh
# What `--format pdf` needs from the system, installed by `make install` where it can be:
#   - a font with Chinese characters (fonts-noto-cjk), or the PDF would show empty boxes;
#   - Pango, which WeasyPrint lays text out with (libpango-1.0-0, libpangoft2-1.0-0);
#   - HarfBuzz's subsetter (libharfbuzz-subset0): without it WeasyPrint subsets the CJK font with
#     fontTools, about 40 s per PDF instead of well under one.
# Only on Debian/Ubuntu as root; anywhere else it prints what to install and carries on. Never
# fatal: everything but --format pdf works without these. FZCHECK_NO_SYSTEM_DEPS=1 skips it.
set -u
[ "${FZCHECK_NO_SYSTEM_DEPS:-}" = 1 ] && exit 0

has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

missing=""
if ! command -v fc-list >/dev/null 2>&1; then
    missing="$missing fontconfig fonts-noto-cjk"
elif [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
    missing="$missing fonts-noto-cjk"
fi
has_lib libpangoft2-1.0.so.0 || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
has_lib libharfbuzz-subset.so.0 || missing="$missing libharfbuzz-subset0"

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "fzcheck: installing for --format pdf:$missing"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    if apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; }; then
        exit 0
    fi
    echo "fzcheck: could not install$missing (apt-get failed); --format pdf will say what is missing"
else
    echo "fzcheck: for --format pdf, install:$missing (Debian/Ubuntu package names; everything else works without them)"
fi
exit 0
