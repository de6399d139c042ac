"""Claim extraction: sentences, drops, attribution (read off spaCy's parse), pronouns, asides."""

import pytest

from checker.claims import ASSERTED, DENIED, attributions, decompose, normalise, split_claims

pytestmark = pytest.mark.model  # spaCy's English pipeline

ARTICLE = """Kremlin Sends Aides to Istanbul

Kremlin Sends Aides to Istanbul

The Kremlin named its delegation late on Wednesday. Russian news agency TASS said the talks would begin at 0700 GMT, but a Ukrainian official denied any agreement on timing. Will Putin come? Vladimir Medinsky leads the team. He served as culture minister until 2020. Key decision-makers may be absent, a source familiar with the 2022 talks said.

The comments posted here are not from our newsroom. Please refrain from abusive language in your comments."""


def by_text(claims):
    return {c.text: c for c in claims}


def test_headlines_questions_and_boilerplate_are_dropped():
    claims, dropped = split_claims(ARTICLE)
    reasons = {d.sentence: d.reason for d in dropped}
    assert reasons["Kremlin Sends Aides to Istanbul"] == "headline"
    assert reasons["Will Putin come?"] == "question"
    assert reasons["The comments posted here are not from our newsroom."] == "boilerplate"
    assert reasons["Please refrain from abusive language in your comments."] == "boilerplate"
    assert not any("comments" in c.sentence for c in claims)


def test_two_attributed_statements_in_one_sentence_become_two_claims():
    claims = by_text(split_claims(ARTICLE)[0])
    tass = claims["The talks would begin at 07:00 GMT."]
    assert (tass.speaker, tass.stance) == ("Russian news agency TASS", ASSERTED)
    denial = claims["There was agreement on timing."]
    assert (denial.speaker, denial.stance) == ("a Ukrainian official", DENIED)
    assert tass.sentence == denial.sentence and ARTICLE[tass.start : tass.end] == tass.sentence
    assert tass.attribution == "Russian news agency TASS said" and denial.attribution == "a Ukrainian official denied"


def test_a_reported_prediction_is_dropped_with_its_speaker_and_plain_assertions_are_kept():
    claims, dropped = split_claims(ARTICLE)
    claims = by_text(claims)
    assert "Key decision-makers may be absent." not in claims
    assert "prediction (a source familiar with the 2022 talks): Key decision-makers may be absent." in {
        d.reason for d in dropped}
    plain = claims["The Kremlin named its delegation late on Wednesday."]
    assert (plain.speaker, plain.stance) == ("", ASSERTED)


def test_pronoun_is_resolved_when_one_person_is_named_before():
    claims = split_claims(ARTICLE)[0]
    [c] = [c for c in claims if "culture minister" in c.sentence]
    assert c.text == "Vladimir Medinsky served as culture minister until 2020."
    assert c.sentence == "He served as culture minister until 2020."


def test_a_pronoun_is_the_last_named_subject_before_it_and_left_alone_when_that_is_ambiguous():
    claims = split_claims("Putin met Recep Erdogan and Vladimir Medinsky in Ankara on Friday. He left the city at noon.")[0]
    assert claims[-1].text == "Putin left the city at noon."  # the subject, not the people met
    claims = split_claims("Putin and Erdogan met Vladimir Medinsky in Ankara on Friday. He left the city at noon.")[0]
    assert claims[-1].text == "He left the city at noon."  # the subject is two people; three are named
    assert claims[-1].note.startswith("'He' may be ")


def test_according_to_and_normalised_times():
    [(prop, speaker, stance)] = attributions("The first session starts at 1330 GMT, according to Turkish officials.")
    assert (prop, speaker, stance) == ("The first session starts at 1330 GMT.", "Turkish officials", ASSERTED)
    assert normalise("starts at 1330 GMT") == "starts at 13:30 GMT"


def test_text_without_claims():
    claims, dropped = split_claims("Why? Who knows?\n\nSubscribe to our newsletter.")
    assert claims == [] and {d.reason for d in dropped} == {"question", "boilerplate"}


def test_seed_article_comment_policy_is_not_a_claim(seed_article):
    claims, dropped = split_claims(seed_article)
    assert any(d.reason == "boilerplate" and "comments posted here" in d.sentence for d in dropped)
    assert not any("comments" in c.sentence.lower() for c in claims)
    speakers = {c.speaker: c for c in claims if c.speaker}
    assert speakers["Russian news agency TASS"].text == "The talks would begin at 07:00 GMT."
    assert speakers["a Ukrainian official"].stance == DENIED


def test_an_interrupted_subject_gives_one_claim_per_fact():
    text = ("The Russian team, headed by Vladimir Medinsky and including two deputy ministers, "
            "arrived in Istanbul on Thursday.")
    claims = split_claims(text)[0]
    assert [c.text for c in claims] == [
        "The Russian team arrived in Istanbul on Thursday.",
        "The Russian team is headed by Vladimir Medinsky.",
        "The Russian team includes two deputy ministers.",
    ]
    assert {(c.sentence, c.start, c.end) for c in claims} == {(text, 0, len(text))}  # shown as written


@pytest.mark.parametrize("sentence, parts", [
    ("Estonia, a NATO member since 2004, condemned the line-up.",
     ["Estonia condemned the line-up.", "Estonia is a NATO member since 2004."]),
    ("Medinsky, who led the 2022 talks, heads the team again.",
     ["Medinsky heads the team again.", "Medinsky led the 2022 talks."]),
    ("The talks, held at the palace offices, were delayed by two hours.",
     ["The talks were delayed by two hours.", "The talks were held at the palace offices."]),
    ("The delegations, including two deputy ministers, were waiting at the palace.",
     ["The delegations were waiting at the palace.", "The delegations include two deputy ministers."]),
])
def test_appositives_relative_clauses_and_participles(sentence, parts):
    assert decompose(sentence) == parts


@pytest.mark.parametrize("sentence", [
    "Russia, Ukraine and Turkey sent delegations to the talks on Friday.",  # a list, not an aside
    "On Thursday, officials said, the talks began late.",  # a leading phrase and an attribution
    "Ukraine rejects these terms as surrender, seeking guarantees from its allies, especially Washington.",
    "Galuzin, Fomin and Kostyukov, all senior officials, travelled to Istanbul.",
])
def test_sentences_without_an_interrupted_subject_stay_whole(sentence):
    assert decompose(sentence) == [sentence]


def test_a_proposition_with_line_breaks_is_decomposed_too():
    # (split_sentences makes each line of a block its own sentence; decompose is public and takes any text)
    assert decompose("The Russian team, headed by Vladimir\nMedinsky, arrived in Istanbul\non Thursday.") == [
        "The Russian team arrived in Istanbul on Thursday.", "The Russian team is headed by Vladimir Medinsky."]


@pytest.mark.parametrize("sentence, parts", [
    ("Maritime Workers United, which represents about 1,800 workers, wants a 9 percent raise.",
     ["Maritime Workers United wants a 9 percent raise.", "Maritime Workers United represents about 1,800 workers."]),
    ("Zelenskiy would be in Turkey on Thursday and would wait for Putin there.",
     ["Zelenskiy would be in Turkey on Thursday.", "Zelenskiy would wait for Putin there."]),
    ("The Russian delegation, led by presidential adviser Vladimir Medinsky and including deputy ministers and the "
     "head of military intelligence, is seen as lacking decisive authority.",
     ["The Russian delegation is seen as lacking decisive authority.",
      "The Russian delegation is led by presidential adviser Vladimir Medinsky.",
      "The Russian delegation includes deputy ministers and the head of military intelligence."]),
])
def test_asides_with_numbers_joined_predicates_and_a_list_inside_an_aside(sentence, parts):
    assert decompose(sentence) == parts


@pytest.mark.parametrize("text", [
    "", "...", "He said.", "They said that.", "According to.", "The the the said that that that.",
    "Not everyone agreed, officials said, adding that.", "; ; ;", ", but , but ,", "said said said said said",
    "• One said yes\n• Two denied no", "A" * 3000,
])
def test_odd_text_gives_claims_or_nothing_never_an_error(text):
    claims, dropped = split_claims(text)
    assert all(len(c.text.split()) >= 2 for c in claims)
