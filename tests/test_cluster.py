"""Bulk work on a local Ray (checker.cluster): the same results as in-process, and kill -9 loses nothing.

Each test starts its own Ray on 127.0.0.1 (through the CLI's --ray auto) and stops it.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.conftest import CORPUS, ROOT, has_nli_model
from tests.test_batch import ARTICLES, article_checks, summary

pytestmark = [pytest.mark.model, pytest.mark.ray, pytest.mark.slow,
              pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")]
ray = pytest.importorskip("ray")

# 16 more short articles, written for this test from the demo corpus's stories (and beside them), so
# that the batch has 24: claims supported, contradicted, unverified, disputed between sources, none.
MORE = [
    "Russia sent a delegation to Istanbul, but Putin stayed away. Ukraine said it had not confirmed the talks.",
    "Erdogan met Zelenskiy in Ankara before the talks. Turkey offered to host further rounds.",
    "The talks in Istanbul started at 10:00 GMT on Friday.",
    "Medinsky, a former culture minister, led Russia's team in 2022 as well.",
    "Ukraine's defence minister headed the Ukrainian delegation.",
    "Putin proposed direct talks with Ukraine without preconditions.",
    "Zelenskiy said he would wait for Putin in Turkey.",
    "NATO foreign ministers met in Antalya while the talks were under way.",
    "The central bank left its main interest rate at 2.25 percent on Thursday.",
    "A volcanic fissure opened near Grindavik, and residents were evacuated.",
    "Dock workers agreed to a 60-day truce after talks with port operators.",
    "Forecasters raised their estimate for the wheat harvest after a wet spring.",
    "A rocket carrying a weather satellite lifted off at 07:00 GMT on Monday.",
    "Health officials ended the measles vaccination campaign early.",
    "Trade delegations from the United States and China met in Geneva and agreed to lower some duties.",
    "What will the next round of talks bring? Nobody knows.",
]
BATCH = dict(ARTICLES) | {f"more-{i:02d}.md": f"---\ntitle: Batch item {i}\n---\n{text}\n"
                          for i, text in enumerate(MORE, start=1)}


def write_batch(folder):
    folder.mkdir()
    for name, text in BATCH.items():
        (folder / name).write_text(text)
    return folder


def run_batch(folder, out, ws, *ray_args):
    return CliRunner().invoke(cli, ["check-batch", str(folder), "-o", str(out), "--silent", "--format", "json",
                                    "--workspace", str(ws), *ray_args], catch_exceptions=False)


def results(out) -> dict:
    """Each article's verdicts (claims, labels, confidences, evidence and its scores) and flags, without
    what differs between two runs by design (check ids, times)."""
    found = {}
    for row in summary(out):
        report = json.loads(open(row["report"], encoding="utf-8").read())
        flags = [{k: v for k, v in f.items() if k not in ("id", "check_id", "linked_to", "created_at", "last_seen_at")}
                 | {"history": [{k: v for k, v in h.items() if k != "created_at"} for h in f["history"]]}
                 for f in report["flags"]]
        verdicts = [{k: v for k, v in verdict.items() if k != "provenance"} for verdict in report["verdicts"]]
        found[os.path.basename(row["article"])] = {"verdicts": verdicts, "dropped": report["dropped"],
                                                   "flags": flags}
    return found


def test_a_batch_on_ray_gives_the_same_verdicts_evidence_and_flags_as_in_process(demo_workspace, tmp_path):
    import shutil

    folder = write_batch(tmp_path / "in")
    here, there = tmp_path / "ws-here", tmp_path / "ws-ray"
    shutil.copytree(demo_workspace, here)
    shutil.copytree(demo_workspace, there)
    r = run_batch(folder, tmp_path / "out-here", here)
    assert r.exit_code == 4, r.output  # some claims are contradicted or disputed: the exit code says so
    r = run_batch(folder, tmp_path / "out-ray", there, "--ray", "auto", "--workers", "1")
    assert r.exit_code == 4, r.output
    assert not ray.is_initialized()  # the local Ray it started is stopped
    a, b = results(tmp_path / "out-here"), results(tmp_path / "out-ray")
    assert len(a) == len(BATCH) >= 20
    assert sum(len(x["verdicts"]) for x in a.values()) >= 25 and sum(len(x["flags"]) for x in a.values()) >= 3
    assert {k: v["verdicts"] for k, v in b.items()} == {k: v["verdicts"] for k, v in a.items()}
    assert {k: v["flags"] for k, v in b.items()} == {k: v["flags"] for k, v in a.items()}
    assert b == a
    labels = {v["label"] for x in a.values() for v in x["verdicts"]}
    assert labels == {"supported", "contradicted", "unverified"}


def test_index_add_on_ray_stores_what_in_process_stores(embedder, tmp_path):
    from checker import Workspace

    here, there = tmp_path / "here", tmp_path / "ray"
    for ws, extra in ((here, []), (there, ["--ray", "auto"])):
        r = CliRunner().invoke(cli, ["index", "add", str(CORPUS), "--silent", "--workspace", str(ws), *extra],
                               catch_exceptions=False)
        assert r.exit_code == 0, r.output
    with Workspace.open(here) as a, Workspace.open(there) as b:
        rows = "SELECT text, embedding FROM passages ORDER BY id"
        left, right = a.db.execute(rows).fetchall(), b.db.execute(rows).fetchall()
        assert [t for t, _ in left] == [t for t, _ in right] and len(left) > 100
        import numpy as np

        va = np.frombuffer(b"".join(e for _, e in left), dtype="float32")
        vb = np.frombuffer(b"".join(e for _, e in right), dtype="float32")
        assert np.abs(va - vb).max() < 1e-5  # the same model on a worker (threads may round differently)
        assert b.verify() == [] and b.search("Who leads the Russian delegation?", top_k=5) and \
            [h.passage.id for h in a.search("Who leads the Russian delegation?", top_k=5)] == \
            [h.passage.id for h in b.search("Who leads the Russian delegation?", top_k=5)]


def test_asking_for_more_workers_than_cpus_is_a_clear_error_not_a_hang(demo_workspace_copy, tmp_path):
    folder = write_batch(tmp_path / "in")
    r = CliRunner().invoke(cli, ["check-batch", str(folder), "-o", str(tmp_path / "out"), "--silent",
                                 "--workspace", str(demo_workspace_copy), "--ray", "auto", "--workers", "64"])
    assert r.exit_code == 1 and "the Ray cluster has" in r.output and "fewer --workers" in r.output
    assert not ray.is_initialized()


def test_a_workspace_with_milvus_lite_vectors_is_refused_with_a_way_out(demo_workspace_copy, tmp_path):
    r = CliRunner().invoke(cli, ["index", "rebuild", "--vectors", "milvus:vectors.db", "--workspace",
                                 str(demo_workspace_copy)])
    assert r.exit_code == 0, r.output
    r = run_batch(write_batch(tmp_path / "in"), tmp_path / "out", demo_workspace_copy, "--ray", "auto")
    assert r.exit_code == 1 and "milvus-lite" in r.output and "--vectors milvus:http://" in r.output
    assert not ray.is_initialized()


def _wait_for_reports(proc, out, n, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None and len(list(out.glob("*.json"))) < n:
        time.sleep(0.01)


def _batch_cmd(folder, out, ws):
    return [sys.executable, "-m", "checker.cli", "check-batch", str(folder), "-o", str(out), "--silent",
            "--workspace", str(ws), "--ray", "auto", "--workers", "1"]


def _assert_complete(ws, out):
    from checker import Workspace

    assert article_checks(ws) == len(BATCH)  # every article stored once: nothing twice
    assert len(summary(out)) == len(BATCH)
    with Workspace.open(ws) as w:
        assert w.verify() == []


def test_a_worker_killed_mid_batch_is_restarted_and_the_batch_finishes(demo_workspace_copy, tmp_path):
    folder, out = write_batch(tmp_path / "in"), tmp_path / "out"
    proc = subprocess.Popen(_batch_cmd(folder, out, demo_workspace_copy), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    _wait_for_reports(proc, out, 2)
    killed = subprocess.run(["pkill", "-9", "-f", "ray::CheckWorker"], capture_output=True)
    assert killed.returncode == 0, "no worker process found to kill"
    done_before = {p.name for p in out.glob("*.json")}
    assert len(done_before) < len(BATCH), "the batch finished before the kill; nothing was tested"
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 4, err
    assert err.splitlines()[-1].startswith(f"{len(BATCH)} articles: {len(BATCH)} checked, 0 already")
    _assert_complete(demo_workspace_copy, out)
    assert done_before <= {p.name for p in out.glob("*.json")}


def test_a_driver_killed_mid_batch_loses_nothing_and_the_rerun_finishes_the_rest(demo_workspace_copy, tmp_path):
    folder, out = write_batch(tmp_path / "in"), tmp_path / "out"
    cmd = _batch_cmd(folder, out, demo_workspace_copy)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_reports(proc, out, 3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = {p.name for p in out.glob("*.json")}
    assert 3 <= len(done_before) < len(BATCH), "the batch finished before the kill; nothing was tested"
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 4, r.stderr
    reused = int(r.stderr.splitlines()[-1].split(" checked, ")[1].split(" already")[0])
    assert reused >= len(done_before)  # what was reported before the kill was not checked again
    _assert_complete(demo_workspace_copy, out)
    assert done_before <= {p.name for p in out.glob("*.json")}
