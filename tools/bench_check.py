"""Benchmark checking: the seed article end to end on the demo corpus, claims/s, and per-claim latency
against a large synthetic index.

    python tools/bench_check.py [--article ../shared/seeds/...txt] [--scale 100000] [--claims 40]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_index import documents, percentile, sentence  # noqa: E402

from checker.claims import split_claims  # noqa: E402
from checker.nli import load_nli  # noqa: E402
from checker.pipeline import MAX_ARTICLE_CHARS, Checker  # noqa: E402
from index.embed import load_embedder  # noqa: E402
from index.workspace import Workspace  # noqa: E402


def main() -> None:
    import random

    parser = argparse.ArgumentParser()
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    parser.add_argument("--article", default=str(seeds[0]) if seeds else None)
    parser.add_argument("--scale", type=int, default=100_000, help="passages in the large index (0: skip)")
    parser.add_argument("--claims", type=int, default=40)
    parser.add_argument("--index", default=None, help="an index built by bench_index.py --keep (else built here)")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}")
    embedder, nli = load_embedder(), load_nli()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "demo", embedder=embedder)
        ws.add([ROOT / "data" / "corpus"])
        checker = Checker(ws, nli=nli)
        if args.article:
            text = Path(args.article).read_text(encoding="utf-8")
            checker.check_article(text, store=False)  # warm-up
            runs = []
            for _ in range(3):
                t = time.perf_counter()
                report = checker.check_article(text, store=False)
                runs.append(time.perf_counter() - t)
            best = min(runs)
            print(f"seed article: {len(report.verdicts)} claims, end to end {statistics.median(runs):.2f} s median "
                  f"(best {best:.2f} s), {len(report.verdicts) / best:.1f} claims/s; stages {report.timings}")
            long_text = (text + "\n\n") * (MAX_ARTICLE_CHARS // (len(text) + 2))
            t = time.perf_counter()
            candidates, _ = split_claims(long_text)
            print(f"splitting a {len(long_text):,}-character article into {len(candidates):,} candidate claims "
                  f"(rules only): {time.perf_counter() - t:.2f} s")
        checker.close()
        if args.scale or args.index:
            rng = random.Random(11)
            big = Workspace.open(args.index or Path(tmp) / "big", embedder=embedder)
            if not args.index:
                t = time.perf_counter()
                big.add_documents(documents(args.scale, rng))
                print(f"built {big.stats().passages:,}-passage index in {time.perf_counter() - t:.0f} s")
            checker = Checker(big, nli=nli)
            claims = [sentence(rng) for _ in range(args.claims)]
            checker.check_claim(claims[0], store=False)
            times = []
            for c in claims:
                t = time.perf_counter()
                checker.check_claim(c, store=False)
                times.append((time.perf_counter() - t) * 1000)
            print(f"check_claim at {big.stats().passages:,} passages (top_k {checker.top_k}): "
                  f"p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms")
            checker.close()
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
