"""Check-worthiness: is a sentence a factual claim worth checking?

A logistic regression over the sentence's embedding (the same all-MiniLM-L6-v2 vectors the
index uses, so no extra model) plus a few surface features. Weights and the decision threshold
are fitted on ClaimBuster's training split by ``tools/train_checkworthy.py`` and shipped as
``data/models/checkworthy.json``; ``crosscheck eval claimbuster`` measures them on the test split.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from checker.claims import Claim, Dropped, normalise, split_claims
from index.settings import DEFAULT_CHECKWORTHY

_FIRST_PERSON = re.compile(r"^\s*(i|we|i'm|we're|i've|we've|let me|let's)\b", re.I)
_OPINION = re.compile(r"\b(i think|i believe|i feel|in my view|in my opinion|we must|we should|should be|hope)\b", re.I)
_NUMBER = re.compile(r"\d")
_PROPER = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+")


def surface_features(sentence: str) -> list[float]:
    words = sentence.split()
    return [
        1.0 if _NUMBER.search(sentence) else 0.0,
        min(len(_PROPER.findall(sentence)), 5) / 5,
        min(len(words), 40) / 40,
        1.0 if sentence.rstrip().endswith("?") else 0.0,
        1.0 if _FIRST_PERSON.search(sentence) else 0.0,
        1.0 if _OPINION.search(sentence) else 0.0,
    ]


def features(sentences: list[str], embeddings: np.ndarray) -> np.ndarray:
    extra = np.array([surface_features(s) for s in sentences], dtype="float32").reshape(len(sentences), -1)
    return np.hstack([embeddings, extra])


@dataclass(frozen=True)
class CheckWorthiness:
    weights: np.ndarray
    bias: float
    threshold: float
    info: dict

    @classmethod
    def load(cls, path: str | Path = DEFAULT_CHECKWORTHY) -> "CheckWorthiness":
        data = json.loads(Path(path).read_text())
        return cls(np.array(data["weights"], dtype="float32"), float(data["bias"]), float(data["threshold"]),
                   data.get("info", {}))

    def scores(self, sentences: list[str], embeddings: np.ndarray) -> np.ndarray:
        if not sentences:
            return np.zeros(0, dtype="float32")
        z = features(sentences, embeddings) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class Extraction:
    """An article's check-worthy claims with their vectors (row i is claim i), and what was left out."""

    claims: list[Claim]
    vectors: np.ndarray
    dropped: list[Dropped]

    def __post_init__(self):
        if len(self.claims) != len(self.vectors):
            raise ValueError(f"{len(self.claims)} claims but {len(self.vectors)} vectors")


def extract_claims(text: str, embedder, checkworthiness: CheckWorthiness, title: str | None = None) -> Extraction:
    """The check-worthy claims of a text, their vectors, and the sentences dropped (with reasons).

    Attributed statements are kept whatever their score: who said what is what a checker needs.
    """
    claims, dropped = split_claims(text, title)
    vectors = embedder.encode([c.text for c in claims])
    scores = checkworthiness.scores([c.text for c in claims], vectors)
    keep: list[tuple[int, Claim]] = []
    for i, (claim, score) in enumerate(zip(claims, scores)):
        claim = replace(claim, checkworthiness=round(float(score), 4))
        if claim.speaker or score >= checkworthiness.threshold:
            keep.append((i, claim))
        else:
            part = f": {claim.text}" if claim.text != normalise(claim.sentence) else ""  # the claim as checked
            dropped.append(Dropped(claim.sentence, claim.start, claim.end, f"not check-worthy ({score:.2f}){part}"))
    dropped.sort(key=lambda d: d.start)
    return Extraction([c for _, c in keep], vectors[[i for i, _ in keep]], dropped)
