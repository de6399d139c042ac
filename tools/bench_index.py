"""Benchmark the evidence index: ingest passages/s, search latency p50/p95, peak memory.

    python tools/bench_index.py [--sizes 10000 100000] [--queries 200]

Synthetic news-like sentences (scale is what matters here); real embedder, real FAISS + SQLite.
Documents have no title, so a passage's vector is its sentence's; the embedder memoises repeats,
so past the first size the index grows from a bounded vocabulary of sentences and only new
sentences are embedded (ingest speed is reported for the first size, where all are new).
Prints one line per measurement; the README quotes them with the machine they came from.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchlib import machine, matmul_gflops, percentile  # noqa: E402

from index.embed import load_embedder  # noqa: E402
from index.ingest import Document  # noqa: E402
from index.workspace import Workspace  # noqa: E402

WHO = ["The minister", "A spokesman", "The central bank", "Officials", "The mayor", "Analysts", "The union",
       "Negotiators", "The company", "Researchers", "The council", "Police", "The ministry", "Diplomats"]
DID = ["said", "denied", "confirmed", "announced", "reported", "warned", "estimated", "agreed"]
WHAT = ["talks would begin at {h}:00 GMT", "prices rose {n} percent in {m}", "{n} people attended the meeting",
        "the budget grew by {n} million", "the vote was delayed until {m}", "{n} delegates arrived in {c}",
        "the plant would close in {y}", "exports fell {n} percent", "the ceasefire would last {n} days",
        "a new bridge opens in {c} in {y}"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
CITIES = ["Istanbul", "Geneva", "Kyiv", "Ankara", "Brussels", "Tallinn", "Vienna", "Oslo", "Doha", "Riga"]


def sentence(rng: random.Random) -> str:
    what = rng.choice(WHAT).format(h=f"{rng.randint(0, 23):02d}", n=rng.randint(2, 900), m=rng.choice(MONTHS),
                                   c=rng.choice(CITIES), y=rng.randint(2020, 2030))
    return f"{rng.choice(WHO)} {rng.choice(DID)} that {what}."


def documents(n_passages: int, rng: random.Random, vocabulary: list[str] | None = None,
              per_doc: int = 10) -> list[Document]:
    """Documents of ``per_doc`` sentences: new ones, or drawn from ``vocabulary`` when given."""
    docs = []
    for i in range(0, n_passages, per_doc):
        picked = [rng.choice(vocabulary) if vocabulary else sentence(rng) for _ in range(per_doc)]
        docs.append(Document(text=" ".join(picked), source=f"Outlet {i % 37}",
                             published=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"))
    return docs


class MemoEmbedder:
    """The real embedder, computing each distinct text once."""

    def __init__(self, embedder):
        self.embedder, self.name, self.dim = embedder, embedder.name, embedder.dim
        self.cache: dict[str, object] = {}

    def encode(self, texts, batch_size: int = 64):
        import numpy as np

        new = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if new:
            for t, v in zip(new, self.embedder.encode(new, batch_size)):
                self.cache[t] = v
        return np.vstack([self.cache[t] for t in texts]) if texts else self.embedder.encode([])


def search_times(ws, queries, mode: str) -> list[float]:
    times = []
    for q in queries:
        t = time.perf_counter()
        ws.search(q, top_k=5, mode=mode)
        times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", default=None, help="build the index here and keep it (for bench_check.py)")
    args = parser.parse_args()
    rng = random.Random(7)
    print(machine())
    print(f"matmul peak: {matmul_gflops('fp32'):.0f} GFLOP/s fp32, {matmul_gflops('bf16'):.0f} GFLOP/s bf16")
    t = time.perf_counter()
    embedder = MemoEmbedder(load_embedder())
    print(f"embedder load: {time.perf_counter() - t:.2f} s")
    queries = [sentence(rng) for _ in range(args.queries)]
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(args.keep) if args.keep else Path(tmp) / "ws"
        ws = Workspace.open(where, embedder=embedder)
        have = 0
        for size in sorted(args.sizes):
            docs = documents(size - have, rng, list(embedder.cache) if have else None)
            passages = sum(len(d.text.split(". ")) for d in docs)
            t = time.perf_counter()
            ws.add_documents(docs)
            elapsed = time.perf_counter() - t
            have = ws.stats().passages
            print(f"ingest to {have:,} passages: {passages / elapsed:.0f} passages/s ({elapsed:.0f} s, "
                  f"{len(embedder.cache):,} distinct sentences embedded so far)")
            ws.close()
            t = time.perf_counter()
            ws = Workspace.open(where, embedder=embedder)
            ws.vectors  # noqa: B018 - load and verify the FAISS file against the database
            print(f"open + verify at {have:,} passages: {(time.perf_counter() - t) * 1000:.0f} ms")
            kind = ws.stats().vector_index
            for mode in ("hybrid", "dense", "lexical"):
                times = search_times(ws, queries, mode)
                print(f"search {mode} at {have:,} passages ({kind} vectors): p50 {statistics.median(times):.1f} ms, "
                      f"p95 {percentile(times, 0.95):.1f} ms")
            if kind != "flat":  # the baseline: the same passages searched exactly, in this run
                ws.rebuild_vectors("flat")
                for mode in ("hybrid", "dense"):
                    times = search_times(ws, queries, mode)
                    print(f"  {mode} with a flat (exact) index: p50 {statistics.median(times):.1f} ms, "
                          f"p95 {percentile(times, 0.95):.1f} ms")
                ws.rebuild_vectors("auto")
            s = ws.stats()
            print(f"disk at {have:,} passages: database {s.database_bytes / 2**20:.0f} MB, "
                  f"vectors {s.vectors_bytes / 2**20:.0f} MB")
        ws.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
