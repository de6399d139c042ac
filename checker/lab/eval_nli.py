"""Held-out NLI evaluation: accuracy, macro-F1 and a confusion matrix per data set."""

from __future__ import annotations

import logging

from checker.lab import datasets as ds
from checker.lab.metrics import Metrics, score
from checker.nli import NLIModel

log = logging.getLogger(__name__)

LABELS3 = (ds.ENTAILMENT, ds.NEUTRAL, ds.CONTRADICTION)


def held_out_sets() -> dict[str, list[ds.Pair]]:
    """Every held-out set whose data is on this machine (never trained on)."""
    loaders = {
        "snli-heldout-2000": lambda: ds.snli()[1],
        "mnli-heldout-2000": lambda: ds.mnli()[1],
        "climate-fever-heldout-20pct": lambda: ds.climate_fever_pairs()[1],
        "anli-r1": lambda: [p for p in ds.anli() if _round(p) == 1],
        "anli-r2": lambda: [p for p in ds.anli() if _round(p) == 2],
        "anli-r3": lambda: [p for p in ds.anli() if _round(p) == 3],
        "vitaminc-heldout-5pct": lambda: ds.vitaminc()[1],
        "joci-dev": lambda: ds.joci()[1],
        "healthver-dev": lambda: ds.nli_extra("healthver", "dev"),
        "covidfact-dev": lambda: ds.nli_extra("covidfact", "dev"),
    }
    out = {}
    for name, load in loaders.items():
        try:
            out[name] = load()
        except ds.DataUnavailable as e:
            log.warning("skipping %s: %s", name, e)
    return out


_ANLI_ROUNDS: dict[tuple[str, str], int] = {}


def _round(pair: ds.Pair) -> int:
    if not _ANLI_ROUNDS:
        for r in ds.read_jsonl(ds.data_dir() / "anli" / "test.jsonl"):
            _ANLI_ROUNDS[(r["premise"], r["hypothesis"])] = int(r["tag"][1])
    return _ANLI_ROUNDS[(pair.premise, pair.hypothesis)]


def evaluate(model: NLIModel, sets: dict[str, list[ds.Pair]] | None = None, limit: int = 0) -> list[Metrics]:
    sets = held_out_sets() if sets is None else sets
    results = []
    for name, pairs in sets.items():
        if limit:
            pairs = pairs[:limit]
        scores = model.predict([(p.premise, p.hypothesis) for p in pairs])
        results.append(score(name, [p.label for p in pairs], [s.label for s in scores], LABELS3))
        log.info("%s: accuracy %.3f", name, results[-1].accuracy)
    return results


def report(results: list[Metrics]) -> str:
    lines = ["| held-out set | pairs | accuracy | macro-F1 |", "|---|---:|---:|---:|"]
    lines += [f"| {m.name} | {m.n} | {m.accuracy:.1%} | {m.macro_f1:.3f} |" for m in results]
    return "\n".join(lines)
