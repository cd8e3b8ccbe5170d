"""Paragraph roles on the seed articles and on invented articles with other page furniture."""

from __future__ import annotations

from importlib.resources import files

import pytest

from narrdiff.core.model import (
    BODY,
    BOILERPLATE,
    BYLINE,
    DATELINE,
    HEADLINE,
    OUTLET,
    SECTION,
    Document,
)
from narrdiff.core.parse.article import parse_article
from narrdiff.core.parse.roles import _cues, _parse_cue_text, label_paragraphs


def seed_paragraphs(name: str) -> list[str]:
    text = files("narrdiff.sample_articles").joinpath(name).read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def roles_by_text(paragraphs: list[str], **hints: str) -> dict[str, str]:
    return dict(zip(paragraphs, label_paragraphs(paragraphs, **hints), strict=True))


def test_telegraph_seed_masthead_headline_body_and_footer():
    paragraphs = seed_paragraphs("the-daily-telegraph-2022-09.txt")
    roles = roles_by_text(paragraphs)
    assert roles["The Daily Telegraph"] == OUTLET
    assert roles["Moscow buys missiles from North Korea as sanctions bite"] == HEADLINE
    assert roles["Newspapers in English"] == BOILERPLATE
    assert roles["Newspapers from United Kingdom"] == BOILERPLATE
    body = [p for p in paragraphs if roles[p] == BODY]
    assert len(body) == 11
    assert body[0].startswith("RUSSIA is turning to North Korea")
    assert body[-1].startswith("A deal to buy weaponry")


def test_independent_seed_section_no_headline_and_promos():
    paragraphs = seed_paragraphs("the-independent-2022-09.txt")
    roles = roles_by_text(paragraphs)
    assert roles["World"] == SECTION
    assert HEADLINE not in roles.values()
    assert roles[paragraphs[1]] == BODY  # "Russia is buying millions…": a sentence, not a title
    for furniture in [
        "Ukraine ‘making real gains’ – follow latest updates",
        "More on North Korea",
        "Please use Chrome browser for a more accessible video player",
        "0:53",
        "Putin shows off his falconry skills",
    ]:
        assert roles[furniture] == BOILERPLATE, furniture
    assert sum(r == BODY for r in roles.values()) == 13


def test_online_article_with_advertisements_and_related_promo():
    paragraphs = [
        "Pentagon confirms Russia is buying North Korean shells",
        "Advertisement",
        "Russia is buying millions of shells from North Korea, officials said on Tuesday.",
        "Related: How sanctions are squeezing Russia's arms industry",
        "The purchases show that sanctions are biting, a Pentagon spokesman said.",
        "Advertisement",
        "Share this article",
        "Analysts expect more deals to follow.",
    ]
    assert label_paragraphs(paragraphs) == [
        HEADLINE,
        BOILERPLATE,
        BODY,
        BOILERPLATE,
        BODY,
        BOILERPLATE,
        BOILERPLATE,
        BODY,
    ]


def test_wire_story_dateline_stays_body():
    paragraphs = [
        "Russia buying North Korean artillery, US says",
        "WASHINGTON (AP) — Russia is buying millions of rockets and artillery shells from "
        "North Korea, a U.S. official said Tuesday.",
        "The official, who spoke on condition of anonymity, said the purchases showed sanctions "
        "were working.",
    ]
    assert label_paragraphs(paragraphs) == [HEADLINE, BODY, BODY]


def test_byline_and_updated_line():
    paragraphs = [
        "Politics",
        "Russia turns to North Korea for shells as sanctions bite",
        "By Jane Smith, Defence Correspondent",
        "Updated 10:42 GMT, 6 September 2022",
        "Russia has approached North Korea for ammunition, US officials say.",
        "The deal would breach UN resolutions.",
    ]
    assert label_paragraphs(paragraphs) == [
        SECTION,
        HEADLINE,
        BYLINE,
        DATELINE,
        BODY,
        BODY,
    ]


def test_name_and_title_byline_and_bare_name_after_headline():
    paragraphs = [
        "Sanctions force Moscow to shop in Pyongyang",
        "JOHN DOE",
        "Jane Smith, Political Editor",
        "Moscow has bought shells from Pyongyang.",
    ]
    assert label_paragraphs(paragraphs) == [HEADLINE, BYLINE, BYLINE, BODY]


def test_headline_ending_with_question_mark():
    paragraphs = [
        "Is Russia running out of ammunition?",
        "Russia is buying shells from North Korea, which suggests its stocks are low.",
        "Officials in Washington declined to comment.",
    ]
    assert label_paragraphs(paragraphs) == [HEADLINE, BODY, BODY]


def test_article_without_furniture_is_all_body():
    paragraphs = [
        "Russia is buying artillery shells from North Korea.",
        "US officials say sanctions are to blame.",
        "“It is a sign of desperation,” one analyst said.",
        "Will it work? Few think so.",
    ]
    assert label_paragraphs(paragraphs) == [BODY] * 4


def test_title_hint_picks_the_headline_and_site_hint_the_masthead():
    paragraphs = [
        "Evening Star",
        "Sanctions bite",
        "Moscow has bought shells from Pyongyang, officials say.",
    ]
    roles = label_paragraphs(paragraphs, title="Sanctions bite | Evening Star", site="Evening Star")
    assert roles == [OUTLET, HEADLINE, BODY]


def test_headline_like_first_line_with_a_cue_word_mid_line_is_not_a_masthead():
    paragraphs = [
        "Post Office Scandal Deepens As Inquiry Opens",
        "The inquiry opened on Monday.",
    ]
    assert label_paragraphs(paragraphs) == [HEADLINE, BODY]


def test_section_words_are_not_mastheads():
    assert label_paragraphs(["UK News", "Moscow has bought shells from Pyongyang."]) == [
        SECTION,
        BODY,
    ]


def test_short_body_sentences_mentioning_promo_words_stay_body():
    paragraphs = [
        "Russia has bought shells from North Korea.",
        "Countries that sign up to the treaty must comply.",
        "Read more about it in the report.",  # a real sentence that happens to start so
        "Officials declined to give comments.",
    ]
    assert label_paragraphs(paragraphs)[:2] == [BODY, BODY]
    assert label_paragraphs(paragraphs)[3] == BODY


@pytest.mark.parametrize("stamp", ["0:53", "12:04", "1:02:33"])
def test_durations_are_boilerplate(stamp):
    paragraphs = ["Russia has bought shells.", stamp, "Officials confirmed the deal."]
    assert label_paragraphs(paragraphs)[1] == BOILERPLATE


@pytest.mark.parametrize(
    "stamp",
    [
        "Mon 5 Sep 2022 10.42 BST",
        "Posted 2 hours ago",
        "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM",
    ],
)
def test_time_stamps_are_datelines(stamp):
    paragraphs = ["Russia has bought shells.", stamp, "Officials confirmed the deal."]
    assert label_paragraphs(paragraphs)[1] == DATELINE


def test_long_paragraph_without_final_punctuation_is_body():
    long_line = (
        "Russia is buying millions of artillery shells and rockets from North Korea for its war "
        "in Ukraine according to US intelligence"
    )
    assert label_paragraphs(["Russia has bought shells.", long_line]) == [BODY, BODY]


def test_text_without_any_prose_is_body_not_furniture():
    # Nothing to stand "amid": a single line, or a list of headlines, is the content itself.
    assert label_paragraphs(["Russia buys shells from North Korea"]) == [BODY]
    assert label_paragraphs(["Russia buys shells", "Kim meets Putin"]) == [BODY, BODY]


def test_cue_file_sections_and_comments():
    parsed = _parse_cue_text("# comment\nread more\n\n[outlet]\nTimes\n# another\n[byline]\neditor")
    assert parsed == {"boilerplate": ["read more"], "outlet": ["Times"], "byline": ["editor"]}


def test_packaged_cue_file_loads():
    cues = _cues()
    assert "telegraph" in cues.outlet
    assert any(p.search("Please use Chrome browser") for p in cues.boilerplate)


def test_copied_web_page_with_menu_published_line_and_image_credit():
    paragraphs = [
        "BBC News",
        "Home | War in Ukraine | Climate | UK | World",
        "Russia buying North Korean ammunition - US",
        "Published",
        "6 September 2022",
        "Image source, Getty Images",
        "Russia is buying millions of rockets from North Korea, US officials say.",
        "The information comes from newly declassified US intelligence.",
        "Related Topics",
    ]
    assert label_paragraphs(paragraphs) == [
        OUTLET,
        BOILERPLATE,
        HEADLINE,
        DATELINE,
        DATELINE,
        BOILERPLATE,
        BODY,
        BODY,
        BOILERPLATE,
    ]


def test_reporter_name_with_place_after_headline_and_standfirst():
    paragraphs = [
        "Russia buying millions of rockets from North Korea, US intelligence says",
        "Revelation suggests sanctions and export controls are hurting Moscow’s ability to "
        "supply its troops in Ukraine",
        "Julian Borger in Washington",
        "Russia is buying millions of rockets and artillery shells from North Korea.",
    ]
    assert label_paragraphs(paragraphs) == [HEADLINE, BODY, BYLINE, BODY]


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("Updated 9:06 AM A woman has died in Queens.", "Updated 9:06 AM"),
        (
            "Jan 5, 2011 – 4:35 PM Pierre Thomas was put on injured reserve.",
            "Jan 5, 2011 – 4:35 PM",
        ),
        ("Tuesday, December 20, 2005 The mob boss died in prison.", "Tuesday, December 20, 2005"),
        (
            "NAIROBI, Kenya (Reuters) — Gunmen attacked a bus on Monday.",
            "NAIROBI, Kenya (Reuters) —",
        ),
        ("March 3 was the day the storm hit the coast.", ""),
        ("Saturday's game was cancelled after the storm.", ""),
        ("On Thursday, the ministry announced new rules.", ""),
    ],
)
def test_a_dateline_glued_to_the_first_paragraph_is_its_own_sentence(paragraph, dateline):
    doc = Document("a", "a.txt", f"Storm hits the coast\n\n{paragraph}\n\nOfficials confirmed it.")
    article = parse_article(doc)
    datelines = [s.text for s in article.sentences if s.role == DATELINE]
    assert datelines == ([dateline] if dateline else [])
    assert all(dateline not in s.text for s in article.sentences if s.linkable and dateline)


def test_fragments_and_stamps_inside_a_paragraph_are_not_facts():
    text = (
        "Storm hits the coast\n\nThe storm hit the coast on Friday, officials said. "
        "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM\n\n"
        'Reversible?\n\nThe damage may be repaired, the mayor said. "'
    )
    article = parse_article(Document("a", "a.txt", text))
    roles = {s.text.strip(): s.role for s in article.sentences}
    assert (
        roles["PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM"]
        == DATELINE
    )
    assert [s.text for s in article.sentences if s.linkable] == [
        "Storm hits the coast",
        "The storm hit the coast on Friday, officials said.",
        "The damage may be repaired, the mayor said.",
    ]
