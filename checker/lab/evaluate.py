"""End-to-end evaluations on public data (``crosscheck eval ...``); each skips when its data is absent.

* Fitting (``crosscheck eval fit``): the verdict thresholds that maximise the mean macro-F1 over
  SciFact's tune claims (their cited abstracts) and Climate-FEVER's training claims (their five
  given sentences), saved beside the NLI model as ``verdict.json``.
* SciFact: index the 5,183-abstract corpus, check training claims against the whole index;
  3-way claim accuracy, macro-F1, recall@5 of the gold abstract, on the report part (30% of the
  training claims, never trained or fitted on).
* Climate-FEVER (held-out 20% of claims): claim accuracy with the five given evidence sentences,
  and with evidence retrieved from all pooled evidence sentences.
* ClaimBuster test: check-worthiness precision / recall / F1.
* CheckThat! 2019 task 1 test (debates): the lab's ranking metric, mean average precision over
  debates, with the classifier's score as the ranking, and P / R / F1 of the claim filter.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from checker.checkworthy import CheckWorthiness, extract_claims
from checker.claims import Claim
from checker.lab import datasets as ds
from checker.lab.metrics import Metrics, binary, score
from checker.pipeline import Checker
from checker.verdict import Evidence, Label, Thresholds, conflicting_sources, decide, label_for, premise, with_checks
from index.ingest import Document
from index.workspace import Workspace

log = logging.getLogger(__name__)

LABELS = (Label.SUPPORTED.value, Label.CONTRADICTED.value, Label.UNVERIFIED.value)
SCIFACT_GOLD = {ds.ENTAILMENT: "supported", ds.CONTRADICTION: "contradicted", ds.NEUTRAL: "unverified"}
CF_GOLD = {"SUPPORTS": "supported", "REFUTES": "contradicted", "NOT_ENOUGH_INFO": "unverified"}


def climate_fever_gold(claim: dict) -> str:
    """A Climate-FEVER claim's gold verdict; DISPUTED claims are "disputed" (right when marked conflicting)."""
    return CF_GOLD.get(claim["claim_label"], "disputed")


@dataclass(frozen=True)
class EvalResult:
    dataset: str
    split: str
    metric: str
    value: float
    n: int
    anchor: str = ""


def scifact_workspace(path: Path, embedder=None, progress=None) -> Workspace:
    """The SciFact corpus indexed into ``path`` (built once, reused after)."""
    ws = Workspace.open(path, embedder=embedder)
    if ws.stats().documents == 0:
        docs = [Document(text="\n".join(d["abstract"]), title=d["title"], source="SciFact",
                         path=f"scifact:{d['doc_id']}") for d in ds.scifact_corpus()]
        ws.add_documents(docs, progress=progress)
    return ws


def _doc_map(ws: Workspace) -> dict[int, int]:
    """workspace document id → SciFact doc_id."""
    return {i: int(p.split(":")[1]) for i, p in ws.db.execute("SELECT id, path FROM documents")}


def scifact_scores(checker: Checker, split: str, limit: int = 0, progress=None) -> list[dict]:
    """Per claim: gold label, support/contradiction scores, verdict, gold docs in the top 5."""
    claims = [c for c in ds.scifact_claims() if ds.scifact_is_report(c["id"]) == (split == "report")]
    if limit:
        claims = claims[:limit]
    docs = _doc_map(checker.workspace)
    out = []
    for n, c in enumerate(claims, start=1):
        verdict = checker.check_claim(c["claim"], store=False)
        ranked = []
        for hit in checker.workspace.search(c["claim"], top_k=40):
            d = docs[hit.passage.document_id]
            if d not in ranked:
                ranked.append(d)
        gold_docs = {int(d) for d in c["evidence"]}
        out.append({"id": c["id"], "gold": SCIFACT_GOLD[ds.scifact_claim_label(c)], "support": verdict.support,
                    "contradiction": verdict.contradiction, "predicted": verdict.label.value,
                    "conflicting": verdict.conflicting, "evidence": verdict.evidence,
                    "recall5": (len(gold_docs & set(ranked[:5])) > 0) if gold_docs else None})
        if progress:
            progress(n, len(claims), c["claim"])
    return out


def given_row(nli, claim_id, claim: str, gold: str, premises: list[tuple[str, str]], t: Thresholds,
              checks: bool = True) -> dict:
    """Score a claim against given (source, premise) pairs and decide as the pipeline does (``checks``:
    with the consistency checks, as it does by default). Premises of one source are sentences of one
    document, as a report's passages are in a workspace: one abstract's sentences do not overrule or
    dispute each other as separate reports would."""
    scores = nli.predict([(p, claim) for _, p in premises])
    documents = {src: n for n, src in enumerate(dict.fromkeys(src for src, _ in premises))}
    evidence = [Evidence(passage_id=k, document_id=documents[src], text=p, context=p, start=0, end=len(p), context_start=0,
                         source=src, title="", url="", published="", rank=k + 1, retrieval_score=0.0,
                         entailment=sc.entailment, neutral=sc.neutral, contradiction=sc.contradiction)
                for k, ((src, p), sc) in enumerate(zip(premises, scores, strict=True))]
    if checks:
        evidence = [with_checks(e, claim) for e in evidence]
    v = decide(Claim(claim, claim, 0, len(claim)), evidence, t)
    return {"id": claim_id, "gold": gold, "support": v.support, "contradiction": v.contradiction,
            "predicted": v.label.value, "conflicting": v.conflicting, "recall5": None, "evidence": evidence}


def scifact_scores_cited(nli, split: str, t: Thresholds, limit: int = 0) -> list[dict]:
    """Per claim: support/contradiction over the sentences of its cited abstracts (no retrieval)."""
    corpus = {d["doc_id"]: d for d in ds.scifact_corpus()}
    claims = [c for c in ds.scifact_claims() if ds.scifact_is_report(c["id"]) == (split == "report")]
    out = []
    for c in claims[: limit or None]:
        premises = [(str(d), premise(corpus[int(d)]["title"], s)) for d in c["cited_doc_ids"]
                    for s in corpus[int(d)]["abstract"]]
        out.append(given_row(nli, c["id"], c["claim"], SCIFACT_GOLD[ds.scifact_claim_label(c)], premises, t))
    return out


def climate_fever_scores_given(nli, held_out: bool, t: Thresholds, limit: int = 0) -> list[dict]:
    """Per claim: support/contradiction over its five given sentences; DISPUTED claims' gold is "disputed"."""
    claims = [c for c in ds.climate_fever_claims() if ds.climate_fever_is_held_out(c["claim_id"]) == held_out]
    return [given_row(nli, c["claim_id"], c["claim"], climate_fever_gold(c),
                       [(e["article"], premise(e["article"], e["evidence"])) for e in c["evidences"]], t)
            for c in claims[: limit or None]]


class _Scored:
    """An NLI model's scores for pairs scored already, in one batch: ``predict`` looks them up."""

    def __init__(self, nli, pairs: list[tuple[str, str]]):
        self.scores = dict(zip(pairs, nli.predict(pairs), strict=True))

    def predict(self, pairs: list[tuple[str, str]]):
        return [self.scores[p] for p in pairs]


def vitaminc_scores_given(nli, t: Thresholds, limit: int = 0) -> dict[str, list[dict]]:
    """VitaminC's held-out slice as claims, each decided against its one given sentence as the pipeline
    decides (NLI, consistency checks, verdict), and by NLI alone: {"checks": rows, "nli": rows}."""
    held = ds.vitaminc()[1][: limit or None]
    scored = _Scored(nli, [(p.premise, p.hypothesis) for p in held])
    gold = {ds.ENTAILMENT: "supported", ds.CONTRADICTION: "contradicted", ds.NEUTRAL: "unverified"}
    return {name: [given_row(scored, k, p.hypothesis, gold[p.label], [("Wikipedia", p.premise)], t, checks)
                   for k, p in enumerate(held)]
            for name, checks in (("checks", True), ("nli", False))}


def label_with(row: dict, t: Thresholds) -> str:
    return label_for(row["support"], row["contradiction"], t).value


def fit_thresholds(sets: dict[str, list[dict]], disputed: list[dict], fitted_on: str) -> Thresholds:
    """Thresholds fitted on training claims only.

    support / contradict: the best mean macro-F1 over ``sets``. conflict: the best F1 at telling
    Climate-FEVER's DISPUTED claims (``disputed``: rows whose gold may be "disputed") from the rest.
    Every threshold stays at 0.5 or above, so no call goes against the model's own odds; ties go to
    the label thresholds nearest 0.5 and to the higher conflict threshold (fewer flags).
    """
    grid = [round(0.05 * i, 2) for i in range(10, 20)]
    best = None
    for s in grid:
        for c in grid:
            t = Thresholds(s, c, fitted_on)
            f1 = sum(claim_metrics(name, rows, t).macro_f1 for name, rows in sets.items()) / len(sets)
            key = (round(f1, 4), -abs(s - 0.5) - abs(c - 0.5))
            if best is None or key > best[0]:
                best = (key, t)
    gold = [r["gold"] == "disputed" for r in disputed]
    conflict = max(grid, key=lambda k: (round(binary(gold, [conflicting_sources(r["evidence"], k) is not None
                                                            for r in disputed])["f1"], 4), k))
    return Thresholds(best[1].support, best[1].contradict, fitted_on, conflict)


def claim_metrics(name: str, rows: list[dict], t: Thresholds | None = None) -> Metrics:
    """3-way metrics; Climate-FEVER's DISPUTED claims have no 3-way gold and are left out."""
    rows = [r for r in rows if r["gold"] in LABELS]
    pred = [label_with(r, t) if t else r["predicted"] for r in rows]
    return score(name, [r["gold"] for r in rows], pred, LABELS)


def recall_at_5(rows: list[dict]) -> tuple[float, int]:
    with_gold = [r["recall5"] for r in rows if r["recall5"] is not None]
    return (sum(with_gold) / len(with_gold) if with_gold else 0.0), len(with_gold)


# --- Climate-FEVER ---------------------------------------------------------------------


def climate_fever_claims_held_out() -> list[dict]:
    return [c for c in ds.climate_fever_claims() if ds.climate_fever_is_held_out(c["claim_id"])]


def climate_fever_accuracy(rows: list[dict]) -> float:
    """4-class claim accuracy: DISPUTED is right when the verdict is marked conflicting."""
    return sum(r["conflicting"] if r["gold"] == "disputed" else r["predicted"] == r["gold"] for r in rows) / len(rows)


def climate_fever_given(checker: Checker) -> EvalResult:
    """Claim accuracy (4 classes, DISPUTED = conflicting) with the five given evidence sentences."""
    rows = climate_fever_scores_given(checker.nli, True, checker.thresholds)
    return EvalResult("Climate-FEVER", "held-out 20% of claims", "claim accuracy, 5 given sentences",
                      climate_fever_accuracy(rows), len(rows), "38.8% (paper, FEVER-trained model)")


def climate_fever_workspace(path: Path, embedder=None) -> Workspace:
    ws = Workspace.open(path, embedder=embedder)
    if ws.stats().documents == 0:
        seen, docs = set(), []
        for c in ds.climate_fever_claims():
            for e in c["evidences"]:
                if e["evidence"] not in seen:
                    seen.add(e["evidence"])
                    docs.append(Document(text=e["evidence"], title=e["article"], source=e["article"],
                                         path=f"climate-fever:{e['evidence_id']}"))
        ws.add_documents(docs)
    return ws


def climate_fever_retrieved(checker: Checker) -> EvalResult:
    rows = []
    for c in climate_fever_claims_held_out():
        v = checker.check_claim(c["claim"], store=False)
        rows.append({"gold": climate_fever_gold(c), "predicted": v.label.value,
                     "conflicting": v.conflicting})
    return EvalResult("Climate-FEVER", "held-out 20% of claims", "claim accuracy, retrieved from pooled sentences",
                      climate_fever_accuracy(rows), len(rows), "")


# --- ClaimBuster -----------------------------------------------------------------------


def claimbuster_test(embedder, checkworthiness: CheckWorthiness) -> dict:
    """Precision / recall / F1 of Crosscheck's claim filter (rules + classifier) on ClaimBuster's test sentences."""
    rows = ds.claimbuster("test")
    predicted = [1 if extract_claims(text, embedder, checkworthiness).claims else 0 for text, _ in rows]
    return binary([y for _, y in rows], predicted)


def average_precision(labels_by_score: list[int]) -> float:
    """Average precision of a ranking given as gold labels, best score first."""
    hits, total = 0, 0.0
    for rank, label in enumerate(labels_by_score, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def checkthat_test(embedder, checkworthiness: CheckWorthiness) -> dict:
    """CheckThat! 2019 task 1 test: MAP over debates (the lab's primary metric) and the filter's P / R / F1."""
    rows = ds.checkthat2019("test")
    texts = [t for _, t, _ in rows]
    scores = checkworthiness.scores(texts, embedder.encode(texts))
    debates: dict[str, list[tuple[float, int]]] = {}
    for (debate, _, label), s in zip(rows, scores, strict=True):
        debates.setdefault(debate, []).append((float(s), label))
    aps = [average_precision([y for _, y in sorted(items, key=lambda x: -x[0])]) for items in debates.values()]
    out = {"MAP": sum(aps) / len(aps), "debates": len(aps)}
    out.update(binary([y for _, _, y in rows], [int(s >= checkworthiness.threshold) for s in scores]))
    return out
