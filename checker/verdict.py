"""NLI scores over retrieved evidence → a verdict with a confidence and a ``conflicting`` mark.

For each claim the evidence passages are scored by NLI (premise: the sentence after its
document's title, see :func:`premise`; hypothesis: the claim) and compared detail by detail
(:mod:`checker.consistency`): a passage about the same thing that differs on a number, date,
time, name, direction of change or negation counts as contradicting, as surely as it is aligned (:attr:`Evidence.scores`);
one that only forecasts what the claim says happened, or whose report differs from the claim in another
sentence (:func:`overrule`), cannot support it.
``support`` is the strongest entailment, ``contradiction`` the strongest contradiction, so counted.
A claim is supported or contradicted when that score clears its threshold (the stronger side wins
when both do, unless only a checked detail contradicts a supported claim: then the sources
disagree, and the claim stays supported and conflicting); otherwise it is unverified. Where a
fitted :class:`Aggregator` ships with the model, it decides the label from :func:`features`
instead, and its probability is the confidence (it may call a claim contradicted only where a passage
contradicts it by the thresholds, so that a contradiction always has a passage to show), except
where a checked detail decides: a passage
that differs on one contradicts the claim by the thresholds' rule above, as it would without the
aggregator (which, fitted on scientific and climate claims, learns to discount such differences). ``conflicting``
marks a claim where one source supports it and another contradicts it, each with a probability of
at least the ``conflict`` threshold: a call for a person to look, so its bar can sit lower than
the label's.

The thresholds (and the aggregator, when it beats them in cross-validation) are fitted on training
claims (SciFact's tune split and Climate-FEVER's training claims, by ``crosscheck eval fit``) and
stored beside the NLI model as ``verdict.json``; they reach the verdict through the model's
:class:`~checker.bundle.ModelBundle`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from checker.bundle import ModelBundle
from checker.claims import Claim
from checker.consistency import NOTE_KINDS, Check, alignment, compare, own_words
from checker.nli import NLIScores
from checker.parsing import parse
from index.results import Hit, span_in_context
from index.settings import CHECKS_ALIGNMENT, CHECKS_NEGATION_ALIGNMENT, CONTRADICTION_ALIGNMENT
from index.workspace import embedding_text

DEFAULT_SUPPORT = 0.5
DEFAULT_CONTRADICT = 0.5
DEFAULT_CONFLICT = 0.5


class Label(str, enum.Enum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIED = "unverified"

    def __str__(self) -> str:
        return self.value


# What the fitted aggregator reads from a claim's scored passages (see :func:`features`).
FEATURES = ("support", "contradiction", "nli_entailment", "nli_contradiction", "detail_differs", "detail_agrees")


@dataclass(frozen=True)
class Aggregator:
    """A multinomial logistic regression from :data:`FEATURES` to the three labels, fitted on training
    claims by ``crosscheck eval fit`` (``checker.lab.fit``); its probabilities are the confidence."""

    classes: tuple[str, ...]
    coef: tuple[tuple[float, ...], ...]  # a row per class, a column per feature
    intercept: tuple[float, ...]

    def probabilities(self, x: list[float]) -> dict[str, float]:
        import math

        logits = [b + sum(w * v for w, v in zip(row, x, strict=True)) for row, b in zip(self.coef, self.intercept)]
        top = max(logits)
        exp = [math.exp(v - top) for v in logits]
        return {c: e / sum(exp) for c, e in zip(self.classes, exp, strict=True)}

    @classmethod
    def from_json(cls, data: dict) -> "Aggregator":
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"the aggregator reads {data['features']}, this version computes {FEATURES}")
        return cls(tuple(data["classes"]), tuple(tuple(r) for r in data["coef"]), tuple(data["intercept"]))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "classes": list(self.classes), "coef": [list(r) for r in self.coef],
                "intercept": list(self.intercept)}


@dataclass(frozen=True)
class Thresholds:
    support: float = DEFAULT_SUPPORT
    contradict: float = DEFAULT_CONTRADICT
    fitted_on: str = "defaults"
    conflict: float = DEFAULT_CONFLICT
    aggregator: Aggregator | None = None  # when fitted, it decides the label; the thresholds then mark stances

    @classmethod
    def from_bundle(cls, bundle: ModelBundle) -> "Thresholds":
        """The thresholds fitted for a model (its verdict.json), or the defaults if it has none."""
        data = bundle.verdict
        if "support" not in data:
            return cls()
        aggregator = Aggregator.from_json(data["aggregator"]) if data.get("aggregator") else None
        return cls(float(data["support"]), float(data["contradict"]), data.get("fitted_on", bundle.name),
                   float(data.get("conflict", DEFAULT_CONFLICT)), aggregator)

    def to_json(self, **extra) -> dict:
        """verdict.json's content (``extra``: figures to keep beside them)."""
        out = {"support": self.support, "contradict": self.contradict, "conflict": self.conflict,
               "fitted_on": self.fitted_on, **extra}
        if self.aggregator:
            out["aggregator"] = self.aggregator.to_json()
        return out


@dataclass(frozen=True)
class Evidence:
    """A passage scored against a claim. Offsets are into the source document."""

    passage_id: int
    document_id: int
    text: str  # the deciding sentence
    context: str  # the sentence with its neighbours (shown to people; the NLI premise is premise())
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
    stance: str = ""  # supports / contradicts / neutral, against the verdict's thresholds (set by decide)
    checks: list[Check] = field(default_factory=list)  # numbers, dates, times, names, directions, negation compared
    alignment: float = 0.0  # share of the claim's content words in the passage (checker.consistency.alignment)
    own_words: float = -1.0  # the same share by the claim's own words alone (no synonyms or names; -1: not measured)
    checked: bool = False  # the consistency checks ran (``checks`` and ``alignment`` are set)
    overruled: str = ""  # why it cannot support the claim though NLI finds it does: its report differs elsewhere

    @property
    def sentence_in_context(self) -> tuple[int, int]:
        return span_in_context(self)

    @classmethod
    def from_data(cls, data: dict) -> "Evidence":
        """From its JSON form (a stored verdict's evidence)."""
        return cls(**{**data, "checks": [Check(**c) for c in data.get("checks", [])]})

    @property
    def disagreements(self) -> list[Check]:
        """The checks that count against the claim: a differing number, date, time, name, direction of
        change or opposite verb in a passage about the same thing, or a differing negation in one that
        says nearly the same words."""
        return [c for c in self.checks if not c.agrees and self._counts(c)]

    def _counts(self, c: Check) -> bool:
        if c.kind == "negation":  # compared only where the sentence says nearly the claim's words
            return c.same_words or self.alignment >= CHECKS_NEGATION_ALIGNMENT  # (a check stored before that)
        return self.alignment >= CHECKS_ALIGNMENT

    @property
    def scores(self) -> tuple[float, float]:
        """(entailment, contradiction) as the verdict counts them. A passage that disagrees on a checked
        detail cannot support the claim: it contradicts it as surely as it is about the same thing (its
        alignment), or as NLI finds it related (entailment and contradiction together), if that is more.
        A passage with under CONTRADICTION_ALIGNMENT of the claim's own content words (``own_words``: no
        synonyms or names) cannot contradict it: the small NLI model reads a short negative claim as
        contradicted by sentences about other things, and it misreads some paraphrases ("Putin's absence
        dampens hopes" against "lowered expectations") that synonyms would let through;
        nor can one that negates as the claim does, on NLI alone, or one that says the same thing moved
        the claim's way by the claim's figure: NLI reads "cut … by 4 percent" as contradicting "lowered …
        by 4 percent". One that names only a place holding the claim's (its country) cannot support it,
        nor one whose report differs from the claim elsewhere (:func:`overrule`)."""
        if self.disagreements:
            return 0.0, round(min(1.0, max(self.entailment + self.contradiction, self.alignment)), 4)
        entailment = 0.0 if self.cannot_confirm else self.entailment
        if self.checked and (self.alignment if self.own_words < 0 else self.own_words) < CONTRADICTION_ALIGNMENT:
            return entailment, 0.0  # NLI's contradiction from a sentence about something else is noise
        if self.negates_alike:
            return entailment, 0.0  # both say something did not happen: NLI reads two negations as a clash
        if self.moves_alike:
            return entailment, 0.0  # "cut … by 4 percent" for "lowered … by 4 percent": NLI reads two verbs as a clash
        return entailment, self.contradiction

    @property
    def leans(self) -> bool:
        """NLI finds the passage supports the claim more than it contradicts it."""
        return self.entailment > self.contradiction

    @property
    def cannot_confirm(self) -> bool:
        """The checks say this passage cannot confirm the claim whatever NLI finds: it says less ("in Turkey"
        for "in Istanbul", "will lead" for "attended"), or its report differs elsewhere ("Austria's entry won"
        beside "the final in Basel", for a final in Vienna)."""
        return self.says_less or bool(self.overruled)

    @property
    def says_less(self) -> bool:
        """The passage names only a place that holds the claim's (a country for its city), or says only
        that what the claim says happened will happen: checked."""
        return any(c.kind in NOTE_KINDS for c in self.checks)

    @property
    def moves_alike(self) -> bool:
        """The passage, about the same thing, says it moved the way the claim says and by the claim's
        figure (its direction and a number checked and agreeing, nothing differing)."""
        kinds = {c.kind for c in self.checks if c.agrees}
        return self.alignment >= CHECKS_ALIGNMENT and {"direction", "number"} <= kinds and not self.disagreements

    @property
    def negates_alike(self) -> bool:
        """The claim and this passage about the same thing both negate (checked, and nothing differs)."""
        return self.alignment >= CHECKS_ALIGNMENT and any(c.kind == "negation" and c.agrees for c in self.checks)


@dataclass(frozen=True)
class Provenance:
    embedder: str
    nli_model: str
    nli_sha256: str
    index_state: str
    created_at: str
    precision: str = "fp32"  # the NLI model's and the embedder's matrix products (fp32 or bf16)
    parser: str = ""  # the spaCy pipeline of the consistency checks, name-version ("" when they were off)


@dataclass(frozen=True)
class Verdict:
    claim: Claim
    label: Label
    confidence: float
    support: float
    contradiction: float
    conflicting: bool
    evidence: list[Evidence] = field(default_factory=list)  # those on the label's side first, then the rest; most
    # decisive first within each (most related first when none takes a side)
    provenance: Provenance | None = None
    conflict: tuple[int, int] | None = None  # when conflicting: positions in ``evidence`` of (supports, contradicts)


def premise(title: str, sentence: str) -> str:
    """The NLI premise for a sentence: "Title. Sentence".

    One sentence rather than its context window: the bundled model learnt from one-sentence
    premises, and on SciFact's held-out report claims (cited abstracts, thresholds 0.5/0.5)
    sentence premises scored macro-F1 0.55 against 0.41 for three-sentence windows; the title
    names the subject a lone sentence may only point at ("He said ...").
    """
    return embedding_text(title, sentence)


def evidence_from(hit: Hit, scores: NLIScores) -> Evidence:
    p = hit.passage
    return Evidence(
        passage_id=p.id, document_id=p.document_id, text=p.text, context=p.context, start=p.start, end=p.end,
        context_start=p.context_start, source=p.source, title=p.title, url=p.url, published=p.published,
        rank=hit.rank, retrieval_score=hit.score, entailment=round(scores.entailment, 4),
        neutral=round(scores.neutral, 4), contradiction=round(scores.contradiction, 4),
    )


POINTING_BACK = {"it", "they", "he", "she", "him", "them"}  # pronouns whose thing a sentence before may name


def with_checks(e: Evidence, claim: str) -> Evidence:
    """The evidence with its consistency checks against ``claim`` (checker.consistency). The words the
    checks read around the sentence are its title's and, where it points back with a pronoun ("Vladimir
    Putin's name was not on it"), the sentence before it in its report ("The Kremlin published the list
    …"): what it says is still read from the sentence alone."""
    before = e.context[: max(0, e.start - e.context_start)].strip()
    points_back = before and any(t.lower_ in POINTING_BACK for t in parse(e.text))
    around = premise(e.title, f"{before} {e.text}" if points_back else e.text)
    return replace(e, checks=compare(claim, e.text, e.source, around),
                   alignment=alignment(claim, e.text, around), own_words=own_words(claim, e.text, around), checked=True)


def overrule(evidence: list[Evidence], among: list[Evidence] | None = None) -> list[Evidence]:
    """The passages, each marked :attr:`Evidence.overruled` where another sentence of its report (in
    ``among``, by default the passages themselves), at least as much about the claim's thing, differs from
    the claim on a checked detail that this one does not check: Culture Weekly's "Austria's entry won the
    public and jury vote" cannot confirm a final held in Vienna when its "The final of the song contest in
    Basel …" says where it was. Only a passage that leans to support is marked; one that differs itself
    contradicts the claim already."""
    among = evidence if among is None else among
    out = []
    for e in evidence:
        agreeing = {c.kind for c in e.checks if c.agrees}
        against = [c for d in among if d.passage_id != e.passage_id and d.document_id == e.document_id
                   and d.alignment >= e.alignment for c in d.disagreements if c.kind not in agreeing]
        if against and e.leans and not e.disagreements and not e.overruled:
            e = replace(e, overruled=f"its report says otherwise elsewhere: {against[0].explanation}")
        out.append(e)
    return out


def features(evidence: list[Evidence]) -> list[float]:
    """:data:`FEATURES` for a claim's passages: the strongest support and contradiction as the verdict
    counts them, NLI's own, how surely a passage about the same thing differs on a checked detail (its
    alignment, 0 if none does), and whether the most supportive passage agrees on one (1 or 0). NLI's own
    entailment leaves out a passage that the checks say cannot confirm the claim whatever NLI finds (it
    names only the claim's country, says only that the thing will happen, or its report differs):
    "Putin will personally lead the delegation" is no support for "Putin attended the talks"."""
    if not evidence:
        return [0.0] * len(FEATURES)
    best = max(evidence, key=lambda e: e.scores[0])
    return [max(e.scores[0] for e in evidence), max(e.scores[1] for e in evidence),
            max((e.entailment for e in evidence if not e.cannot_confirm), default=0.0),
            max(e.contradiction for e in evidence),
            max((e.alignment for e in evidence if e.disagreements), default=0.0),
            float(any(c.agrees and c.kind not in NOTE_KINDS for c in best.checks) and not best.disagreements)]


def _source_key(e: Evidence) -> str:
    return e.source or f"document {e.document_id}"


def conflicting_sources(evidence: list[Evidence], bar: float) -> tuple[Evidence, Evidence] | None:
    """The strongest (supporting, contradicting) evidence from two different sources, both at or over ``bar``."""
    pairs = [(p, c) for p in evidence for c in evidence
             if p.scores[0] >= bar and c.scores[1] >= bar and _source_key(p) != _source_key(c)]
    return max(pairs, key=lambda pc: min(pc[0].scores[0], pc[1].scores[1])) if pairs else None


def stance(e: Evidence, t: Thresholds) -> str:
    """What a passage does to a claim: supports it (as a verdict would count it), contradicts it
    (as a disagreeing source would count), or neither."""
    entailment, contradiction = e.scores
    if entailment >= t.support and entailment >= contradiction:
        return "supports"
    if contradiction >= min(t.contradict, t.conflict) and contradiction > entailment:
        return "contradicts"
    return "neutral"


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


def _a_detail_decides(evidence: list[Evidence], support: float, contradiction: float, t: Thresholds) -> bool:
    """True when a passage that differs on a checked detail contradicts the claim by the thresholds' rule."""
    detail = max((e.scores[1] for e in evidence if e.disagreements), default=0.0)
    return detail >= t.contradict and label_for(support, contradiction, t) == Label.CONTRADICTED


def _a_source_disputes_the_detail(evidence: list[Evidence], t: Thresholds) -> bool:
    """True when only checked details contradict the claim (NLI alone does not) and a passage of another
    document, at least as much about the same thing (its alignment), supports it: TASS's "07:00 GMT"
    against a Turkish source's "not before the afternoon". A passage about something else that NLI finds
    supportive ("the campaign began in April") does not outweigh one that says the claim's own words with
    "rose" for "fell"; nor does another sentence of the very report that differs ("He called on the Russian
    leader to show the courage to come" beside "would be in Turkey … and would wait for Putin there").

    A differing negation is disputed only by a passage that negates as the claim does (a negation check
    agreeing): for a claim that states a thing no check records a passage saying it too, and NLI's support
    alone does not do: "ultimatums were unacceptable", which NLI reads as supporting "the Kremlin said that
    ultimatums work", does not dispute "ultimatums do not work". Figures, dates and times are disputed by
    any supporting passage as much about the claim: asking them for a check agreeing as well turned two
    Climate-FEVER training claims wrong (a year misread in a range) and mended none."""
    against = [e for e in evidence if e.scores[1] >= t.contradict]
    if any(e.contradiction >= t.contradict for e in against):
        return False
    bar, documents = max(a.alignment for a in against), {a.document_id for a in against}
    negation = any(c.kind == "negation" for a in against for c in a.disagreements)
    return any(e.scores[0] >= t.support and e.alignment >= bar and e.document_id not in documents
               and (not negation or any(c.kind == "negation" and c.agrees for c in e.checks)) for e in evidence)


def decide(claim: Claim, evidence: list[Evidence], thresholds: Thresholds,
           provenance: Provenance | None = None, further: list[Evidence] | None = None) -> Verdict:
    """Aggregate scored evidence into a verdict.

    The label rests on ``evidence`` alone; ``further`` passages (read after a decisive label, to
    look for a source that disagrees) count only towards ``conflicting`` and are listed with the rest.
    """
    evidence, further = overrule(evidence), overrule(further or [], evidence + (further or []))
    support = max((e.scores[0] for e in evidence), default=0.0)
    contradiction = max((e.scores[1] for e in evidence), default=0.0)
    if thresholds.aggregator and not _a_detail_decides(evidence, support, contradiction, thresholds):
        probs = thresholds.aggregator.probabilities(features(evidence))
        if contradiction < thresholds.contradict:  # no passage contradicts the claim: nothing to show for
            probs.pop(Label.CONTRADICTED.value)  # a contradiction, so the aggregator may not call one
        label = Label(max(probs, key=probs.get))
        confidence = probs[label.value]
    else:  # the thresholds; with an aggregator too, when a checked detail differs and decides the label:
        # the claim says 09:00, a passage about the same thing says 07:00. The aggregator, fitted on
        # scientific and climate claims where such differences are rarer and noisier, would overrule it.
        label = label_for(support, contradiction, thresholds)
        if label == Label.CONTRADICTED and _a_source_disputes_the_detail(evidence, thresholds):
            # Contradicted only by a detail another passage does not dispute (it supports the claim): the
            # sources disagree with each other, which ``conflicting`` says; the supporting one decides.
            label = Label.SUPPORTED
        confidence = {Label.SUPPORTED: support, Label.CONTRADICTED: contradiction}.get(
            label, 1.0 - max(support, contradiction))
    evidence = [replace(e, stance=stance(e, thresholds)) for e in evidence + further]
    if label == Label.UNVERIFIED and all(e.stance == "neutral" for e in evidence):
        # Nothing takes a side: the passage NLI finds bears most on the claim (least neutral) first, as the
        # one that says the claim's figure ("cut … by 4 percent", whose contradiction the checks set aside)
        # rather than a stray 0.15 from the sentence beside it.
        ordered = sorted(evidence, key=lambda e: (-(e.entailment + e.contradiction), e.rank))
    else:  # the passages that take the label's side first: a supported claim is shown what supports it, even
        # where a source that disagrees is as decisive ("not before the afternoon" beside TASS's "07:00 GMT")
        side = {Label.SUPPORTED: "supports", Label.CONTRADICTED: "contradicts"}.get(label)
        ordered = sorted(evidence, key=lambda e: (e.stance != side, -max(e.scores), e.rank))
    pair = conflicting_sources(ordered, thresholds.conflict)
    conflict = (ordered.index(pair[0]), ordered.index(pair[1])) if pair else None
    return Verdict(claim, label, round(confidence, 4), round(support, 4), round(contradiction, 4), pair is not None,
                   ordered, provenance, conflict)
