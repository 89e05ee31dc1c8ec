"""Validate the bundled rule packs in full and write rules/schema/validated-packs.sha256.

Run by `make docs`. At run time a bundled pack whose bytes are listed there skips the JSON Schema
and regex checks (see checker.evaluate.loader.trusted_hashes); tests/test_loader.py fails when
the manifest is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.errors import RuleError  # noqa: E402
from checker.evaluate.loader import MANIFEST_FILE, load_rules, manifest_text  # noqa: E402


def expected() -> str:
    packs = sorted((ROOT / "rules").glob("*.yaml"))
    load_rules(packs, bundled=False, trust=False)  # raises RuleError if anything is wrong
    return manifest_text((p.name, p.read_bytes()) for p in packs)


def main() -> int:
    try:
        text = expected()
    except RuleError as exc:
        print(f"pack_manifest: {exc}", file=sys.stderr)
        return 2
    out = ROOT / "rules" / "schema" / MANIFEST_FILE
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)} ({len(text.splitlines()) - 1} packs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
