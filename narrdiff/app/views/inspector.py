"""The Inspector panel: one fact (group) across all articles, with the wording of each pair.

For the selected group it shows who reports the fact, each member sentence under its article,
every link inside the group with its word-level differences (via diffhtml), and the articles
that lack the fact. It is read-only text the reader can select and copy.

It only renders a core Comparison: the links and their Change spans come from the core, and the
panel computes no similarity or diff of its own.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from narrdiff.app.diffhtml import pair_diff_html
from narrdiff.app.theme import LIGHT, Palette, prose_font_family
from narrdiff.core.model import HEADLINE, SAME, Comparison, Group
from narrdiff.core.report import phrases

EMPTY_TEXT = "Click a sentence to inspect its fact across the articles."
LEGEND = (
    "In each pair, struck-through words appear only in the first sentence and underlined words "
    "only in the second."
)


class InspectorPanel(QWidget):
    """Dock content: a read-only QTextBrowser showing the chosen group, or a hint when none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._group: int | None = None
        self._palette: Palette = LIGHT
        self.browser = QTextBrowser()
        # Article text may contain URLs; the panel never navigates or opens a browser.
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self._apply_palette()
        self._render()

    def set_comparison(self, comparison: Comparison | None) -> None:
        # A group index means nothing in another comparison, so the panel returns to its hint.
        self._comparison = comparison
        self._group = None
        self._render()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._apply_palette()
        self._render()

    def show_group(self, index: int | None) -> None:
        self._group = index
        self._render()

    def shown_group(self) -> int | None:
        """The group on display, or None for the empty state."""
        return self._group if self._current_group() is not None else None

    # --- internals ------------------------------------------------------------------------

    def _current_group(self) -> Group | None:
        comparison, index = self._comparison, self._group
        if comparison is None or index is None or not 0 <= index < len(comparison.groups):
            return None
        return comparison.groups[index]

    def _apply_palette(self) -> None:
        qpal = self.browser.palette()
        qpal.setColor(QPalette.ColorRole.Base, self._palette.page)
        qpal.setColor(QPalette.ColorRole.Text, self._palette.text)
        self.browser.setPalette(qpal)
        self.browser.document().setDefaultStyleSheet(stylesheet(self._palette))

    def _render(self) -> None:
        group = self._current_group()
        if group is None or self._comparison is None:
            self.browser.setHtml(empty_html())
        else:
            self.browser.setHtml(group_html(self._comparison, group, self._palette))


def stylesheet(palette: Palette) -> str:
    """Document CSS: prose font, airy lines, muted secondary text.

    Qt's rich text ignores font rules on <body>, so the block elements carry them.
    """
    return (
        f"p, h3, h4 {{ font-family: {prose_font_family()}; color: {palette.text.name()}; }}"
        " p { line-height: 140%; margin-top: 2px; margin-bottom: 6px; }"
        " h3 { margin-bottom: 8px; }"
        " h4 { margin-top: 16px; }"
        f" .nd-muted, .nd-pair-head {{ color: {palette.muted.name()}; }}"
        " .nd-pair-head { margin-top: 14px; }"
        " .nd-label { margin-top: 10px; margin-bottom: 2px; }"
    )


def empty_html() -> str:
    return f'<p class="nd-muted">{escape(EMPTY_TEXT)}</p>'


def heading(comparison: Comparison, group: Group) -> str:
    labels = [article.label for article in comparison.articles]
    return phrases.fact_heading(comparison, comparison.groups.index(group), labels, "articles")


def group_html(comparison: Comparison, group: Group, palette: Palette) -> str:
    """The whole panel for one group: heading, members by article, pairs, and who lacks it."""
    parts = [f"<h3>{escape(heading(comparison, group))}</h3>"]
    parts += _member_html(comparison, group)
    parts += _pairs_html(comparison, group, palette)
    parts += _lacking_html(comparison, group)
    return "".join(parts)


def _member_html(comparison: Comparison, group: Group) -> list[str]:
    presence = comparison.presence(group)
    parts = []
    for k, article in enumerate(comparison.articles):
        refs = [ref for ref in group.members if ref[0] == k]
        if not refs:
            continue
        loose = (
            ' <span class="nd-muted">(loosely related)</span>' if presence[k] == "related" else ""
        )
        parts.append(f'<p class="nd-label"><b>{escape(article.label)}</b>{loose}</p>')
        for ref in refs:
            sentence = comparison.sentence(ref)
            role = '<span class="nd-muted">Headline: </span>' if sentence.role == HEADLINE else ""
            parts.append(f"<p>{role}{escape(sentence.text)}</p>")
    return parts


def _pairs_html(comparison: Comparison, group: Group, palette: Palette) -> list[str]:
    members = set(group.members)
    links = [link for link in comparison.links if link.a in members and link.b in members]
    # The pairs that report the fact the same way say most about wording; loose ones follow.
    links.sort(key=lambda link: (link.strength != SAME, -link.score))
    if not links:
        return []
    parts = ["<h4>How the wording differs</h4>", f'<p class="nd-muted">{escape(LEGEND)}</p>']
    parts += [pair_diff_html(link, comparison, palette) for link in links]
    return parts


def _lacking_html(comparison: Comparison, group: Group) -> list[str]:
    presence = comparison.presence(group)
    absent = [comparison.articles[k].label for k, state in enumerate(presence) if state == "absent"]
    if not absent:
        return []
    return [f'<p class="nd-label"><b>Not in:</b> {escape(", ".join(absent))}</p>']
