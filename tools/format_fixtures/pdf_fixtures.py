"""Render the five text fixtures (fixtures/*.txt) as PDF copies in fixtures/formats/pdf/.

    .venv/bin/python tools/format_fixtures/pdf_fixtures.py

Each report is laid out like a printed government report: A4, a 仿宋-like serif CJK body (Noto
Serif CJK SC, 16 pt) justified with a 2 em first-line indent, level-1 headings in a 黑体-like
bold sans (Noto Sans CJK SC Bold), other headings and run-in headings ("（一）加强领导。" then
the body) in bold serif, the title centred, a page number "— N —" in the footer and, on some
reports, a running header (the issuer's name, or a line whose page number changes) so that the
PDF reader has to remove them. A metadata table at the head of a web page (索引号 | 发布机构 …)
is drawn as a ruled table. The paragraphs come from fzcheck's own pipeline (read → normalize),
so the PDF says what the text fixture says; lines wrap where WeasyPrint wraps them, as in a
real PDF. The output is deterministic (fixed metadata dates, subset fonts).
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from checker.normalize import normalize  # noqa: E402
from checker.normalize import patterns as P  # noqa: E402
from checker.read import read_path  # noqa: E402
from checker.segment import build_document  # noqa: E402

OUT = ROOT / "fixtures" / "formats" / "pdf"
LEVEL1 = re.compile(rf"^(?:[{P.CN_NUM}]{{1,3}}、|第[{P.CN_NUM}]{{1,3}}部分)")

CSS = """
@page {
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "FzSerif"; font-size: 14pt;
                   vertical-align: top; padding-top: 7mm; }
  %(header)s
}
%(fonts)s
html { font-family: "FzSerif"; font-size: 16pt; line-height: 28pt; }
body { margin: 0; }
p { margin: 0; text-align: justify; text-indent: 2em; }
p.title { text-align: center; text-indent: 0; font-weight: bold; font-size: 20pt; line-height: 34pt;
          margin: 0 0 14pt 0; }
p.h1 { font-family: "FzSans"; font-weight: bold; }
p.h2, b { font-weight: bold; }
p.sig { text-align: right; text-indent: 0; padding-right: 2em; }
p.sig-first { margin-top: 28pt; }
table.meta { border-collapse: collapse; width: 100%%; margin-bottom: 20pt; font-size: 10.5pt; line-height: 15pt; }
table.meta td { border: 0.75pt solid #000; padding: 3pt 4pt; }
"""

# a running header that differs per fixture: the issuer's name, or a line with the page number
HEADERS = {
    "000": '@top-center { content: "%(issuer)s"; font-size: 10.5pt; vertical-align: bottom; padding-bottom: 6mm; }',
    "002": '@top-center { content: "%(issuer)s"; font-size: 10.5pt; vertical-align: bottom; padding-bottom: 6mm; }',
    "003": '@top-right { content: "法治政府建设年度报告 · 第" counter(page) "页"; font-size: 10.5pt;'
           ' vertical-align: bottom; padding-bottom: 6mm; }',
    "004": '@top-center { content: "%(issuer)s"; font-size: 10.5pt; vertical-align: bottom; padding-bottom: 6mm; }',
}


FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONTS = [  # (family in the CSS, weight, file, face name in the collection)
    ("FzSerif", 400, "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    ("FzSerif", 700, "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC"),
    ("FzSans", 700, "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
]


def _find_font(file: str, face: str) -> Path:
    for folder in (FONT_DIR, Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        hits = sorted(folder.rglob(file)) if folder.exists() else []
        if hits:
            return hits[0]
    raise SystemExit(f"font {face} ({file}) not found: install fonts-noto-cjk")


def subset_fonts(text: str, folder: Path) -> str:
    """Subset the CJK fonts to the characters of one report (without hinting, layout features or
    subroutines) so that each PDF stays small; return the @font-face rules that use them."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    rules = []
    unicodes = sorted({ord(c) for c in text} | {ord(c) for c in "— 0123456789第页·"})
    for family, weight, file, face in FONTS:
        path = _find_font(file, face)
        collection = TTCollection(str(path))
        font = next(f for f in collection.fonts if f["name"].getDebugName(1) == face)
        opts = subset.Options()
        opts.layout_features = []
        opts.desubroutinize = True
        opts.hinting = False
        opts.name_IDs = [1, 2, 3, 4, 6]
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=unicodes)
        sub.subset(font)
        font.recalcTimestamp = False  # keep the head table as it is: the same PDF on every run
        target = folder / f"{family}-{weight}.otf"
        font.save(str(target))
        rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; src: url("{target.as_uri()}"); }}')
    return "\n".join(rules)


def _heading_only(text: str, hint: bool) -> bool:
    if hint and len(text) <= P.HEADING_MAX:
        return True
    return bool(P.HEADING_MARKER.match(text)) and len(text) <= P.HEADING_MAX and "。" not in text[:-1]


def render_html(txt: Path, font_dir: Path) -> tuple[str, str]:
    """The HTML of one fixture and its title (for the PDF metadata; "" when it has none)."""
    norm = normalize(read_path(txt))
    doc = build_document(norm)
    title_ranges = set(doc.regions["title"])
    sig_ranges = set(doc.regions["signature"])
    issuer = doc.fields.issuer or ""
    body: list[str] = []
    if norm.metadata:  # a web page's metadata table, two key/value pairs a row
        items = list(norm.metadata.items())
        rows = []
        for k in range(0, len(items), 2):
            cells = "".join(f"<td>{html.escape(key)}</td><td>{html.escape(val)}</td>" for key, val in items[k:k + 2])
            rows.append(f"<tr>{cells}</tr>")
        body.append('<table class="meta">' + "".join(rows) + "</table>")
    first_sig = True
    for para, rng in zip(norm.paragraphs, doc.paragraphs):
        t = para.text
        esc = html.escape(t)
        if rng in title_ranges and doc.fields.title == t:
            body.append(f'<p class="title">{esc}</p>')
        elif rng in title_ranges:  # the issuer line above a title
            body.append(f'<p class="title">{esc}</p>')
        elif rng in sig_ranges:
            cls = "sig sig-first" if first_sig else "sig"
            first_sig = False
            body.append(f'<p class="{cls}">{esc}</p>')
        elif _heading_only(t, para.heading_hint):
            level1 = bool(LEVEL1.match(t)) or (
                para.heading_hint and not P.HEADING_MARKER.match(t))
            body.append(f'<p class="{"h1" if level1 else "h2"}">{esc}</p>')
        elif para.runin_end:
            head, rest = t[: para.runin_end], t[para.runin_end:]
            body.append(f"<p><b>{html.escape(head)}</b>{html.escape(rest)}</p>")
        else:
            body.append(f"<p>{esc}</p>")
    key = txt.name[:3]
    header = HEADERS.get(key, "") % {"issuer": html.escape(issuer)}
    title = doc.fields.title if doc.fields.title_source == "title" else ""
    head = f"<title>{html.escape(title)}</title>" if title else ""
    meta = ('<meta name="dcterms.created" content="2025-01-01T00:00:00Z">'
            '<meta name="dcterms.modified" content="2025-01-01T00:00:00Z">'
            '<meta name="generator" content="fzcheck pdf_fixtures">')
    fonts = subset_fonts("".join(body) + header + html.escape(title), font_dir)
    css = CSS % {"header": header, "fonts": fonts}
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">{head}{meta}'
            f"<style>{css}</style></head><body>{''.join(body)}</body></html>"), title


def main() -> None:
    from weasyprint import HTML

    OUT.mkdir(parents=True, exist_ok=True)
    for txt in sorted((ROOT / "fixtures").glob("*.txt")):
        with tempfile.TemporaryDirectory() as tmp:
            doc_html, _ = render_html(txt, Path(tmp))
            target = OUT / (txt.stem + ".pdf")
            HTML(string=doc_html, base_url=str(ROOT)).write_pdf(target)
        print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
