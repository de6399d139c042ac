"""What every benchmark prints beside its figures: the machine, and its measured matrix-product peak.

Numbers from a shared or noisy machine only compare as ratios: to a baseline measured in the same
run, and to what this CPU does at best (``matmul_gflops``: a plain fp32 / bf16 matrix product).
"""

from __future__ import annotations

import os
import platform
import statistics
import time


def machine() -> str:
    import torch

    return (f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, "
            f"torch {torch.__version__} ({torch.backends.cpu.get_cpu_capability()}), {torch.get_num_threads()} threads")


def matmul_gflops(dtype: str = "fp32", n: int = 1024, repeats: int = 20) -> float:
    """The best of ``repeats`` n×n matrix products, in GFLOP/s (2n³ flops each)."""
    import torch

    t = {"fp32": torch.float32, "bf16": torch.bfloat16}[dtype]
    a, b = torch.randn(n, n, dtype=t), torch.randn(n, n, dtype=t)
    a @ b
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return 2 * n**3 / best / 1e9


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def p50_p95(values_ms: list[float]) -> str:
    return f"p50 {statistics.median(values_ms):.1f} ms, p95 {percentile(values_ms, 0.95):.1f} ms"
