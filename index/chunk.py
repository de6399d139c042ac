"""Documents → sentence-level passages with character offsets and a context window."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex  # Unicode character classes (\p{Lu}, \p{Lo}); re has none

CONTEXT_SENTENCES = 1  # neighbours on each side kept as the passage's context window
MAX_SENTENCE_CHARS = 1000  # longer "sentences" (tables, lists) are cut at this length

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "rev", "vs", "etc", "e.g", "i.e", "approx", "no", "fig", "al", "inc", "ltd", "co",
    "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u",
}
# A sentence ends at . ! ? … (and the Arabic ؟ and Devanagari ।) before white space and a capital
# letter, a letter of a script without case (Arabic, Hebrew, CJK, ...) or a digit, in any script;
# at a CJK full stop, question or exclamation mark, which need no space; and at a blank line.
_BOUNDARY = regex.compile(
    r"([.!?…؟।]+[\"'”’»)\]]*)(\s+)(?=[\"'“‘«„(\[]?[\p{Lu}\p{Lt}\p{Lo}\p{Nd}])"
    r"|([。！？]+[」』”’）]*)\s*"
    r"|\n\s*\n+"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _is_abbreviation(text: str, end: int) -> bool:
    """True if the full stop ending at ``end`` closes an abbreviation or an initial."""
    word = re.search(r"([\w.]+)\.$", text[max(0, end - 32) : end])  # a short look back: linear, not quadratic
    if not word:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``; whitespace is never inside a span's ends."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(1):
            end = m.end(1)
            if m.group(1) == "." and _is_abbreviation(text, end):
                continue
        elif m.group(3):
            end = m.end(3)
        else:
            end = m.start()
        spans.extend(_trimmed(text, start, end))
        start = m.end()
    spans.extend(_trimmed(text, start, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    # Single lines inside a block (headlines, list items) are sentences of their own.
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", s, s + MAX_SENTENCE_CHARS)
            cut = cut if cut > s else s + MAX_SENTENCE_CHARS
            out.append((s, cut))
            s = cut + 1
        if e > s and re.search(r"\w", text[s:e]):
            out.append((s, e))
    return out


@dataclass(frozen=True)
class Chunk:
    """One passage: a sentence, its offsets, and the offsets of its context window."""

    seq: int
    start: int
    end: int
    context_start: int
    context_end: int


def chunk(text: str, window: int = CONTEXT_SENTENCES) -> list[Chunk]:
    spans = split_sentences(text)
    out = []
    for i, (s, e) in enumerate(spans):
        lo = spans[max(0, i - window)][0]
        hi = spans[min(len(spans) - 1, i + window)][1]
        out.append(Chunk(i, s, e, lo, hi))
    return out
