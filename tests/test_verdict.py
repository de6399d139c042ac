"""Aggregating scored evidence into a verdict: labels, confidence, conflicting sources, thresholds on disk."""

import json

from checker.bundle import ModelBundle
from checker.claims import Claim
from checker.verdict import Evidence, Label, Thresholds, conflicting_sources, decide, premise

T = Thresholds(support=0.5, contradict=0.75, fitted_on="test", conflict=0.6)
CLAIM = Claim("The talks would begin at 07:00 GMT.", "The talks would begin at 07:00 GMT.", 0, 35)


def evidence(source: str, entailment: float, contradiction: float, rank: int = 1) -> Evidence:
    text = f"{source} sentence {rank}"
    return Evidence(passage_id=rank, document_id=rank, text=text, context=text, start=0, end=len(text),
                    context_start=0, source=source, title="", url="", published="2025-05-15", rank=rank,
                    retrieval_score=0.1, entailment=entailment, neutral=round(1 - entailment - contradiction, 4),
                    contradiction=contradiction)


def test_labels_follow_the_thresholds_and_the_larger_margin():
    assert decide(CLAIM, [evidence("A", 0.7, 0.1)], T).label == Label.SUPPORTED
    assert decide(CLAIM, [evidence("A", 0.2, 0.7)], T).label == Label.UNVERIFIED  # under 0.75
    assert decide(CLAIM, [evidence("A", 0.1, 0.8)], T).label == Label.CONTRADICTED
    both = decide(CLAIM, [evidence("A", 0.55, 0.1, 1), evidence("B", 0.1, 0.9, 2)], T)
    assert both.label == Label.CONTRADICTED and both.confidence == 0.9  # 0.15 over its bar beats 0.05
    empty = decide(CLAIM, [], T)
    assert empty.label == Label.UNVERIFIED and empty.confidence == 1.0 and not empty.conflicting


def test_conflicting_needs_two_sources_over_the_conflict_bar():
    pro, con = evidence("Eastern Dispatch", 0.74, 0.17, 1), evidence("Dnipro Ledger", 0.12, 0.70, 2)
    v = decide(CLAIM, [pro, con], T)
    assert v.label == Label.SUPPORTED and v.conflicting
    a, b = conflicting_sources(v.evidence, T.conflict)
    assert (a.source, b.source) == ("Eastern Dispatch", "Dnipro Ledger")
    assert [v.evidence[i] for i in v.conflict] == [a, b]  # the verdict keeps the pair it found
    assert (a.stance, b.stance) == ("supports", "contradicts")
    assert v.evidence[0].text == pro.text  # most decisive first
    same_source = evidence("Eastern Dispatch", 0.12, 0.70, 3)
    alone = decide(CLAIM, [pro, same_source], T)
    assert not alone.conflicting and alone.conflict is None
    weak = evidence("Dnipro Ledger", 0.3, 0.55, 2)
    assert not decide(CLAIM, [pro, weak], T).conflicting


def test_thresholds_are_read_from_the_model_bundle(tmp_path):
    assert Thresholds.from_bundle(ModelBundle.locate(str(tmp_path))) == Thresholds()
    (tmp_path / "verdict.json").write_text(json.dumps({"support": 0.55, "contradict": 0.8, "conflict": 0.6,
                                                       "fitted_on": "SciFact"}))
    assert Thresholds.from_bundle(ModelBundle.locate(str(tmp_path))) == Thresholds(0.55, 0.8, "SciFact", 0.6)


def test_premise_is_the_sentence_after_its_title():
    assert premise("Talks to start at 07:00", "He said so.") == "Talks to start at 07:00. He said so."
    assert premise("", "He said so.") == "He said so."


def test_stance_follows_the_thresholds_not_the_largest_probability():
    v = decide(CLAIM, [evidence("A", 0.30, 0.55, 1), evidence("B", 0.45, 0.20, 2), evidence("C", 0.1, 0.62, 3)], T)
    assert {e.source: e.stance for e in v.evidence} == {"A": "neutral", "B": "neutral", "C": "contradicts"}
    assert v.label == Label.UNVERIFIED  # C disagrees enough to be shown, not enough to contradict


def test_a_detail_that_differs_in_a_passage_about_the_same_thing_counts_against_the_claim():
    from dataclasses import replace

    from checker.consistency import Check

    time = Check("time", False, "09:00 GMT", "07:00 GMT", "claim says 09:00 GMT; Eastern Dispatch says 07:00 GMT")
    e = replace(evidence("Eastern Dispatch", 0.8, 0.1), checks=[time], alignment=0.9)
    v = decide(CLAIM, [e], T)
    assert v.label == Label.CONTRADICTED and v.confidence == 0.9 and v.evidence[0].stance == "contradicts"
    elsewhere = replace(e, alignment=0.3)  # about something else: the NLI scores stand
    assert decide(CLAIM, [elsewhere], T).label == Label.SUPPORTED
    # another source supports it and agrees on the detail: the sources disagree; supported, and conflicting
    agree = Check("time", True, "07:00 GMT", "07:00 GMT", "claim says 07:00 GMT; TASS says 07:00 GMT")
    pro = replace(evidence("TASS", 0.8, 0.1, 2), checks=[agree], alignment=1.0)
    both = decide(CLAIM, [e, pro], T)
    assert both.label == Label.SUPPORTED and both.conflicting
    # a passage about something else that NLI finds supportive does not outweigh the one about the claim's
    # own thing that differs on a detail: contradicted (and still conflicting, the two sources disagree)
    weaker = replace(pro, entailment=0.6)
    assert decide(CLAIM, [e, weaker], T).label == Label.SUPPORTED  # as much about it: the sources disagree
    aside = replace(weaker, checks=[], alignment=0.5)
    over = decide(CLAIM, [e, aside], T)
    assert over.label == Label.CONTRADICTED and over.conflicting
    # another sentence of the very report that differs is no second source: contradicted
    same_report = replace(weaker, document_id=e.document_id, source=e.source)
    assert decide(CLAIM, [e, same_report], T).label == Label.CONTRADICTED


def test_a_differing_negation_counts_where_the_checks_found_the_same_words_and_a_stored_one_as_before():
    from dataclasses import asdict, replace

    from checker.consistency import Check
    from checker.verdict import Evidence

    found = Check("negation", False, "agreement", "not agreement", "negation differs: the claim states “agreement”;"
                  " Dnipro Ledger negates or denies it", same_words=True)
    e = replace(evidence("Dnipro Ledger", 0.53, 0.38), checks=[found], alignment=0.0)  # "agreed", not "agreement"
    assert decide(CLAIM, [e], T).label == Label.CONTRADICTED
    # a check stored before negations were compared only between the same words counts by alignment, as it did
    stored = {**asdict(e), "checks": [{k: v for k, v in asdict(found).items() if k != "same_words"}]}
    old = Evidence.from_data(stored)
    assert old.disagreements == [] and decide(CLAIM, [old], T).label == Label.SUPPORTED
    assert Evidence.from_data({**stored, "alignment": 0.9}).disagreements != []


def test_a_passage_that_negates_as_the_claim_does_is_not_contradicting_it_on_nli_alone():
    from dataclasses import replace

    from checker.consistency import Check

    alike = Check("negation", True, "not plan", "not plan", "both negate: the claim “plan”; Business Line “plan”")
    e = replace(evidence("Business Line", 0.2, 0.75), checks=[alike], alignment=0.9, checked=True)
    assert e.scores == (0.2, 0.0) and decide(CLAIM, [e], T).label == Label.UNVERIFIED
    elsewhere = replace(e, alignment=0.4)  # not about the same thing: the agreement says nothing, NLI stands
    assert elsewhere.scores == (0.2, 0.75) and decide(CLAIM, [elsewhere], T).label == Label.CONTRADICTED


def test_a_passage_that_moves_the_same_thing_the_same_way_by_the_same_figure_is_not_contradicting_it():
    from dataclasses import replace

    from checker.verdict import with_checks

    claim = "Forecasters lowered their wheat harvest estimate by 4 percent after a dry spring."
    said = "Forecasters cut their estimate for this year's wheat harvest by 4 percent after a dry spring."
    e = with_checks(replace(evidence("Farm Ledger", 0.1, 0.87), text=said), claim)
    assert {c.kind for c in e.checks} == {"direction", "number"} and all(c.agrees for c in e.checks)
    assert e.moves_alike and e.scores == (0.1, 0.0) and decide(CLAIM, [e], T).label == Label.UNVERIFIED
    # Nothing takes a side, so the passage NLI finds most related comes first, not the stray 0.15 beside it.
    stray = replace(evidence("Farm Ledger", 0.07, 0.15, rank=2), alignment=0.6, checked=True)
    assert [x.rank for x in decide(CLAIM, [stray, e], T).evidence] == [1, 2]
    for other in ("raised their estimate for this year's wheat harvest by 4 percent",  # the direction differs
                  "cut their estimate for this year's wheat harvest by 14 percent"):  # the figure differs
        e = with_checks(replace(evidence("Farm Ledger", 0.1, 0.87), text=f"Forecasters {other}."), claim)
        assert not e.moves_alike and e.scores[1] >= 0.87 and decide(CLAIM, [e], T).label == Label.CONTRADICTED
    unfigured = with_checks(replace(evidence("Farm Ledger", 0.1, 0.87), text="Forecasters cut their estimate "
                                    "for this year's wheat harvest after a dry spring."), claim)
    assert not unfigured.moves_alike and unfigured.scores == (0.1, 0.87)  # the figure unchecked: NLI stands


def test_a_passage_that_names_only_the_claims_country_cannot_support_its_city():
    from dataclasses import replace

    from checker.consistency import Check

    less = Check("place", True, "Antalya", "Turkey", "claim says Antalya; Atlantic Brief says only Turkey, which "
                 "Antalya is in: it cannot confirm Antalya")
    e = replace(evidence("Atlantic Brief", 0.8, 0.1), checks=[less], alignment=0.9, checked=True)
    assert e.scores == (0.0, 0.1) and decide(CLAIM, [e], T).label == Label.UNVERIFIED
    assert decide(CLAIM, [replace(e, checks=[])], T).label == Label.SUPPORTED


def test_a_fitted_aggregator_decides_and_its_probability_is_the_confidence(tmp_path):
    from checker.verdict import FEATURES, Aggregator, features

    # Weights written by hand: supported follows support, contradicted follows contradiction.
    agg = Aggregator(("contradicted", "supported", "unverified"),
                     ((0, 6, 0, 0, 0, 0), (6, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0)), (-3, -3, 0))
    t = Thresholds(0.5, 0.75, "test", 0.6, agg)
    v = decide(CLAIM, [evidence("A", 0.9, 0.05)], t)
    p = agg.probabilities(features([evidence("A", 0.9, 0.05)]))
    assert v.label == Label.SUPPORTED and v.confidence == round(p["supported"], 4) and abs(sum(p.values()) - 1) < 1e-9
    assert decide(CLAIM, [evidence("A", 0.1, 0.2)], t).label == Label.UNVERIFIED
    (tmp_path / "verdict.json").write_text(json.dumps(t.to_json()))
    assert Thresholds.from_bundle(ModelBundle.locate(str(tmp_path))).aggregator == agg
    assert len(FEATURES) == len(agg.coef[0])


def test_a_differing_detail_contradicts_whatever_a_fitted_aggregator_says():
    from dataclasses import replace

    from checker.consistency import Check
    from checker.verdict import Aggregator

    # an aggregator that has learnt to discount detail differences: it says unverified whatever it reads
    agg = Aggregator(("contradicted", "supported", "unverified"), ((0,) * 6, (0,) * 6, (0,) * 6), (-3, -3, 3))
    t = Thresholds(0.5, 0.75, "test", 0.6, agg)
    time = Check("time", False, "09:00 GMT", "07:00 GMT", "claim says 09:00 GMT; Eastern Dispatch says 07:00 GMT")
    e = replace(evidence("Eastern Dispatch", 0.8, 0.1), checks=[time], alignment=0.9)
    v = decide(CLAIM, [e], t)
    assert v.label == Label.CONTRADICTED and v.confidence == 0.9  # the check decides, as without an aggregator
    assert decide(CLAIM, [replace(e, alignment=0.3)], t).label == Label.UNVERIFIED  # about something else
    assert decide(CLAIM, [evidence("A", 0.1, 0.9)], t).label == Label.UNVERIFIED  # NLI alone: the aggregator


def test_a_fitted_aggregator_calls_a_contradiction_only_with_a_passage_that_contradicts():
    from checker.verdict import Aggregator

    # an aggregator that reads contradiction into lukewarm NLI: contradicted unless support is strong
    agg = Aggregator(("contradicted", "supported", "unverified"),
                     ((0, 0, 0, 4, 0, 0), (4, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0)), (0, -2, 0))
    t = Thresholds(0.5, 0.75, "test", 0.6, agg)
    lukewarm = decide(CLAIM, [evidence("A", 0.3, 0.6)], t)  # no passage at the contradiction threshold
    assert agg.probabilities([0.3, 0.6, 0.3, 0.6, 0, 0])["contradicted"] > 0.5
    assert lukewarm.label == Label.UNVERIFIED
    clear = decide(CLAIM, [evidence("A", 0.1, 0.8)], t)
    assert clear.label == Label.CONTRADICTED and clear.evidence[0].stance == "contradicts"


def test_a_checked_passage_about_something_else_cannot_contradict():
    from dataclasses import replace

    from index.settings import CONTRADICTION_ALIGNMENT

    raw = evidence("A", 0.05, 0.9)
    assert raw.scores == (0.05, 0.9)  # not checked: NLI as it came
    elsewhere = replace(raw, checked=True, alignment=CONTRADICTION_ALIGNMENT - 0.1)
    assert elsewhere.scores == (0.05, 0.0)
    assert decide(CLAIM, [elsewhere], T).label == Label.UNVERIFIED
    same_thing = replace(raw, checked=True, alignment=CONTRADICTION_ALIGNMENT)
    assert decide(CLAIM, [same_thing], T).label == Label.CONTRADICTED
    # the guard reads the claim's own words: synonyms and names that raise the alignment do not let NLI through
    in_other_words = replace(same_thing, alignment=0.9, own_words=CONTRADICTION_ALIGNMENT - 0.1)
    assert in_other_words.scores == (0.05, 0.0)
    assert replace(in_other_words, own_words=CONTRADICTION_ALIGNMENT).scores == (0.05, 0.9)


def test_the_guard_uses_the_real_checks():
    from checker.verdict import with_checks

    e = with_checks(replace_text(evidence("A", 0.05, 0.9), "Galuzin and Fomin are members of the team."),
                    "The talks would begin at 07:00 GMT.")
    assert e.checked and e.alignment < 0.3 and e.scores[1] == 0.0


def replace_text(e, text):
    from dataclasses import replace

    return replace(e, text=text, context=text, end=len(text))


def test_a_sentence_cannot_support_a_claim_its_own_report_contradicts_elsewhere():
    """Culture Weekly's "Austria's entry won the public and jury vote" (NLI: entailment 0.67) cannot confirm
    a final held in Vienna when the report's other sentence says the final was in Basel."""
    from dataclasses import replace

    from checker.consistency import Check

    basel = Check("name", False, "Vienna", "Basel", "a different place: claim says Vienna; Culture Weekly says Basel")
    differs = replace(evidence("Culture Weekly", 0.07, 0.69, 1), checks=[basel], alignment=0.75, checked=True)
    won = replace(evidence("Culture Weekly", 0.67, 0.19, 2), document_id=1, alignment=0.75, checked=True)
    v = decide(CLAIM, [differs, won], T)
    assert v.label == Label.CONTRADICTED and v.support == 0.0
    assert v.evidence[1].overruled.endswith("a different place: claim says Vienna; Culture Weekly says Basel")
    assert v.evidence[1].stance == "neutral"
    # another report's sentence, or one of this report that checks the claim's place itself, still supports
    assert decide(CLAIM, [differs, replace(won, document_id=2)], T).evidence[0].overruled == ""
    vienna = Check("name", True, "Vienna", "Vienna", "claim says Vienna; Culture Weekly says Vienna")
    assert decide(CLAIM, [differs, replace(won, checks=[vienna])], T).support == 0.67
    # nor is a sentence overruled by one of its report that is less about the claim's thing
    assert decide(CLAIM, [replace(differs, alignment=0.5), won], T).support == 0.67


def test_a_forecast_cannot_support_a_claim_that_it_happened():
    """The blog's "Putin will personally lead the Russian delegation" (NLI: entailment 0.87) is no support
    for "Putin attended the talks in Istanbul in person": the real checks say so, and the aggregator's
    features leave it out."""
    from checker.verdict import features, with_checks

    claim = "Putin attended the talks in Istanbul in person."
    blog = with_checks(replace_text(evidence("Steppe Signal", 0.87, 0.07),
                                    "Putin will personally lead the Russian delegation in Istanbul."), claim)
    assert [c.kind for c in blog.checks] == ["forecast"] and "will personally lead" in blog.checks[0].explanation
    assert blog.scores[0] == 0.0 and decide(CLAIM, [blog], T).label == Label.UNVERIFIED
    assert features([blog])[2] == 0.0 and features([blog])[5] == 0.0  # no NLI entailment, no agreeing detail
    went = with_checks(replace_text(evidence("Meridian Wire", 0.87, 0.07),
                                    "Putin led the Russian delegation in Istanbul in person."), claim)
    assert went.scores[0] == 0.87 and decide(CLAIM, [went], T).label == Label.SUPPORTED


def test_a_sentence_that_points_back_is_read_with_the_sentence_before_it():
    """"Her name was not on it": the checks read "it" with the sentence before, so the negation counts;
    without that sentence (or with no pronoun to point back), the same words are too few."""
    from dataclasses import replace

    from checker.verdict import with_checks

    claim = "Maria Santos's name was at the top of the union's list of candidates."
    before, said = "The union published the list of its candidates on Monday. ", "Maria Santos's name was not on it."
    e = replace(evidence("Coastal Herald", 0.2, 0.3), text=said, context=before + said, start=len(before),
                end=len(before) + len(said))
    checked = with_checks(e, claim)
    assert [c.kind for c in checked.disagreements] == ["negation"] and checked.scores[1] >= 0.75
    alone = with_checks(replace_text(e, said), claim)
    assert not alone.disagreements


def test_a_source_disputes_a_differing_detail_only_by_saying_the_claims_detail():
    """The Kremlin's "ultimatums do not work" against "the Kremlin said that ultimatums work": Peskov's
    "ultimatums were unacceptable", which NLI reads as supporting the claim, says nothing of their working."""
    from dataclasses import replace

    from checker.consistency import Check

    claim = Claim("The Kremlin said that ultimatums work.", "The Kremlin said that ultimatums work.", 0, 38)
    negated = Check("negation", False, "work", "not work", "negation differs: the claim states “work”; "
                    "Brussels Insider negates or denies it", same_words=True)
    against = replace(evidence("Brussels Insider", 0.42, 0.49), checks=[negated], alignment=1.0, checked=True)
    aside = replace(evidence("Eastern Dispatch", 0.64, 0.29, 2), alignment=1.0, checked=True)
    v = decide(claim, [against, aside], T)
    assert v.label == Label.CONTRADICTED and v.conflicting  # the two sources still disagree
    # a claim that negates is disputed by a passage that negates as it does (a check agreeing)
    negates = replace(negated, claim_value="not work", evidence_value="work")
    both = Check("negation", True, "not work", "not work", "both negate: the claim “work”; TASS “work”")
    claim_not = Claim("Ultimatums do not work.", "Ultimatums do not work.", 0, 23)
    assert decide(claim_not, [replace(against, checks=[negates]), aside], T).label == Label.CONTRADICTED
    assert decide(claim_not, [replace(against, checks=[negates]), replace(aside, checks=[both])], T).label \
        == Label.SUPPORTED
    # a differing time is disputed as before by a supporting passage as much about the claim
    time = Check("time", False, "09:00 GMT", "07:00 GMT", "claim says 09:00 GMT; Eastern Dispatch says 07:00 GMT")
    differs = replace(evidence("Eastern Dispatch", 0.8, 0.1), checks=[time], alignment=0.9, checked=True)
    silent = replace(evidence("TASS", 0.6, 0.1, 2), alignment=1.0, checked=True)
    assert decide(CLAIM, [differs, silent], T).label == Label.SUPPORTED
