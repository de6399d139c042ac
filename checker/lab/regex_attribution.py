"""The regex attribution of Crosscheck 0.x, frozen: the baseline the parser-based reader is measured against.

Not used at run time; ``python -m checker.lab.attribution`` measures both on the team's set.
"""

from __future__ import annotations

import re

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
# "A said X, but B denied Y" → two clauses
_JOIN = re.compile(r",\s+(?:but|while|whereas)\s+(?=\S)|;\s+")


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
