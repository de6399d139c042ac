"""Bulk work on Ray: article checks and passage embedding on worker actors, writing in one process.

    crosscheck check-batch articles/ --ray auto          # a local Ray on this machine
    crosscheck check-batch articles/ --ray 10.0.0.5:6379 # join a running cluster (same environment)
    crosscheck index add archive/ --ray auto             # embed on workers, store here

Each worker is a Ray actor that loads the models once: a :class:`CheckWorker` holds a read-only
``Checker`` on the workspace (claims, embedding, retrieval, NLI, decision, conflicts) and an
:class:`EmbedWorker` only the embedder. Results come back to the driver in input order, and the
driver alone writes the workspace (SQLite stays single-writer), so a batch on Ray stores exactly
what the same batch in-process stores. Workers read the workspace, so on a cluster it must be on a
filesystem every node sees (or its vectors in Milvus, with the SQLite file shared read-only).

A worker killed mid-task is restarted and its task retried (``max_restarts``/``max_task_retries``);
a driver killed mid-batch loses nothing it had stored, and the same command finishes the rest.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from index.errors import CrosscheckError
from index.milvus import is_lite
from index.settings import BACKEND_ENV, PRECISION_ENV, RAY_RETRY_WAIT_S, RAY_START_ATTEMPTS, RAY_WORKER_RESTARTS

if TYPE_CHECKING:
    from index.workspace import Workspace

log = logging.getLogger(__name__)

AUTO = "auto"
_PASSED_ENV = (PRECISION_ENV, BACKEND_ENV, "OMP_WAIT_POLICY", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")


def _ray():
    try:
        import ray
    except ImportError as e:
        raise CrosscheckError("--ray needs Ray: pip install 'ray==2.60.0'") from e
    return ray


class Cluster:
    """A connection to Ray (a local one started for ``auto``) and a pool of worker actors.

    ``workers`` actors of ``cpus`` CPUs each; the cluster must have that many CPUs free, else a
    clear error rather than tasks that wait forever. Use as a context manager: leaving it stops
    the actors, and the local Ray if this started it.
    """

    def __init__(self, address: str = AUTO, workers: int | None = None, cpus: int = 1):
        ray = _ray()
        if cpus < 1 or (workers is not None and workers < 1):
            raise CrosscheckError("--workers and --worker-cpus must be at least 1")
        self.started = address == AUTO
        self.actors: list = []
        env = {k: os.environ[k] for k in _PASSED_ENV if k in os.environ}
        for attempt in range(1, RAY_START_ATTEMPTS + 1):
            try:
                if self.started:
                    os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # a private cluster on this machine
                    ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, _node_ip_address="127.0.0.1",
                             runtime_env={"env_vars": env}, log_to_driver=False, logging_level=logging.WARNING)
                else:
                    ray.init(address=address, runtime_env={"env_vars": env}, log_to_driver=False,
                             logging_level=logging.WARNING)
                break
            except Exception as e:  # Ray says "timed out during startup" with a bare Exception
                if ray.is_initialized():
                    ray.shutdown()
                first = (str(e).strip().splitlines() or [type(e).__name__])[0]
                if attempt == RAY_START_ATTEMPTS or not self.started:
                    what = "start a local Ray" if self.started else f"connect to Ray at {address}"
                    raise CrosscheckError(f"cannot {what}: {first}") from None
                log.warning("a local Ray did not start (%s); trying again", first)
                time.sleep(RAY_RETRY_WAIT_S)
        total = int(ray.cluster_resources().get("CPU", 0))
        self.workers = workers or max(1, total // cpus - (1 if self.started and total > cpus else 0))
        if self.workers * cpus > total:
            self.close()
            raise CrosscheckError(f"{self.workers} workers of {cpus} CPUs need {self.workers * cpus} CPUs; "
                                  f"the Ray cluster has {total}: ask for fewer --workers")
        self.cpus = cpus

    def close(self) -> None:
        ray = _ray()
        for a in self.actors:
            ray.kill(a)
        self.actors = []
        if self.started and ray.is_initialized():
            ray.shutdown()

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self, cls, *args) -> list:
        ray = _ray()
        remote = ray.remote(num_cpus=self.cpus, max_restarts=RAY_WORKER_RESTARTS,
                            max_task_retries=RAY_WORKER_RESTARTS)(cls)
        self.actors = [remote.remote(*args) for _ in range(self.workers)]
        ray.get([a.ready.remote() for a in self.actors])  # models loaded (or their error) before any work
        return self.actors

    def assessor(self, workspace: Workspace, nli_model: str | None, top_k: int, further_k: int):
        """A ``check_batch`` assessor: articles in, assessments (or errors) out, in input order.

        The workers open ``workspace`` to search it, so its vectors must be in the FAISS file or a
        Milvus server: a milvus-lite folder serves one process at a time."""
        ray = _ray()
        from ray.util import ActorPool

        recorded = workspace.meta("vector_index")
        if is_lite(recorded):
            raise CrosscheckError(f"{workspace.path}: its vectors are in milvus-lite ({recorded}), which serves one "
                                  "process at a time; for --ray keep them in FAISS (crosscheck index rebuild "
                                  "--vectors auto) or a Milvus server (--vectors milvus:http://HOST:19530)")
        actors = self._start(CheckWorker, str(workspace.path), nli_model, top_k, further_k, self.cpus)

        def assess(articles) -> Iterator:
            pool = ActorPool(actors)
            try:
                yield from pool.map(lambda actor, a: actor.assess.remote(a.text, a.title or None), articles)
            except ray.exceptions.RayActorError as e:
                raise worker_died(e, "finish the rest") from None

        return assess

    def encoder(self, embedder_name: str | None):
        """An ``add_documents`` encoder: the texts split among the workers, the vectors back in order."""
        ray = _ray()
        import numpy as np

        actors = self._start(EmbedWorker, embedder_name, self.cpus)

        def encode(texts: list[str]):
            share = -(-len(texts) // len(actors)) or 1
            parts = [texts[k : k + share] for k in range(0, len(texts), share)]
            try:
                vectors = ray.get([a.encode.remote(p) for a, p in zip(actors, parts)])
            except ray.exceptions.RayActorError as e:
                raise worker_died(e, "add the rest") from None
            return np.concatenate(vectors) if vectors else np.zeros((0, 0), dtype="float32")

        return encode


def worker_died(e: Exception, then: str) -> CrosscheckError:
    return CrosscheckError(f"a Ray worker died and could not be restarted ({type(e).__name__}); "
                           f"run the same command again to {then}")


def _threads(cpus: int) -> None:
    import torch

    torch.set_num_threads(cpus)


class CheckWorker:
    """A Ray actor: a read-only ``Checker`` that assesses articles (nothing is written here)."""

    def __init__(self, workspace: str, nli_model: str | None, top_k: int, further_k: int, cpus: int):
        from checker.pipeline import Checker

        _threads(cpus)
        self.checker = Checker.open(workspace, nli_model=nli_model, top_k=top_k, further_k=further_k)
        self.checker.provenance()  # loads the parser of the consistency checks now, with the other models

    def ready(self) -> bool:
        return True

    def assess(self, text: str, title: str | None):
        try:
            return self.checker.assess_article(text, title)
        except CrosscheckError as e:  # a user's error (too long, say): the driver lists it and goes on
            return CrosscheckError(str(e))


class EmbedWorker:
    """A Ray actor holding the embedder."""

    def __init__(self, embedder_name: str | None, cpus: int):
        from index.embed import load_embedder

        _threads(cpus)
        self.embedder = load_embedder(embedder_name)

    def ready(self) -> bool:
        return True

    def encode(self, texts: list[str]):
        return self.embedder.encode(texts)
