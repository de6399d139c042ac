"""Benchmark checking, each figure beside a baseline measured in the same run:

* cold: `crosscheck check "..."` as a whole process against the naive script (tools/naive.py), median of --cold runs each, interleaved;
* warm: the seed article end to end in fp32 and bf16, per claim against the naive pipeline on the same claims;
* check_claim latency against a large index (--index, built by bench_index.py --keep, or --scale passages here).

    python tools/bench_check.py [--article ../shared/seeds/...txt] [--index DIR | --scale 100000] [--claims 40]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_index import documents, sentence  # noqa: E402
from benchlib import machine, matmul_gflops, percentile  # noqa: E402
from naive import Naive  # noqa: E402

from checker import parsing  # noqa: E402
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
    parser.add_argument("--cold", type=int, default=5, help="cold runs of each whole process (0: skip)")
    args = parser.parse_args()
    from index.settings import apply_thread_policy

    apply_thread_policy()  # as the CLI and the UI do, before torch loads
    print(machine())
    print(f"matmul peak: {matmul_gflops('fp32'):.0f} GFLOP/s fp32, {matmul_gflops('bf16'):.0f} GFLOP/s bf16")
    embedder, nli = load_embedder(), load_nli()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "demo", embedder=embedder)
        ws.add([ROOT / "data" / "corpus"])
        ws.close()
        if args.cold:
            cold(Path(tmp) / "demo", args.cold)
        ws = Workspace.open(Path(tmp) / "demo", embedder=embedder)
        checker = Checker(ws, nli=nli)
        if args.article:
            text = Path(args.article).read_text(encoding="utf-8")
            per_claim = {}
            for precision in ("fp32", "bf16"):
                ws_p = Workspace.open(Path(tmp) / "demo", embedder=load_embedder(precision_name=precision))
                checker_p = Checker(ws_p, nli=load_nli(precision_name=precision))
                if checker_p.nli.precision != precision:
                    continue
                checker_p.check_article(text, store=False)  # warm-up
                runs = []
                for _ in range(3):
                    parsing.clear_cache()  # models warm, the article new: its sentences are parsed afresh
                    t = time.perf_counter()
                    report = checker_p.check_article(text, store=False)
                    runs.append(time.perf_counter() - t)
                per_claim[precision] = statistics.median(runs) / len(report.verdicts)
                print(f"seed article, {precision}: {len(report.verdicts)} claims, end to end {statistics.median(runs):.2f} s "
                      f"median (best {min(runs):.2f} s), {len(report.verdicts) / min(runs):.1f} claims/s; "
                      f"stages {report.timings}")
                checker_p.close()
            naive = Naive(Path(tmp) / "demo")
            claims = [v.claim.text for v in report.verdicts]
            naive.check(claims[0])
            t = time.perf_counter()
            for c in claims:
                naive.check(c)
            naive_per_claim = (time.perf_counter() - t) / len(claims)
            print(f"naive pipeline, same claims: {naive_per_claim * 1000:.0f} ms a claim; Crosscheck is "
                  + ", ".join(f"{naive_per_claim / v:.1f}x faster a claim in {p}" for p, v in per_claim.items()))
            parsing.clear_cache()
            t = time.perf_counter()
            candidates, _ = split_claims(text)
            print(f"claim extraction of the article with nothing parsed yet (spaCy parse, attribution, pronouns): "
                  f"{len(candidates)} candidate claims in {time.perf_counter() - t:.2f} s")
            long_text = (text + "\n\n") * (MAX_ARTICLE_CHARS // (len(text) + 2))
            t = time.perf_counter()
            candidates, _ = split_claims(long_text)
            print(f"splitting a {len(long_text):,}-character article (the same one repeated: each sentence is "
                  f"parsed once) into {len(candidates):,} candidate claims: {time.perf_counter() - t:.2f} s")
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
            kind = big.stats().vector_index
            print(f"check_claim at {big.stats().passages:,} passages ({kind} vectors, top_k {checker.top_k}): "
                  f"p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms")
            if kind != "flat":  # the baseline: the same index searched exactly
                big.rebuild_vectors("flat")
                flat_times = []
                for c in claims:
                    t = time.perf_counter()
                    checker.check_claim(c, store=False)
                    flat_times.append((time.perf_counter() - t) * 1000)
                print(f"  the same with a flat (exact) index, in this run: p50 {statistics.median(flat_times):.0f} ms, "
                      f"p95 {percentile(flat_times, 0.95):.0f} ms")
                big.rebuild_vectors("auto")
            checker.close()
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def cold(workspace: Path, runs: int) -> None:
    """Whole processes, from start to answer: `crosscheck check` against the naive script, interleaved."""
    import subprocess

    claim = "Zelenskiy called for an immediate 30-day ceasefire."
    commands = {"crosscheck check": [str(Path(sys.executable).parent / "crosscheck"), "check", claim,
                                     "--workspace", str(workspace)],
                "naive script": [sys.executable, str(ROOT / "tools" / "naive.py"), str(workspace), claim]}
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False)
            times[name].append(time.perf_counter() - t)
    ours, theirs = statistics.median(times["crosscheck check"]), statistics.median(times["naive script"])
    print(f"cold, whole process, median of {runs}: crosscheck check {ours:.2f} s "
          f"(range {min(times['crosscheck check']):.2f}-{max(times['crosscheck check']):.2f}); naive script "
          f"{theirs:.2f} s (range {min(times['naive script']):.2f}-{max(times['naive script']):.2f}); "
          f"{theirs / ours:.1f}x")


if __name__ == "__main__":
    main()
