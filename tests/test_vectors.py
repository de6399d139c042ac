"""The vector index: flat (exact) and IVF (approximate, for large workspaces) agree where they must."""

import numpy as np
import pytest

from index.vectors import VectorIndex, ivf_cells, ivf_probes


def clustered(n: int, dim: int = 384, centres: int = 300, seed: int = 3, noise_seed: int = 0) -> np.ndarray:
    """Unit vectors in clusters, as sentence embeddings of many topics are (same ``seed``: same topics)."""
    c = np.random.default_rng(seed).normal(size=(centres, dim))
    rng = np.random.default_rng(noise_seed)
    x = c[rng.integers(0, centres, n)] + rng.normal(scale=1.0, size=(n, dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype("float32")


def recall_at_10(approx: VectorIndex, exact: VectorIndex, queries: np.ndarray, allowed=None) -> float:
    found = [len({i for i, _ in approx.search(q, 10, allowed)} & {i for i, _ in exact.search(q, 10, allowed)}) / 10
             for q in queries]
    return float(np.mean(found))


def test_ivf_recall_against_flat_and_exact_filters():
    x = clustered(30_000)
    ids = np.arange(1, len(x) + 1)
    flat = VectorIndex(x.shape[1])
    flat.add(ids, x)
    nlist = ivf_cells(len(x))
    ivf = VectorIndex.ivf(x.shape[1], x[::5], nlist)
    ivf.add(ids, x)
    assert ivf.kind == f"ivf{nlist}" and ivf.nprobe == ivf_probes(nlist) and len(ivf) == len(flat)
    assert np.array_equal(np.sort(ivf.ids()), ids)
    queries = clustered(200, noise_seed=9)  # the same topics, other texts
    assert recall_at_10(ivf, flat, queries) >= 0.98
    allowed = ids[ids % 7 == 0]  # a filter: exact, whatever the cells
    assert recall_at_10(ivf, flat, queries[:50], allowed) == 1.0
    ivf.remove(ids[:100])
    assert len(ivf) == len(x) - 100 and 1 not in {i for i, _ in ivf.search(x[0], 10)}


@pytest.mark.model
def test_a_workspace_past_the_threshold_uses_ivf_and_keeps_it(demo_workspace_copy, embedder, monkeypatch):
    from index import settings
    from index.workspace import Workspace

    with Workspace.open(demo_workspace_copy, embedder=embedder) as ws:
        flat_hits = {q: ws.search(q, top_k=5, source="Dnipro Ledger") for q in ("talks in Istanbul", "ceasefire")}
        assert ws.stats().vector_index == "flat"
    monkeypatch.setattr(settings, "ANN_MIN_PASSAGES", 50)  # the demo corpus has 103 passages
    with Workspace.open(demo_workspace_copy, embedder=embedder) as ws:
        assert ws.stats().vector_index == "ivf16" and ws.meta("vector_index") == "ivf16"
        assert ws.verify() == []
        for q, hits in flat_hits.items():  # filtered: exact on IVF too
            assert ws.search(q, top_k=5, source="Dnipro Ledger") == hits
        top = ws.search("A volcanic fissure opened near Grindavik", top_k=1, mode="dense")[0]
        assert "Grindavik" in top.passage.text
        ws.remove(top.passage.document_id)
        assert ws.verify() == [] and ws.stats().vector_index == "ivf16"
    monkeypatch.setattr(settings, "ANN_MIN_PASSAGES", 200_000)  # recorded: it stays IVF once it has become one
    with Workspace.open(demo_workspace_copy, embedder=embedder) as ws:
        assert ws.stats().vector_index == "ivf16" and ws.vectors_match()


@pytest.mark.model
def test_index_rebuild_switches_kind_and_keeps_answers(demo_workspace_copy):
    from click.testing import CliRunner

    from checker.cli import cli
    from index.workspace import Workspace

    ws = str(demo_workspace_copy)
    with Workspace.open(ws) as w:
        before = [h.passage.id for h in w.search("Who leads the Russian delegation?", top_k=5, source="Meridian Wire")]
    r = CliRunner().invoke(cli, ["index", "rebuild", "--vectors", "ivf", "--workspace", ws], catch_exceptions=False)
    assert r.exit_code == 0 and r.stderr == "Rebuilt 103 vectors (ivf16 index)\n"
    with Workspace.open(ws) as w:
        assert w.stats().vector_index == "ivf16" and w.verify() == []
        assert [h.passage.id for h in w.search("Who leads the Russian delegation?", top_k=5, source="Meridian Wire")] \
            == before
    r = CliRunner().invoke(cli, ["index", "rebuild", "--workspace", ws], catch_exceptions=False)
    assert r.stderr == "Rebuilt 103 vectors (flat index)\n"
