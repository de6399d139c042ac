"""Pure rendering helpers of the UI (no model, no server)."""

from checker.claims import split_claims
from checker.verdict import Label, Verdict
from ui.render import highlighted_article, sentence_label

TEXT = ("The Russian team, headed by Vladimir Medinsky, arrived in Istanbul on Thursday. "
        "Turkish officials gave no time for the talks.")


def verdicts(labels):
    claims = split_claims(TEXT)[0]
    assert len(claims) == len(labels)
    return [Verdict(c, Label(label), 0.6, 0.6, 0.1, False, []) for c, label in zip(claims, labels)]


def test_a_sentence_split_into_claims_gets_one_mark():
    marks = [m for _, m in highlighted_article(TEXT, verdicts(["unverified", "supported", "supported"])) if m]
    assert marks == ["partly supported", "supported"]
    marks = [m for _, m in highlighted_article(TEXT, verdicts(["supported", "supported", "contradicted"])) if m]
    assert marks == ["supported", "contradicted"]


def test_sentence_label():
    assert sentence_label(["supported", "supported"]) == "supported"
    assert sentence_label(["supported", "unverified"]) == "partly supported"
    assert sentence_label(["supported", "contradicted"]) == "contradicted"
    assert sentence_label(["unverified"]) == "unverified"


def test_the_words_two_sides_disagree_on_are_marked():
    from checker.output import differing_words

    a = "TASS reported that the talks would begin at 07:00 GMT on Thursday."
    b = "A Turkish source said the talks would not start before 13:00 GMT on Thursday."
    pa, pb = differing_words(a, b)
    assert [a.split()[i] for i in sorted(pa)] == ["07:00"]  # TASS opens the sentence; GMT, Thursday are on both
    assert [b.split()[i] for i in sorted(pb)] == ["Turkish", "13:00"]


def test_evidence_cards_escape_everything_and_explain_numbers():
    from checker import output
    from checker.verdict import Evidence

    e = Evidence(passage_id=1, document_id=7, text="Talks start at 13:00 <b>GMT</b>.",
                 context="Before. Talks start at 13:00 <b>GMT</b>. After <script>x()</script>.", start=8, end=40,
                 context_start=0, source="Evil <img src=x onerror=alert(1)> Wire", title="T", url="",
                 published="2025-05-15", rank=1, retrieval_score=0.1, entailment=0.1, neutral=0.2, contradiction=0.7,
                 stance="contradicts")
    html = output.evidence_cards_html("Talks start at 07:00 GMT.", [e])
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "Evil &lt;img src=x onerror=alert(1)&gt; Wire" in html and "CONTRADICTS 0.70" in html
    assert "the passage says 13:00 where the claim says 07:00" in html


def test_an_evidence_card_says_why_a_passage_cannot_support_the_claim():
    """A sentence overruled by its own report, and one that only forecasts what the claim says happened:
    decided on the real checks, each card says why, though NLI leans to support."""
    from dataclasses import replace

    from checker import output
    from checker.claims import Claim
    from checker.verdict import Evidence, Thresholds, decide, with_checks

    def passage(pid, text, entailment, contradiction):
        return Evidence(passage_id=pid, document_id=52, text=text, context=text, start=0, end=len(text),
                        context_start=0, source="Culture Weekly", title="Song contest final draws record audience",
                        url="", published="2025-05-18", rank=pid, retrieval_score=0.1, entailment=entailment,
                        neutral=round(1 - entailment - contradiction, 4), contradiction=contradiction)

    claim = "The song contest final was held in Vienna."
    basel = with_checks(passage(1, "The final of the song contest in Basel drew a record television audience.",
                                0.07, 0.69), claim)
    won = with_checks(passage(2, "Austria's entry won the public and jury vote.", 0.67, 0.19), claim)
    v = decide(Claim(claim, claim, 0, len(claim)), [basel, won], Thresholds(0.5, 0.65, "test", 0.5))
    html = output.evidence_cards_html(claim, v.evidence)
    assert v.label == Label.CONTRADICTED
    assert ("cannot support it: its report says otherwise elsewhere: a different place: claim says Vienna; "
            "Culture Weekly says Basel") in html
    blog = with_checks(replace(passage(3, "The final will be held in Vienna next year.", 0.8, 0.1), document_id=9),
                       "The song contest final was held in Vienna.")
    why = output.explanation(claim, blog)
    assert "; cannot support it: claim says it happened (was held); Culture Weekly says only that it will" in why
    assert "agrees:" not in why  # a note that the passage says less is no agreement
