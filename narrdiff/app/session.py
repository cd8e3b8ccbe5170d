"""The session: what the user has put together, without Qt. The window holds one and renders it.

A session is the list of documents (articles) in column order, the outlet names the user gave
them (labels), the links set or removed by hand, the strictness, and the last Comparison the
worker produced (`base`, with its embeddings). `shown()` is what the views display: `base`
re-linked at the current strictness and manual links, with the user's labels. Findings carry
article indices and are phrased from these labels when shown (report/phrases.finding_message),
so a rename reaches the Framing tab and every export.

It must not import Qt, call the encoder, or read files: the window does the asking (files are
read by the reader, comparisons made by the runner) and tells the session what came back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from narrdiff.core.limits import MAX_ARTICLES
from narrdiff.core.link import align
from narrdiff.core.link import manual as manual_links
from narrdiff.core.model import Comparison, Document, ManualLinks, Ref
from narrdiff.core.pipeline import relink


@dataclass
class Session:
    """The articles of one comparison, their labels, hand-set links and strictness."""

    documents: list[Document] = field(default_factory=list)
    labels: list[str | None] = field(default_factory=list)  # the user's outlet names
    manual: ManualLinks = ManualLinks()
    strictness: float = 0.5
    sentences_per_line: bool = False  # only a saved comparison made with the CLI sets it
    base: Comparison | None = None  # the worker's last result, with embeddings

    @property
    def comparable(self) -> bool:
        return len(self.documents) >= 2

    def add(self, documents: list[Document], replace_index: int | None = None) -> list[str]:
        """Add (or put one in place of the article at `replace_index`); returns refusals."""
        documents = list(documents)
        if documents and replace_index is not None and replace_index < len(self.documents):
            self.documents[replace_index] = documents.pop(0)
            self.labels[replace_index] = None
        room = max(MAX_ARTICLES - len(self.documents), 0)
        refused = [
            f"Did not add {d.name}: narrdiff compares up to {MAX_ARTICLES} articles at once. "
            "Remove one first."
            for d in documents[room:]
        ]
        self.documents.extend(documents[:room])
        self.labels.extend([None] * len(documents[:room]))
        return refused

    def remove(self, index: int) -> bool:
        if not 0 <= index < len(self.documents):
            return False
        del self.documents[index]
        del self.labels[index]
        return True

    def move(self, index: int, delta: int) -> bool:
        target = index + delta
        if not (0 <= index < len(self.documents) and 0 <= target < len(self.documents)):
            return False
        for items in (self.documents, self.labels):
            items[index], items[target] = items[target], items[index]
        return True

    def rename(self, index: int, label: str) -> bool:
        label = " ".join(label.split())
        if not label or not 0 <= index < len(self.labels):
            return False
        self.labels[index] = label
        return True

    def clear(self) -> None:
        self.documents, self.labels, self.base = [], [], None

    def link(self, a: Ref, b: Ref, *, linked: bool) -> bool:
        """Link two sentences by hand (or lift an earlier unlink); True if anything changed."""
        return self._set_manual(manual_links.with_link(self.manual, a, b, linked=linked))

    def unlink(self, a: Ref, b: Ref) -> bool:
        return self._set_manual(manual_links.without_link(self.manual, a, b))

    def _set_manual(self, manual: ManualLinks) -> bool:
        if manual == self.manual or self.base is None:
            return False
        self.manual = manual
        return True

    def options(self) -> align.AlignOptions:
        return align.AlignOptions.from_strictness(self.strictness)

    def shown(self) -> Comparison | None:
        """`base` at the current strictness and manual links, labelled with the user's names."""
        comparison = self.base
        if comparison is None:
            return None
        if (
            getattr(comparison.options, "strictness", None) != self.strictness
            or comparison.manual != self.manual
        ):
            comparison = relink(comparison, self.options(), manual=self.manual)
        return self.labelled(comparison)

    def labelled(self, comparison: Comparison) -> Comparison:
        """`comparison` with the user's outlet names."""
        labels = self.labels[: len(comparison.articles)]
        if any(labels):
            articles = tuple(
                replace(art, outlet=label) if label else art
                for art, label in zip(comparison.articles, labels, strict=False)
            )
            # findings carry article indices; they are phrased with these labels when shown
            comparison = replace(comparison, articles=articles)
        return comparison
