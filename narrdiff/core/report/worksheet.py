"""Comparison → a printable media-literacy worksheet, with an answer key on separate pages.

The question part shows the outlets' sentences UNMARKED (no strike, underline, tint or tag:
finding the differences is the pupils' task), passage by passage: every fact more than one
outlet reports, plus a few facts only one outlet has (those a finding is about first). Each
passage has general questions, a prompt per framing finding about it, and write-in lines; the
handout ends with questions about the whole story. The answer key starts on a new page
(`page-break-before`) and lists the findings, each passage's word changes, what each outlet adds
and omits, and whom it quotes.

`blind=True` names the outlets "Outlet A", "Outlet B" … in the questions (the key reveals who is
who). Like export_html, it fetches nothing, runs no script and only reads a Comparison.
"""

from __future__ import annotations

import datetime as _dt
from html import escape

from narrdiff.core.model import Change, Comparison, Finding, Group, Link
from narrdiff.core.report.htmlpage import excerpt, footer, labels, outlets_title, page, write_lines
from narrdiff.core.report.phrases import finding_message, reworded_throughout, stated_findings

SINGLES_PER_OUTLET = 2
"""How many facts only one outlet reports to show per outlet (those with findings come first)."""

GENERAL_QUESTION = "Which words differ between the outlets, and what do they suggest?"

# Per finding kind, a prompt that sends pupils to the evidence without giving the answer.
PROMPTS = {
    "headline_unsupported_term": "Compare {outlet}'s headline with the body: which word is "
    "not supported?",
    "headline_unsupported": "Compare {outlet}'s headline with the body: what does the headline "
    "claim that the body does not?",
    "term_swap": "The outlets name the same thing differently. Which words, and what does each "
    "choice suggest?",
    "number_mismatch": "Check the numbers and dates: do the outlets agree?",
    "attribution_difference": "Who is the source of this claim in each outlet?",
    "hedge_difference": "Which outlet sounds more certain here? Which words show it?",
    "loaded_word": "Find a word in {outlet} that carries a judgement. What would a neutral word "
    "be?",
    "quote_only_here": "{outlet} quotes someone here. Who, and what does the quotation add?",
    "quote_vs_paraphrase": "One outlet quotes, another puts it in its own words. Which is which, "
    "and does it matter?",
}


def worksheet_html(
    comparison: Comparison,
    *,
    answer_key: bool = True,
    blind: bool = False,
    for_qt: bool = False,
    today: _dt.date | None = None,
) -> str:
    """The worksheet as one HTML document (str); the answer key follows on new pages."""
    real = labels(comparison)
    shown = [f"Outlet {chr(65 + k)}" for k in range(len(real))] if blind else real
    groups = passages(comparison)
    parts = [_intro(comparison, shown)]
    parts += [_passage(comparison, n, g, shown, for_qt) for n, g in enumerate(groups, 1)]
    parts.append(_closing(shown, for_qt))
    if answer_key:
        parts.append(_answers(comparison, groups, real, shown if blind else None))
    parts.append(footer(comparison, today))
    title = f"Worksheet: {outlets_title(comparison, shown)}"
    return page(title, "\n".join(parts), for_qt=for_qt)


def passages(comparison: Comparison, singles: int = SINGLES_PER_OUTLET) -> list[Group]:
    """The groups the worksheet asks about, in story order: all shared ones, a few single ones."""
    about = {(f.article, f.sentence) for f in stated_findings(comparison)}
    chosen = set(comparison.shared_groups())
    for k in range(len(comparison.articles)):
        only = set(comparison.only_here(k))
        # a passage asks "Only X reports this": only for adds narrdiff calls only here
        own = [
            g
            for g in comparison.groups
            if g.articles() == frozenset({k}) and all(i in only for _, i in g.members)
        ]
        # facts a finding is about come first: they have something to ask
        own.sort(key=lambda g: not any(ref in about for ref in g.members))
        chosen.update(own[:singles])
    return [g for g in comparison.groups if g in chosen]


def _findings_in(comparison: Comparison, group: Group) -> list[Finding]:
    return [f for f in stated_findings(comparison) if (f.article, f.sentence) in group.members]


def _intro(comparison: Comparison, shown: list[str]) -> str:
    return (
        f"<h1>Reading the news: {escape(outlets_title(comparison, shown))}</h1>\n"
        "<p>Name: ______________________________ Date: ______________</p>\n"
        f"<p>{len(comparison.articles)} outlets reported the same story. Below are passages "
        "where they report the same fact, and some facts only one of them reports. Read each "
        "passage, then answer the questions in your own words.</p>"
    )


def _passage(comparison: Comparison, n: int, group: Group, shown: list[str], for_qt: bool) -> str:
    arts = sorted(group.articles())
    sentences = "".join(
        f'<p><span class="outlet">{escape(shown[a])}'
        f"{' (headline)' if comparison.sentence((a, i)).role == 'headline' else ''}:</span> "
        f"{escape(comparison.sentence((a, i)).text)}</p>"
        for a, i in group.members
    )
    if len(arts) == 1:
        questions = [f"Only {shown[arts[0]]} reports this. What does it add to the story?"]
    else:
        questions = [GENERAL_QUESTION]
    for finding in _findings_in(comparison, group):
        prompt = PROMPTS.get(finding.kind)
        if prompt and (text := prompt.format(outlet=shown[finding.article])) not in questions:
            questions.append(text)
    asked = "".join(
        f'<div class="question"><p>{escape(q)}</p>{write_lines(2, for_qt)}</div>' for q in questions
    )
    return f'<div class="question"><h2>Passage {n}</h2>{sentences}</div>{asked}'


def _closing(shown: list[str], for_qt: bool) -> str:
    questions = [f"What does {name} add that the others leave out?" for name in shown]
    questions += [
        "Whom does each outlet quote? Whose voice is missing?",
        "Which report would you show a friend who wants the facts, and why?",
    ]
    asked = "".join(
        f'<div class="question"><p>{escape(q)}</p>{write_lines(3, for_qt)}</div>' for q in questions
    )
    return f"<h2>The whole story</h2>{asked}"


# --- answer key -----------------------------------------------------------------------------


def _answers(
    comparison: Comparison, groups: list[Group], real: list[str], blind: list[str] | None
) -> str:
    who = ""
    if blind:
        who = (
            "<p>"
            + "; ".join(f"{escape(b)} is {escape(r)}" for b, r in zip(blind, real, strict=True))
            + ".</p>"
        )
    found = "".join(
        f"<li>{escape(finding_message(comparison, f))}</li>" for f in stated_findings(comparison)
    )
    findings = f"<h2>Framing differences</h2><ol>{found}</ol>" if found else ""
    keyed = "".join(_passage_key(comparison, n, g, real) for n, g in enumerate(groups, 1))
    return (
        '<div class="answers"><h1>Answer key</h1>'
        f"{who}{findings}<h2>Passage by passage</h2>{keyed}"
        f"{_adds_omits(comparison, real)}{_sources_key(comparison, real)}</div>"
    )


def _passage_key(comparison: Comparison, n: int, group: Group, real: list[str]) -> str:
    members = set(group.members)
    items = []
    for link in comparison.links:
        if link.a in members and link.b in members:
            items.append(_link_key(comparison, link, real))
    if len(group.articles()) == 1:
        items.append(f"<li>Only {escape(real[next(iter(group.articles()))])} reports this.</li>")
    items += [
        f"<li>{escape(finding_message(comparison, f))}</li>"
        for f in _findings_in(comparison, group)
    ]
    return f"<h3>Passage {n}</h3><ul>{''.join(items)}</ul>"


def _link_key(comparison: Comparison, link: Link, real: list[str]) -> str:
    """One linked pair in the key: who says what, then each framing tag with its reason."""
    name_a, name_b = real[link.a[0]], real[link.b[0]]
    text_a, text_b = comparison.sentence(link.a).text, comparison.sentence(link.b).text
    head = f"{name_a} “{excerpt(text_a, 60)}” and {name_b} “{excerpt(text_b, 60)}”"
    if not link.changes:
        same = " ".join(text_a.split()) == " ".join(text_b.split())
        lines = ["Same wording." if same else "Worded differently (no word list was made)."]
    elif reworded_throughout(comparison, link):
        lines = ["Worded differently throughout."]
    else:
        lines = [_plain_change(c, name_a, name_b) for c in link.changes]
    reasons = {
        f"{t}: {r}": None for c in link.changes for t, r in zip(c.tags, c.reasons, strict=False)
    }
    rows = "".join(f"<li>{escape(line)}</li>" for line in [*lines, *reasons])
    return f"<li>{escape(head)}<ul>{rows}</ul></li>"


def _plain_change(change: Change, name_a: str, name_b: str) -> str:
    if change.kind == "insert":
        return f"Only {name_b} has “{change.b}”."
    if change.kind == "delete":
        return f"Only {name_a} has “{change.a}”."
    return f"{name_a} says “{change.a}” where {name_b} says “{change.b}”."


def _adds_omits(comparison: Comparison, real: list[str]) -> str:
    rows = []
    for k, art in enumerate(comparison.articles):
        # "adds" on a handout is read as "only here": adds that are possibly elsewhere are left out
        adds = [art.sentences[i].text for i in comparison.only_here(k)]
        omits = [comparison.sentence(g.members[0]).text for g in comparison.omits(k)]
        added = "".join(f"<li>{escape(excerpt(t))}</li>" for t in adds) or "<li>nothing</li>"
        left = "".join(f"<li>{escape(excerpt(t))}</li>" for t in omits) or "<li>nothing</li>"
        rows.append(
            f"<h3>{escape(real[k])}</h3><p>Adds ({len(adds)}):</p><ul>{added}</ul>"
            f"<p>Leaves out ({len(omits)}):</p><ul>{left}</ul>"
        )
    return "<h2>What each outlet adds and leaves out</h2>" + "".join(rows)


def _sources_key(comparison: Comparison, real: list[str]) -> str:
    rows = []
    for k in range(len(comparison.articles)):
        found = comparison.sources[k] if k < len(comparison.sources) else ()
        rows.append(f"<li>{escape(real[k])}: {escape('; '.join(found) or 'no named source')}</li>")
    return f"<h2>Whom each outlet quotes or cites</h2><ul>{''.join(rows)}</ul>"
