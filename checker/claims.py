"""Article → check-worthy claims, with offsets, attribution and light decontextualisation.

1. Split into sentences (``index.chunk.split_sentences``), keeping character offsets, and parse them
   in one batch with spaCy (:mod:`checker.parsing`).
2. Drop what is not a claim: questions, headlines (the title, repeated), site boilerplate
   (comment policies, subscription prompts), fragments, opinions and predictions
   (:mod:`checker.attribution` marks them; the reason names whose they are), and sentences the
   check-worthiness classifier scores below its threshold.
3. Reported speech, read off the parse (:mod:`checker.attribution`): the speaker, the stance
   (asserted / denied) and the proposition to check. A sentence with two speakers gives two claims.
4. Decontextualise lightly: times like "0700 GMT" are normalised; a pronoun subject or speaker
   ("It", "He", "She", "They") the sentence itself does not resolve is replaced by the one
   compatible name in the nearest earlier sentence that has one (its speaker, else its subject, else
   the people it names), and left as is with a note when there are several; a short form ("The
   Authority") is replaced by the one earlier name it ends ("The Port Authority").
5. Decompose, on the parse (:mod:`checker.decompose`), a sentence whose subject is interrupted by
   an aside — "The delegation, led by X and including Y, is seen as Z" — into its main clause ("The
   delegation is seen as Z") and one claim per aside ("The delegation is led by X.", "The
   delegation includes Y."), and predicates joined by "and" into one claim each. Each part stands
   alone, so NLI judges one fact at a time; all parts keep the sentence's offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checker.attribution import ASSERTED, DENIED, FACT, PRONOUNS, Statement, compatible, statements
from checker.decompose import parts
from checker.parsing import parse, parse_many
from index.chunk import split_sentences

MIN_WORDS = 5

_BOILERPLATE = re.compile(
    r"\b(comments? (?:posted|section|policy|below|here)|posted (?:here|below)|refrain from|subscribe|newsletter|"
    r"cookie|all rights reserved|terms of (?:use|service)|privacy policy|sign up|log in|click here|read more|"
    r"follow us|share this|advertisement|copyright|©|download our app|editor'?s note)\b",
    re.I,
)
_SHORT_FORM = re.compile(r"^[Tt]he ([A-Z][a-z]+)$")  # "The Authority"
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
    note: str = ""  # what a reader should know about the text: a pronoun left as written

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


def attributions(sentence: str) -> list[tuple[str, str, str]]:
    """[(proposition, speaker, stance)] for a sentence; speaker '' when it is the article's own voice."""
    return [(s.text, s.speaker, s.stance) for s in statements(sentence)]


def decompose(proposition: str) -> list[str]:
    """The main clause and one claim per aside or joined predicate (:mod:`checker.decompose`)."""
    return parts(proposition)


def _names(statement_list: list[Statement], sentence: str) -> list[tuple[str, str, int]]:
    """The names a later pronoun may refer to in one sentence, as (name, kind, tier): its speakers
    (tier 1), its subjects (tier 2), then the people it names elsewhere (tier 3)."""
    out = [(st.speaker, st.speaker_kind, 1) for st in statement_list
           if st.speaker and st.speaker.lower() not in PRONOUNS]
    out += [(st.subject, st.subject_kind, 2) for st in statement_list if st.subject]
    out += [(e.text, "person", 3) for e in parse(sentence).ents if e.label_ == "PERSON"]
    return out


def _distinct(names: list[str]) -> list[str]:
    """One entry per entity: "Medinsky" is "Vladimir Medinsky" named again."""
    out: list[str] = []
    for n in sorted(set(names), key=len, reverse=True):
        if not any(o.lower().endswith(" " + n.lower()) or o.lower() == n.lower() for o in out):
            out.append(n)
    return out


def referent(pronoun: str, earlier: list[list[tuple[str, str, int]]]) -> tuple[str, str, str]:
    """(name, kind, "") for the one name a pronoun can refer to, or ("", "", note) saying why it is left
    as written.

    The nearest earlier sentence with a compatible name decides: its speaker if compatible, else its
    subject (the last compatible named subject), else the people it names; two candidates of the same
    tier are ambiguous."""
    for names in reversed(earlier):
        for tier in (1, 2, 3):
            found = _distinct([n for n, k, t in names if t == tier and compatible(pronoun.lower(), k)
                               and n.lower() not in PRONOUNS])
            if len(found) == 1:
                return found[0], next(k for n, k, _ in names if n == found[0]), ""
            if len(found) > 1:
                return "", "", f"'{pronoun}' may be {' or '.join(sorted(found))}: left as written"
    return "", "", f"'{pronoun}' refers to nothing named before: left as written"


def resolve(st: Statement, earlier: list[list[tuple[str, str, int]]]) -> Statement:
    """The statement with a pronoun speaker or subject, or a short form ("The Authority"), replaced by
    the one earlier name it can refer to; ``notes`` says what was left as written."""
    text, speaker, speaker_kind, notes = st.text, st.speaker, st.speaker_kind, list(st.notes)
    subject, subject_kind = st.subject, st.subject_kind
    if speaker.lower() in PRONOUNS:  # "He added that ..."
        name, kind, note = referent(speaker, earlier)
        speaker, speaker_kind = (name, kind) if name else (speaker, speaker_kind)
        notes += [note] if note else []
    if st.pronoun:
        name, kind, note = referent(st.pronoun, earlier)
        if name:
            text = re.sub(rf"\b{re.escape(st.pronoun)}\b", name, text, count=1)
            subject, subject_kind = name, kind
        notes += [note] if note else []
    m = _SHORT_FORM.match(st.subject or "")
    if m and text.startswith(st.subject):
        longer = _distinct([n for names in earlier for n, _, _ in names
                            if n.endswith(" " + m.group(1)) and n.lower() != st.subject.lower()])
        if len(longer) == 1:  # "The Authority" after "The Port Authority"
            full = longer[0]
            text = (full[:1].upper() + full[1:]) + text[len(st.subject):]
    return replace(st, text=text, speaker=speaker, speaker_kind=speaker_kind, subject=subject,
                   subject_kind=subject_kind, notes=tuple(notes))


def _is_headline(sentence: str, title: str | None, index: int) -> bool:
    s = sentence.strip()
    if title and s.rstrip(".").lower() == title.strip().rstrip(".").lower():
        return True
    words = s.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return index < 2 and s[-1:] not in ".!?\"”" and capitalised >= 0.6 * len(words)


def split_claims(text: str, title: str | None = None) -> tuple[list[Claim], list[Dropped]]:
    """Every candidate claim (before the check-worthiness filter) and the sentences dropped by rule."""
    dropped: list[Dropped] = []
    facts: list[tuple[Statement, str, int, int]] = []  # statements to check, with their sentence and offsets
    spans = split_sentences(text)
    parse_many(text[start:end].strip() for start, end in spans)
    earlier: list[list[tuple[str, str, int]]] = []  # per sentence read so far: the names later pronouns may mean
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
        found = []
        for st in statements(sentence):
            st = resolve(st, earlier)
            found.append(st)
            if len(st.text.split()) < 2:  # a reading that left nothing to check ("..., officials said that.")
                dropped.append(Dropped(sentence, start, end, "too short"))
                continue
            if st.kind != FACT:
                whose = f" ({st.speaker})" if st.speaker else ""
                dropped.append(Dropped(sentence, start, end, f"{st.kind}{whose}: {st.text}"))
                continue
            facts.append((st, sentence, start, end))
        earlier.append(_names(found, sentence.strip()))
    parse_many(st.text for st, *_ in facts)  # decomposition parses each statement: one batch for all
    claims = [Claim(normalise(part), sentence, start, end, st.speaker, st.stance, note="; ".join(st.notes))
              for st, sentence, start, end in facts for part in decompose(st.text)]
    return claims, dropped
