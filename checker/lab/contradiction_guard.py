"""How much of a claim must a passage hold before its NLI contradiction counts? Chosen on training claims.

    python -m checker.lab.contradiction_guard [--held-out]

Each claim is scored against its given evidence (SciFact's cited abstracts; Climate-FEVER's five
sentences) with the consistency checks, as ``crosscheck eval fit`` scores it. For each bar, a passage
that holds less than that share of the claim's content words (``Evidence.alignment``) and differs on
no checked detail has its contradiction set to 0, and the verdict is decided again with the shipped
thresholds. The bar with the best mean macro-F1 on the training claims (SciFact tune, Climate-FEVER
train) is the runtime's ``CONTRADICTION_ALIGNMENT``; ``--held-out`` then prints the held-out claims
once, for the README. Climate-FEVER's DISPUTED claims are left out (three classes here).
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from checker.claims import Claim
from checker.lab import evaluate as ev
from checker.lab.metrics import score
from checker.verdict import Thresholds, decide

BARS = (None, 0.01, 0.15, 0.3, 0.4, 0.5)


def macro_f1(rows: list[dict], t: Thresholds, bar: float | None) -> float:
    gold, pred = [], []
    for r in rows:
        if r["gold"] == "disputed":
            continue
        unguarded = [replace(e, checked=False) for e in r["evidence"]]  # the runtime's own guard off
        evidence = unguarded if bar is None else [
            e if e.alignment >= bar or e.disagreements else replace(e, contradiction=0.0) for e in unguarded]
        gold.append(r["gold"])
        pred.append(decide(Claim("", "", 0, 0), evidence, t).label.value)
    return score("guard", gold, pred, tuple(sorted(set(gold) | set(pred)))).macro_f1


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--held-out", action="store_true", help="also print the held-out claims (once, at the end)")
    args = ap.parse_args(argv)
    from checker.nli import load_nli

    nli = load_nli()
    t = Thresholds.from_bundle(nli.bundle)
    sets = {"SciFact tune": ev.scifact_scores_cited(nli, "tune", t),
            "Climate-FEVER train": ev.climate_fever_scores_given(nli, False, t)}
    if args.held_out:
        sets |= {"SciFact report (held out)": ev.scifact_scores_cited(nli, "report", t),
                 "Climate-FEVER held out": ev.climate_fever_scores_given(nli, True, t)}
    print("bar    " + "  ".join(f"{name:>26}" for name in sets) + "  mean (training)")
    for bar in BARS:
        f1 = {name: macro_f1(rows, t, bar) for name, rows in sets.items()}
        mean = (f1["SciFact tune"] + f1["Climate-FEVER train"]) / 2
        print(f"{'none' if bar is None else bar:<6} " + "  ".join(f"{v:>26.3f}" for v in f1.values()) + f"  {mean:.3f}")


if __name__ == "__main__":
    main()
