"""Synthetic NLI pairs that target the errors fact-checks catch.

From a real sentence we make:

* a contradiction: a number, date, time, month, weekday, name or place changed, or a negation
  added or removed;
* an entailment: the sentence itself inside its context window, or a faithful shortening
  (a trailing clause or a parenthesis dropped);
* a neutral pair: another sentence of the same document as the hypothesis.

Every function takes a ``random.Random`` so that a seed reproduces the data exactly.
"""

from __future__ import annotations

import random
import re

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty"]

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
_TIME = re.compile(r"\b([01]?\d|2[0-3]):?([0-5]\d)\b(?=\s*(?:GMT|UTC|a\.m\.|p\.m\.|am|pm|local|h\b))")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_AUX = re.compile(r"\b(is|are|was|were|has|have|had|can|will|would|could|should|does|did|do)\b(?! not\b)")
_NEGATED = re.compile(r"\b(is|are|was|were|has|have|had|can|will|would|could|should|does|did|do) not\b")
_NOT_CONTRACTION = re.compile(r"\b(isn't|aren't|wasn't|weren't|hasn't|haven't|didn't|doesn't|don't|won't|cannot)\b")
_UNCONTRACT = {
    "isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "hasn't": "has",
    "haven't": "have", "didn't": "did", "doesn't": "does", "don't": "do", "won't": "will", "cannot": "can",
}
_ENTITY = re.compile(r"(?<!^)(?<![.!?]\s)\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)*)\b")
_ANTONYMS = {
    "increase": "decrease", "increased": "decreased", "increases": "decreases",
    "higher": "lower", "more": "fewer", "rose": "fell", "before": "after", "first": "last",
    "confirmed": "denied", "accepted": "rejected", "agreed": "refused", "won": "lost",
    "larger": "smaller", "positive": "negative", "reduced": "raised", "reduces": "raises",
}
_ANTONYMS.update({v: k for k, v in list(_ANTONYMS.items())})
_ANTONYM = re.compile(r"\b(" + "|".join(sorted(_ANTONYMS, key=len, reverse=True)) + r")\b")


def _replace_match(text: str, m: re.Match, new: str, group: int = 1) -> str:
    return text[: m.start(group)] + new + text[m.end(group) :]


def _other_number(value: str, rng: random.Random) -> str:
    plain = value.replace(",", "")
    if "." in plain:
        x = float(plain)
        new = round(x * rng.choice([0.5, 0.7, 1.5, 2.0, 3.0]) + rng.choice([0.1, 0.3, 1.0]), len(plain.split(".")[1]))
        return f"{new:.{len(plain.split('.')[1])}f}"
    x = int(plain)
    if x <= 10:
        choices = [n for n in range(0, 21) if n != x]
        return str(rng.choice(choices))
    new = x
    while new == x:
        new = int(x * rng.choice([0.3, 0.5, 0.8, 1.3, 1.5, 2, 3, 10])) + rng.randint(0, 9)
    return f"{new:,}" if "," in value else str(new)


def change_number(s: str, rng: random.Random) -> str | None:
    spans = [m for m in _NUMBER.finditer(s) if not _YEAR.fullmatch(m.group(1))]
    if not spans:
        return None
    m = rng.choice(spans)
    return _replace_match(s, m, _other_number(m.group(1), rng))


def change_year(s: str, rng: random.Random) -> str | None:
    spans = list(_YEAR.finditer(s))
    if not spans:
        return None
    m = rng.choice(spans)
    return _replace_match(s, m, str(int(m.group(1)) + rng.choice([-5, -3, -2, -1, 1, 2, 3, 7])))


def change_time(s: str, rng: random.Random) -> str | None:
    spans = list(_TIME.finditer(s))
    if not spans:
        return None
    m = rng.choice(spans)
    hour = (int(m.group(1)) + rng.choice([-5, -3, -2, 1, 2, 4, 6])) % 24
    sep = ":" if ":" in m.group(0) else ""
    return s[: m.start()] + f"{hour:02d}{sep}{m.group(2)}" + s[m.end() :]


def _swap_from(pattern: re.Pattern, names: list[str], s: str, rng: random.Random) -> str | None:
    spans = list(pattern.finditer(s))
    if not spans:
        return None
    m = rng.choice(spans)
    old = m.group(1)
    new = rng.choice([n for n in names if n.lower() != old.lower()])
    if old[0].islower():
        new = new.lower()
    return _replace_match(s, m, new)


def change_month(s: str, rng: random.Random) -> str | None:
    return _swap_from(_MONTH, MONTHS, s, rng)


def change_weekday(s: str, rng: random.Random) -> str | None:
    return _swap_from(_WEEKDAY, WEEKDAYS, s, rng)


def change_number_word(s: str, rng: random.Random) -> str | None:
    return _swap_from(_NUMBER_WORD, NUMBER_WORDS, s, rng)


def flip_negation(s: str, rng: random.Random) -> str | None:
    m = _NEGATED.search(s)
    if m:
        return s[: m.start()] + m.group(1) + s[m.end() :]
    m = _NOT_CONTRACTION.search(s)
    if m:
        return _replace_match(s, m, _UNCONTRACT[m.group(1)])
    spans = list(_AUX.finditer(s))
    if not spans:
        return None
    m = rng.choice(spans)
    return _replace_match(s, m, m.group(1) + " not")


def flip_antonym(s: str, rng: random.Random) -> str | None:
    spans = list(_ANTONYM.finditer(s))
    if not spans:
        return None
    m = rng.choice(spans)
    return _replace_match(s, m, _ANTONYMS[m.group(1)])


def swap_entity(s: str, rng: random.Random, pool: list[str]) -> str | None:
    """Replace a capitalised name inside the sentence by another from ``pool``."""
    spans = [m for m in _ENTITY.finditer(s) if m.group(1) not in MONTHS + WEEKDAYS]
    if not spans or len(pool) < 2:
        return None
    m = rng.choice(spans)
    candidates = [p for p in pool if p != m.group(1) and p not in s]
    if not candidates:
        return None
    return _replace_match(s, m, rng.choice(candidates))


CONTRADICTIONS = [
    change_number, change_year, change_time, change_month, change_weekday,
    change_number_word, flip_negation, flip_antonym,
]


def contradict(s: str, rng: random.Random, entity_pool: list[str]) -> str | None:
    """A minimal edit of ``s`` that makes it false given ``s``, or None if none applies."""
    fns = CONTRADICTIONS[:]
    rng.shuffle(fns)
    if entity_pool and rng.random() < 0.3:
        out = swap_entity(s, rng, entity_pool)
        if out and out != s:
            return out
    for fn in fns:
        out = fn(s, rng)
        if out and out != s:
            return out
    return None


def shorten(s: str, rng: random.Random) -> str | None:
    """A faithful shortening: drop a parenthesis or a trailing clause."""
    no_paren = re.sub(r"\s*\([^()]*\)", "", s)
    if no_paren != s and len(no_paren.split()) >= 5:
        return no_paren
    for sep in (", which ", ", while ", "; ", ", after ", ", as ", ", according to "):
        head = s.split(sep)[0]
        if head != s and len(head.split()) >= 5:
            return head.rstrip(",;") + "."
    return None


def entities(text: str) -> list[str]:
    return sorted({m.group(1) for m in _ENTITY.finditer(text) if m.group(1) not in MONTHS + WEEKDAYS})


def pairs_from_document(sentences: list[str], rng: random.Random, entity_pool: list[str], per_doc: int = 3):
    """Yield (premise, hypothesis, label) triples from one document's sentences."""
    usable = [i for i, s in enumerate(sentences) if 6 <= len(s.split()) <= 60]
    rng.shuffle(usable)
    for i in usable[:per_doc]:
        s = sentences[i]
        window = " ".join(sentences[max(0, i - 1) : i + 2])
        premise = window if rng.random() < 0.5 else s
        kind = rng.random()
        if kind < 0.5:
            hyp = contradict(s, rng, entity_pool)
            if hyp:
                yield premise, hyp, "contradiction"
        elif kind < 0.75:
            hyp = shorten(s, rng) or s
            yield premise, hyp, "entailment"
        else:
            others = [j for j in range(len(sentences)) if abs(j - i) > 1 and len(sentences[j].split()) >= 6]
            if others:
                yield s, sentences[rng.choice(others)], "neutral"
