"""Accuracy, macro-F1 and confusion matrices: small, dependency-free, exact."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metrics:
    name: str
    n: int
    accuracy: float
    macro_f1: float
    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]  # rows: gold, columns: predicted

    def table(self) -> str:
        width = max(len(x) for x in self.labels) + 2
        head = "gold \\ pred".ljust(width + 2) + "".join(x[:13].rjust(14) for x in self.labels)
        rows = [head] + [
            gold.ljust(width + 2) + "".join(str(v).rjust(14) for v in row)
            for gold, row in zip(self.labels, self.confusion, strict=False)
        ]
        return "\n".join(rows)


def score(name: str, gold: list[str], pred: list[str], labels: tuple[str, ...]) -> Metrics:
    index = {x: i for i, x in enumerate(labels)}
    confusion = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred, strict=True):
        confusion[index[g]][index[p]] += 1
    f1s = []
    for i in range(len(labels)):
        tp = confusion[i][i]
        fp = sum(confusion[r][i] for r in range(len(labels))) - tp
        fn = sum(confusion[i]) - tp
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    n = len(gold)
    accuracy = sum(confusion[i][i] for i in range(len(labels))) / n if n else 0.0
    return Metrics(name, n, accuracy, sum(f1s) / len(f1s), labels, tuple(tuple(r) for r in confusion))


def binary(gold: list[int], pred: list[int]) -> dict[str, float]:
    tp = sum(1 for g, p in zip(gold, pred, strict=False) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=False) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred, strict=False) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "n": len(gold)}
