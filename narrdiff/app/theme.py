"""Colours, fonts and the light/dark choice for every view of the app.

The palette is colour-blind safe by default (Okabe–Ito hues: blue/orange/vermillion/bluish
green never rely on red–green contrast), and no view may use colour as its only cue: each colour
here comes with a non-colour companion the views must draw too (a border style, an underline, a
strike, a marker glyph), so the app reads in grayscale and on a washed-out projector.

Views ask `palette_for(dark)` for colours; nothing else in the app hard-codes a colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

# Marker glyphs: the non-colour cue for a sentence's status, shown in the column margin.
MARK_ADDS = "+"  # only this article reports it
MARK_LINKED = "="  # reported by others too
MARK_RELATED = "≈"  # only loosely related sentences elsewhere
MARK_BOILERPLATE = "·"


@dataclass(frozen=True)
class Palette:
    """Every colour the views use, for one light/dark scheme."""

    dark: bool
    text: QColor
    muted: QColor  # boilerplate, secondary labels
    page: QColor  # column background
    linked: QColor  # calm tint of a sentence shared with another article
    adds: QColor  # tint of a sentence only this article has
    adds_edge: QColor  # its margin bar (solid)
    related_edge: QColor  # margin bar of a loosely related sentence (dashed)
    selection: QColor  # tint of the selected group's sentences
    selection_edge: QColor
    change: QColor  # background of words that differ from the linked sentence
    change_line: QColor  # their underline
    removed: QColor  # inspector: wording only on the first side (drawn struck through)
    inserted: QColor  # inspector: wording only on the other side (drawn underlined)
    band_same: QColor  # gutter band of a "same" link (solid outline)
    band_related: QColor  # gutter band of a "related" link (dashed outline, lighter)
    band_selected: QColor
    absent: QColor  # coverage: group absent from an article
    found: QColor  # find-in-columns match (drawn with dark text on it in both schemes)


def _c(hex_rgb: str, alpha: int = 255) -> QColor:
    colour = QColor(hex_rgb)
    colour.setAlpha(alpha)
    return colour


LIGHT = Palette(
    dark=False,
    text=_c("#1d1d1f"),
    muted=_c("#8a8a8e"),
    page=_c("#ffffff"),
    linked=_c("#f3f6fa"),
    adds=_c("#fff4e0"),
    adds_edge=_c("#e69f00"),
    related_edge=_c("#56b4e9"),
    selection=_c("#d6eaf8"),
    selection_edge=_c("#0072b2"),
    change=_c("#fde3c8"),
    change_line=_c("#d55e00"),
    removed=_c("#f6d4c4"),
    inserted=_c("#cfe8f7"),
    band_same=_c("#0072b2", 150),
    band_related=_c("#56b4e9", 40),
    band_selected=_c("#0072b2", 90),
    absent=_c("#e8e8ea"),
    found=_c("#f0e442"),
)

DARK = Palette(
    dark=True,
    text=_c("#ececef"),
    muted=_c("#8d8d93"),
    page=_c("#1e1f22"),
    linked=_c("#262a30"),
    adds=_c("#3a2f1c"),
    adds_edge=_c("#e69f00"),
    related_edge=_c("#56b4e9"),
    selection=_c("#1f3a52"),
    selection_edge=_c("#56b4e9"),
    change=_c("#5a3a1e"),
    change_line=_c("#f0a060"),
    removed=_c("#5a3222"),
    inserted=_c("#1d4260"),
    band_same=_c("#56b4e9", 170),
    band_related=_c("#56b4e9", 40),
    band_selected=_c("#56b4e9", 110),
    absent=_c("#2c2d31"),
    found=_c("#f0e442"),
)


def palette_for(dark: bool) -> Palette:
    return DARK if dark else LIGHT


def system_prefers_dark() -> bool:
    """The desktop's colour scheme (Qt ≥ 6.5); light when the platform does not say."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve_dark(theme: str) -> bool:
    """theme is "system", "light" or "dark" (the Settings choice)."""
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_prefers_dark()


def apply_qt_palette(app: QGuiApplication, dark: bool) -> None:
    """Fusion-friendly window palette for the chosen scheme, so widgets match the views."""
    pal = palette_for(dark)
    qpal = QPalette()
    window = QColor("#2b2d31") if dark else QColor("#f5f5f7")
    qpal.setColor(QPalette.ColorRole.Window, window)
    qpal.setColor(QPalette.ColorRole.WindowText, pal.text)
    qpal.setColor(QPalette.ColorRole.Base, pal.page)
    qpal.setColor(QPalette.ColorRole.AlternateBase, pal.linked)
    qpal.setColor(QPalette.ColorRole.Text, pal.text)
    qpal.setColor(QPalette.ColorRole.Button, window)
    qpal.setColor(QPalette.ColorRole.ButtonText, pal.text)
    qpal.setColor(QPalette.ColorRole.ToolTipBase, pal.page)
    qpal.setColor(QPalette.ColorRole.ToolTipText, pal.text)
    qpal.setColor(QPalette.ColorRole.Highlight, pal.selection_edge)
    qpal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    qpal.setColor(QPalette.ColorRole.PlaceholderText, pal.muted)
    qpal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, pal.muted)
    qpal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, pal.muted)
    app.setPalette(qpal)


def prose_font_family() -> str:
    """A serif for article prose when the system has one; Qt falls back sensibly otherwise."""
    return "Georgia, 'DejaVu Serif', 'Noto Serif', serif"


def window_stylesheet(pal: Palette, point_size: float) -> str:
    """Widget styling that follows the palette; sentence colours live in the views."""
    return f"""
    #WelcomeTitle {{ font-size: {point_size * 2:.0f}pt; font-weight: 600;
                     color: {pal.text.name()}; }}
    #WelcomeDetail {{ font-size: {point_size:.0f}pt; color: {pal.muted.name()}; }}
    #WelcomePage {{ border: 3px dashed {pal.muted.name()}; border-radius: 18px; margin: 28px; }}
    #ColumnHeader {{ background: {pal.page.name()}; border-bottom: 1px solid {pal.absent.name()}; }}
    #Outlet {{ font-size: {point_size * 1.15:.0f}pt; font-weight: 700; color: {pal.text.name()}; }}
    #Headline {{ font-size: {point_size:.0f}pt; color: {pal.text.name()}; font-style: italic; }}
    #Counts {{ color: {pal.muted.name()}; }}
    #AbsentNote {{ background: {pal.absent.name()}; color: {pal.text.name()};
                   border: 2px dashed {pal.muted.name()}; border-radius: 6px;
                   font-size: {point_size:.0f}pt; }}
    #MessageBar {{ background: {pal.adds.name()};
                   border-bottom: 2px solid {pal.adds_edge.name()}; }}
    #ArticleColumn {{ background: {pal.page.name()}; }}
    QTextBrowser, QTableView {{ background: {pal.page.name()}; color: {pal.text.name()}; }}
    """
