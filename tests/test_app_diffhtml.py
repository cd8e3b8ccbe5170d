"""diffhtml: article text is always escaped, spans merge, and a pair's marks land on the right
words (struck on the first sentence, underlined on the second)."""

from __future__ import annotations

from narrdiff.app.diffhtml import marked_sentence_html, merge_spans, pair_diff_html
from narrdiff.app.theme import LIGHT
from narrdiff.core.model import Article, Change, Comparison, Group, Link, Sentence


def test_text_and_marked_words_are_escaped():
    html = marked_sentence_html('a < b & "c" <i>', [(4, 5), (12, 15)], "x")
    assert (
        html
        == 'a &lt; <span class="x">b</span> &amp; &quot;c&quot; <span class="x">&lt;i&gt;</span>'
    )


def test_class_and_style_are_escaped_too():
    html = marked_sentence_html("ab", [(0, 1)], 'x"y', tag="u", style="color: <red>")
    assert html == '<u class="x&quot;y" style="color: &lt;red&gt;">a</u>b'


def test_overlapping_and_touching_spans_merge_into_one_mark():
    html = marked_sentence_html("abcdefghij", [(5, 7), (1, 4), (3, 6), (7, 8)], "m")
    assert html == 'a<span class="m">bcdefgh</span>ij'


def test_spans_at_both_ends_and_out_of_range_are_kept_inside_the_text():
    html = marked_sentence_html("hello world", [(0, 5), (6, 99)], "m")
    assert html == '<span class="m">hello</span> <span class="m">world</span>'


def test_empty_spans_mark_nothing():
    assert marked_sentence_html("abc", [(1, 1), (3, 3)], "m") == "abc"
    assert merge_spans([(2, 2), (-3, 1), (5, 4)], 10) == [(0, 1)]


def _pair(text_a: str, text_b: str, changes: tuple[Change, ...]) -> tuple[Link, Comparison]:
    def article(name: str, text: str) -> Article:
        return Article(name, name, text, (Sentence(text, 0, len(text)),), outlet=name)

    link = Link((0, 0), (1, 0), 0.8, changes=changes)
    comparison = Comparison(
        articles=(article("Alpha <A>", text_a), article("Beta", text_b)),
        links=(link,),
        groups=(Group(((0, 0), (1, 0))),),
        encoder="test",
    )
    return link, comparison


def test_pair_strikes_the_first_side_and_underlines_the_second():
    text_a = "Officials said 5 < 6 missiles were sold today"
    text_b = "Officials said 5 < 6 shells were bought today"
    changes = (
        Change("replace", "missiles", "shells", 21, 29, 21, 27),
        Change("replace", "sold", "bought", 35, 39, 33, 39),
    )
    link, comparison = _pair(text_a, text_b, changes)
    html = pair_diff_html(link, comparison, LIGHT)
    removed = f"background-color: {LIGHT.removed.name()};"
    inserted = f"background-color: {LIGHT.inserted.name()};"
    assert f'<s class="nd-removed" style="{removed}">missiles</s>' in html
    assert f'<u class="nd-inserted" style="{inserted}">bought</u>' in html
    assert "5 &lt; 6" in html and "5 < 6" not in html
    assert "Alpha &lt;A&gt; ↔ Beta · same · 0.80" in html


def test_pair_worded_differently_throughout_is_not_a_wall_of_marks():
    changes = (Change("replace", "Cats purr", "Dogs bark", 0, 9, 0, 9),)
    link, comparison = _pair("Cats purr", "Dogs bark", changes)
    html = pair_diff_html(link, comparison, LIGHT)
    assert "worded differently throughout" in html
    assert "<s " not in html and "<u " not in html


def test_pair_on_the_sample_marks_newly_declassified_as_telegraph_only(sample_comparison):
    link = next(
        link
        for link in sample_comparison.links
        if sample_comparison.sentence(link.a).text.startswith("RUSSIA is turning to North Korea")
        and link.strength == "same"
    )
    html = pair_diff_html(link, sample_comparison, LIGHT)
    assert ">newly declassified</s>" in html
    assert "The Daily Telegraph ↔ The Independent · same" in html
