"""``crosscheck eval fit``: the verdict thresholds fitted on training claims, saved beside the model.

Support and contradiction are fitted for the best mean macro-F1 over SciFact's tune claims (their
cited abstracts) and Climate-FEVER's training claims (their given sentences); the conflict bar for
the best F1 at spotting Climate-FEVER's DISPUTED training claims (see ``evaluate.fit_thresholds``).
The held-out figures printed beside them use the thresholds just fitted and are never fitted on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from checker.claims import Claim
from checker.lab import evaluate as ev
from checker.lab.metrics import score
from checker.nli import NLIModel
from checker.verdict import Aggregator, Thresholds, decide, features, overrule

SCIFACT_TUNE = "SciFact tune (cited abstracts)"
CF_TRAIN = "Climate-FEVER train (given sentences)"


@dataclass(frozen=True)
class Fit:
    thresholds: Thresholds  # with the aggregator when it beat the thresholds in cross-validation
    fitted: dict  # set name → Metrics on the claims fitted on
    held_out: dict  # set name → Metrics on held-out claims, with the fitted thresholds
    aggregator_held_out: dict = None  # set name → (Metrics, ECE) with the aggregator, whether kept or not
    cv: dict = None  # "thresholds" / "aggregator" → mean macro-F1 over 5 folds of the training claims
    threshold_ece: dict = None  # set name → ECE of the thresholds' confidence on held-out claims

    def rows(self) -> list[dict]:
        out = ([{"set": f"{name} (fitted on)", **metric_cells(m)} for name, m in self.fitted.items()]
               + [{"set": f"{name} (held out), thresholds", **metric_cells(m), "ece": round(self.threshold_ece[name], 4)}
                  for name, m in self.held_out.items()])
        out += [{"set": f"{name} (held out), aggregator", **metric_cells(m), "ece": round(ece, 4)}
                for name, (m, ece) in (self.aggregator_held_out or {}).items()]
        return out


def metric_cells(m) -> dict:
    return {"claims": m.n, "accuracy": round(m.accuracy, 4), "macro_f1": round(m.macro_f1, 4)}


def fit(nli: NLIModel, limit: int = 0, aggregator: bool = True) -> Fit:
    """Fit on training claims; measure on held-out claims (nothing is saved).

    The thresholds are fitted as before; then a logistic-regression aggregator over the verdict's
    features (:data:`checker.verdict.FEATURES`) on the same claims. The aggregator is kept only when
    its mean macro-F1 in 5-fold cross-validation on the training claims beats the thresholds', and
    ``aggregator`` is true (it is still fitted and measured, so the comparison is printed)."""
    start = Thresholds()
    sets = {SCIFACT_TUNE: ev.scifact_scores_cited(nli, "tune", start, limit),
            CF_TRAIN: ev.climate_fever_scores_given(nli, False, start, limit)}
    sizes = ", ".join(f"{name}: {len(rows)} claims" for name, rows in sets.items())
    t = ev.fit_thresholds(sets, sets[CF_TRAIN], f"mean macro-F1 over {sizes}")
    fitted = {name: ev.claim_metrics(name, rows, t) for name, rows in sets.items()}
    held = {"SciFact report (cited abstracts)": ev.scifact_scores_cited(nli, "report", t, limit),
            "Climate-FEVER held-out (given sentences)": ev.climate_fever_scores_given(nli, True, t, limit)}
    training = [r for rows in sets.values() for r in rows if r["gold"] in ev.LABELS]
    cv = cross_validate(training, t)
    with_aggregator = replace(t, aggregator=fit_aggregator(training))
    aggregator_held = {name: decided(name, rows, with_aggregator) for name, rows in held.items()}
    threshold_held = {name: decided(name, rows, t) for name, rows in held.items()}
    kept = with_aggregator if aggregator and cv["aggregator"] > cv["thresholds"] else t
    return Fit(kept, fitted, {name: m for name, (m, _) in threshold_held.items()}, aggregator_held, cv,
               {name: ece for name, (_, ece) in threshold_held.items()})


def fit_aggregator(rows: list[dict]) -> Aggregator:
    """Multinomial logistic regression from the verdict's features to the gold labels."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000)  # class_weight="balanced" did worse in cross-validation
    model.fit([features(overrule(r["evidence"])) for r in rows], [r["gold"] for r in rows])
    return Aggregator(tuple(str(c) for c in model.classes_), tuple(tuple(round(float(w), 5) for w in row)
                                                                  for row in model.coef_),
                      tuple(round(float(b), 5) for b in model.intercept_))


def decided(name: str, rows: list[dict], t: Thresholds):
    """(Metrics, ECE) of the verdicts ``decide`` gives these claims' scored passages under ``t``."""
    rows = [r for r in rows if r["gold"] in ev.LABELS]
    verdicts = [decide(Claim("", "", 0, 0), r["evidence"], t) for r in rows]
    m = score(name, [r["gold"] for r in rows], [v.label.value for v in verdicts], ev.LABELS)
    return m, expected_calibration_error([v.confidence for v in verdicts],
                                         [v.label.value == r["gold"] for v, r in zip(verdicts, rows, strict=True)])


def expected_calibration_error(confidence: list[float], correct: list[bool], bins: int = 10) -> float:
    """The gap between confidence and accuracy, averaged over ten equal-width confidence bins by size."""
    total, n = 0.0, len(confidence)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidence) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if idx:
            acc = sum(correct[i] for i in idx) / len(idx)
            conf = sum(confidence[i] for i in idx) / len(idx)
            total += len(idx) / n * abs(acc - conf)
    return total


def cross_validate(rows: list[dict], t: Thresholds, folds: int = 5) -> dict[str, float]:
    """Mean macro-F1 over folds of the training claims: the aggregator fitted on the other folds, against
    the fitted thresholds (fitted on all of them, which favours the thresholds if anything)."""
    import random

    order = list(range(len(rows)))
    random.Random(13).shuffle(order)
    out = {"thresholds": 0.0, "aggregator": 0.0}
    for k in range(folds):
        test = [rows[i] for i in order[k::folds]]
        train = [rows[i] for j, i in enumerate(order) if j % folds != k]
        out["thresholds"] += decided("cv", test, t)[0].macro_f1 / folds
        out["aggregator"] += decided("cv", test, replace(t, aggregator=fit_aggregator(train)))[0].macro_f1 / folds
    return out


def save(result: Fit, nli: NLIModel):
    """verdict.json beside the model (refused for a hub model's cache)."""
    extra = {name: round(m.macro_f1, 4) for name, m in result.fitted.items()}
    return nli.bundle.save_verdict(result.thresholds.to_json(**extra))
