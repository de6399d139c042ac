"""NLI throughput under outside load: how many torch threads, and how they wait for work.

Each configuration runs in a fresh process (OpenMP reads its settings when torch loads), quiet and
beside one or two CPU burners (busy loops in other processes, as other programs on a laptop or a
shared VM are). The baseline is one thread on a quiet machine, in the same run.

    python tools/bench_threads.py [--pairs 96] [--seconds 8]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = """
import json, sys, time
sys.path.insert(0, {root!r})
from checker.nli import load_nli
nli = load_nli()
pairs = [("The talks in Istanbul would begin at 07:00 GMT, the Russian news agency said on Thursday.",
          f"The talks would begin at {{h:02d}}:00 GMT.") for h in range({pairs})]
nli.predict(pairs[:16])
done, start = 0, time.perf_counter()
while time.perf_counter() - start < {seconds}:
    nli.predict(pairs)
    done += len(pairs)
print(json.dumps({{"pairs_per_s": done / (time.perf_counter() - start)}}))
"""

CONFIGS = {  # name → environment
    "1 thread": {"OMP_NUM_THREADS": "1"},
    "2 threads (OpenMP default)": {"OMP_NUM_THREADS": "2"},
    "2 threads, passive wait": {"OMP_NUM_THREADS": "2", "OMP_WAIT_POLICY": "PASSIVE"},
    "2 threads, spin 10k then sleep": {"OMP_NUM_THREADS": "2", "GOMP_SPINCOUNT": "10000"},
    "2 threads, spin 100k then sleep": {"OMP_NUM_THREADS": "2", "GOMP_SPINCOUNT": "100000"},
}


def burn(stop):
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def measure(env: dict, pairs: int, seconds: float) -> float:
    code = MEASURE.format(root=str(ROOT), pairs=pairs, seconds=seconds)
    full = {k: v for k, v in os.environ.items() if not k.startswith(("OMP_", "GOMP_"))} | env
    out = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["pairs_per_s"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=96)
    parser.add_argument("--seconds", type=float, default=8)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tools"))
    from benchlib import machine, matmul_gflops

    print(machine())
    print(f"matmul peak: {matmul_gflops('fp32'):.0f} GFLOP/s fp32, {matmul_gflops('bf16'):.0f} GFLOP/s bf16")
    results = {}
    for burners in (0, 1, 2):
        stop = multiprocessing.Event()
        procs = [multiprocessing.Process(target=burn, args=(stop,), daemon=True) for _ in range(burners)]
        for p in procs:
            p.start()
        time.sleep(0.5)
        for name, env in CONFIGS.items():
            results[(name, burners)] = measure(env, args.pairs, args.seconds)
        stop.set()
        for p in procs:
            p.join()
    base = results[("1 thread", 0)]
    print(f"NLI pairs/s (ratio to 1 thread on a quiet machine, {base:.0f} pairs/s, in this run)")
    print(f"{'':<34}{'quiet':>16}{'1 burner':>16}{'2 burners':>16}")
    for name in CONFIGS:
        cells = "".join(f"{results[(name, b)]:>9.0f} ({results[(name, b)] / base:.2f})" for b in (0, 1, 2))
        print(f"{name:<34}{cells}")


if __name__ == "__main__":
    main()
