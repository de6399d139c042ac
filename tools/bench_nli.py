"""Benchmark the NLI model: load time, pairs/s at batch 1 and batched, peak memory.

    python tools/bench_nli.py [--model PATH_OR_ID] [--pairs 256]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.nli import load_nli  # noqa: E402

PREMISES = [
    "Russia's state news agency TASS reported on Thursday that the talks between Russia and Ukraine in Istanbul "
    "would begin at 07:00 GMT. According to the TASS report, the delegations were expected at the palace offices.",
    "Russian forces control close to a fifth of Ukraine's territory, roughly 20 percent, according to analysts.",
    "The central bank left its main interest rate unchanged at 2.25 percent on Thursday.",
    "A Ukrainian official denied on Thursday that any start time had been agreed for talks with Russia in Istanbul.",
]
HYPOTHESES = ["The talks would begin at 07:00 GMT.", "Russia holds about 20% of Ukraine.",
              "The bank raised rates.", "A time for the talks was agreed."]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("--pairs", type=int, default=256)
    args = parser.parse_args()
    import torch

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, torch threads {torch.get_num_threads()}")
    t = time.perf_counter()
    nli = load_nli(args.model)
    print(f"model load: {time.perf_counter() - t:.2f} s ({nli.name})")
    pairs = [(PREMISES[i % 4], HYPOTHESES[(i // 4) % 4]) for i in range(args.pairs)]
    nli.predict(pairs[:8])  # warm-up
    t = time.perf_counter()
    for p in pairs[:64]:
        nli.predict([p], batch_size=1)
    print(f"batch 1: {64 / (time.perf_counter() - t):.1f} pairs/s")
    for bs in (16, 32, 64):
        t = time.perf_counter()
        nli.predict(pairs, batch_size=bs)
        print(f"batch {bs}: {len(pairs) / (time.perf_counter() - t):.1f} pairs/s")
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
