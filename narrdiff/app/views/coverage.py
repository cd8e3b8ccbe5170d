"""The Coverage tab: a matrix of facts (groups, in story order) × articles.

Each cell says whether an article reports the fact ("●"), only touches it through loosely
related sentences ("◐") or lacks it ("○"). The glyph is the cue; the palette tint behind it is
a second one, and the tooltip says it in words. A bar above the table sorts ("only in one
article first") and filters ("Only in X", "Missing from Y") so a reader finds at once what each
outlet adds and leaves out.

The data lives in coverage_model.py; this module is the widget: the table, the sort and filter
bar, selection and activation. It computes no links or similarity.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    Qt,
    Signal,
)
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
from narrdiff.app.theme import Palette
from narrdiff.app.views.coverage_model import (  # noqa: F401  (the tab's public names)
    ABSENT,
    ALL,
    GLYPHS,
    GROUP_ROLE,
    MISSING_FROM,
    ONLY_IN,
    ORDERS,
    PRESENT,
    RELATED,
    SORT_ROLE,
    CoverageFilter,
    CoverageModel,
    count_summary,
)
from narrdiff.core.model import Comparison

SUMMARY_CHARS = 600  # the summary names outlets; a long name must not widen the window


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
