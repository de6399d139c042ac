"""End-to-end evaluations on public data (``crosscheck eval ...``); each skips when its data is absent.

* SciFact: index the 5,183-abstract corpus, check training claims against the whole index;
  3-way claim accuracy, macro-F1, recall@5 of the gold abstract. Thresholds are fitted on the
  tune part of the training claims (``--fit``) and reported on the report part (30%, never trained on).
* Climate-FEVER (held-out 20% of claims): claim accuracy with the five given evidence sentences,
  and with evidence retrieved from all pooled evidence sentences.
* ClaimBuster test: check-worthiness precision / recall / F1.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from checker import datasets as ds
from checker.checkworthy import CheckWorthiness, extract_claims
from checker.claims import Claim
from checker.metrics import Metrics, binary, score
from checker.pipeline import Checker
from checker.verdict import Label, Thresholds, decide, label_for
from index.ingest import Document
from index.workspace import Workspace

log = logging.getLogger(__name__)

LABELS = (Label.SUPPORTED.value, Label.CONTRADICTED.value, Label.UNVERIFIED.value)
SCIFACT_GOLD = {ds.ENTAILMENT: "supported", ds.CONTRADICTION: "contradicted", ds.NEUTRAL: "unverified"}
CF_GOLD = {"SUPPORTS": "supported", "REFUTES": "contradicted", "NOT_ENOUGH_INFO": "unverified"}


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
                    "recall5": (len(gold_docs & set(ranked[:5])) > 0) if gold_docs else None})
        if progress:
            progress(n, len(claims), c["claim"])
    return out


def scifact_scores_cited(checker: Checker, split: str, limit: int = 0) -> list[dict]:
    """Per claim: support/contradiction over the sentences of its cited abstracts (no retrieval)."""
    from checker.verdict import Evidence

    corpus = {d["doc_id"]: d for d in ds.scifact_corpus()}
    claims = [c for c in ds.scifact_claims() if ds.scifact_is_report(c["id"]) == (split == "report")]
    out = []
    for c in claims[: limit or None]:
        premises = []
        for doc_id in c["cited_doc_ids"]:
            sents = corpus[int(doc_id)]["abstract"]
            premises += [(doc_id, " ".join(sents[max(0, i - 1) : i + 2]), s) for i, s in enumerate(sents)]
        scores = checker.nli.predict([(p, c["claim"]) for _, p, _ in premises])
        evidence = [Evidence(k, d, s, p, 0, len(s), 0, str(d), "", "", "", k + 1, 0.0, sc.entailment, sc.neutral,
                             sc.contradiction) for k, ((d, p, s), sc) in enumerate(zip(premises, scores))]
        v = decide(Claim(c["claim"], c["claim"], 0, len(c["claim"])), evidence, checker.thresholds)
        out.append({"id": c["id"], "gold": SCIFACT_GOLD[ds.scifact_claim_label(c)], "support": v.support,
                    "contradiction": v.contradiction, "predicted": v.label.value, "recall5": None})
    return out


def label_with(row: dict, t: Thresholds) -> str:
    return label_for(row["support"], row["contradiction"], t).value


def fit_thresholds(rows: list[dict], fitted_on: str) -> Thresholds:
    """Grid search of the two thresholds for macro-F1 on ``rows`` (training claims only)."""
    grid = [round(0.05 * i, 2) for i in range(4, 20)]
    best = None
    for s in grid:
        for c in grid:
            t = Thresholds(s, c, fitted_on)
            m = score("fit", [r["gold"] for r in rows], [label_with(r, t) for r in rows], LABELS)
            key = (round(m.macro_f1, 4), round(m.accuracy, 4), -abs(s - 0.5) - abs(c - 0.5))
            if best is None or key > best[0]:
                best = (key, t)
    return best[1]


def claim_metrics(name: str, rows: list[dict], t: Thresholds | None = None) -> Metrics:
    pred = [label_with(r, t) if t else r["predicted"] for r in rows]
    return score(name, [r["gold"] for r in rows], pred, LABELS)


def recall_at_5(rows: list[dict]) -> tuple[float, int]:
    with_gold = [r["recall5"] for r in rows if r["recall5"] is not None]
    return (sum(with_gold) / len(with_gold) if with_gold else 0.0), len(with_gold)


def save_thresholds(t: Thresholds, model_folder: Path, extra: dict) -> Path:
    path = Path(model_folder) / "verdict.json"
    path.write_text(json.dumps({"support": t.support, "contradict": t.contradict, "fitted_on": t.fitted_on, **extra},
                               indent=2) + "\n")
    return path


# --- Climate-FEVER ---------------------------------------------------------------------


def climate_fever_claims_held_out() -> list[dict]:
    return [c for c in ds.climate_fever_claims() if ds.climate_fever_is_held_out(c["claim_id"])]


def _cf_correct(claim: dict, label: str, conflicting: bool) -> bool:
    if claim["claim_label"] == "DISPUTED":
        return conflicting
    return CF_GOLD[claim["claim_label"]] == label


def climate_fever_given(checker: Checker) -> EvalResult:
    """Claim accuracy (4 classes, DISPUTED = conflicting) with the five given evidence sentences."""
    from checker.verdict import Evidence

    claims = climate_fever_claims_held_out()
    correct = 0
    for c in claims:
        evs = c["evidences"]
        scores = checker.nli.predict([(e["evidence"], c["claim"]) for e in evs])
        evidence = [Evidence(k, k, e["evidence"], e["evidence"], 0, len(e["evidence"]), 0, e["article"], e["article"],
                             "", "", k + 1, 0.0, s.entailment, s.neutral, s.contradiction)
                    for k, (e, s) in enumerate(zip(evs, scores))]
        v = decide(Claim(c["claim"], c["claim"], 0, len(c["claim"])), evidence, checker.thresholds)
        correct += _cf_correct(c, v.label.value, v.conflicting)
    return EvalResult("Climate-FEVER", "held-out 20% of claims", "claim accuracy, 5 given sentences",
                      correct / len(claims), len(claims), "38.8% (paper, FEVER-trained model)")


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
    claims = climate_fever_claims_held_out()
    correct = 0
    for c in claims:
        v = checker.check_claim(c["claim"], store=False)
        correct += _cf_correct(c, v.label.value, v.conflicting)
    return EvalResult("Climate-FEVER", "held-out 20% of claims", "claim accuracy, retrieved from pooled sentences",
                      correct / len(claims), len(claims), "")


# --- ClaimBuster -----------------------------------------------------------------------


def claimbuster_test(embedder, checkworthiness: CheckWorthiness) -> dict:
    """Precision / recall / F1 of Crosscheck's claim filter (rules + classifier) on ClaimBuster's test sentences."""
    rows = ds.claimbuster("test")
    predicted = [1 if extract_claims(text, embedder, checkworthiness)[0] else 0 for text, _ in rows]
    return binary([y for _, y in rows], predicted)

