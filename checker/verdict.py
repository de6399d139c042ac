"""NLI scores over retrieved evidence → a verdict with a confidence and a ``conflicting`` mark.

For each claim the evidence passages are scored by NLI (premise: the passage with its context
window; hypothesis: the claim). ``support`` is the strongest entailment, ``contradiction`` the
strongest contradiction. A claim is supported or contradicted when that score clears its
threshold (the stronger side wins when both do); otherwise it is unverified. ``conflicting``
marks a claim where strong support and strong contradiction come from different sources.

The thresholds are fitted on training data (SciFact training claims not in the report split,
by ``crosscheck eval scifact --fit``) and stored beside the NLI model as ``verdict.json``.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from pathlib import Path

from checker.claims import Claim
from checker.nli import NLIScores
from index.results import Hit

DEFAULT_SUPPORT = 0.5
DEFAULT_CONTRADICT = 0.5


class Label(str, enum.Enum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIED = "unverified"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Thresholds:
    support: float = DEFAULT_SUPPORT
    contradict: float = DEFAULT_CONTRADICT
    fitted_on: str = "defaults"

    @classmethod
    def for_model(cls, model_folder: str | Path) -> "Thresholds":
        path = Path(model_folder) / "verdict.json"
        if path.exists():
            data = json.loads(path.read_text())
            return cls(float(data["support"]), float(data["contradict"]), data.get("fitted_on", str(path)))
        return cls()


@dataclass(frozen=True)
class Evidence:
    """A passage scored against a claim. Offsets are into the source document."""

    passage_id: int
    document_id: int
    text: str  # the deciding sentence
    context: str  # the sentence with its neighbours (the NLI premise)
    start: int
    end: int
    context_start: int
    source: str
    title: str
    url: str
    published: str
    rank: int
    retrieval_score: float
    entailment: float
    neutral: float
    contradiction: float

    @property
    def sentence_in_context(self) -> tuple[int, int]:
        return self.start - self.context_start, self.end - self.context_start

    @property
    def stance(self) -> str:
        return max((self.entailment, "supports"), (self.contradiction, "contradicts"), (self.neutral, "neutral"))[1]


@dataclass(frozen=True)
class Provenance:
    embedder: str
    nli_model: str
    nli_sha256: str
    index_state: str
    created_at: str


@dataclass(frozen=True)
class Verdict:
    claim: Claim
    label: Label
    confidence: float
    support: float
    contradiction: float
    conflicting: bool
    evidence: list[Evidence] = field(default_factory=list)  # most decisive first
    provenance: Provenance | None = None


def evidence_from(hit: Hit, scores: NLIScores) -> Evidence:
    p = hit.passage
    return Evidence(
        passage_id=p.id, document_id=p.document_id, text=p.text, context=p.context, start=p.start, end=p.end,
        context_start=p.context_start, source=p.source, title=p.title, url=p.url, published=p.published,
        rank=hit.rank, retrieval_score=hit.score, entailment=round(scores.entailment, 4),
        neutral=round(scores.neutral, 4), contradiction=round(scores.contradiction, 4),
    )


def _source_key(e: Evidence) -> str:
    return e.source or f"document {e.document_id}"


def label_for(support: float, contradiction: float, thresholds: Thresholds) -> Label:
    """The label for the strongest entailment and contradiction; the larger margin wins when both clear."""
    supported = support >= thresholds.support
    contradicted = contradiction >= thresholds.contradict
    if supported and contradicted:
        return Label.SUPPORTED if support - thresholds.support >= contradiction - thresholds.contradict else Label.CONTRADICTED
    if supported:
        return Label.SUPPORTED
    if contradicted:
        return Label.CONTRADICTED
    return Label.UNVERIFIED


def decide(claim: Claim, evidence: list[Evidence], thresholds: Thresholds,
           provenance: Provenance | None = None) -> Verdict:
    """Aggregate scored evidence into a verdict."""
    support = max((e.entailment for e in evidence), default=0.0)
    contradiction = max((e.contradiction for e in evidence), default=0.0)
    label = label_for(support, contradiction, thresholds)
    confidence = {Label.SUPPORTED: support, Label.CONTRADICTED: contradiction}.get(label, 1.0 - max(support, contradiction))
    pro = {_source_key(e) for e in evidence if e.entailment >= thresholds.support}
    con = {_source_key(e) for e in evidence if e.contradiction >= thresholds.contradict}
    conflicting = bool(pro and con and (pro | con) != (pro & con))
    ordered = sorted(evidence, key=lambda e: (-max(e.entailment, e.contradiction), e.rank))
    return Verdict(claim, label, round(confidence, 4), round(support, 4), round(contradiction, 4), conflicting,
                   ordered, provenance)
