"""Evidence extraction: names, numbers with what they count, dates and clock times (invented
sentences), and how two sentences' details agree or conflict."""

from __future__ import annotations

from narrdiff.core.text.evidence import agreement, evidence


def quantities(sentence):
    return [(q.value, q.unit) for q in evidence(sentence).quantities]


def names(sentence):
    return [n.text for n in evidence(sentence).names]


def test_numbers_get_their_value_and_what_they_count():
    assert quantities("Three people died and 15 people were hurt.") == [
        (3.0, "peopl"),
        (15.0, "peopl"),
    ]
    assert quantities("The fund lost $2.5 million last year.") == [(2_500_000.0, "usd")]
    assert quantities("A 7.1 magnitude quake struck.") == [(7.1, "magnitud")]
    assert quantities("Prices rose 30 percent, then 5%.") == [(30.0, "percent"), (5.0, "percent")]
    assert quantities("At least 5,000 more homes were flooded.") == [
        (5000.0, "hom")
    ]  # stems, as lexicon.stem
    assert quantities("A 45-year-old man and twenty-five others.") == [
        (45.0, "year-old"),
        (25.0, "other"),
    ]


def test_a_number_does_not_count_across_punctuation_and_names_are_not_numbers():
    assert quantities("The suspect, 45, was arrested.") == [(45.0, "")]
    assert quantities("Russia bought Mohajer-6 drones.") == []
    assert names("Russia bought Mohajer-6 drones.") == ["Russia", "Mohajer-6"]


def test_approximate_scales_are_marked():
    (q,) = evidence("Russia is buying millions of artillery shells.").quantities
    assert q.approximate and q.value == 1e6


def test_dates_and_years_are_dates_not_counts():
    ev = evidence("The storm hit on March 3, 2009, and again on Tuesday.")
    assert set(ev.date_keys) == {"month:3", "day:3", "year:2009", "weekday:2"}
    assert ev.quantities == ()
    assert evidence("He left yesterday.").date_keys == {"rel:yesterday"}
    assert evidence("It opened on 3 May.").date_keys == {"month:5", "day:3"}
    assert evidence("Officials said talks may resume.").date_keys == frozenset()


def test_clock_times_on_a_24_hour_clock():
    assert evidence("The blast came at 3:30 p.m. local time.").time_keys == {"15:30"}
    assert evidence("Polls open at 10 am.").time_keys == {"10:00"}
    assert evidence("Trading stopped at 14:00 GMT.").time_keys == {"14:00"}
    assert evidence("Bells rang at midnight.").time_keys == {"00:00"}


def test_names_are_capitalised_runs_without_the_sentence_opener():
    assert names("Police said Ali Dizaei was jailed by Southwark Crown Court.") == [
        "Ali Dizaei",
        "Southwark Crown Court",
    ]
    assert names("The Bank of England raised rates.") == ["Bank of England"]
    assert names("RUSSIA is turning to North Korea.") == ["RUSSIA", "North Korea"]
    assert names("On Tuesday, in March, it rained.") == []  # dates are not names


def test_two_different_earthquakes_conflict_on_date_and_toll_but_share_the_scale():
    first = evidence("A 7.1 magnitude earthquake struck Haiti on Tuesday, killing 15 people.")
    second = evidence("A 6.5 magnitude quake hit Haiti on Friday and killed 200 people.")
    found = agreement(first, second)
    assert found.number_conflict == 2  # magnitude and people
    assert found.date_conflict == 1 and found.dates_shared == 0
    assert found.names_shared == 1  # Haiti
    assert agreement(second, first) == found


def test_one_report_in_other_words_agrees():
    first = evidence("Three people died in the fire at 3:30 pm on Monday, police said.")
    second = evidence("The Monday fire, which broke out at 15:30, killed 3 people.")
    found = agreement(first, second)
    assert found.numbers_shared == 1 and found.number_conflict == 0
    assert found.dates_shared == 1 and found.date_conflict == 0
    assert found.times_shared == 1 and not found.time_conflict
