"""The team's paraphrased-question set: is the sentence that answers each question found?

    python -m checker.lab.retrieval [--workspace PATH] [--mode hybrid|dense|lexical] [--misses]

``tests/data/retrieval_questions.jsonl`` holds 40 questions written by hand about the demo corpus,
worded unlike the sentences that answer them, each with its document and a piece of the answering
sentence (distinctive: it is in no other sentence of the corpus). A question counts as found at
rank k when the k-th passage returned is that sentence. Headlines are document metadata, not passages:
the tool also counts passages returned that are only a document's title (there should be none).

Without --workspace the demo corpus (data/corpus) is indexed into a temporary workspace.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "tests" / "data" / "retrieval_questions.jsonl"
CORPUS = ROOT / "data" / "corpus"


def questions() -> list[dict]:
    return [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure(ws, rows: list[dict], mode: str = "hybrid", k: int = 3) -> dict:
    """Top-1 and top-k rates, the rank of each question's answer (None: not in the top k), headline hits."""
    ranks, headlines = [], 0
    for row in rows:
        hits = ws.search(row["question"], top_k=k, mode=mode)
        headlines += sum(h.passage.text.strip().rstrip(".") == h.passage.title.strip().rstrip(".") for h in hits)
        rank = next((h.rank for h in hits if row["answer"] in " ".join(h.passage.text.split())), None)
        ranks.append(rank)
    n = len(rows)
    return {"questions": n, "top1": sum(r == 1 for r in ranks) / n, f"top{k}": sum(r is not None for r in ranks) / n,
            "ranks": ranks, "headline_hits": headlines}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workspace", type=Path, help="an indexed workspace (default: the demo corpus, indexed now)")
    ap.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "lexical"])
    ap.add_argument("--misses", action="store_true", help="print the questions not answered first")
    args = ap.parse_args(argv)
    from index.workspace import Workspace

    rows = questions()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.workspace or Path(tmp) / "ws"
        with Workspace.open(path) as ws:
            if args.workspace is None:
                ws.add([CORPUS])
            m = measure(ws, rows, args.mode)
            print(f"{m['questions']} questions ({SET.relative_to(ROOT)}), {args.mode} search")
            print(f"answer sentence first: {m['top1']:.1%}   in the top 3: {m['top3']:.1%}   "
                  f"headline-only passages returned: {m['headline_hits']}")
            if args.misses:
                for row, rank in zip(rows, m["ranks"]):
                    if rank != 1:
                        top = ws.search(row["question"], top_k=1, mode=args.mode)[0].passage.text
                        print(f"  rank {rank or '>3'}: {row['question']}\n      first: {top}")


if __name__ == "__main__":
    main()
