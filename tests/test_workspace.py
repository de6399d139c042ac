"""The evidence index with the real embedder: retrieval, durability, de-dup, delete, repair."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from index.errors import IndexMismatch, UnknownId, WorkspaceError
from index.workspace import DB_NAME, VECTORS_NAME, Workspace, fuse

pytestmark = pytest.mark.model

# Paraphrases (no shared key phrase with the target sentence) → the document that answers them.
PARAPHRASES = {
    "At what hour were the Istanbul negotiations supposed to open, according to the Russian news agency?": "02-tass-start-time.md",
    "Kyiv said no schedule for the meeting had been settled": "03-ukraine-denies-timing.md",
    "Which presidential aide was put in charge of the Russian delegation?": ("01-kremlin-delegation.md", "23-delegation-members.md"),
    "Tallinn was outraged by the choice of Russian envoys": "07-estonia.md",
    "The US secretary of state said the war has no military solution": "08-rubio-nato.md",
    "When did the two countries last hold face-to-face negotiations?": "05-march-2022.md",
    "Kyiv's leader wants a month-long halt to the fighting": "04-zelenskiy-ceasefire.md",
    "A volcano erupted near a fishing town in Iceland": "42-iceland-volcano.md",
}


def doc_file(ws, hit):
    return os.path.basename(ws.document(hit.passage.document_id).path)


@pytest.mark.parametrize("query, expected", PARAPHRASES.items())
def test_paraphrased_queries_find_the_right_document_first(demo_workspace, embedder, query, expected):
    with Workspace.open(demo_workspace, embedder=embedder) as ws:
        hits = ws.search(query, top_k=5)
        expected = (expected,) if isinstance(expected, str) else expected
        assert doc_file(ws, hits[0]) in expected, [(doc_file(ws, h), h.passage.text) for h in hits]


def test_hits_carry_offsets_metadata_and_context(demo_workspace, embedder):
    with Workspace.open(demo_workspace, embedder=embedder) as ws:
        hit = ws.search("TASS start time 07:00 GMT", top_k=1)[0]
        p = hit.passage
        text = ws.document_text(p.document_id)
        assert text[p.start : p.end] == p.text
        s, e = p.sentence_in_context
        assert p.context[s:e] == p.text
        assert (p.source, p.published) == ("Eastern Dispatch", "2025-05-15")
        assert hit.rank == 1 and hit.dense_score > 0.3 and hit.lexical_rank is not None


def test_filters_by_source_and_date(demo_workspace, embedder):
    with Workspace.open(demo_workspace, embedder=embedder) as ws:
        hits = ws.search("talks in Istanbul", top_k=10, source="Dnipro Ledger")
        assert hits and {h.passage.source for h in hits} == {"Dnipro Ledger"}
        hits = ws.search("talks in Istanbul", top_k=10, date_from="2025-05-15", date_to="2025-05-15")
        assert hits and {h.passage.published for h in hits} == {"2025-05-15"}
        assert ws.search("talks", source="No Such Outlet") == []


def test_search_modes_differ_but_agree_on_exact_words(demo_workspace, embedder):
    with Workspace.open(demo_workspace, embedder=embedder) as ws:
        lexical = ws.search("Grindavik", top_k=10, mode="lexical")
        dense = ws.search("Grindavik", top_k=3, mode="dense")
        # BM25 returns only passages holding the word in their sentence or their context (the title
        # and the sentence before), those holding it in the sentence first; dense search ranks the
        # same one first and fills the rest with passages that do not hold it.
        in_sentence = ["Grindavik" in h.passage.text for h in lexical]
        assert in_sentence[0] and not in_sentence[-1] and in_sentence == sorted(in_sentence, reverse=True)
        assert all("Grindavik" in h.passage.text + h.passage.context + h.passage.title for h in lexical)
        assert dense[0].passage.id == lexical[0].passage.id and len(dense) == 3
        assert any("Grindavik" not in h.passage.text for h in dense)


def test_reopening_gives_identical_results(demo_workspace, embedder):
    queries = list(PARAPHRASES)[:4]
    with Workspace.open(demo_workspace, embedder=embedder) as ws:
        first = [ws.search(q, top_k=5) for q in queries]
    with Workspace.open(demo_workspace, embedder=embedder) as ws:
        again = [ws.search(q, top_k=5) for q in queries]
    assert first == again


def test_bm25_finds_other_forms_of_a_word_and_a_sentence_by_the_one_before_it(workspace, tmp_path):
    doc = tmp_path / "aid.md"
    doc.write_text("---\ntitle: Civilians bear the brunt\n---\nAid convoys reached Kharkiv on Monday. "
                   "Engineers said the cranes would need repairs. The city council met on Tuesday.")
    workspace.add([doc])

    def lexical(text):
        return [h.passage.text for h in workspace.search(text, top_k=3, mode="lexical")]

    # stemmed: "repairing" and "crane" find "cranes … repairs"; the sentence after it, through its context
    assert lexical("repairing a crane") == ["Engineers said the cranes would need repairs.",
                                            "The city council met on Tuesday."]
    assert lexical("repairing")[0] == "Engineers said the cranes would need repairs."  # looked up by its stem
    # a sentence's own words count more than its context's: Kharkiv's sentence first, then the one after it
    assert lexical("Kharkiv") == ["Aid convoys reached Kharkiv on Monday.",
                                  "Engineers said the cranes would need repairs."]
    # the title is every sentence's context, never a passage of its own
    assert sorted(lexical("brunt")) == sorted(["Aid convoys reached Kharkiv on Monday.",
                                               "Engineers said the cranes would need repairs.",
                                               "The city council met on Tuesday."])


def test_verify_finds_a_full_text_index_out_of_step_with_the_passages(workspace, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Dock workers went on strike. The port closed on Monday.")
    workspace.add([doc])
    assert workspace.verify() == []
    first = workspace.db.execute("SELECT min(id) FROM passages").fetchone()[0]
    workspace.db.execute("DELETE FROM passages_fts WHERE rowid = ?", (first,))
    workspace.db.execute("INSERT INTO passages_fts (rowid, text, context) VALUES (999, 'stray', '')")
    assert workspace.verify() == ["passages missing from the full-text index: 1",
                                  "full-text rows without their passage: 1"]


def test_duplicates_are_skipped_and_remove_deletes(workspace, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Estonia condemned the delegation. It called it a slap in the face.")
    b = tmp_path / "copy-of-a.txt"
    b.write_text(a.read_text())
    report = workspace.add([a, b])
    assert len(report.added) == 1 and report.duplicates == [(str(b), report.added[0].id)]
    again = workspace.add([a])
    assert again.added == [] and again.duplicates == [(str(a), report.added[0].id)]
    doc_id = report.added[0].id
    assert workspace.stats().passages == 2 and len(workspace.vectors) == 2
    workspace.remove(doc_id)
    assert workspace.stats().documents == 0 and len(workspace.vectors) == 0
    assert workspace.search("slap in the face", top_k=3) == []
    with pytest.raises(UnknownId, match="no document with id"):
        workspace.remove(doc_id)


def test_source_and_date_overrides(workspace, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("The central bank held rates.")
    [doc] = workspace.add([a], source="Markets Today", date="2025-05-08").added
    assert (doc.source, doc.published) == ("Markets Today", "2025-05-08")


def test_a_bad_file_in_a_batch_writes_nothing(workspace, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A perfectly good sentence.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00binary")
    with pytest.raises(Exception, match="binary"):
        workspace.add([good, bad])
    assert workspace.stats().documents == 0
    report = workspace.add([good, bad], skip_errors=True)
    assert len(report.added) == 1 and "bad.txt" in report.problems[0]


def test_faiss_file_that_does_not_match_is_repaired(demo_workspace_copy, embedder):
    with Workspace.open(demo_workspace_copy, embedder=embedder) as ws:
        before = ws.search("Who leads the Russian delegation?", top_k=5)
    (demo_workspace_copy / VECTORS_NAME).write_bytes(b"not a faiss file")
    with Workspace.open(demo_workspace_copy, embedder=embedder) as ws:
        assert not ws.vectors_match()
        assert ws.search("Who leads the Russian delegation?", top_k=5) == before
        assert ws.vectors_match()
    (demo_workspace_copy / VECTORS_NAME).unlink()
    with Workspace.open(demo_workspace_copy, embedder=embedder) as ws:
        assert ws.search("Who leads the Russian delegation?", top_k=5) == before


def test_refuses_to_mix_embedders(demo_workspace_copy):
    class Other:
        name, dim = "some/other-model", 768

    with pytest.raises(IndexMismatch, match="all-MiniLM-L6-v2"):
        Workspace.open(demo_workspace_copy, embedder=Other())


def test_missing_and_invalid_workspaces(tmp_path):
    with pytest.raises(WorkspaceError, match="no workspace yet"):
        Workspace.open(tmp_path / "nothing", create=False)
    (tmp_path / "file").write_text("x")
    with pytest.raises(WorkspaceError, match="is a file"):
        Workspace.open(tmp_path / "file")
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError, match="not a Crosscheck database"):
        Workspace.open(tmp_path / "junk")


KILL_SCRIPT = """
import sys
from index.workspace import Workspace
from index import workspace as w
w.INGEST_BATCH_DOCS = 8
with Workspace.open(sys.argv[1]) as ws:
    ws.add([sys.argv[2]])
"""


@pytest.mark.slow
def test_kill_during_ingest_leaves_a_consistent_workspace(tmp_path, embedder):
    rows = [{"text": f"Report {i}. The committee met on day {i} and approved budget line {i * 7}. "
                     f"Delegates from region {i % 13} asked for more time.", "source": f"S{i % 5}"} for i in range(1500)]
    data = tmp_path / "big.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows))
    ws_path = tmp_path / "ws"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(ws_path), str(data)],
                            cwd=os.path.dirname(os.path.dirname(__file__)))
    deadline = time.time() + 120
    committed = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(ws_path / DB_NAME, timeout=1) as db:
                committed = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            continue
        if committed >= 40:
            break
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    with Workspace.open(ws_path, embedder=embedder) as ws:
        stats = ws.stats()
        assert 0 < stats.documents < 1500
        orphans = ws.db.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id)"
        ).fetchone()[0]
        assert orphans == 0
        assert stats.vectors == stats.passages and ws.vectors_match()
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        report = ws.add([data])
        assert len(report.added) + len(report.duplicates) == 1500
        assert ws.stats().documents == 1500 and ws.vectors_match()
        hits = ws.search("committee day 10 budget line 70", top_k=5, mode="lexical")
        assert any("day 10 and approved budget line 70." in h.passage.text for h in hits)


def test_another_connection_sees_added_and_removed_documents(tmp_path, embedder):
    """Each connection keeps its vectors in memory; a change by another one is picked up on the next search."""
    (tmp_path / "crane.md").write_text("---\ntitle: Crane\n---\nA harbour crane collapsed in Gdansk on Friday.\n")
    (tmp_path / "bridge.md").write_text("---\ntitle: Bridge\n---\nA new footbridge opened over the river Vltava.\n")
    path = tmp_path / "ws"
    with Workspace.open(path, embedder=embedder) as writer, Workspace.open(path, embedder=embedder) as reader:
        writer.add([tmp_path / "crane.md"])
        assert [h.passage.title for h in reader.search("crane collapse", mode="dense")] == ["Crane"]
        [bridge] = writer.add([tmp_path / "bridge.md"]).added
        assert reader.search("footbridge over a river", mode="dense")[0].passage.title == "Bridge"
        writer.remove(bridge.id)
        assert [h.passage.title for h in reader.search("footbridge over a river", mode="dense")] == ["Crane"]


@pytest.mark.slow
def test_a_write_repairs_a_missing_vectors_file_without_waiting_on_itself(tmp_path):
    """The write lock is re-entrant: a write that meets a stale FAISS file repairs it under the lock it holds."""
    import subprocess
    import sys

    for name, text in (("a.md", "The ferry to Hel leaves at nine."), ("b.md", "The tram to Oliwa runs every ten minutes.")):
        (tmp_path / name).write_text(text + "\n")
    ws = str(tmp_path / "ws")

    def crosscheck(*args):
        return subprocess.run([sys.executable, "-m", "checker.cli", *args, "--workspace", ws], capture_output=True,
                              text=True, timeout=120)  # a deadlock fails here instead of hanging the suite

    assert crosscheck("index", "add", str(tmp_path / "a.md"), "--silent").returncode == 0
    (tmp_path / "ws" / VECTORS_NAME).unlink()
    r = crosscheck("index", "add", str(tmp_path / "b.md"), "--silent")
    assert r.returncode == 0, r.stderr
    (tmp_path / "ws" / VECTORS_NAME).write_bytes(b"truncated")
    assert crosscheck("index", "remove", "1").returncode == 0
    with Workspace.open(ws) as w:
        assert w.vectors_match() and [d.id for d in w.documents()] == [2]


def test_fusion_weighs_how_far_ahead_a_passage_is_not_only_its_rank():
    # 1 is far ahead in dense search and absent from BM25; 2 is a close second in both. Rank fusion
    # put 2 first (it is in both lists); the combined scores keep 1 ahead: 0.6 x 1.0 against
    # 0.6 x 0.1 + 0.4 x 0.9
    dense = [(1, 0.9), (2, 0.5), (3, 0.45)]
    lexical = [(4, 10.0), (2, 9.0), (5, 0.0)]
    fused = fuse(dense, lexical, dense_weight=0.6)
    assert [pid for pid, _ in fused][:3] == [1, 2, 4]
    assert fused[0][1] == pytest.approx(0.6) and fused[1][1] == pytest.approx(0.6 * 0.05 / 0.45 + 0.4 * 0.9)
    assert all(0.0 <= score <= 1.0 for _, score in fused)


def test_fusion_ties_go_to_the_passage_the_dense_list_ranks_higher():
    # 5 is dense's first and BM25's last, 3 the reverse, with equal weights: equal scores, and the
    # dense order decides (not whichever document happened to be added first)
    fused = fuse([(5, 0.8), (3, 0.2)], [(3, 4.0), (5, 1.0)], dense_weight=0.5)
    assert fused[0][1] == fused[1][1]
    assert [pid for pid, _ in fused] == [5, 3]
    assert [pid for pid, _ in fuse([], [(7, 1.0), (4, 1.0)])] == [4, 7]  # then by id
    assert fuse([], []) == []


@pytest.mark.model
def test_the_team_questions_find_their_answers_and_never_a_bare_headline(demo_workspace, embedder):
    """The team's paraphrased questions (python -m checker.lab.retrieval [--set heldout]; README, Results):
    guards at the targets (first 70%, top 3 90%); measured on 2026-11-26 with the dense and BM25 scores
    combined (team set: first 75.0%, top 3 97.5%; held-out set: first 82.1%, top 3 92.9%). The second
    held-out set, harder by construction, is guarded at its first measurement (38.5%, 76.9%)."""
    from checker.lab.retrieval import measure, questions

    with Workspace.open(demo_workspace, embedder=embedder) as ws:
        team = measure(ws, questions("team"))
        heldout = measure(ws, questions("heldout"))
        second = measure(ws, questions("heldout2"))
    assert team["questions"] == 40 and heldout["questions"] == 28 and second["questions"] == 39
    assert team["headline_hits"] == heldout["headline_hits"] == second["headline_hits"] == 0
    assert team["top3"] >= 0.9 and team["top1"] >= 0.7
    assert heldout["top3"] >= 0.9 and heldout["top1"] >= 0.7
    assert second["top3"] >= 0.75 and second["top1"] >= 0.35
