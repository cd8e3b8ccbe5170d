"""Headline check: words a headline uses that no supporting body sentence says or paraphrases."""

from __future__ import annotations

from framing_cases import article, comparison

from narrdiff.core.framing.cues import sentence_facts
from narrdiff.core.framing.headline import supporting_sentences, unsupported_words


def _unsupported(headline: str, *body: str) -> list[str]:
    facts = [sentence_facts(text) for text in body]
    return [w.text for w in unsupported_words(sentence_facts(headline), facts)]


def test_inflection_case_and_capital_for_country_are_supported():
    assert (
        _unsupported(
            "Moscow buys shells from Pyongyang", "RUSSIA is buying shells from North Korea."
        )
        == []
    )


def test_demonyms_and_verb_synonyms_are_supported():
    assert (
        _unsupported(
            "Russian army to purchase Iranian drones", "Russia’s army will buy drones from Iran."
        )
        == []
    )


def test_a_word_no_body_says_is_flagged_even_when_a_near_synonym_is_there():
    # "rockets" is close to "missiles" in embedding space; it must not excuse it
    assert _unsupported(
        "Moscow buys missiles", "Russia is buying artillery shells and rockets."
    ) == ["missiles"]


def test_function_words_and_numbers_are_not_checked():
    assert _unsupported(
        "Russia to buy 3 million shells as war drags on", "Russia buys shells."
    ) == [
        "war",
        "drags",
    ]


def test_headline_finding_names_what_the_bodies_say_instead():
    a = article(
        "The Post",
        ["Russia is buying artillery shells from North Korea, officials said."],
        headline="Moscow buys missiles from North Korea",
    )
    b = article("The Times", ["Russia is buying artillery shells from North Korea."])
    result = comparison(a, b, [(0, 0), (1, 0)])
    [finding] = [f for f in result.findings if f.kind.startswith("headline")]
    assert (finding.kind, finding.article, finding.sentence, finding.text) == (
        "headline_unsupported_term",
        0,
        0,
        "missiles",
    )
    assert finding.render(["The Post", "The Times"]) == (
        "The Post's headline says “missiles”; its body and The Times say “artillery shells”."
    )
    assert finding.evidence == ((0, 1), (1, 0))


def test_a_headline_no_body_sentence_backs_is_flagged():
    a = article("The Post", ["The council met on Monday."], headline="Mayor quits in tax row")
    b = article("The Times", ["The council met on Monday."])
    result = comparison(a, b, [(1, 0)])
    assert supporting_sentences(result, (0, 0)) == []
    [finding] = result.findings
    assert finding.kind == "headline_unsupported"
    assert (
        finding.render(["The Post", "The Times"])
        == "No sentence in any article's body backs The Post's headline."
    )


def test_a_headline_its_bodies_fully_support_gives_no_finding():
    a = article(
        "The Post", ["Russia is buying shells from North Korea."], headline="Russia buys shells"
    )
    b = article("The Times", ["Moscow is buying shells from Pyongyang."])
    assert comparison(a, b, [(0, 0), (1, 0)]).findings == ()


def test_sample_headline_support(sample_comparison):
    support = supporting_sentences(sample_comparison, (0, 1))
    # linked (B1, B5), grouped (A2) and near in meaning; never the headline itself
    assert {(0, 2), (1, 1), (1, 5)} <= set(support)
    assert (0, 1) not in support


def test_other_forms_of_a_headline_word_are_supported():
    body = "Thousands of protesters fled the capital as the riots spread; one man died."
    assert _unsupported("Protester flees capital after death in violent riot", body) == ["violent"]
    assert _unsupported("Riot violence grips capital as protester flees", body + " Violent.") == [
        "grips"
    ]


def test_light_words_names_and_title_case_headlines_are_not_checked():
    body = "The minister resigned on Monday."
    assert _unsupported("Minister quits amid row over budget", body) == ["quits", "row", "budget"]
    assert _unsupported("Minister Quits Amid Row Over Budget", body) == []
    assert _unsupported("MINISTER QUITS AMID ROW", body) == []


def test_any_body_supports_a_headline_word_not_only_the_linked_sentences():
    a = article(
        "The Post",
        ["The minister resigned on Monday."],
        headline="Minister resigns over budget disgrace",
    )
    b = article(
        "The Times",
        ["The minister resigned on Monday.", "Critics had called the budget a disgrace."],
    )
    result = comparison(a, b, [(0, 0), (1, 0)])
    assert (1, 1) not in supporting_sentences(result, (0, 0))  # "budget disgrace" is only there
    assert [f for f in result.findings if f.kind.startswith("headline")] == []


def test_irregular_verb_forms_and_light_words_are_supported():
    assert (
        _unsupported("Jury finds Lopez guilty of murder", "Lopez was found guilty of murder.") == []
    )
    assert (
        _unsupported("Districts drawn due to elections", "Districts were drawn for elections.")
        == []
    )


def test_no_counterpart_without_the_headline_words_beside_it():
    # the diff pairs "regulation" with "rounds", but the headline's "win" has no place beside
    # "rounds": a rewording, not a word put in another's place
    a = article(
        "The Post",
        ["The champion stopped the challenger in six rounds.", "It was his tenth victory."],
        headline="Champion stops challenger in regulation win",
    )
    b = article("The Times", ["Champion retains titles stopping challenger in six rounds"])
    result = comparison(a, b, [(0, 0), (1, 0)])
    assert [f for f in result.findings if f.kind == "headline_unsupported_term"] == []
