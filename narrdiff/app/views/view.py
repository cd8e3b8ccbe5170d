"""The Columns tab: article columns side by side with link gutters between them.

It owns the selection (one story group at a time): clicking a sentence selects its group, every
member is tinted and scrolled level with the clicked sentence, and columns that lack the group
say so in place. It also answers the navigation and find actions. It offers linking by hand
(a sentence's context menu, or dragging a sentence onto one in another column) and reports it
as `link_requested` / `unlink_requested`; it renders a Comparison and never computes links.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QScrollArea, QWidget

from narrdiff.app import theme
from narrdiff.app.views.columns import ArticleColumn
from narrdiff.app.views.gutter import LinkGutter
from narrdiff.core.model import Comparison, Ref


class ComparisonView(QScrollArea):
    """Columns (2–8 fit the window; more scroll sideways) and the gutters between them."""

    group_selected = Signal(object)  # group index or None
    remove_requested = Signal(int)
    move_requested = Signal(int, int)
    rename_requested = Signal(int)
    link_requested = Signal(object, object)  # two Refs to link by hand
    unlink_requested = Signal(object, object)  # two Refs to unlink

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.comparison: Comparison | None = None
        self.columns: list[ArticleColumn] = []
        self.gutters: list[LinkGutter] = []
        self.selected_group: int | None = None
        self.picked: Ref | None = None  # the sentence clicked last: "the selected sentence"
        self._palette = theme.palette_for(False)
        self._point_size = 13.0
        self._show_boilerplate = True

    # --- content ---------------------------------------------------------------------------

    def set_comparison(
        self,
        comparison: Comparison | None,
        palette: theme.Palette,
        point_size: float,
        show_boilerplate: bool,
    ) -> None:
        """Show `comparison`, keeping columns, scroll positions and selection where possible."""
        same_shape = (
            comparison is not None
            and self.comparison is not None
            and len(comparison.articles) == len(self.comparison.articles) == len(self.columns)
        )
        self.comparison = comparison
        self._palette, self._point_size = palette, point_size
        self._show_boilerplate = show_boilerplate
        if not same_shape:
            self._rebuild()
        for column in self.columns:
            column.header.show_article(comparison, column.index)
            column.view.show_article(
                comparison, column.index, palette, point_size, show_boilerplate
            )
        for gutter in self.gutters:
            gutter.set_comparison(comparison, palette)
        keep = self.selected_group
        if comparison is None or keep is None or keep >= len(comparison.groups):
            keep = None
        self.select_group(keep)

    def _rebuild(self) -> None:
        container = QWidget()
        layout = QHBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.columns, self.gutters = [], []
        count = len(self.comparison.articles) if self.comparison else 0
        for k in range(count):
            column = ArticleColumn(k, container)
            column.view.sentence_clicked.connect(lambda i, k=k: self._pick((k, i)))
            column.view.menu_requested.connect(lambda i, pos, k=k: self._show_menu((k, i), pos))
            column.view.ref_dropped.connect(lambda ref, i, k=k: self._link_dropped(ref, (k, i)))
            column.header.omission_chosen.connect(self.select_group)
            column.header.remove_requested.connect(lambda k=k: self.remove_requested.emit(k))
            column.header.move_requested.connect(lambda d, k=k: self.move_requested.emit(k, d))
            column.header.rename_requested.connect(lambda k=k: self.rename_requested.emit(k))
            if self.columns:
                gutter = LinkGutter(self.columns[-1], column, container)
                self.gutters.append(gutter)
                layout.addWidget(gutter)
            layout.addWidget(column, 1)
            self.columns.append(column)
        self.selected_group = None
        self.picked = None
        self.setWidget(container)

    def restyle(self, palette: theme.Palette, point_size: float, show_boilerplate: bool) -> None:
        self.set_comparison(self.comparison, palette, point_size, show_boilerplate)

    # --- selection -------------------------------------------------------------------------

    def _pick(self, ref: Ref) -> None:
        self.picked = ref
        self.select_sentence(ref)

    def select_sentence(self, ref: Ref) -> None:
        """Select the group of the clicked sentence, keeping that sentence where it is."""
        if self.comparison is None:
            return
        group = self.comparison.group_of(ref)
        index = self.comparison.groups.index(group) if group is not None else None
        self.select_group(index, anchor=ref)

    def select_group(self, index: int | None, anchor: Ref | None = None) -> None:
        self.selected_group = index
        members: set[Ref] = set()
        if self.comparison is not None and index is not None:
            members = set(self.comparison.groups[index].members)
        y = self._anchor_y(anchor, members)
        for column in self.columns:
            mine = sorted(i for a, i in members if a == column.index)
            column.view.set_selected(set(mine))
            if mine and (anchor is None or anchor[0] != column.index):
                column.view.scroll_to_sentence(mine[0], y)
            column.show_absent(y if members and not mine else None, self._absent_text(column.index))
        for gutter in self.gutters:
            gutter.set_selected(members)
        self.group_selected.emit(index)

    def _anchor_y(self, anchor: Ref | None, members: set[Ref]) -> int:
        """Viewport height at which the selection is shown in every column."""
        if anchor is not None and anchor[0] < len(self.columns):
            rect = self.columns[anchor[0]].view.sentence_rect(anchor[1])
            if rect is not None and rect.top() >= 0:
                return rect.top()
        if self.columns:
            return self.columns[0].view.viewport().height() // 4
        return 40

    def _absent_text(self, article: int) -> str:
        if self.comparison is None:
            return ""
        return f"— not reported by {self.comparison.articles[article].label} —"

    # --- linking by hand --------------------------------------------------------------------

    def link_menu(self, ref: Ref) -> QMenu:
        """The context menu of a sentence: link with the selected one, unlink from partners."""
        menu = QMenu(self)
        comparison = self.comparison
        if comparison is None:
            return menu
        picked = self.picked
        if picked is not None and self._can_link(picked, ref):
            action = menu.addAction(f"Link with the selected sentence: {self._describe(picked)}")
            action.triggered.connect(lambda _=False: self.link_requested.emit(picked, ref))
        for link in comparison.links_of(ref):
            other = link.b if link.a == ref else link.a
            verb = "Remove manual link to" if link.manual else "Unlink from"
            action = menu.addAction(f"{verb} {self._describe(other)}")
            action.triggered.connect(
                lambda _=False, other=other: self.unlink_requested.emit(ref, other)
            )
        if menu.isEmpty():
            menu.addAction("Click a sentence in another column first, then link it here")
            menu.actions()[0].setEnabled(False)
        return menu

    def _show_menu(self, ref: Ref, position: QPoint) -> None:
        self.link_menu(ref).exec(position)

    def _link_dropped(self, source: Ref, target: Ref) -> None:
        if self._can_link(source, target):
            self.link_requested.emit(source, target)

    def _can_link(self, a: Ref, b: Ref) -> bool:
        """Two linkable sentences of different articles, not linked already."""
        comparison = self.comparison
        if comparison is None or a[0] == b[0]:
            return False
        for k, i in (a, b):
            if not (k < len(comparison.articles) and i < len(comparison.articles[k].sentences)):
                return False
            if not comparison.sentence((k, i)).linkable:
                return False
        return not any({link.a, link.b} == {a, b} for link in comparison.links_of(a))

    def _describe(self, ref: Ref) -> str:
        """“Sentence start…” (Outlet), for menu entries."""
        text = self.comparison.sentence(ref).text
        short = text if len(text) <= 48 else text[:47].rstrip() + "…"
        return f"“{short}” ({self.comparison.articles[ref[0]].label})"

    # --- navigation ------------------------------------------------------------------------

    def difference_groups(self) -> list[int]:
        """Groups worth stepping through: missing from some article, or worded differently."""
        return self.comparison.difference_groups() if self.comparison is not None else []

    def step(self, candidates: list[int], forward: bool) -> int | None:
        """Select the next (or previous) group of `candidates` after the current selection."""
        if not candidates:
            return None
        current = self.selected_group
        if current is None:
            target = candidates[0] if forward else candidates[-1]
        elif forward:
            target = next((g for g in candidates if g > current), candidates[0])
        else:
            target = next((g for g in reversed(candidates) if g < current), candidates[-1])
        self.select_group(target)
        return target

    def addition_groups(self, article: int) -> list[int]:
        if self.comparison is None:
            return []
        return [
            g
            for g, group in enumerate(self.comparison.groups)
            if group.articles() == frozenset({article})
        ]

    def omission_groups(self, article: int) -> list[int]:
        if self.comparison is None:
            return []
        return self.comparison.omitted_indices(article)

    def focused_article(self) -> int:
        """The article of the selection, else of the column with keyboard focus, else 0."""
        if self.comparison is not None and self.selected_group is not None:
            return self.comparison.groups[self.selected_group].members[0][0]
        for column in self.columns:
            if column.isAncestorOf(self.focusWidget() or self):
                return column.index
        return 0

    # --- find ------------------------------------------------------------------------------

    def find(self, needle: str, forward: bool = True) -> int:
        """Highlight `needle` in every column and select the next sentence holding it."""
        total = sum(column.view.highlight_matches(needle) for column in self.columns)
        hits = [
            (column.index, i)
            for column in self.columns
            for i in column.view.matching_sentences(needle)
        ]
        if not hits or self.comparison is None:
            return total
        groups = []
        for ref in hits:
            group = self.comparison.group_of(ref)
            if group is not None:
                groups.append(self.comparison.groups.index(group))
        target = self.step(sorted(set(groups)), forward) if groups else None
        if target is None:
            k, i = hits[0]
            self.columns[k].view.scroll_to_sentence(i)
        return total
