"""Who says what, read off the parse (checker.attribution), and what claim extraction does with it:
the team's sets, the newswire cases that broke the regex reader, pronouns, opinions and predictions."""

import pytest

from checker.attribution import DENIED, OPINION, PREDICTION, negative, statements
from checker.claims import split_claims
from checker.lab import attribution as lab

pytestmark = pytest.mark.model  # spaCy's English pipeline


@pytest.mark.parametrize("name", sorted(lab.SETS))
def test_the_team_sets_are_read_right_nine_times_in_ten(name):
    m = lab.score(lab.parser_reader, lab.rows(name))
    assert m["statements"] >= 30
    assert min(m["speaker"], m["stance"], m["text"]) >= 0.9, m["misses"]


def test_the_regex_reader_it_replaces_is_measured_on_the_same_set():
    old, new = lab.score(lab.regex_reader, lab.rows()), lab.score(lab.parser_reader, lab.rows())
    assert old["statements"] == new["statements"] and old["text"] < new["text"]


def read(sentence):
    return [(s.speaker, s.stance, s.text) for s in statements(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ("The Port Authority, however, said no new negotiations had been scheduled.",
     [("The Port Authority", "asserted", "No new negotiations had been scheduled.")]),
    ("The Port Authority has said it intends to bring in replacement crews.",
     [("The Port Authority", "asserted", "The Port Authority intends to bring in replacement crews.")]),
    ("\"The fares will rise in May,\" said the transport commissioner.",
     [("the transport commissioner", "asserted", "The fares will rise in May.")]),
    ("The embassy dismissed reports that the ambassador had been recalled.",
     [("The embassy", "denied", "The ambassador had been recalled.")]),
    ("The paper reported that the regulator had said the merger would be blocked.",
     [("the regulator", "asserted", "The merger would be blocked.")]),
])
def test_newswire_patterns(sentence, expected):
    assert read(sentence) == expected


def test_a_misparsed_news_agency_is_still_the_speaker():
    # en_core_web_sm reads "The Russian news agency TASS said ..." as a noun phrase with a relative clause
    assert read("The Russian news agency TASS said the talks would begin at 07:00 GMT, but a Ukrainian official "
                "said no time had been agreed.") == [
        ("The Russian news agency TASS", "asserted", "The talks would begin at 07:00 GMT."),
        ("a Ukrainian official", "asserted", "No time had been agreed.")]


def test_opinions_and_predictions_are_marked_with_their_speaker():
    [belief] = statements("Many residents think the operator has been unfair to its workers.")
    assert (belief.kind, belief.speaker) == (OPINION, "Many residents")
    [evaluation] = statements("Critics say the new parking rules are unfair.")
    assert (evaluation.kind, evaluation.speaker) == (OPINION, "Critics")
    [forecast] = statements("Analysts predict that prices will double by next year.")
    assert (forecast.kind, forecast.speaker) == (PREDICTION, "Analysts")
    [hedged] = statements("The bridge could close for a month, engineers said.")
    assert hedged.kind == PREDICTION
    [scheduled] = statements("The union said talks would restart on Thursday.")
    assert scheduled.kind == "fact"  # what is scheduled can be checked; "will"/"would" is not a forecast


def test_a_denial_of_any_agreement_denies_that_there_was_one():
    [s] = statements("A Ukrainian official denied any agreement on timing.")
    assert (s.stance, s.text) == (DENIED, "There was agreement on timing.")


@pytest.mark.parametrize("text, is_negative", [
    ("No new negotiations had been scheduled.", True), ("The driver was not injured.", True),
    ("Nobody was hurt.", True), ("Talks would restart on Thursday.", False),
    ("The operator has offered 5 percent.", False),
])
def test_negative_statements(text, is_negative):
    assert negative(text) is is_negative


STRIKE = """Maritime Workers United, which represents about 1,800 workers, wants a 9 percent raise. The union said \
talks would restart on Thursday. The Port Authority, however, said no new negotiations had been scheduled. It has \
also asked the city for police at the terminal gates. The Authority did not say when replacement crews would arrive. \
Many residents think the operator has been unfair to its workers. Prices in the town could rise, traders warned."""


def test_an_article_read_as_a_person_reads_it():
    claims, dropped = split_claims(STRIKE)
    texts = [c.text for c in claims]
    assert "Maritime Workers United represents about 1,800 workers." in texts  # the "which" aside, with its comma
    assert "Maritime Workers United wants a 9 percent raise." in texts
    # "It" is the Port Authority: the one compatible name in the sentence before (the union is named two back)
    assert "The Port Authority has also asked the city for police at the terminal gates." in texts
    # "The Authority" is the short form of the one earlier name that ends with it
    assert "The Port Authority did not say when replacement crews would arrive." in texts
    reasons = {d.reason for d in dropped}
    assert "opinion (Many residents): The operator has been unfair to its workers." in reasons
    assert "prediction (traders): Prices in the town could rise." in reasons


def test_a_pronoun_with_two_candidates_is_left_as_written_with_a_note():
    claims, _ = split_claims("Anna Berg and Maria Lind met in Oslo on Friday to discuss the merger. "
                             "She signed the agreement on Saturday morning.")
    [signed] = [c for c in claims if "signed" in c.text]
    assert signed.text == "She signed the agreement on Saturday morning."
    assert signed.note == "'She' may be Anna Berg or Maria Lind: left as written"


def test_a_pronoun_speaker_is_the_person_named_before():
    claims, dropped = split_claims("Vladimir Medinsky, a former culture minister, advises President Putin. "
                                   "He said the talks would start on Friday.")
    assert [(c.speaker, c.text) for c in claims][-1] == ("Vladimir Medinsky", "The talks would start on Friday.")


def test_a_pronoun_with_nothing_before_it_is_noted():
    [c], _ = split_claims("It was the largest protest in the city for a decade, with thousands on the streets.")
    assert c.note.startswith("'It' refers to nothing named before")


def test_an_event_then_what_the_same_subject_said():
    assert read("The company raised its full-year forecast and said it would open a new plant in 2027.") == [
        ("", "asserted", "The company raised its full-year forecast."),
        ("The company", "asserted", "The company would open a new plant in 2027.")]


def test_a_report_that_did_not_happen_or_reports_no_proposition_is_not_attribution():
    assert read("The Authority did not say when replacement crews would arrive.") == [
        ("", "asserted", "The Authority did not say when replacement crews would arrive.")]
