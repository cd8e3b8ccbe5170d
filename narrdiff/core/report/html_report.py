"""Comparison → one self-contained HTML report to project, print or send.

Order of the page: title (outlets vs outlets) and headlines; the framing findings in plain
language; whom each article quotes or cites; the coverage matrix (facts × articles, ● ◐ ○ with
the words in title/aria-label); then the articles fact by fact in the order of
`comparison.groups` ("Fact N" is group N-1, as in the CSV), each linked pair side by side with
its differing words struck through on the first side and underlined on the other, and the
framing tags in small caps; page furniture (boilerplate, mastheads, bylines) dimmed at the end;
a footer naming the sentence model, strictness, narrdiff version and date.

The page must fetch nothing and run no script (htmlpage.py says why); it only reads a
Comparison: no links, similarity or framing are computed here. `for_qt=True` yields the variant
for QTextDocument (the PDF writer in narrdiff/app/pdf.py). The worksheet lives in worksheet.py.
"""

from __future__ import annotations

import datetime as _dt
import os
from html import escape

from narrdiff.core.model import SAME, Comparison, Group, Link
from narrdiff.core.report.htmlpage import (
    excerpt,
    footer,
    labels,
    marked,
    outlets_title,
    page,
    table_attrs,
)
from narrdiff.core.report.phrases import (
    finding_message,
    possibly_also,
    reworded_throughout,
    stated_findings,
)

GLYPHS = {"present": "●", "related": "◐", "absent": "○"}
PRESENCE_WORDS = {
    "present": "reports it",
    "related": "only loosely related sentences",
    "absent": "does not report it",
}


def comparison_html(
    comparison: Comparison, *, for_qt: bool = False, today: _dt.date | None = None
) -> str:
    """The full report as one HTML document (str). `today` fixes the footer date (tests)."""
    names = labels(comparison)
    parts = [
        _heading(comparison, names),
        _findings(comparison),
        _sources(comparison, names),
        _coverage(comparison, names, for_qt),
        _facts(comparison, names, for_qt),
        _furniture(comparison, names),
        footer(comparison, today),
    ]
    title = f"narrdiff: {outlets_title(comparison, names)}"
    return page(title, "\n".join(p for p in parts if p), for_qt=for_qt)


def _heading(comparison: Comparison, names: list[str]) -> str:
    shared = len(comparison.shared_groups())
    rows = []
    for k, art in enumerate(comparison.articles):
        headline = f"“{escape(art.headline)}”" if art.headline else "<i>(no headline found)</i>"
        extra = [x for x in (art.byline, art.published) if x]
        detail = f' <span class="meta">({escape(", ".join(extra))})</span>' if extra else ""
        source = escape(os.path.basename(art.source) or art.name)
        if art.source.startswith(("http://", "https://")):  # fetched: the whole address, a link
            source = f'<a href="{escape(art.source)}">{escape(art.source)}</a>'
        rows.append(
            f'<li><span class="outlet">{escape(names[k])}</span>: {headline}{detail}'
            f' <span class="meta">· {source}</span></li>'
        )
    warnings = "".join(f'<p class="meta">Warning: {escape(w)}</p>' for w in comparison.warnings)
    return (
        f"<h1>{escape(outlets_title(comparison, names))}</h1>\n"
        f'<p class="meta">How {len(comparison.articles)} reports of one story differ: '
        f"{len(comparison.links)} linked sentence pairs, {shared} facts reported by more than "
        f"one outlet.</p>\n<h2>Headlines</h2>\n<ul>{''.join(rows)}</ul>{warnings}"
    )


def _findings(comparison: Comparison) -> str:
    heading = "<h2>How the reports frame the story differently</h2>\n"
    stated = stated_findings(comparison)
    if not stated:
        return f"{heading}<p>No framing differences found.</p>"
    items = "".join(f"<li>{escape(finding_message(comparison, f))}</li>" for f in stated)
    return f"{heading}<ol>{items}</ol>"


def _sources(comparison: Comparison, names: list[str]) -> str:
    rows = []
    for k in range(len(comparison.articles)):
        found = comparison.sources[k] if k < len(comparison.sources) else ()
        listed = "; ".join(escape(s) for s in found) if found else "<i>no named source</i>"
        rows.append(f'<li><span class="outlet">{escape(names[k])}</span>: {listed}</li>')
    return f"<h2>Whom each article quotes or cites</h2>\n<ul>{''.join(rows)}</ul>"


def _coverage(comparison: Comparison, names: list[str], for_qt: bool) -> str:
    # widths as attributes: Qt ignores CSS widths on cells and would squeeze the fact column
    share = max(8, 40 // max(1, len(names)))
    head = "".join(f'<th width="{share}%">{escape(n)}</th>' for n in names)
    rows = []
    for n, group in enumerate(comparison.groups, 1):
        first = comparison.sentence(group.members[0]).text
        cells = "".join(
            _presence_cell(state, names[k]) for k, state in enumerate(comparison.presence(group))
        )
        rows.append(f"<tr><td>{n}</td><td>{escape(excerpt(first))}</td>{cells}</tr>")
    legend = " · ".join(f"{GLYPHS[s]} {PRESENCE_WORDS[s]}" for s in GLYPHS)
    return (
        "<h2>Which facts each article reports</h2>\n"
        f'<p class="legend">{legend}</p>\n'
        f"<table{table_attrs(for_qt, 'coverage')}><thead><tr>"
        f'<th width="8%">Fact</th><th>First reported as</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _presence_cell(state: str, name: str) -> str:
    words = escape(f"{name}: {PRESENCE_WORDS[state]}")
    return f'<td class="cell" title="{words}" aria-label="{words}">{GLYPHS[state]}</td>'


# --- fact by fact ---------------------------------------------------------------------------


def _facts(comparison: Comparison, names: list[str], for_qt: bool) -> str:
    legend = (
        '<p class="legend">In each linked pair, words only in the left sentence are '
        '<s class="gone">struck through</s>; words only in the right one are '
        '<u class="new">underlined</u>. Labels such as <span class="tag">hedge</span> say what '
        "kind of difference it is.</p>"
    )
    blocks = [_fact(comparison, n, g, names, for_qt) for n, g in enumerate(comparison.groups, 1)]
    return (
        '<div class="articles"><h2>The articles, fact by fact</h2>\n'
        f"{legend}\n{''.join(blocks)}</div>"
    )


def _fact(comparison: Comparison, n: int, group: Group, names: list[str], for_qt: bool) -> str:
    arts = sorted(group.articles())
    if len(arts) == 1:
        near = [possibly_also(comparison, *ref) for ref in group.members]
        label = f"not linked; {near[0]}" if near[0] else f"only in {names[arts[0]]}"
        only = escape(label)
        sentences = "".join(
            f"<p>{_role(comparison, ref)}{escape(comparison.sentence(ref).text)}</p>"
            for ref in group.members
        )
        return (
            f'<div class="fact single"><h3>Fact {n} · <span class="only">only in {only}</span>'
            f"</h3>{sentences}</div>\n"
        )
    reported = " and ".join(escape(names[k]) for k in arts)
    missing = [names[k] for k, s in enumerate(comparison.presence(group)) if s == "absent"]
    absent = f'<p class="meta">Not in {escape(", ".join(missing))}.</p>' if missing else ""
    members = set(group.members)
    pairs = [lk for lk in comparison.links if lk.a in members and lk.b in members]
    body = "".join(_pair(comparison, link, names, for_qt) for link in pairs)
    return f'<div class="fact"><h3>Fact {n} · reported by {reported}</h3>{absent}{body}</div>\n'


def _role(comparison: Comparison, ref: tuple[int, int]) -> str:
    role = comparison.sentence(ref).role
    return f'<span class="tag">{escape(role)}</span> ' if role != "body" else ""


def _pair(comparison: Comparison, link: Link, names: list[str], for_qt: bool) -> str:
    """One linked pair: the two sentences side by side with their changes, then the tags."""
    text_a, text_b = comparison.sentence(link.a).text, comparison.sentence(link.b).text
    notes = ["same fact" if link.strength == SAME else "loosely related", f"score {link.score:.2f}"]
    if link.manual:
        notes.append('<span class="hand">linked by hand</span>')
    if not link.changes:
        # a link made by hand may carry no computed changes: claim "same" only when it is
        same = " ".join(text_a.split()) == " ".join(text_b.split())
        notes.append("same wording" if same else "wording not compared")
    if not link.changes or reworded_throughout(comparison, link):
        # marking nearly every word would say nothing, so the sentences stay plain
        if link.changes:
            notes.append("worded differently throughout")
        side_a, side_b = escape(text_a), escape(text_b)
    else:
        side_a = marked(text_a, [(c.a_start, c.a_end) for c in link.changes], "s", "gone")
        side_b = marked(text_b, [(c.b_start, c.b_end) for c in link.changes], "u", "new")
    # one row, the outlet named inside each cell: Qt may break a table between rows, and a
    # header row alone at the foot of a page reads as a lost fragment
    cells = "".join(
        f'<td width="50%"><span class="outlet">{escape(names[ref[0]])}</span><br>'
        f"{_role(comparison, ref)}{side}</td>"
        for ref, side in ((link.a, side_a), (link.b, side_b))
    )
    return (
        f'<p class="pairnote">{" · ".join(notes)}</p>'
        f"<table{table_attrs(for_qt, 'pair')}><tr>{cells}</tr></table>{_tags(link)}"
    )


def _tags(link: Link) -> str:
    """Each framing tag of the pair's changes once, with the core's one-line reason."""
    seen: set[tuple[str, str]] = set()
    rows = []
    for change in link.changes:
        for k, tag in enumerate(change.tags):
            why = change.reasons[k] if k < len(change.reasons) else f"“{change.a}” / “{change.b}”"
            if (tag, why) not in seen:
                seen.add((tag, why))
                rows.append(f'<li><span class="tag">{escape(tag)}</span>: {escape(why)}</li>')
    return f'<ul class="tags">{"".join(rows)}</ul>' if rows else ""


def _furniture(comparison: Comparison, names: list[str]) -> str:
    """Sentences never compared (boilerplate, masthead, section, byline), dimmed."""
    rows = []
    for k, art in enumerate(comparison.articles):
        items = [s for s in art.sentences if not s.linkable]
        if items:
            listed = "".join(
                f'<li>{escape(s.text)} <span class="tag">{escape(s.role)}</span></li>'
                for s in items
            )
            rows.append(
                f'<p class="outlet dim">{escape(names[k])}</p><ul class="dim">{listed}</ul>'
            )
    if not rows:
        return ""
    return (
        '<div class="boiler"><h2>Page furniture (not compared)</h2>\n'
        '<p class="meta">Mastheads, section names, bylines, promotions and captions stay out of '
        f"the comparison.</p>{''.join(rows)}</div>"
    )
