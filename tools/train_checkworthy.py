"""Fit the check-worthiness classifier on ClaimBuster's training split.

    python tools/train_checkworthy.py [--out data/models/checkworthy.json]

Logistic regression (scikit-learn, training time only) over all-MiniLM-L6-v2 embeddings plus
surface features. The threshold maximises F-beta on a stable 20% slice of the training split
(beta 2 by default: a fact-checker would rather see one sentence too many than miss a claim);
the test split is only scored, never used for fitting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.checkworthy import features  # noqa: E402
from checker.lab import datasets as ds  # noqa: E402
from checker.lab.metrics import binary  # noqa: E402
from index.embed import load_embedder  # noqa: E402


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="data/models/checkworthy.json")
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--beta", type=float, default=2.0, help="F-beta the threshold maximises on the tune slice")
    args = parser.parse_args()
    embedder = load_embedder()
    train = ds.claimbuster("train")
    test = ds.claimbuster("test")
    fit = [r for r in train if ds.stable_fraction("cb", r[0]) >= 0.2]
    tune = [r for r in train if ds.stable_fraction("cb", r[0]) < 0.2]

    def xy(rows):
        texts = [t for t, _ in rows]
        return features(texts, embedder.encode(texts)), np.array([y for _, y in rows])

    x_fit, y_fit = xy(fit)
    x_tune, y_tune = xy(tune)
    clf = LogisticRegression(C=args.C, max_iter=2000, class_weight="balanced").fit(x_fit, y_fit)
    p_tune = clf.predict_proba(x_tune)[:, 1]
    def f_beta(t):
        m = binary(list(y_tune), list((p_tune >= t).astype(int)))
        b2 = args.beta**2
        denom = b2 * m["precision"] + m["recall"]
        return (1 + b2) * m["precision"] * m["recall"] / denom if denom else 0.0

    best = max((f_beta(t), t) for t in np.arange(0.1, 0.81, 0.02))
    threshold = float(round(best[1], 2))
    clf = LogisticRegression(C=args.C, max_iter=2000, class_weight="balanced").fit(
        np.vstack([x_fit, x_tune]), np.concatenate([y_fit, y_tune]))
    x_test, y_test = xy(test)
    m = binary(list(y_test), list((clf.predict_proba(x_test)[:, 1] >= threshold).astype(int)))
    print(f"ClaimBuster test: precision {m['precision']:.3f} recall {m['recall']:.3f} F1 {m['f1']:.3f} "
          f"(n={m['n']}, threshold {threshold})")
    info = {"trained_on": f"ClaimBuster train.json ({len(train)} sentences)", "embedder": embedder.name,
            "threshold_tuned_on": f"F{args.beta:g} on a stable 20% slice of train", "C": args.C, "date": dt.date.today().isoformat(),
            "claimbuster_test": {k: round(v, 4) for k, v in m.items()}}
    Path(args.out).write_text(json.dumps({"weights": [round(float(w), 6) for w in clf.coef_[0]],
                                          "bias": round(float(clf.intercept_[0]), 6), "threshold": threshold,
                                          "info": info}) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
