"""The vectors in Milvus (milvus-lite, embedded) answer as the FAISS flat index does, and stay in step."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.conftest import ROOT

pytestmark = pytest.mark.model

QUERIES = ["When do the Istanbul talks start?", "Who leads the Russian delegation?", "ceasefire of 30 days",
           "volcano eruption in Iceland", "How much of Ukraine does Russia control?", "interest rates in Europe",
           "Did Putin go to Istanbul?", "sanctions on Russia", "Estonia and the delegation", "a marathon record"]


def test_milvus_lite_gives_the_same_top_5_as_faiss_and_stays_in_step(demo_workspace_copy):
    from checker import Workspace

    ws = str(demo_workspace_copy)
    with Workspace.open(ws) as w:
        faiss = {q: [h.passage.id for h in w.search(q, top_k=5, mode="dense")] for q in QUERIES}
        filtered = [h.passage.id for h in w.search(QUERIES[0], top_k=5, source="Dnipro Ledger")]
    r = CliRunner().invoke(cli, ["index", "rebuild", "--vectors", "milvus:vectors.db", "--workspace", ws],
                           catch_exceptions=False)
    assert (r.exit_code, r.stderr) == (0, "Rebuilt 103 vectors (milvus:vectors.db index)\n")
    with Workspace.open(ws) as w:
        assert w.stats().vector_index == "milvus:vectors.db" and (demo_workspace_copy / "vectors.db").is_dir()
        assert {q: [h.passage.id for h in w.search(q, top_k=5, mode="dense")] for q in QUERIES} == faiss
        assert [h.passage.id for h in w.search(QUERIES[0], top_k=5, source="Dnipro Ledger")] == filtered
        gone = w.search("volcano eruption in Iceland", top_k=1, mode="dense")[0].passage.document_id
        w.remove(gone)
        assert w.verify() == []
    with Workspace.open(ws) as w:  # reopened: checked against the passages, no rebuild needed
        assert w.vectors_match() and w.stats().vectors == 101
        assert all(h.passage.document_id != gone for h in w.search("volcano eruption in Iceland", top_k=5))


def test_milvus_mistakes_are_one_line(demo_workspace_copy):
    from checker import Workspace

    ws = str(demo_workspace_copy)
    r = CliRunner().invoke(cli, ["index", "rebuild", "--vectors", "milvus:vectors", "--workspace", ws])
    assert (r.exit_code, r.stderr) == (1, "Error: milvus:vectors: a milvus-lite folder's name ends in .db "
                                          "(e.g. milvus:vectors.db)\n")
    CliRunner().invoke(cli, ["index", "rebuild", "--vectors", "milvus:vectors.db", "--workspace", ws])
    with Workspace.open(ws) as w:
        w.search("ceasefire", top_k=3)  # this process holds the milvus-lite folder
        r = subprocess.run([sys.executable, "-m", "checker.cli", "search", "ceasefire", "--workspace", ws],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 1 and r.stderr == (
        f"Error: {ws}/vectors.db is in use by another process: milvus-lite serves one process at a time "
        "(use a Milvus server, milvus:http://HOST:19530, for several)\n")
