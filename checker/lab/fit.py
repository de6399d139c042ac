"""``crosscheck eval fit``: the verdict thresholds fitted on training claims, saved beside the model.

Support and contradiction are fitted for the best mean macro-F1 over SciFact's tune claims (their
cited abstracts) and Climate-FEVER's training claims (their given sentences); the conflict bar for
the best F1 at spotting Climate-FEVER's DISPUTED training claims (see ``evaluate.fit_thresholds``).
The held-out figures printed beside them use the thresholds just fitted and are never fitted on.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.lab import evaluate as ev
from checker.nli import NLIModel
from checker.verdict import Thresholds

SCIFACT_TUNE = "SciFact tune (cited abstracts)"
CF_TRAIN = "Climate-FEVER train (given sentences)"


@dataclass(frozen=True)
class Fit:
    thresholds: Thresholds
    fitted: dict  # set name → Metrics on the claims fitted on
    held_out: dict  # set name → Metrics on held-out claims, with the fitted thresholds

    def rows(self) -> list[dict]:
        return ([{"set": f"{name} (fitted on)", **metric_cells(m)} for name, m in self.fitted.items()]
                + [{"set": f"{name} (held out)", **metric_cells(m)} for name, m in self.held_out.items()])


def metric_cells(m) -> dict:
    return {"claims": m.n, "accuracy": round(m.accuracy, 4), "macro_f1": round(m.macro_f1, 4)}


def fit(nli: NLIModel, limit: int = 0) -> Fit:
    """Fit on training claims; measure on held-out claims (nothing is saved)."""
    start = Thresholds()
    sets = {SCIFACT_TUNE: ev.scifact_scores_cited(nli, "tune", start, limit),
            CF_TRAIN: ev.climate_fever_scores_given(nli, False, start, limit)}
    sizes = ", ".join(f"{name}: {len(rows)} claims" for name, rows in sets.items())
    t = ev.fit_thresholds(sets, sets[CF_TRAIN], f"mean macro-F1 over {sizes}")
    fitted = {name: ev.claim_metrics(name, rows, t) for name, rows in sets.items()}
    held = {"SciFact report (cited abstracts)": ev.scifact_scores_cited(nli, "report", t, limit),
            "Climate-FEVER held-out (given sentences)": ev.climate_fever_scores_given(nli, True, t, limit)}
    return Fit(t, fitted, {name: ev.claim_metrics(name, rows) for name, rows in held.items()})


def save(result: Fit, nli: NLIModel):
    """verdict.json beside the model (refused for a hub model's cache)."""
    extra = {name: round(m.macro_f1, 4) for name, m in result.fitted.items()}
    return nli.bundle.save_verdict(result.thresholds.to_json(**extra))
