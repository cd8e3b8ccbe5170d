"""The Coverage tab: a matrix of facts (groups, in story order) × articles.

Each cell says whether an article reports the fact ("●"), only touches it through loosely
related sentences ("◐") or lacks it ("○"). The glyph is the cue; the palette tint behind it is
a second one, and the tooltip says it in words. A bar above the table sorts ("only in one
article first") and filters ("Only in X", "Missing from Y") so a reader finds at once what each
outlet adds and leaves out.

The model only reads a core Comparison (groups, presence); it computes no links or similarity.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from narrdiff.app.panels import shown
from narrdiff.app.theme import LIGHT, Palette
from narrdiff.core.model import Comparison
from narrdiff.core.model import excerpt as model_excerpt

SUMMARY_CHARS = 600  # the summary names outlets; a long name must not widen the window

GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
"""The group's index in comparison.groups (int), on every cell of its row."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""A number to sort by: story position for the Fact column, presence rank for an article."""

FACT_CHARS = 80

PRESENT, RELATED, ABSENT = "present", "related", "absent"
GLYPHS = {PRESENT: "●", RELATED: "◐", ABSENT: "○"}
# Header clicks sort by this rank, so "reported" rows gather at one end and "missing" at the other.
_RANK = {PRESENT: 2, RELATED: 1, ABSENT: 0}

Index = QModelIndex | QPersistentModelIndex


def excerpt(text: str, limit: int = FACT_CHARS) -> str:
    return model_excerpt(text, limit)


def _blend(a: QColor, b: QColor, share: float) -> QColor:
    """`share` of `a` mixed into `b` (0–1), for a tint halfway between two palette colours."""
    mix = [share * x + (1 - share) * y for x, y in zip(a.getRgbF(), b.getRgbF(), strict=True)]
    return QColor.fromRgbF(*mix)


class CoverageModel(QAbstractTableModel):
    """Rows are comparison.groups in the order given; column 0 is the fact, then one per article."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._presence: list[list[str]] = []
        self._palette: Palette = LIGHT
        self._glyph_font = QFont()

    # --- inputs ---------------------------------------------------------------------------

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self._comparison = comparison
        # presence() walks the links; reading it once per group keeps painting and sorting cheap.
        self._presence = [comparison.presence(g) for g in comparison.groups] if comparison else []
        self.endResetModel()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._cells_changed(Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)

    def set_font(self, font: QFont) -> None:
        """The view's font; glyphs are drawn a size larger so "◐" stays legible at any zoom."""
        # The glyphs are the cue that does not rely on colour, so they must read at a glance.
        self._glyph_font = QFont(font)
        self._glyph_font.setPointSizeF(font.pointSizeF() * 1.3)
        self._cells_changed(Qt.ItemDataRole.FontRole)

    def _cells_changed(self, *roles: Qt.ItemDataRole) -> None:
        """Tell the view that every article cell's `roles` changed (no rows moved)."""
        if self.rowCount() and self.columnCount() > 1:
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 1), last, list(roles))

    # --- queries the view and proxy share ---------------------------------------------------

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    def presence(self, row: int) -> list[str]:
        """Per article, "present", "related" or "absent" for the group in `row`."""
        return self._presence[row]

    def reach(self, row: int) -> int:
        """How many articles carry the group in `row` at all (present or related)."""
        return sum(state != ABSENT for state in self._presence[row])

    def article_count(self) -> int:
        return len(self._comparison.articles) if self._comparison else 0

    # --- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._presence)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._comparison is None:
            return 0
        return 1 + self.article_count()

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or self._comparison is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return "Fact" if section == 0 else self._comparison.articles[section - 1].label
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._comparison is None:
            return None
        row, column = index.row(), index.column()
        if role == GROUP_ROLE:
            return row
        if column == 0:
            return self._fact_data(row, role)
        return self._cell_data(row, column - 1, role)

    def _fact_data(self, row: int, role: int):
        text = self._fact_text(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return excerpt(text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text
        if role == SORT_ROLE:
            return row
        return None

    def _cell_data(self, row: int, article: int, role: int):
        state = self._presence[row][article]
        if role == Qt.ItemDataRole.DisplayRole:
            return GLYPHS[state]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell_words(row, article, state)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._cell_colour(row, state)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._palette.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.FontRole:
            return self._glyph_font
        if role == SORT_ROLE:
            return _RANK[state]
        return None

    def _fact_text(self, row: int) -> str:
        assert self._comparison is not None
        group = self._comparison.groups[row]
        return self._comparison.sentence(group.members[0]).text

    def _cell_words(self, row: int, article: int, state: str) -> str:
        assert self._comparison is not None
        label = self._comparison.articles[article].label
        if state == ABSENT:
            return f"Not in {label}"
        if state == RELATED:
            return f"Only loosely related in {label}"
        if self.reach(row) == 1:
            return f"Only in {label}"
        return f"Reported by {label}"

    def _cell_colour(self, row: int, state: str) -> QColor:
        palette = self._palette
        if state == ABSENT:
            return palette.absent
        if state == RELATED:
            # Half-way to the page: the same family as "present", visibly weaker.
            return _blend(palette.linked, palette.page, 0.5)
        # A fact only this article has takes the "adds" tint the article columns use for it.
        return palette.adds if self.reach(row) == 1 else palette.linked


# --- sorting and filtering ------------------------------------------------------------------

STORY_ORDER = "Story order"
SINGLE_FIRST = "Only in one article first"
MISSING_FIRST = "Missing from one article first"
ORDERS = (STORY_ORDER, SINGLE_FIRST, MISSING_FIRST)

ALL, ONLY_IN, MISSING_FROM = "all", "only", "missing"


class CoverageFilter(QSortFilterProxyModel):
    """Sorts the Fact column by the chosen order and keeps the rows the chosen filter allows.

    Article columns sort by presence rank; ties keep story order because Qt's sort is stable.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._order = STORY_ORDER
        self._filter: tuple[str, int] = (ALL, -1)
        self.setSortRole(SORT_ROLE)

    def coverage(self) -> CoverageModel:
        model = self.sourceModel()
        assert isinstance(model, CoverageModel)
        return model

    def set_order(self, order: str) -> None:
        if order not in ORDERS:
            raise ValueError(f"unknown order {order!r}")
        self._order = order
        self.invalidate()

    def set_filter(self, kind: str, article: int = -1) -> None:
        """kind is ALL, ONLY_IN (the article alone has the fact) or MISSING_FROM (it lacks it)."""
        # Qt 6.10 replaced invalidateRowsFilter() with begin/endFilterChange(); older Qt
        # (the package allows 6.6) only has the former.
        if not hasattr(self, "endFilterChange"):
            self._filter = (kind, article)
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self._filter = (kind, article)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        kind, article = self._filter
        if kind == ALL:
            return True
        model = self.coverage()
        if article >= model.article_count():
            return True
        has_it = model.presence(source_row)[article] != ABSENT
        if kind == ONLY_IN:
            return has_it and model.reach(source_row) == 1
        return not has_it

    def lessThan(self, left: Index, right: Index) -> bool:
        if left.column() != 0:
            return super().lessThan(left, right)
        return self._order_key(left.row()) < self._order_key(right.row())

    def _order_key(self, row: int) -> tuple[int, ...]:
        model = self.coverage()
        presence = model.presence(row)
        if self._order == SINGLE_FIRST:
            # Singles first, gathered by the article that alone has them.
            return (
                model.reach(row) != 1,
                presence.index(PRESENT) if PRESENT in presence else 0,
                row,
            )
        if self._order == MISSING_FIRST:
            missing_one = model.reach(row) == model.article_count() - 1
            return (not missing_one, presence.index(ABSENT) if missing_one else 0, row)
        return (row,)


# --- the tab ----------------------------------------------------------------------------------


class CoverageView(QWidget):
    """The Coverage tab: sort and filter bar, a count line, and the facts × articles table."""

    group_activated = Signal(int)
    """A row was double-clicked or Enter was pressed on it: the group's index."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CoverageModel(self)
        self.proxy = CoverageFilter(self)
        self.proxy.setSourceModel(self.model)
        self.order_box = QComboBox()
        self.order_box.addItems(ORDERS)
        self.filter_box = QComboBox()
        self.filter_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)  # it names the outlets
        self.count_label.setWordWrap(True)
        self.table = self._make_table()
        self._lay_out()
        # activated, not doubleClicked: it also fires on Enter and follows the platform's rule
        # for single- versus double-click activation.
        self.table.activated.connect(self._on_activated)
        self.order_box.activated.connect(self._apply_order)
        self.filter_box.activated.connect(self._apply_filter)
        self._fill_filter_box()
        self._update_count()
        self.model.set_font(self.table.font())

    def changeEvent(self, event: QEvent) -> None:
        # Zooming the window changes the font; the glyph size follows it.
        if event.type() == QEvent.Type.FontChange:
            self.model.set_font(self.table.font())
        super().changeEvent(event)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        table.setAccessibleName("Coverage: facts by article")
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        return table

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for text, box in (("Sort:", self.order_box), ("Show:", self.filter_box)):
            label = QLabel(text)
            label.setBuddy(box)  # so screen readers name the combo by its label
            bar.addWidget(label)
            bar.addWidget(box)
            bar.addSpacing(12)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

    # --- public API -----------------------------------------------------------------------

    def set_comparison(self, comparison: Comparison | None) -> None:
        previous = self._article_labels()
        self.model.set_comparison(comparison)
        # A re-run on the same articles (another strictness) keeps the reader's filter.
        if self._article_labels() != previous:
            self._fill_filter_box()
            self._apply_filter()
        self._fit_columns()
        self._update_count()

    def set_palette(self, palette: Palette) -> None:
        self.model.set_palette(palette)

    def select_group(self, index: int | None) -> bool:
        """Select and scroll to the row of group `index`; False when it is filtered out.

        A hidden row leaves the selection empty rather than resetting the reader's filter.
        """
        selection = self.table.selectionModel()
        proxy_index = QModelIndex()
        if index is not None and 0 <= index < self.model.rowCount():
            proxy_index = self.proxy.mapFromSource(self.model.index(index, 0))
        if not proxy_index.isValid():
            selection.clear()  # the current row too, so Enter cannot activate a stale one
            return False
        flags = selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
        selection.setCurrentIndex(proxy_index, flags)
        self.table.scrollTo(proxy_index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def selected_group(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(GROUP_ROLE) if rows else None

    # --- internals ------------------------------------------------------------------------

    def _article_labels(self) -> list[str]:
        comparison = self.model.comparison
        return [a.label for a in comparison.articles] if comparison else []

    def _fill_filter_box(self) -> None:
        box = self.filter_box
        box.clear()
        box.addItem("All facts", (ALL, -1))
        labels = self._article_labels()
        for k, label in enumerate(labels):
            box.addItem(f"Only in {label}", (ONLY_IN, k))
        for k, label in enumerate(labels):
            box.addItem(f"Missing from {label}", (MISSING_FROM, k))

    def _apply_order(self) -> None:
        self.proxy.set_order(self.order_box.currentText())
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def _apply_filter(self) -> None:
        # When the selected row is filtered out Qt selects a neighbour, which would show a fact
        # the reader never picked; keep the selection only if its fact stays visible.
        selected = self.selected_group()
        kind, article = self.filter_box.currentData() or (ALL, -1)
        self.proxy.set_filter(kind, article)
        self.select_group(selected)
        self._update_count()

    def _on_activated(self, proxy_index: QModelIndex) -> None:
        group = proxy_index.data(GROUP_ROLE)
        if group is not None:
            self.group_activated.emit(group)

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _update_count(self) -> None:
        summary = count_summary(self.model, self.proxy.rowCount())
        self.count_label.setText(shown(summary, SUMMARY_CHARS))


def count_summary(model: CoverageModel, shown: int) -> str:
    """One line: how the facts spread over the articles, and how many the filter shows."""
    comparison = model.comparison
    if comparison is None:
        return "No comparison yet."
    n, total = model.article_count(), model.rowCount()
    rows = range(total)
    shared = [row for row in rows if model.reach(row) == n]
    head = _facts(len(shared), "in both" if n == 2 else "shared by all")
    loosely = sum(PRESENT not in model.presence(row) for row in shared)
    parts = [head + (f" ({loosely} only loosely)" if loosely else "")]
    if n > 2:
        parts.append(f"{sum(1 < model.reach(row) < n for row in rows)} partly shared")
    singles = [row for row in rows if model.reach(row) == 1]
    if n <= 3:
        # Few enough articles to name each one's own facts.
        for k, article in enumerate(comparison.articles):
            own = sum(model.presence(row)[k] != ABSENT for row in singles)
            parts.append(f"{own} only in {article.label}")
    else:
        parts.append(f"{len(singles)} in one article only")
    line = ", ".join(parts)
    return line if shown == total else f"Showing {shown} of {total} facts · {line}"


def _facts(count: int, rest: str) -> str:
    return f"{count} {'fact' if count == 1 else 'facts'} {rest}"
