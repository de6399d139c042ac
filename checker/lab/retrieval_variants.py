"""Search variants not shipped, measured beside the shipped hybrid search, in memory.

    python -m checker.lab.retrieval_variants [--set team|heldout|heldout2|scifact-tune]

Each variant ranks the same passages: ``hybrid`` (dense + BM25 scores combined by
:func:`index.workspace.fuse`, as :meth:`index.workspace.Workspace.search`, whose BM25 ranking it
uses), ``dense``, ``dense W`` (hybrid with dense search weighed W instead of the shipped
``DENSE_WEIGHT``), ``rank fusion`` (reciprocal-rank fusion, k = 60, which the hybrid search used
until 2026-11-26), ``+ window`` (rank fusion with a third ranking from vectors that embed each passage
with the sentence before it), ``context xW`` (hybrid with BM25's context column weighted W instead of
the shipped ``CONTEXT_WEIGHT``; 0: the sentence alone) and ``nli rerank@k`` (the hybrid top k
re-ordered by the NLI model's 1 - P(neutral)). The question sets count a hit when
a passage holds an answer (:mod:`checker.lab.retrieval`); ``scifact-tune`` (SciFact training claims
outside the report split, with evidence) when the passage is from a gold abstract. Re-embeds the SciFact index's 45k passages
twice for the window variant (about half an hour on two cores; ``--no-window`` skips it).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

from checker.lab import retrieval as questions_lab
from index.settings import cache_dir
from index.workspace import CONTEXT_WEIGHT, DENSE_WEIGHT, Workspace, embedding_text, fuse

DEPTH = 50
CONTEXT_WEIGHTS = (0.0, 0.2, 0.3, 0.5, 1.0)  # BM25 weights of a passage's context tried beside the shipped one
DENSE_WEIGHTS = (0.4, 0.5, 0.6, 0.7, 0.8)  # dense search's share of the hybrid score, tried beside the shipped one


def rrf(rankings: list[list[int]], k: int = 60) -> list[int]:
    """Reciprocal-rank fusion (Cormack et al. 2009) of id lists, best first; ties to the first list's order."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, pid in enumerate(ranking, start=1):
            scores[pid] = scores.get(pid, 0.0) + 1.0 / (k + rank)
    first = {pid: rank for rank, pid in enumerate(rankings[0])}
    return sorted(scores, key=lambda pid: (-scores[pid], first.get(pid, len(first)), pid))


def _rows(ws: Workspace) -> list[tuple[int, int, str, str]]:
    """(passage id, document id, text, title), in document order."""
    return ws.db.execute("SELECT p.id, p.document_id, p.text, d.title FROM passages p"
                         " JOIN documents d ON d.id = p.document_id ORDER BY p.document_id, p.seq").fetchall()


def _windows(rows) -> list[str]:
    out, previous = [], {}
    for _, doc, text, title in rows:
        before = previous.get(doc, "")
        out.append(embedding_text(title, f"{before} {text}".strip()))
        previous[doc] = text
    return out


class Variants:
    def __init__(self, ws: Workspace, nli=None, window: bool = True):
        self.ws = ws
        self.rows = _rows(ws)
        self.ids = np.array([r[0] for r in self.rows])
        self.text = {r[0]: r[2] for r in self.rows}
        enc = ws.embedder.encode
        self.encode = enc
        if window:
            self.sentence = enc([embedding_text(title, text) for _, _, text, title in self.rows])
            self.window = enc(_windows(self.rows))
        else:  # the stored vectors, as the shipped search has them
            stored = dict(ws.db.execute("SELECT id, embedding FROM passages"))
            self.sentence = np.stack([np.frombuffer(stored[int(i)], dtype=np.float32) for i in self.ids])
            self.window = None
        self.nli = nli

    def _top(self, scores) -> list[tuple[int, float]]:
        return [(int(self.ids[i]), float(scores[i])) for i in np.argsort(-scores)[:DEPTH]]

    def _lexical(self, text: str, context_weight: float = CONTEXT_WEIGHT) -> list[tuple[int, float]]:
        """BM25's scores as Workspace.search has them, with the context column weighed ``context_weight``."""
        query = self.ws._lexical_query(text)
        return self.ws._bm25(query, DEPTH, context_weight=context_weight) if query else []

    def rankings(self, text: str, vector) -> dict[str, list[int]]:
        dense, lexical = self._top(self.sentence @ vector), self._lexical(text)
        ids = [[p for p, _ in dense], [p for p, _ in lexical]]
        out = {"hybrid": [p for p, _ in fuse(dense, lexical)], "dense": ids[0], "rank fusion": rrf(ids)}
        for weight in DENSE_WEIGHTS:
            if weight != DENSE_WEIGHT:
                out[f"dense {weight}"] = [p for p, _ in fuse(dense, lexical, weight)]
        if self.window is not None:
            out["+ window"] = rrf([*ids, [p for p, _ in self._top(self.window @ vector)]])
        for weight in CONTEXT_WEIGHTS:
            if weight != CONTEXT_WEIGHT:
                out[f"context x{weight}"] = [p for p, _ in fuse(dense, self._lexical(text, weight))]
        if self.nli is not None:
            for k in (5, 10):
                top = out["hybrid"][:k]
                scores = self.nli.predict([(self.text[p], text) for p in top])
                out[f"nli rerank@{k}"] = [p for _, p in sorted(zip((-(1 - s.neutral) for s in scores), top))]
        return out


def measure(variants: Variants, queries: list[str], gold: list[set[int]]) -> dict[str, tuple[float, float]]:
    vectors = variants.encode(queries)
    hits: dict[str, list[tuple[bool, bool]]] = {}
    for text, vector, wanted in zip(queries, vectors, gold):
        for name, ranked in variants.rankings(text, vector).items():
            hits.setdefault(name, []).append((ranked[0] in wanted, any(p in wanted for p in ranked[:3])))
    return {name: (sum(a for a, _ in h) / len(h), sum(b for _, b in h) / len(h)) for name, h in hits.items()}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="heldout", choices=["team", "heldout", "heldout2", "scifact-tune"])
    ap.add_argument("--no-window", action="store_true",
                    help="leave out the window variant (SciFact: a minute instead of half an hour of embedding)")
    args = ap.parse_args(argv)
    from checker.nli import load_nli

    with tempfile.TemporaryDirectory() as tmp:
        if args.set == "scifact-tune":
            from checker.lab import datasets as ds
            from checker.lab.evaluate import _doc_map, scifact_workspace

            ws = scifact_workspace(cache_dir() / "eval" / "scifact")
            # no NLI re-rank: 45k passages' worth of claims is slow on CPU
            variants = Variants(ws, window=not args.no_window)
            docs = _doc_map(ws)
            by_doc: dict[int, set[int]] = {}
            for pid, doc, _, _ in variants.rows:
                by_doc.setdefault(docs[doc], set()).add(pid)
            claims = [c for c in ds.scifact_claims() if not ds.scifact_is_report(c["id"]) and c["evidence"]]
            queries = [c["claim"] for c in claims]
            gold = [set().union(*(by_doc.get(int(d), set()) for d in c["evidence"])) for c in claims]
        else:
            ws = Workspace.open(Path(tmp) / "ws")
            ws.add([questions_lab.CORPUS])
            variants = Variants(ws, load_nli(), window=not args.no_window)
            rows = questions_lab.questions(args.set)
            queries = [r["question"] for r in rows]
            gold = [{pid for pid, _, text, _ in variants.rows
                     if any(a in " ".join(text.split()) for a in questions_lab.answers(r))} for r in rows]
        print(f"{len(queries)} queries ({args.set}): a wanted passage first / in the top 3")
        for name, (first, top3) in measure(variants, queries, gold).items():
            print(f"  {name:14s} {first:.1%} / {top3:.1%}")
        ws.close()


if __name__ == "__main__":
    main()
