"""Typed changes and findings on sentence pairs written for the tests (every tag, and the cases
that must stay untagged), plus the findings on the two seed articles."""

from __future__ import annotations

import json

import pytest
from framing_cases import article, comparison, reasons, tagged, tags

from narrdiff.core.model import Change
from narrdiff.core.pipeline import relink
from narrdiff.core.report import json_report as report
from narrdiff.core.report import text_report
from narrdiff.core.report.phrases import finding_message

LABELS = ["The Post", "The Times"]
"""The outlets of the hand-made articles, in article order."""

# --- tags: the negative cases --------------------------------------------------------------------


def test_identical_wording_gives_no_change_and_no_tag():
    text = "The minister said 40 families could be moved from the regime's border zone."
    assert tagged(text, text) == []


def test_reordered_words_alone_are_no_term_swap():
    assert "term" not in tags(
        "Russia and North Korea signed the deal on Monday.",
        "North Korea and Russia signed the deal on Monday.",
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Three soldiers died in the attack.", "3 soldiers died in the attack."),
        ("40 families fled the town.", "Forty families fled the town."),
        ("The army lost 5,000 men.", "The army lost 5000 men."),
    ],
)
def test_same_number_written_differently_is_no_number_change(a, b):
    assert "number" not in tags(a, b)


def test_said_against_said_is_no_attribution_difference():
    assert tags(
        "A police spokesman said the road was closed on Monday.",
        "A police spokesman said the road had been closed on Monday.",
    ).isdisjoint({"attribution"})


def test_a_hedge_of_the_same_kind_on_both_sides_is_no_hedge_difference():
    assert "hedge" not in tags("The army could attack the town.", "The army might attack the town.")


def test_synonyms_of_the_table_are_no_term_swap():
    assert "term" not in tags(
        "The United Nations condemned the test.", "The UN condemned the test."
    )
    assert "term" not in tags("Moscow condemned the test.", "Russia condemned the test.")


def test_a_synonym_inside_matching_quotes_is_a_quote_difference_not_a_term_swap():
    changes = tagged(
        "“We will defeat them,” the general said.", "“We will beat them,” the general said."
    )
    assert [c.tags for c in changes] == [("quote",)]
    assert "defeat" in changes[0].reasons[0] and "beat" in changes[0].reasons[0]


def test_a_loaded_word_inside_a_quote_is_the_speakers_not_the_outlets():
    assert tags(
        "“These thugs must go,” the mayor said.", "“These people must go,” the mayor said."
    ) == {"quote"}


# --- tags: each kind fires, with a reason --------------------------------------------------------


def test_term_swap_names_both_words():
    changes = tagged(
        "Russia is buying missiles from North Korea.", "Russia is buying rockets from North Korea."
    )
    assert changes[0].tags == ("term",)
    assert changes[0].reasons == ("“missiles” where the other says “rockets”",)


def test_compound_swap_is_found_inside_a_sentence_reworded_throughout():
    found = reasons(
        "The revelation comes on the heels of another disclosure that the Russian military has "
        "begun receiving Iranian-made drones, some of which are said to have mechanical flaws.",
        "It comes after US President Joe Biden’s administration confirmed the Russian military "
        "had taken delivery of Iranian-manufactured drones for use on the battlefield in Ukraine "
        "in August.",
    )
    assert "“Iranian-made” where the other says “Iranian-manufactured”" in found


def test_different_numbers_are_tagged_and_found():
    assert "number" in tags("40 families fled the town.", "50 families fled the town.")
    a = article("The Post", ["Officials said 40 families fled the town on Sunday."])
    b = article("The Times", ["Officials said 50 families fled the town on Sunday."])
    [finding] = comparison(a, b, [(0, 0)]).findings
    assert finding.kind == "number_mismatch"
    assert finding.render(LABELS) == "The Post says “40 families”; The Times says “50 families”."


def test_a_number_on_one_side_only_is_tagged():
    assert reasons("Russia bought 300 drones.", "Russia bought drones.") == [
        "“300” appears on one side only"
    ]


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (
            "The minister said the plan was sound.",
            "The minister claimed the plan was sound.",
            "“said” where the other says “claimed”",
        ),
        (
            "Police said the road was closed.",
            "A witness said the road was closed.",
            "cites “Police” (“said”); the other cites “a witness”",
        ),
        (
            "The bridge was closed, John Smith told Reuters.",
            "The bridge was closed.",
            "cites “John Smith” (“told”); the other names no source",
        ),
    ],
)
def test_attribution_differences(a, b, reason):
    assert "attribution" in tags(a, b)
    assert reason in reasons(a, b)


def test_a_hedge_on_one_side_only_is_tagged():
    assert reasons("The army will attack the town.", "The army could attack the town.") == [
        "hedges with “could” (possibility); the other does not hedge"
    ]


def test_hedges_of_different_kinds_are_tagged():
    assert "hedge" in tags(
        "Moscow was expected to buy more shells.", "Moscow could buy more shells."
    )


def test_loaded_word_is_tagged_with_its_reason():
    changes = tagged("The regime raised taxes again.", "The government raised taxes again.")
    assert set(changes[0].tags) == {"term", "loaded"}
    assert "“regime” is a loaded word; the other does not use it" in changes[0].reasons


def test_a_quote_against_a_paraphrase_is_tagged():
    assert "quote" in tags(
        "“We will win this war,” the general said.", "The general said they would win the war."
    )


def test_reasons_run_parallel_to_tags():
    for change in tagged(
        "A US official said that Moscow was expected to buy additional North Korean equipment.",
        "Officials believe Moscow could purchase additional North Korean military equipment.",
    ):
        assert len(change.reasons) == len(change.tags)


# --- findings on hand-made articles --------------------------------------------------------------


def test_hedge_finding_names_the_outlet_that_hedges():
    a = article("The Post", ["A US official said that Moscow was expected to buy more shells."])
    b = article("The Times", ["Officials believe Moscow could purchase more shells."])
    kinds = {f.kind: f for f in comparison(a, b, [(0, 0)]).findings}
    assert kinds["hedge_difference"].article == 1
    assert kinds["hedge_difference"].render(LABELS) == (
        "The Times hedges: “Officials believe” … “could purchase”; "
        "The Post: “A US official said” … “was expected to buy”."
    )


def test_same_hedge_and_same_source_give_no_finding():
    a = article("The Post", ["Officials said the army could attack the town within days."])
    b = article("The Times", ["Officials said the army might attack the town within days."])
    assert comparison(a, b, [(0, 0)]).findings == ()


def test_attribution_finding_for_a_reporting_verb_of_other_force():
    a = article("The Post", ["The minister admitted the plan had failed."])
    b = article("The Times", ["The minister insisted the plan had failed."])
    [finding] = comparison(a, b, [(0, 0)]).findings
    assert finding.kind == "attribution_difference"
    assert "“The minister admitted”" in finding.render(LABELS)
    assert "“The minister insisted”" in finding.render(LABELS)


def test_loaded_epithet_against_another_is_a_term_swap_finding():
    a = article("The Post", ["Russia relies on pariah regimes such as Iran for drones."])
    b = article("The Times", ["Russia relies on the isolated state for drones."])
    [finding] = comparison(a, b, [(0, 0)]).findings
    assert (finding.kind, finding.article, finding.text) == ("term_swap", 0, "pariah regimes")
    assert finding.render(LABELS) == (
        "The Post calls Iran “pariah regimes”; The Times says “the isolated state”."
    )


def test_a_quote_only_one_article_has_is_a_finding():
    a = article("The Post", ["“We are not going anywhere soon,” Jane Doe, the mayor, said."])
    b = article("The Times", ["The council met on Monday."])
    [finding] = comparison(a, b, []).findings
    assert finding.kind == "quote_only_here"
    assert (
        finding.render(LABELS) == "Only The Post quotes Jane Doe: “We are not going anywhere soon”."
    )


# --- the seed articles ---------------------------------------------------------------------------

TELEGRAPH, INDEPENDENT = 0, 1

SAMPLE_FINDINGS = {
    ("headline_unsupported_term", TELEGRAPH, 1, "missiles"),
    ("term_swap", TELEGRAPH, 4, "pariah regimes"),
    ("hedge_difference", INDEPENDENT, 2, "believe, could"),
    # the Telegraph paraphrases the official without quoting: only the Independent quotes him
    (
        "quote_only_here",
        INDEPENDENT,
        3,
        "the Russian military continues to suffer from severe supply shortages in Ukraine, due in "
        "part to export controls and sanctions",
    ),
    ("loaded_word", TELEGRAPH, 10, "war-shattered"),
    ("quote_only_here", TELEGRAPH, 5, "Things are not going well on that front"),
    (
        "quote_only_here",
        TELEGRAPH,
        6,
        "The Kremlin should be alarmed that it has to buy anything at all from North Korea",
    ),
}


def test_articles_are_in_file_name_order(sample_comparison):
    names = [a.name for a in sample_comparison.articles]
    assert names[TELEGRAPH].startswith("the-daily-telegraph")
    assert names[INDEPENDENT].startswith("the-independent")


def test_exactly_the_reviewed_findings_on_the_samples(sample_comparison):
    """Each of these was read against both articles by eye; nothing else may be flagged."""
    found = {(f.kind, f.article, f.sentence, f.text) for f in sample_comparison.findings}
    assert found == SAMPLE_FINDINGS
    # the missiles, pariah-regimes and hedge findings are stated, not only kept as tags
    stated = {f.kind for f in sample_comparison.findings if f.shown}
    assert {"headline_unsupported_term", "term_swap", "hedge_difference"} <= stated


def test_seed_finding_messages(sample_comparison):
    messages = [finding_message(sample_comparison, f) for f in sample_comparison.findings]
    assert messages[:3] == [
        "The Daily Telegraph's headline says “missiles”; its body and The Independent say "
        "“artillery shells and rockets”.",
        "The Daily Telegraph calls North Korea and Iran “pariah regimes”; The Independent says "
        "“the isolated state”.",
        "The Independent hedges: “Officials believe” … “could purchase”; The Daily Telegraph: "
        "“A US official said” … “was expected to buy”.",
    ]


def test_findings_come_headline_first_and_cite_evidence(sample_comparison):
    findings = sample_comparison.findings
    assert findings[0].kind == "headline_unsupported_term"
    assert findings[0].evidence == ((TELEGRAPH, 2), (INDEPENDENT, 1))
    for finding in findings:
        assert (
            finding.evidence
            and (finding.article, finding.sentence) in finding.evidence
            or (finding.kind.startswith("headline"))
        )


def test_sample_change_tags(sample_comparison):
    link = next(link for link in sample_comparison.links if link.a == (0, 9) and link.b == (1, 2))
    hedged = [c for c in link.changes if "hedge" in c.tags]
    assert [(c.a, c.b) for c in hedged] == [
        ("A US official said that", "Officials believe"),
        ("was expected to buy", "could purchase"),
    ]
    headline = next(
        link for link in sample_comparison.links if link.a == (0, 1) and link.b == (1, 1)
    )
    first: Change = headline.changes[0]
    assert first.tags == ("term", "number")
    assert first.reasons[0] == "“missiles” where the other says “artillery shells and rockets”"


def test_relink_recomputes_the_findings(sample_comparison):
    from narrdiff.core.link.align import AlignOptions

    strict = relink(sample_comparison, AlignOptions.from_strictness(0.95))
    assert len(strict.links) < len(sample_comparison.links)
    assert strict.findings != sample_comparison.findings
    assert strict.sources == sample_comparison.sources


def test_json_findings_follow_the_contract(sample_comparison):
    data = json.loads(report.to_json(sample_comparison))
    assert [set(f) for f in data["findings"]] == [
        {"kind", "article", "sentence", "text", "message", "evidence", "shown", "hidden_reason"}
    ] * len(sample_comparison.findings)
    first = data["findings"][0]
    assert first["kind"] == "headline_unsupported_term" and first["text"] == "missiles"
    assert first["evidence"] == [[0, 2], [1, 1]]
    assert "Patrick Ryder" in data["articles"][TELEGRAPH]["sources"]
    for link in data["links"]:
        for change in link["changes"]:
            assert len(change["reasons"]) == len(change["tags"])
    assert any(c["tags"] for link in data["links"] for c in link["changes"])


def test_text_report_opens_with_findings_then_sources(sample_comparison):
    text = text_report.to_text(sample_comparison, width=200)
    findings_at = text.index("== How the reports frame the story differently")
    sources_at = text.index("== Sources")
    assert findings_at < sources_at < text.index("== The Daily Telegraph: adds")
    assert "1. The Daily Telegraph's headline says “missiles”" in text
    assert "The Independent. Quotes or cites: US intelligence; Officials;" in text
    assert "[hedge]" in text


def test_word_lists_are_resource_files_with_valid_kinds():
    from narrdiff.core.text import lexicon

    assert ("pariah",) in lexicon.loaded_words() and ("war-shattered",) in lexicon.loaded_words()
    assert set(lexicon.hedges().values()) <= set(lexicon.HEDGE_ORDER)
    assert lexicon.hedges()[("expect", "to")] == "likelihood"
    forces = {"tentative", "neutral", "emphatic", "distancing", "concessive", "belief"}
    assert set(lexicon.reporting_verbs().values()) <= forces
    assert lexicon.reporting_verbs()["claimed"] == "distancing"


def test_names_no_source_is_never_claimed_when_the_other_reports_someone():
    # the patterns find no source in b, but b plainly reports one: no finding may say "none"
    a = article("The Post", ["Police said the coast road was closed on Monday."])
    b = article(
        "The Times",
        ["The coast road was closed on Monday, an engineer, who asked not to be named, said."],
    )
    assert [
        f for f in comparison(a, b, [(0, 0)]).findings if "names none" in f.render(LABELS)
    ] == []


def test_a_hedge_is_a_finding_only_where_both_make_the_hedged_claim():
    a = article("The Post", ["No one is believed to be injured in the fire at the store."])
    b = article("The Times", ["No one has been injured in the fire at the store."])
    kinds = [f.kind for f in comparison(a, b, [(0, 0)]).findings]
    assert kinds == ["hedge_difference"]
    c = article("The Post", ["She was killed by an allegedly drunk driver who fled the scene."])
    d = article("The Times", ["She was killed by a car whose driver fled the scene."])
    assert [f.kind for f in comparison(c, d, [(0, 0)]).findings] == []


def test_no_quote_against_paraphrase_when_the_other_quotes_the_words_elsewhere():
    quote = "“The bullet is a bit deformed and touched a hard surface,” doctors said."
    paraphrase = "Doctors found the bullet was a bit deformed by a hard surface."
    filler = [f"Protesters marched through district {n} on Sunday." for n in range(8)]
    quoting = article("The Times", [quote, *filler])
    also_quoting = article("The Post", [paraphrase, quote, *filler])
    found = comparison(also_quoting, quoting, [(0, 0)]).findings
    assert [f.kind for f in found if f.kind == "quote_vs_paraphrase"] == []
    paraphrasing = article("The Post", [paraphrase, *filler])
    found = comparison(paraphrasing, quoting, [(0, 0)]).findings
    assert [f.kind for f in found if f.kind == "quote_vs_paraphrase"] == ["quote_vs_paraphrase"]


@pytest.mark.parametrize(
    ("a", "b", "said"),
    [
        (
            "The storm killed 12 people on the coast, police said.",
            "The storm killed three people on the coast.",
            "The Post says “12 people”; The Times says “three people”.",
        ),
        (
            "The club paid $2 million for the striker on Monday.",
            "The club paid $2.5 million for the striker on Monday.",
            "The Post says “$2 million”; The Times says “$2.5 million”.",
        ),
        # the same number written two ways, an age against a count, different things counted,
        # clock times and dates: no conflict
        ("Three people died in the fire.", "3 people died in the fire.", None),
        ("15 people were hurt, among them a man of 47.", "15 people were hurt in the blast.", None),
        ("Ten fire engines fought the blaze.", "More than 50 firefighters fought the blaze.", None),
        ("The fire began at 8.49pm on Friday.", "The fire began at 2045 GMT on Friday.", None),
        ("He was jailed on December 6.", "He was jailed five days ago.", None),
    ],
)
def test_conflicting_numbers_are_found_only_for_the_same_thing(a, b, said):
    found = comparison(article("The Post", [a]), article("The Times", [b]), [(0, 0)]).findings
    numbers = [f.render(LABELS) for f in found if f.kind == "number_mismatch"]
    assert numbers == ([said] if said else [])


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The ship was freed on Monday, the U.N. refugee agency said.", "the U.N. refugee agency"),
        ("“We will stay,” said Jerry Capeci, an author of six books.", "Jerry Capeci"),
        ("THE SHIP WAS SEIZED ON SATURDAY, POLICE SAID.", "POLICE"),
        ("The navy confirmed the ship was freed on Monday.", "The navy"),
        (
            "“The rule is sound,” said Secretary of the Interior Dirk Kempthorne.",
            "Secretary of the Interior Dirk Kempthorne",
        ),
    ],
)
def test_sources_in_any_order_and_casing(text, source):
    from narrdiff.core.framing.attribution import attributions

    assert source in [a.source for a in attributions(text)]


def test_names_none_is_not_claimed_when_the_next_sentence_names_the_source():
    a = article("The Post", ["The ship was freed on Monday, the navy said."])
    b = article(
        "The Times",
        ["The ship was freed on Monday.", "The navy said its commandos boarded it at dawn."],
    )
    found = comparison(a, b, [(0, 0)]).findings
    assert [f.render(LABELS) for f in found if f.kind == "attribution_difference"] == []
    alone = article("The Times", ["The ship was freed on Monday.", "The weather was calm."])
    found = comparison(a, alone, [(0, 0)]).findings
    assert [f.render(LABELS) for f in found if f.kind == "attribution_difference"] == [
        "The Post names its source (“the navy said”); The Times names none."
    ]


def test_a_count_added_is_no_source():
    a = article("The Post", ["Carter added 12 points for the Bulldogs on Friday."])
    b = article("The Times", ["Carter scored 12 points for the Bulldogs on Friday."])
    assert [f.kind for f in comparison(a, b, [(0, 0)]).findings] == []


def test_a_renamed_outlet_reaches_every_finding_in_every_report(sample_comparison):
    from dataclasses import replace

    from narrdiff.core.report import html_report

    articles = (replace(sample_comparison.articles[0], outlet="The Paper"),)
    renamed = replace(sample_comparison, articles=articles + sample_comparison.articles[1:])
    messages = [f["message"] for f in report.to_dict(renamed)["findings"]]
    assert messages[0].startswith("The Paper's headline says “missiles”")
    assert not any("Telegraph" in m for m in messages)
    assert "1. The Paper's headline says “missiles”" in text_report.to_text(renamed, width=200)
    assert "The Paper&#x27;s headline says" in html_report.comparison_html(renamed)


# --- quotation findings that must not be said (mechanisms behind false "only X quotes") ----------


def _quote_only(result) -> list[str]:
    return [f.render(LABELS) for f in result.findings if f.kind == "quote_only_here"]


def test_the_speaker_named_is_the_one_beside_the_quotation():
    a = article(
        "The Post",
        [
            "Prosecutor Ann Lee told reporters after a hearing where lawyer Tom Hill said she was "
            "“resting at a clinic near the sea” all week."
        ],
    )
    b = article("The Times", ["The council met on Monday."])
    assert _quote_only(comparison(a, b, [])) == [
        "Only The Post quotes Tom Hill: “resting at a clinic near the sea”."
    ]


def test_no_speaker_is_named_when_no_attribution_stands_beside_the_quotation():
    a = article(
        "The Post",
        [
            "Under questioning, the court source said the officer acted in self defence while "
            "the youths were shouting they “were going to kill him”."
        ],
    )
    b = article("The Times", ["The council met on Monday."])
    assert _quote_only(comparison(a, b, [])) == ["Only The Post quotes: “were going to kill him”."]


def test_a_title_in_quotation_marks_is_no_quotation():
    a = article(
        "The Post",
        ["Mr Hill wrote in his memoir, “Secret Man: The Story of Deep Throat” that he knew."],
    )
    b = article("The Times", ["The council met on Monday."])
    assert _quote_only(comparison(a, b, [])) == []


def test_a_quotation_the_other_quotes_in_part_is_not_only_here():
    a = article(
        "The Post",
        [
            "“For decades the law has protected our rarest wildlife, and we should be looking "
            "for ways to improve it, not weaken it,” the president said."
        ],
    )
    b = article(
        "The Times",
        [
            "The president said “we should be looking at ways to strengthen the law - - "
            "not weaken it.”"
        ],
    )
    assert [m for m in _quote_only(comparison(a, b, [])) if "The Post" in m] == []


def test_a_quotation_is_searched_in_every_sentence_of_the_others_whatever_its_role():
    from dataclasses import replace

    a = article("The Post", ["“The man is an emotional wreck,” the judge said on Friday."])
    b = article("The Times", ["The trial went on.", "“The man is an emotional wreck.”"])
    # a quotation alone on its line may be read as a caption: it still quotes the words
    caption = replace(b.sentences[1], role="caption")
    b = replace(b, sentences=(b.sentences[0], caption))
    assert _quote_only(comparison(a, b, [])) == []


# --- hedge differences that are not differences --------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # neighbouring kinds are the same doubt in other words
        (
            "An alleged Mafia boss was arrested in Palermo on Tuesday.",
            "A suspected Mafia leader was arrested in Palermo on Tuesday.",
        ),
        # the claim is attributed on the other side: as hedged as "allegedly"
        (
            "The driver allegedly fled the scene after the crash.",
            "The man police say fled the scene after the crash.",
        ),
        # a belief verb reports what someone thinks; it is not the outlet hedging
        (
            "Felt later said he believed the president misused the bureau.",
            "The bureau soon learned the president misused the bureau.",
        ),
        # a modal in a relative clause says which projects, it does not hedge the claim
        (
            "Agencies no longer consult biologists on projects that might harm species.",
            "Agencies no longer consult biologists on projects that harm species.",
        ),
        # the other sentence hedges too, outside the changed words
        (
            "A suspected gang leader, police said, was held in Palermo on Tuesday.",
            "A gang leader was held in Palermo on Tuesday, an alleged crime.",
        ),
    ],
)
def test_no_hedge_finding_without_a_real_difference_in_certainty(a, b):
    result = comparison(article("The Post", [a]), article("The Times", [b]), [(0, 0)])
    assert [f for f in result.findings if f.kind == "hedge_difference"] == []


def test_a_plain_statement_against_a_possibility_is_a_hedge_finding():
    a = article("The Post", ["The minister will resign on Friday."])
    b = article("The Times", ["The minister may resign on Friday."])
    [finding] = [f for f in comparison(a, b, [(0, 0)]).findings if f.kind == "hedge_difference"]
    assert finding.article == 1


def test_the_status_line_counts_in_the_right_number():
    from narrdiff.core.report.phrases import comparison_summary

    a = article("The Post", ["The council met on Monday.", "It rained."])
    b = article("The Times", ["The council met on Monday."])
    assert comparison_summary(comparison(a, b, [(0, 0)])) == (
        "Compared 2 articles: 1 fact shared, 1 linked sentence pair."
    )
