"""Article → check-worthy claims, with offsets, attribution and light decontextualisation.

1. Split into sentences (``index.chunk.split_sentences``), keeping character offsets.
2. Drop what is not a claim: questions, headlines (the title, repeated), site boilerplate
   (comment policies, subscription prompts), fragments, and sentences the check-worthiness
   classifier scores below its threshold.
3. Recognise reported speech — "TASS said X", "X, a source said", "an official denied Y" —
   and keep the speaker and the stance (asserted / denied) beside the proposition to check.
   A sentence that joins two attributed statements ("A said X, but B denied Y") gives two claims.
4. Decontextualise lightly: times like "0700 GMT" are normalised and a leading "He"/"She" is
   replaced by the one person named in the previous sentence, when there is exactly one.
5. Decompose a sentence whose subject is interrupted by an aside — "The delegation, led by X and
   including Y, is seen as Z" — into its main clause ("The delegation is seen as Z") and one claim
   per aside ("The delegation is led by X.", "The delegation includes Y."). Each part stands alone,
   so NLI judges one fact at a time; all parts keep the sentence's offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.chunk import split_sentences

ASSERTED, DENIED = "asserted", "denied"
MIN_WORDS = 5

_SAY = (r"(?:said|says|say|claimed|claims|claim|reported|reports|report|announced|announces|stated|states|"
        r"told reporters|told|added|noted|insisted|argued|confirmed|confirms|wrote|warned|suggested)")
_DENY = r"(?:denied|denies|deny|disputed|disputes|refuted)"
_SPEAKER = r"(?P<speaker>(?:[A-Z][\w'’.-]*|an?|the|The|A|An)(?:[\s,](?!that\b)[\w'’.-]+){0,8}?)"

# "TASS said (that) P" / "a Ukrainian official denied (that) P"
_LEAD = re.compile(rf"^{_SPEAKER}\s+(?P<verb>{_SAY}|{_DENY})(?:\s+on\s+\w+)?(?:\s+that)?\s+(?P<prop>.+)$")
# "P, TASS said." / "P, a source familiar with the talks said."
_TRAIL = re.compile(rf"^(?P<prop>.+?),\s+(?P<speaker>[^,]{{2,80}}?)\s+(?P<verb>{_SAY}|{_DENY})\.?$")
# "P, according to X."
_ACCORDING = re.compile(r"^(?P<prop>.+?),?\s+according to (?P<speaker>[^,.]{2,80})[.]?$", re.I)
# an aside that reports speech ("officials said") is attribution, not a fact about the subject
_REPORTING = re.compile(rf"\b{_SAY}\b|\b{_DENY}\b")
# "A said X, but B denied Y" → two clauses
_JOIN = re.compile(r",\s+(?:but|while|whereas)\s+(?=\S)|;\s+")

_BOILERPLATE = re.compile(
    r"\b(comments? (?:posted|section|policy|below|here)|posted (?:here|below)|refrain from|subscribe|newsletter|"
    r"cookie|all rights reserved|terms of (?:use|service)|privacy policy|sign up|log in|click here|read more|"
    r"follow us|share this|advertisement|copyright|©|download our app|editor'?s note)\b",
    re.I,
)
_PRONOUN_START = re.compile(r"^(He|She)\b")
_PERSON = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)+)\b")
# "Subject, aside, predicate": a short subject, an aside without commas, a predicate led by a verb
_INTERRUPTED = re.compile(r"^(?P<subject>[^,]{2,80}?),\s+(?P<aside>[^,]{3,200}?),\s+(?P<predicate>[a-z][\w'’-]*\b.*)$", re.S)
_NOT_A_SUBJECT = frozenset(
    "after against along although amid among as at because before but by despite during following for from "
    "however if in meanwhile on once since so still then though under until when where while with yet".split())
_FUNCTION_WORDS = frozenset("a an the of and for 's".split())
_AUXILIARIES = frozenset(
    "is are was were has have had will would can could may might must should does did remains remained".split())
_IRREGULAR_PAST = frozenset(
    "said led met took made went gave told left held began sent won lost rose fell saw came ran became kept put "
    "set cut paid sought brought thought struck fought bought spoke wrote drove chose flew grew knew drew".split())
_ASIDE_PARTICIPLES = "led headed run chaired known seen born held named chosen based made given sent backed hit"
# "led by X and including Y": an aside of several phrases, split before each participle
_NEXT_ASIDE = re.compile(rf"\s+and\s+(?=\w+(?:ing|ed)\b|(?:{'|'.join(_ASIDE_PARTICIPLES.split())})\b)")
# "including Y" → "includes Y" (singular subject) / "include Y" (plural)
_STATIVE_ING = {"including": ("includes", "include"), "comprising": ("comprises", "comprise"),
                "featuring": ("features", "feature"), "having": ("has", "have"),
                "containing": ("contains", "contain"), "involving": ("involves", "involve"),
                "representing": ("represents", "represent")}
_TIME_4DIGIT = re.compile(r"\b([01]\d|2[0-3])([0-5]\d)\s*(GMT|UTC)\b")


@dataclass(frozen=True)
class Claim:
    """A proposition to check, and where it came from."""

    text: str  # the proposition, decontextualised: what retrieval and NLI see
    sentence: str  # the sentence as written
    start: int  # offsets of ``sentence`` in the article
    end: int
    speaker: str = ""  # who the article attributes it to, if anyone
    stance: str = ASSERTED  # asserted | denied: what the speaker did with ``text``
    checkworthiness: float = 1.0

    @property
    def attribution(self) -> str:
        if not self.speaker:
            return ""
        return f"{self.speaker} {'denied' if self.stance == DENIED else 'said'}"


@dataclass(frozen=True)
class Dropped:
    """A sentence that is not checked, and why (shown to users who ask)."""

    sentence: str
    start: int
    end: int
    reason: str


def normalise(text: str) -> str:
    """Small rewrites that help matching without changing meaning."""
    text = _TIME_4DIGIT.sub(lambda m: f"{m.group(1)}:{m.group(2)} {m.group(3)}", text)
    return " ".join(text.split())


def _proposition(text: str) -> str:
    text = text.strip().rstrip(",;:")
    if text and text[-1] not in ".!?\"”’'":
        text += "."
    return text[0].upper() + text[1:] if text else text


def attributions(sentence: str) -> list[tuple[str, str, str]]:
    """[(proposition, speaker, stance)] for a sentence; speaker '' when it is the article's own voice."""
    parts = [p for p in _JOIN.split(sentence.strip()) if p.strip()]
    attributed = [_attribute(p) for p in parts]
    if len(parts) > 1 and (all(a[1] for a in attributed) or all(_is_clause(p) for p in parts)):
        return attributed
    return [_attribute(sentence.strip())]


def _is_clause(part: str) -> bool:
    """Looks like a sentence of its own: a capitalised subject and enough words."""
    return len(part.split()) >= MIN_WORDS and part.strip()[:1].isupper()


def _attribute(clause: str) -> tuple[str, str, str]:
    body = clause.strip().rstrip(".")
    for pattern in (_ACCORDING, _TRAIL, _LEAD):
        m = pattern.match(body)
        if not m:
            continue
        speaker = m.group("speaker").strip(" ,")
        prop = m.group("prop").strip()
        verb = m.groupdict().get("verb") or "said"
        if len(prop.split()) < 3 or len(speaker.split()) > 9:
            continue
        stance = DENIED if re.fullmatch(_DENY, verb) else ASSERTED
        if stance == DENIED and prop.lower().startswith("any "):
            prop = "there was " + prop[4:]  # "denied any agreement on timing" → "there was agreement on timing"
        return _proposition(prop), speaker, stance
    return _proposition(body), "", ASSERTED


def _is_subject(text: str) -> bool:
    """A short noun phrase: capitalised, not a leading preposition or adverb, few content words in lower case."""
    words = text.split()
    if not words or len(words) > 8 or not words[0][:1].isupper() or words[0].lower() in _NOT_A_SUBJECT:
        return False
    lower = [w for w in words[1:] if w[:1].islower() and w.lower() not in _FUNCTION_WORDS]
    return len(lower) <= 2


def _is_verb(word: str) -> bool:
    w = word.lower()
    return w in _AUXILIARIES or w in _IRREGULAR_PAST or (len(w) > 3 and w.endswith(("ed", "s")) and not w.endswith("ss"))


def _be(subject: str, predicate: str) -> str:
    first = predicate.split()[0].lower()
    plural = first in ("are", "were", "have") or (subject.split()[-1].islower() and subject.endswith("s")
                                                  and not subject.endswith("ss"))
    past = first in ("was", "were", "had")
    return ("were" if plural else "was") if past else ("are" if plural else "is")


def _aside_claims(subject: str, aside: str, be: str) -> list[str]:
    """'led by X and including Y' → ['<subject> is led by X', '<subject> includes Y']."""
    out = []
    for part in _NEXT_ASIDE.split(aside):
        first, _, rest = part.partition(" ")
        if first.lower() in ("who", "which"):
            out.append(f"{subject} {rest}")
        elif first.lower() in _STATIVE_ING:
            singular, plural = _STATIVE_ING[first.lower()]
            out.append(f"{subject} {plural if be in ('are', 'were') else singular} {rest}")
        else:
            out.append(f"{subject} {be} {part}")
    return out


def decompose(proposition: str) -> list[str]:
    """The main clause and one claim per aside of an interrupted subject; [proposition] otherwise."""
    m = _INTERRUPTED.match(proposition.strip())
    if not m:
        return [proposition]
    subject, aside, predicate = (m.group(g).strip() for g in ("subject", "aside", "predicate"))
    first = predicate.split()[0]
    if not _is_subject(subject) or not _is_verb(first) or _REPORTING.search(aside):
        return [proposition]
    asides = [_proposition(a) for a in _aside_claims(subject, aside, _be(subject, predicate))]
    return [_proposition(f"{subject} {predicate}"), *[a for a in asides if len(a.split()) >= MIN_WORDS - 1]]


def _resolve_pronoun(sentence: str, previous: str) -> str:
    m = _PRONOUN_START.match(sentence)
    if not m or not previous:
        return sentence
    people = {p for p in _PERSON.findall(previous) if len(p.split()) <= 3}
    if len(people) != 1:
        return sentence
    return people.pop() + sentence[m.end() :]


def _is_headline(sentence: str, title: str | None, index: int) -> bool:
    s = sentence.strip()
    if title and s.rstrip(".").lower() == title.strip().rstrip(".").lower():
        return True
    words = s.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return index < 2 and s[-1:] not in ".!?\"”" and capitalised >= 0.6 * len(words)


def split_claims(text: str, title: str | None = None) -> tuple[list[Claim], list[Dropped]]:
    """Every candidate claim (before the check-worthiness filter) and the sentences dropped by rule."""
    claims, dropped = [], []
    spans = split_sentences(text)
    previous = ""
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        reason = ""
        if _is_headline(sentence, title, i):
            reason = "headline"
            title = title or sentence
        elif sentence.rstrip().endswith("?"):
            reason = "question"
        elif _BOILERPLATE.search(sentence):
            reason = "boilerplate"
        elif len(sentence.split()) < MIN_WORDS:
            reason = "too short"
        if reason:
            dropped.append(Dropped(sentence, start, end, reason))
            continue
        resolved = _resolve_pronoun(sentence, previous)
        for prop, speaker, stance in attributions(resolved):
            for part in decompose(prop):
                claims.append(Claim(normalise(part), sentence, start, end, speaker, stance))
        previous = sentence
    return claims, dropped
