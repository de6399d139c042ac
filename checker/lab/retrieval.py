"""The team's paraphrased-question set: is the sentence that answers each question found?

    python -m checker.lab.retrieval [--set team|heldout|heldout2] [--workspace PATH] [--mode hybrid|dense|lexical] [--misses]

``tests/data/retrieval_questions.jsonl`` holds 40 questions written by hand about the demo corpus,
worded unlike the sentences that answer them, each with a piece of the answering sentence
(distinctive: it is in no other sentence of the corpus) and, under "also", pieces of any other
sentence that answers the question as well (another source reporting the same fact; added by reading
the corpus for every question). A question counts as found at rank k when the k-th passage returned
holds one of its answers; the "first-named sentence only" figures count only the "answer" sentence.
``tests/data/retrieval_questions_heldout.jsonl`` holds 28 more, written after the search was tuned on
the first set and before it was measured on them; ``retrieval_questions_heldout2.jsonl`` 39 more,
written in the sixth session after the hybrid scores were settled and before anything was measured on
them, each about a sentence the other sets ask little or nothing about. Headlines are document metadata, not passages: the
tool also counts passages returned that are only a document's title (there should be none).

Without --workspace the demo corpus (data/corpus) is indexed into a temporary workspace.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETS = {"team": ROOT / "tests" / "data" / "retrieval_questions.jsonl",
        "heldout": ROOT / "tests" / "data" / "retrieval_questions_heldout.jsonl",
        "heldout2": ROOT / "tests" / "data" / "retrieval_questions_heldout2.jsonl"}
CORPUS = ROOT / "data" / "corpus"


def questions(name: str = "team") -> list[dict]:
    return [json.loads(line) for line in SETS[name].read_text(encoding="utf-8").splitlines() if line.strip()]


def answers(row: dict, strict: bool = False) -> list[str]:
    """The pieces of text that mark an answering sentence: the named one, and (unless strict) the others."""
    return [row["answer"]] + ([] if strict else row.get("also", []))


def measure(ws, rows: list[dict], mode: str = "hybrid", k: int = 3, strict: bool = False) -> dict:
    """Top-1 and top-k rates, the rank of each question's answer (None: not in the top k), headline hits."""
    ranks, headlines = [], 0
    for row in rows:
        hits = ws.search(row["question"], top_k=k, mode=mode)
        headlines += sum(h.passage.text.strip().rstrip(".") == h.passage.title.strip().rstrip(".") for h in hits)
        rank = next((h.rank for h in hits
                     if any(a in " ".join(h.passage.text.split()) for a in answers(row, strict))), None)
        ranks.append(rank)
    n = len(rows)
    return {"questions": n, "top1": sum(r == 1 for r in ranks) / n, f"top{k}": sum(r is not None for r in ranks) / n,
            "ranks": ranks, "headline_hits": headlines}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="team", choices=sorted(SETS), help="which question set (default: team)")
    ap.add_argument("--workspace", type=Path, help="an indexed workspace (default: the demo corpus, indexed now)")
    ap.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "lexical"])
    ap.add_argument("--misses", action="store_true", help="print the questions not answered first")
    args = ap.parse_args(argv)
    from index.workspace import Workspace

    rows = questions(args.set)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.workspace or Path(tmp) / "ws"
        with Workspace.open(path) as ws:
            if args.workspace is None:
                ws.add([CORPUS])
            m = measure(ws, rows, args.mode)
            strict = measure(ws, rows, args.mode, strict=True)
            print(f"{m['questions']} questions ({SETS[args.set].relative_to(ROOT)}), {args.mode} search")
            print(f"answer sentence first: {m['top1']:.1%}   in the top 3: {m['top3']:.1%}   "
                  f"headline-only passages returned: {m['headline_hits']}")
            print(f"first-named sentence only: first {strict['top1']:.1%}   in the top 3: {strict['top3']:.1%}")
            if args.misses:
                for row, rank in zip(rows, m["ranks"]):
                    if rank != 1:
                        top = ws.search(row["question"], top_k=1, mode=args.mode)[0].passage.text
                        print(f"  rank {rank or '>3'}: {row['question']}\n      first: {top}")


if __name__ == "__main__":
    main()
