"""Approximate (IVF) against exact (flat) dense search at scale: build time, latency, recall@10.

The vectors are synthetic but shaped like real ones: the embeddings of 10,000 distinct news-like
sentences (bench_index.py's generator), each repeated with noise (unit vectors, cosine about 0.9
to their sentence) up to --size; the queries are 200 other sentences, embedded for real. The flat
index in the same run is the baseline; searches fetch 50 candidates, as the workspace's hybrid
search does, and recall@10 is the share of flat's top 10 that the IVF search also returns.

    python tools/bench_ann.py [--size 1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_index import sentence  # noqa: E402
from benchlib import machine, matmul_gflops, p50_p95  # noqa: E402

from index import settings  # noqa: E402
from index.embed import load_embedder  # noqa: E402
from index.vectors import VectorIndex, ivf_cells, ivf_probes  # noqa: E402

CANDIDATES = 50


def timed_searches(index: VectorIndex, queries, k: int, allowed=None) -> tuple[list[float], list[set]]:
    times, found = [], []
    for q in queries:
        t = time.perf_counter()
        hits = index.search(q, k, allowed)
        times.append((time.perf_counter() - t) * 1000)
        found.append({i for i, _ in hits[:10]})
    return times, found


def main() -> None:
    import numpy as np

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--bases", type=int, default=10_000)
    args = parser.parse_args()
    print(machine())
    print(f"matmul peak: {matmul_gflops('fp32'):.0f} GFLOP/s fp32")
    rng = random.Random(5)
    embedder = load_embedder()
    texts = list(dict.fromkeys(sentence(rng) for _ in range(args.bases * 2)))
    base, queries = embedder.encode(texts[: args.bases]), embedder.encode(texts[args.bases : args.bases + args.queries])
    gen = np.random.default_rng(1)
    dim = base.shape[1]
    flat = VectorIndex(dim)
    start = time.perf_counter()
    chunks = []
    for lo in range(0, args.size, 100_000):
        n = min(100_000, args.size - lo)
        x = base[gen.integers(0, len(base), n)] + gen.normal(scale=0.025, size=(n, dim)).astype("float32")
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        chunks.append((np.arange(lo + 1, lo + n + 1), x.astype("float32")))
        flat.add(*chunks[-1])
    print(f"{args.size:,} vectors; flat index built in {time.perf_counter() - start:.1f} s")
    nlist = ivf_cells(args.size)
    start = time.perf_counter()
    sample = np.vstack([x[:: max(1, args.size // (nlist * settings.ANN_TRAINING_PER_CELL))] for _, x in chunks])
    ivf = VectorIndex.ivf(dim, sample, nlist)
    trained = time.perf_counter() - start
    for ids, x in chunks:
        ivf.add(ids, x)
    print(f"IVF index ({nlist} cells) trained on {len(sample):,} vectors in {trained:.1f} s, "
          f"built in {time.perf_counter() - start:.1f} s")
    del chunks

    flat_ms, truth = timed_searches(flat, queries, CANDIDATES)
    print(f"flat (exact): {p50_p95(flat_ms)}")
    for nprobe in sorted({8, 16, 32, ivf_probes(nlist), 128}):
        ivf.nprobe = nprobe
        ms, found = timed_searches(ivf, queries, CANDIDATES)
        recall = np.mean([len(f & t) / 10 for f, t in zip(found, truth)])
        default = " (default)" if nprobe == ivf_probes(nlist) else ""
        print(f"IVF nprobe {nprobe:>3}{default}: {p50_p95(ms)}, {np.median(flat_ms) / np.median(ms):.1f}x flat's p50; "
              f"recall@10 against flat {recall:.3f}")
    ivf.nprobe = ivf_probes(nlist)
    allowed = np.arange(1, args.size + 1)[gen.random(args.size) < 0.1]
    flat_ms, truth = timed_searches(flat, queries[:50], CANDIDATES, allowed)
    ms, found = timed_searches(ivf, queries[:50], CANDIDATES, allowed)
    recall = np.mean([len(f & t) / 10 for f, t in zip(found, truth)])
    print(f"filtered to {len(allowed):,} passages: flat {p50_p95(flat_ms)}; IVF {p50_p95(ms)}; "
          f"recall@10 {recall:.3f} (exact under a filter)")
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
