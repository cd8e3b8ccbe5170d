"""HTML for sentences with marked words, for Qt's rich-text widgets (QTextBrowser, QLabel).

`marked_sentence_html` wraps given character spans of a sentence in an element; `pair_diff_html`
renders a linked pair as two lines: the first sentence with the words only it has struck
through, the second with the words only it has underlined. The strike and underline are the
elements themselves, so the marks survive without colour; the palette's tints come on top.

This module only formats: the spans come from the Change values in a Comparison and it computes
no diff or similarity of its own. Every piece of article text is HTML-escaped here, so callers
never pass raw article text into markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtGui import QColor

from narrdiff.app.theme import Palette
from narrdiff.core.model import Comparison, Link
from narrdiff.core.report.htmlpage import merge_spans
from narrdiff.core.report.phrases import reworded_throughout

Span = tuple[int, int]

REMOVED_CLASS = "nd-removed"
INSERTED_CLASS = "nd-inserted"


def marked_sentence_html(
    text: str,
    spans: Sequence[Span],
    css_class: str,
    *,
    tag: str = "span",
    style: str = "",
) -> str:
    """`text` escaped, with each (merged) span wrapped in `<tag class="css_class">`.

    Offsets are Python str indices into `text`, as in Change. `style`, when given, is an inline
    CSS declaration added to each marked element (for widgets without a document stylesheet).
    """
    style_attr = f' style="{escape(style)}"' if style else ""
    opening = f'<{tag} class="{escape(css_class)}"{style_attr}>'
    closing = f"</{tag}>"
    parts: list[str] = []
    position = 0
    for start, end in merge_spans(spans, len(text)):
        parts.append(escape(text[position:start]))
        parts.append(opening + escape(text[start:end]) + closing)
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def _background(colour: QColor) -> str:
    return f"background-color: {colour.name()};"


def pair_diff_html(link: Link, comparison: Comparison, palette: Palette) -> str:
    """A linked pair as HTML: a heading line, then the a-side and b-side sentences with marks.

    Words only in the a sentence are `<s>` on palette.removed, words only in the b sentence
    `<u>` on palette.inserted. When the wording differs nearly everywhere
    (report.reworded_throughout) both sentences stay plain and the heading says so, since
    marking every word would say nothing.
    """
    label_a = comparison.articles[link.a[0]].label
    label_b = comparison.articles[link.b[0]].label
    text_a = comparison.sentence(link.a).text
    text_b = comparison.sentence(link.b).text
    notes = [escape(link.strength), f"{link.score:.2f}"]
    if link.manual:
        notes.append("set by hand")
    if not link.changes:
        notes.append("same wording")
        line_a, line_b = escape(text_a), escape(text_b)
    elif reworded_throughout(comparison, link):
        notes.append("worded differently throughout")
        line_a, line_b = escape(text_a), escape(text_b)
    else:
        line_a, line_b = _marked_pair(link, text_a, text_b, palette)
    return (
        f'<p class="nd-pair-head">{escape(label_a)} ↔ {escape(label_b)} · {" · ".join(notes)}</p>'
        f'<p class="nd-pair-side"><b>{escape(label_a)}:</b> {line_a}</p>'
        f'<p class="nd-pair-side"><b>{escape(label_b)}:</b> {line_b}</p>'
        f"{_tags_html(link)}"
    )


def _tags_html(link: Link) -> str:
    """The framing tags of the pair's changes, each with the core's one-line reason."""
    rows = []
    for change in link.changes:
        reasons = list(getattr(change, "reasons", ()) or ())
        for k, tag in enumerate(change.tags):
            why = reasons[k] if k < len(reasons) else f"“{change.a}” / “{change.b}”"
            rows.append(f'<li><b class="nd-tag">{escape(tag)}</b>: {escape(why)}</li>')
    return f'<ul class="nd-tags">{"".join(rows)}</ul>' if rows else ""


def _marked_pair(link: Link, text_a: str, text_b: str, palette: Palette) -> tuple[str, str]:
    """The two sentences with their Change spans marked: struck on a, underlined on b."""
    line_a = marked_sentence_html(
        text_a,
        [(c.a_start, c.a_end) for c in link.changes],
        REMOVED_CLASS,
        tag="s",
        style=_background(palette.removed),
    )
    line_b = marked_sentence_html(
        text_b,
        [(c.b_start, c.b_end) for c in link.changes],
        INSERTED_CLASS,
        tag="u",
        style=_background(palette.inserted),
    )
    return line_a, line_b
