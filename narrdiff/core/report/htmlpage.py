"""Shared pieces of the HTML exports: the page shell, its stylesheet, marked text, labels.

The exports (export_html.comparison_html, worksheet.worksheet_html) must be single files that
open anywhere, offline, and print well: so the stylesheet is inline, nothing is fetched (no
<link>, no <script>, no remote fonts or images), and nothing needs a script to be read. Every
colour cue has a non-colour twin (strike, underline, glyph, border, small-caps label), so the
page reads in grayscale and on a washed-out projector.

`for_qt=True` gives the variant Qt's QTextDocument renders for the PDF: it understands only a
subset of HTML/CSS (tables, class selectors, `page-break-before` on blocks; no @media, no
borders on paragraphs), so that variant keeps to it.

Everything here only formats; every piece of article text is HTML-escaped before it enters
markup. No Qt, no encoder.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from html import escape

from narrdiff import __version__
from narrdiff.core.model import Comparison
from narrdiff.core.model import excerpt as _model_excerpt

Span = tuple[int, int]

# Okabe–Ito based tints, the same family as the app's light palette (app/theme.py).
_CSS_COMMON = """
body { font-family: Georgia, 'DejaVu Serif', 'Noto Serif', serif; color: #1d1d1f;
       line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 0.3em 0; }
h2 { font-size: 1.25em; margin: 1.2em 0 0.4em 0; }
h3 { font-size: 1.05em; margin: 1em 0 0.3em 0; }
.meta, .dim, .pairnote { color: #5c5c60; }
.pairnote { margin: 0.9em 0 0.2em 0; font-size: 0.92em; }
.dim { font-style: italic; }
.outlet { font-weight: bold; }
s.gone { background-color: #f6d4c4; text-decoration: line-through; }
u.new { background-color: #cfe8f7; text-decoration: underline; }
.tag { font-variant: small-caps; font-family: 'DejaVu Sans', Arial, sans-serif;
       font-size: 0.95em; font-weight: bold; letter-spacing: 0.02em; }
.only { font-weight: bold; }
.hand { font-weight: bold; font-style: italic; }
th { text-align: left; }
td, th { vertical-align: top; padding: 3px 6px; }
.cell { text-align: center; }
.legend { font-size: 0.9em; }
.footer { font-size: 0.85em; color: #5c5c60; }
.line { color: #8a8a8e; }
.answers { page-break-before: always; }
"""

_CSS_BROWSER = """
body { max-width: 60em; margin: 2em auto; padding: 0 1em; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #b8b8bc; }
table.pair td { width: 50%; }
.fact { border-left: 4px solid #0072b2; padding-left: 0.8em; margin: 1.2em 0;
        page-break-inside: avoid; break-inside: avoid; }
.fact.single { border-left: 4px dashed #e69f00; }
.tags { margin: 0.2em 0 0 0; font-size: 0.92em; }
.question { page-break-inside: avoid; break-inside: avoid; }
.line { border-bottom: 1px solid #8a8a8e; height: 1.9em; }
.boiler { font-size: 0.9em; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h2 { page-break-after: avoid; break-after: avoid; }
  .articles { page-break-before: always; break-before: page; }
  .answers { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
@page { size: auto; margin: 18mm; }
"""

_CSS_QT = """
body { font-size: 10pt; }
h1 { font-size: 17pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; }
.tag { font-size: 9pt; }
.pairnote { font-size: 9pt; }
.legend, .footer, .boiler { font-size: 9pt; }
.articles { page-break-before: always; }
"""


def page(title: str, body: str, *, for_qt: bool = False) -> str:
    """A complete HTML document: `body` is markup already escaped by the caller."""
    css = _CSS_COMMON + (_CSS_QT if for_qt else _CSS_BROWSER)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def table_attrs(for_qt: bool, css_class: str = "") -> str:
    """Table attributes: Qt draws cell borders only from the `border` attribute."""
    cls = f' class="{css_class}"' if css_class else ""
    return f'{cls} width="100%" border="1" cellspacing="0" cellpadding="4"' if for_qt else cls


def labels(comparison: Comparison) -> list[str]:
    return comparison.labels()


def outlets_title(comparison: Comparison, names: Sequence[str] | None = None) -> str:
    """ "The Daily Telegraph vs The Independent" (or with the given names)."""
    return " vs ".join(names if names is not None else labels(comparison))


def merge_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans clipped to [0, length], empty ones dropped, overlapping or touching ones joined."""
    clipped = sorted(
        (max(0, start), min(length, end)) for start, end in spans if min(length, end) > start
    )
    merged: list[Span] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def marked(text: str, spans: Iterable[Span], tag: str, css_class: str) -> str:
    """`text` escaped, each merged span wrapped in `<tag class=css_class>`.

    Offsets are Python str indices into `text`, as in Change.
    """
    parts: list[str] = []
    position = 0
    for start, end in merge_spans(spans, len(text)):
        parts.append(escape(text[position:start]))
        parts.append(f'<{tag} class="{css_class}">{escape(text[start:end])}</{tag}>')
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def footer(comparison: Comparison, today: _dt.date | None = None) -> str:
    """Who made the page and how: encoder, strictness, narrdiff version, date."""
    strictness = getattr(comparison.options, "strictness", None)
    strict = f"{strictness:g}" if isinstance(strictness, int | float) else "default"
    day = (today or _dt.date.today()).isoformat()
    return (
        '<hr><p class="footer">Made with narrdiff '
        f"{escape(__version__)} on {day} · sentence model: {escape(comparison.encoder)} · "
        f"strictness {escape(strict)} (0 links generously, 1 only near-identical facts). "
        "Links are suggestions by a statistical model: read the sentences before you quote a "
        "finding.</p>"
    )


def write_lines(count: int, for_qt: bool) -> str:
    """Write-in lines for a handout: ruled divs in a browser, rules in Qt (no block borders)."""
    if for_qt:
        return "<p>&nbsp;</p><hr>" * count
    return "".join('<div class="line"></div>' for _ in range(count))


EXCERPT_CHARS = 110
"""How much of a sentence the HTML pages quote where a whole sentence would not fit."""


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    return _model_excerpt(text, limit)
