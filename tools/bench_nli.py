"""Benchmark the NLI model: load time, pairs/s at batch 1 and batched, in fp32 and bf16, as a share of
this machine's measured matrix-product peak (tools/benchlib.py), and peak memory.

The share: each pair costs about 2 × (the encoder's weights) flops per token, plus attention
(4 × length × hidden per token and layer); pairs/s × tokens/pair × flops/token = GFLOP/s done, over
the peak of a plain matrix product of the same precision measured in this run.

    python tools/bench_nli.py [--model PATH_OR_ID] [--pairs 256]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import machine, matmul_gflops  # noqa: E402

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


def flops_per_token(nli, tokens: float) -> float:
    """Forward-pass FLOPs a token, summed over an ensemble's members."""
    total = 0.0
    for member in getattr(nli, "members", [nli]):
        c = member.model.config
        hidden, layers, inner = c.hidden_size, c.num_hidden_layers, c.intermediate_size
        weights = layers * (4 * hidden * hidden + 2 * hidden * inner)
        total += 2 * weights + 4 * tokens * hidden * layers
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("--pairs", type=int, default=256)
    args = parser.parse_args()
    print(machine())
    pairs = [(PREMISES[i % 4], HYPOTHESES[(i // 4) % 4]) for i in range(args.pairs)]
    for precision in ("fp32", "bf16"):
        peak = matmul_gflops(precision)
        t = time.perf_counter()
        nli = load_nli(args.model, precision_name=precision)
        load = time.perf_counter() - t
        if nli.precision != precision:
            print(f"{precision}: not native on this machine, skipped")
            continue
        tokens = sum(len(nli.tokenizer(p, h)["input_ids"]) for p, h in pairs) / len(pairs)
        per_pair = tokens * flops_per_token(nli, tokens) / 1e9
        nli.predict(pairs[:8])  # warm-up
        t = time.perf_counter()
        for p in pairs[:64]:
            nli.predict([p], batch_size=1)
        rates = {"batch 1": 64 / (time.perf_counter() - t)}
        for bs in (16, 32, 64):
            t = time.perf_counter()
            nli.predict(pairs, batch_size=bs)
            rates[f"batch {bs}"] = len(pairs) / (time.perf_counter() - t)
        print(f"{precision}: model load {load:.2f} s; matmul peak {peak:.0f} GFLOP/s; {tokens:.0f} tokens a pair, "
              f"{per_pair:.2f} GFLOP a pair")
        for name, rate in rates.items():
            print(f"  {name}: {rate:.1f} pairs/s = {rate * per_pair:.0f} GFLOP/s, {rate * per_pair / peak:.0%} of peak")
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
