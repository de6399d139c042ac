"""Ray's overhead on this machine: bulk checking and bulk ingest in-process vs on a local Ray.

    python tools/bench_cluster.py [--repeat 2] [--passages 3000]

Checking: the demo corpus's 43 documents and 60 synthetic four-sentence articles, each checked as
an article (check_batch) against the demo index, in a fresh copy of the workspace each run (nothing
reused). Ingest: synthetic news
sentences (tools/bench_index.py) embedded and stored in a fresh workspace.
Each Ray run is compared with in-process at the same number of threads (1 worker of 1 CPU with
1 thread; 2 workers of 1 CPU each with 2 threads), so what differs is Ray. Start-up (Ray, and the
models on the workers) is timed apart; throughput is measured after it, as a long batch sees it.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_index import documents, sentence  # noqa: E402
from benchlib import machine  # noqa: E402

from checker import parsing  # noqa: E402
from checker.batch import BatchArticle, check_batch  # noqa: E402
from checker.cluster import Cluster  # noqa: E402
from checker.pipeline import Checker, read_article  # noqa: E402
from index.settings import bundled_dir  # noqa: E402
from index.workspace import Workspace  # noqa: E402


def articles(synthetic: int) -> list[BatchArticle]:
    """The demo corpus's documents, then ``synthetic`` articles of four attributed news sentences."""
    out = []
    for path in sorted((bundled_dir() / "corpus").glob("*.md")):
        text, title = read_article(path)
        out.append(BatchArticle(str(path), title, text))
    rng = random.Random(5)
    out += [BatchArticle(f"synthetic-{i}", "", " ".join(sentence(rng) for _ in range(4))) for i in range(synthetic)]
    return out


def check_run(base: Path, tmp: Path, batch: list[BatchArticle], threads: int, workers: int) -> tuple[float, float, int]:
    """(start-up s, batch s, claims) for one run: in-process when workers is 0."""
    import torch

    ws = tmp / f"ws-{time.perf_counter_ns()}"
    shutil.copytree(base, ws)
    torch.set_num_threads(threads)
    parsing.clear_cache()  # each run parses its sentences afresh, as a new Ray worker does
    with Checker.open(ws) as checker:
        t = time.perf_counter()
        cluster, assess = None, None
        if workers:
            cluster = Cluster("auto", workers, 1)
            assess = cluster.assessor(checker.workspace, None, checker.top_k, checker.further_k)
        started = time.perf_counter() - t
        try:
            t = time.perf_counter()
            results = check_batch(checker, batch, tmp / f"out-{time.perf_counter_ns()}", assess=assess)
            elapsed = time.perf_counter() - t
        finally:
            if cluster:
                cluster.close()
    return started, elapsed, sum(r.claims for r in results)


def ingest_run(tmp: Path, docs, threads: int, workers: int) -> tuple[float, float, int]:
    import torch

    torch.set_num_threads(threads)
    with Workspace.open(tmp / f"ingest-{time.perf_counter_ns()}") as ws:
        ws.embedder  # noqa: B018 - loaded before the clock starts, as the workers' models are
        t = time.perf_counter()
        cluster, encode = None, None
        if workers:
            cluster = Cluster("auto", workers, 1)
            encode = cluster.encoder(None)
        started = time.perf_counter() - t
        try:
            t = time.perf_counter()
            report = ws.add_documents(docs, encode=encode)
            elapsed = time.perf_counter() - t
        finally:
            if cluster:
                cluster.close()
    return started, elapsed, sum(d.passages for d in report.added)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2, help="runs of each setting; the best is printed")
    parser.add_argument("--passages", type=int, default=3000, help="synthetic passages for the ingest runs")
    parser.add_argument("--articles", type=int, default=60, help="synthetic articles beside the demo corpus's 43")
    args = parser.parse_args()
    print(machine())
    batch = articles(args.articles)
    docs = documents(args.passages, random.Random(11))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = tmp / "demo"
        with Workspace.open(base) as ws:
            ws.add([bundled_dir() / "corpus"])
        for started, elapsed, claims, where, overhead in settings(lambda t, w: check_run(base, tmp, batch, t, w),
                                                                   args.repeat):
            print(f"check-batch {where}: {len(batch)} articles, {claims} claims in {elapsed:.1f} s = "
                  f"{len(batch) / elapsed * 60:.0f} articles/min, {claims / elapsed:.2f} claims/s "
                  f"(start-up {started:.1f} s apart){overhead}")
        for started, elapsed, passages, where, overhead in settings(lambda t, w: ingest_run(tmp, docs, t, w),
                                                                     args.repeat):
            print(f"index add {where}: {passages} passages in {elapsed:.1f} s = {passages / elapsed:.0f} "
                  f"passages/s (start-up {started:.1f} s apart){overhead}")


def settings(run, repeat: int):
    """Each (threads, workers) setting run ``repeat`` times, the fastest kept; Ray beside in-process at the
    same number of threads: (start-up s, elapsed s, count, where, overhead)."""
    in_process = {}
    for threads, workers in ((1, 0), (1, 1), (2, 0), (2, 2)):
        started, elapsed, count = min((run(threads, workers) for _ in range(repeat)), key=lambda r: r[1])
        if not workers:
            in_process[threads] = elapsed
        where = f"Ray, {workers} worker{'s' if workers > 1 else ''} x 1 CPU" if workers else \
            f"in-process, {threads} thread{'s' if threads > 1 else ''}"
        overhead = f", Ray overhead {elapsed / in_process[threads] - 1:+.0%} vs in-process" if workers else ""
        yield started, elapsed, count, where, overhead

if __name__ == "__main__":
    main()
