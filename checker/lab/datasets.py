"""Readers for the public data sets in ``../shared/data`` and their fixed splits.

The data sets are never copied into the repository: they are read at run time
from :func:`data_dir`, and every reader raises :class:`DataUnavailable` when its
files are absent so that tests and tools can skip cleanly.

Held-out splits are declared here, by a stable hash, once:

* 2,000 MultiNLI pairs and 2,000 SNLI pairs (the pairs with the smallest hash),
* all of ANLI (evaluation only: CC BY-NC),
* 20% of Climate-FEVER claims,
* 30% of SciFact training claims (the "report" part used by ``crosscheck eval scifact``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from index.errors import CrosscheckError
from index.settings import data_dir

ENTAILMENT, NEUTRAL, CONTRADICTION = "entailment", "neutral", "contradiction"
NOT_ENTAILMENT = "not_entailment"  # two-way data sets: neutral or contradiction
LABELS = (ENTAILMENT, NEUTRAL, CONTRADICTION)

HELD_OUT_MNLI = 2000
HELD_OUT_SNLI = 2000
CLIMATE_FEVER_HELD_OUT = 0.20
VITAMINC_HELD_OUT = 0.05  # of the claims (all their contrastive pairs go together): ~2,600 pairs
# nli-extra/README.md: which sets' licences allow training the shipped model; the rest evaluate only.
NLI_EXTRA_TRAINABLE = ("vitaminc", "joci")
NLI_EXTRA_EVAL_ONLY = ("covidfact", "healthver", "sick", "mpe", "commitment_bank", "fracas")
SCIFACT_REPORT_SHARE = 0.30


class DataUnavailable(CrosscheckError):
    """A public data set is not on this machine."""


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: str  # one of LABELS or NOT_ENTAILMENT
    source: str


def _path(*parts: str) -> Path:
    path = data_dir().joinpath(*parts)
    if not path.exists():
        raise DataUnavailable(f"{path} not found - set CROSSCHECK_DATA to the shared data folder")
    return path


def stable_hash(*parts: object) -> int:
    """A hash that does not change between runs, machines or Python versions."""
    key = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return int.from_bytes(hashlib.sha1(key).digest()[:8], "big")


def stable_fraction(*parts: object) -> float:
    return stable_hash(*parts) / 2**64


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSONL file, gzip'd or not (by its ``.gz`` suffix)."""
    import gzip

    opener = gzip.open if Path(path).suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _split_by_count(name: str, rows: list[Pair], n_held: int) -> tuple[list[Pair], list[Pair]]:
    ranked = sorted(rows, key=lambda p: stable_hash(name, p.premise, p.hypothesis))
    held = ranked[:n_held]
    held_keys = {(p.premise, p.hypothesis) for p in held}
    train = [p for p in rows if (p.premise, p.hypothesis) not in held_keys]
    return train, held


def _nli_file(folder: str, filename: str, source: str) -> list[Pair]:
    return [
        Pair(r["premise"], r["hypothesis"], r["label"], source)
        for r in read_jsonl(_path(folder, filename))
        if r["label"] in LABELS or r["label"] == NOT_ENTAILMENT
    ]


def mnli() -> tuple[list[Pair], list[Pair]]:
    """(train, held-out) split of MultiNLI dev-matched."""
    return _split_by_count("mnli", _nli_file("multinli", "dev.jsonl", "mnli"), HELD_OUT_MNLI)


def snli() -> tuple[list[Pair], list[Pair]]:
    return _split_by_count("snli", _nli_file("snli", "dev.jsonl", "snli"), HELD_OUT_SNLI)


def anli() -> list[Pair]:
    """ANLI is CC BY-NC: evaluation only."""
    return _nli_file("anli", "test.jsonl", "anli")


def counterfactual_snli() -> list[Pair]:
    return _nli_file("counterfactual-snli", "test.jsonl", "cf-snli")


def rte() -> list[Pair]:
    return _nli_file("rte", "test.jsonl", "rte")


def scitail() -> list[Pair]:
    return _nli_file("scitail", "test.jsonl", "scitail")


# --- Climate-FEVER -----------------------------------------------------------------

CF_LABELS = {"SUPPORTS": ENTAILMENT, "REFUTES": CONTRADICTION, "NOT_ENOUGH_INFO": NEUTRAL}


def climate_fever_claims() -> list[dict]:
    return read_jsonl(_path("climate-fever", "climate-fever.jsonl"))


def climate_fever_is_held_out(claim_id: str) -> bool:
    return stable_fraction("climate-fever", claim_id) < CLIMATE_FEVER_HELD_OUT


def climate_fever_pairs() -> tuple[list[Pair], list[Pair]]:
    """(train, held-out) evidence pairs; the split is by claim, never by pair."""
    train, held = [], []
    for claim in climate_fever_claims():
        target = held if climate_fever_is_held_out(claim["claim_id"]) else train
        for ev in claim["evidences"]:
            target.append(Pair(ev["evidence"], claim["claim"], CF_LABELS[ev["evidence_label"]], "climate-fever"))
    return train, held


# --- SciFact -------------------------------------------------------------------------


def scifact_corpus() -> list[dict]:
    return read_jsonl(_path("scifact", "corpus.jsonl"))


def scifact_claims() -> list[dict]:
    return read_jsonl(_path("scifact", "claims_train.jsonl"))


def scifact_is_report(claim_id: int) -> bool:
    """True for the SciFact training claims we report on (never trained or tuned on)."""
    return stable_fraction("scifact", claim_id) < SCIFACT_REPORT_SHARE


def scifact_claim_label(claim: dict) -> str:
    labels = {r["label"] for rats in claim["evidence"].values() for r in rats}
    if not labels:
        return NEUTRAL
    return ENTAILMENT if "SUPPORT" in labels else CONTRADICTION


def scifact_pairs(corpus: dict[int, dict] | None = None) -> list[Pair]:
    """NLI pairs from the rationales of the SciFact claims not in the report part.

    Rationale sentences → SUPPORT/CONTRADICT; for claims without evidence, sentences
    of the cited abstracts → neutral.
    """
    corpus = corpus or {d["doc_id"]: d for d in scifact_corpus()}
    pairs = []
    for claim in scifact_claims():
        if scifact_is_report(claim["id"]):
            continue
        text = claim["claim"]
        for doc_id, rationales in claim["evidence"].items():
            abstract = corpus[int(doc_id)]["abstract"]
            for r in rationales:
                premise = " ".join(abstract[i] for i in r["sentences"])
                label = ENTAILMENT if r["label"] == "SUPPORT" else CONTRADICTION
                pairs.append(Pair(premise, text, label, "scifact"))
        if not claim["evidence"]:
            for doc_id in claim["cited_doc_ids"]:
                abstract = corpus[int(doc_id)]["abstract"]
                for k in range(min(2, len(abstract))):
                    i = stable_hash("scifact-nei", claim["id"], doc_id, k) % len(abstract)
                    pairs.append(Pair(abstract[i], text, NEUTRAL, "scifact"))
    return pairs


def scifact_report_doc_ids() -> set[int]:
    """Abstracts cited by the report claims: kept out of synthetic training data."""
    ids: set[int] = set()
    for claim in scifact_claims():
        if scifact_is_report(claim["id"]):
            ids.update(int(d) for d in claim["cited_doc_ids"])
            ids.update(int(d) for d in claim["evidence"])
    return ids


# --- check-worthiness ----------------------------------------------------------------


def claimbuster(split: str) -> list[tuple[str, int]]:
    """ClaimBuster sentences as (text, label); split is 'train' or 'test'."""
    with open(_path("claimbuster", f"{split}.json"), encoding="utf-8") as f:
        return [(r["text"], int(r["label"])) for r in json.load(f)]


def checkthat2019(split: str = "test") -> list[tuple[str, str, int]]:
    """CLEF CheckThat! 2019 task 1 sentences as (debate file, text, label); split is 'training' or 'test'."""
    import csv

    name = "CT19-T1-Training.csv" if split == "training" else "CT19-T1-Test.csv"
    with open(_path("checkthat", "clef2019-task1", name), encoding="utf-8", newline="") as f:
        return [(r["file_name"], r["text"], int(r["label"])) for r in csv.DictReader(f)]


# --- nli-extra: fact-verification and NLI pairs -------------------------------------


def nli_extra(name: str, split: str) -> list[Pair]:
    """One file of ``nli-extra/NAME/SPLIT.jsonl.gz`` (premise = evidence, hypothesis = claim)."""
    rows = read_jsonl(_path("nli-extra", name, f"{split}.jsonl.gz"))
    return [Pair(r["premise"], r["hypothesis"], r["label"], name) for r in rows if r["label"] in LABELS]


def vitaminc_is_held_out(pair: Pair) -> bool:
    return stable_fraction("vitaminc", pair.hypothesis) < VITAMINC_HELD_OUT


def vitaminc() -> tuple[list[Pair], list[Pair]]:
    """(train, held-out) VitaminC pairs, real and synthetic; split by claim, so no claim is on both sides."""
    rows = nli_extra("vitaminc", "real") + nli_extra("vitaminc", "synthetic")
    return [p for p in rows if not vitaminc_is_held_out(p)], [p for p in rows if vitaminc_is_held_out(p)]


def joci() -> tuple[list[Pair], list[Pair]]:
    """(train, dev) JOCI pairs; dev is never trained on."""
    return nli_extra("joci", "train"), nli_extra("joci", "dev")
