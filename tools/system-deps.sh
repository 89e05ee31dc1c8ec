#!/bin/sh
# What fzcheck needs from the system, installed by `make install` where it can be.
# For `--format pdf`:
#   - a font with Chinese characters (fonts-noto-cjk), or the PDF would show empty boxes;
#   - Pango, which WeasyPrint lays text out with (libpango-1.0-0, libpangoft2-1.0-0);
#   - HarfBuzz's subsetter (libharfbuzz-subset0): without it WeasyPrint subsets the CJK font with
#     fontTools, about 40 s per PDF instead of well under one.
# For reading .doc / .wps / .rtf / .odt: LibreOffice Writer without its GUI
#   (libreoffice-writer-nogui), which converts them to .docx (checker/read/convert.py).
# For the browser tests of `fzcheck serve` (tests/test_web_browser.py) and the screenshots of the
#   page: Chromium and its WebDriver (chromium chromium-driver); without them those tests skip.
# Only on Debian/Ubuntu as root; anywhere else it prints what to install and carries on. Never
# fatal: everything else works without these. FZCHECK_NO_SYSTEM_DEPS=1 skips it.
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

office=""
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || office="libreoffice-writer-nogui"

browser=""
{ command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } || browser=" chromium"
command -v chromedriver >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromedriver ] || browser="$browser chromium-driver"

[ -z "$missing$office$browser" ] && exit 0

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

# apt_install PACKAGES: install them without recommends, updating the package lists once if the
# first try fails (a fresh container has none)
updated=""
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $1 >/dev/null 2>&1 && return 0
    if [ -z "$updated" ]; then
        updated=1
        apt-get update -qq >/dev/null 2>&1 || return 1
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $1 >/dev/null 2>&1 && return 0
    fi
    return 1
}

if [ -n "$missing" ]; then
    if can_apt; then
        echo "fzcheck: installing for --format pdf:$missing"
        apt_install "$missing" \
            || echo "fzcheck: could not install$missing (apt-get failed); --format pdf will say what is missing"
    else
        echo "fzcheck: for --format pdf, install:$missing (Debian/Ubuntu package names; everything else works without them)"
    fi
fi
if [ -n "$office" ]; then
    if can_apt; then
        echo "fzcheck: installing for reading .doc/.wps/.rtf/.odt: $office"
        # an older release may only have the GUI package
        apt_install "$office" || apt_install libreoffice-writer \
            || echo "fzcheck: could not install $office (apt-get failed); .doc/.wps/.rtf/.odt files will say what is missing"
    else
        echo "fzcheck: for reading .doc/.wps/.rtf/.odt, install: $office (Debian/Ubuntu; or LibreOffice from libreoffice.org)"
    fi
fi
if [ -n "$browser" ]; then
    if can_apt; then
        echo "fzcheck: installing for the browser tests of fzcheck serve:$browser"
        apt_install "$browser" || echo "fzcheck: could not install$browser (apt-get failed); the browser tests will skip"
    else
        echo "fzcheck: for the browser tests of fzcheck serve, install:$browser (Debian/Ubuntu; they skip without)"
    fi
fi
exit 0
