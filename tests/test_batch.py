"""crosscheck check-batch: every article checked once, reports and a summary, resumable after a kill."""

import csv
import json
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.conftest import ROOT, has_nli_model

pytestmark = [pytest.mark.model, pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")]

# Short articles written for these tests from the demo corpus's story.
ARTICLES = {
    f"article-{i}.md": f"---\ntitle: Istanbul talks, part {i}\n---\n{text}\n"
    for i, text in enumerate([
        "Zelenskiy called for an immediate 30-day ceasefire. The talks would begin at 07:00 GMT, TASS said.",
        "The Russian delegation is led by presidential adviser Vladimir Medinsky.",
        "The last direct talks between the two sides took place in Istanbul in March 2022.",
        "Estonia condemned Russia's delegation to the Istanbul talks.",
        "Putin did not travel to Turkey for the talks.",
        "Trump said he might attend the talks in Turkey if appropriate.",
        "Russian forces control about a fifth of Ukraine's territory.",
        "Rubio said there was no military solution to the war.",
    ], start=1)
}


def articles(folder):
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def article_checks(ws) -> int:
    from checker import Workspace

    with Workspace.open(ws) as w:
        return w.db.execute("SELECT count(*) FROM checks WHERE kind = 'article'").fetchone()[0]


def summary(out):
    with open(out / "summary.csv", newline="") as f:
        return list(csv.DictReader(f))


def test_a_batch_checks_each_article_once_and_says_so(demo_workspace_copy, tmp_path):
    folder, out, ws = articles(tmp_path / "in"), tmp_path / "out", str(demo_workspace_copy)
    r = CliRunner().invoke(cli, ["check-batch", str(folder), "-o", str(out), "--silent", "--format", "json",
                                 "--workspace", ws], catch_exceptions=False)
    assert r.exit_code in (0, 4), r.output
    first = json.loads(r.stdout)
    assert len(first) == len(ARTICLES) and not any(row["reused"] for row in first)
    rows = summary(out)
    assert [row["article"] for row in rows] == [str(folder / name) for name in sorted(ARTICLES)]
    for row in rows:
        report = json.loads(open(row["report"], encoding="utf-8").read())
        assert report["check_id"] == int(row["id"]) and len(report["verdicts"]) == int(row["claims"])
    assert article_checks(ws) == len(ARTICLES)
    r = CliRunner().invoke(cli, ["check-batch", str(folder), "-o", str(out), "--silent", "--workspace", ws])
    assert r.stderr.startswith(f"{len(ARTICLES)} articles: 0 checked, {len(ARTICLES)} already checked (reused)")
    assert article_checks(ws) == len(ARTICLES)  # nothing checked twice
    assert [row["id"] for row in summary(out)] == [row["id"] for row in rows]


def test_a_jsonl_batch_skips_bad_rows(demo_workspace_copy, tmp_path):
    rows = tmp_path / "articles.jsonl"
    rows.write_text(json.dumps({"title": "Rates", "text": "The central bank left its main interest rate at 2.25 percent."})
                    + "\n{broken\n")
    r = CliRunner().invoke(cli, ["check-batch", str(rows), "-o", str(tmp_path / "out"), "--silent",
                                 "--workspace", str(demo_workspace_copy)], catch_exceptions=False)
    assert r.exit_code == 3 and r.stderr.splitlines()[0].startswith(f"Skipped: {rows}: row 2: is not valid JSON")
    assert [row["article"] for row in summary(tmp_path / "out")] == [f"{rows}#1"]


def test_an_article_that_cannot_be_checked_is_listed_and_the_rest_are_checked(demo_workspace_copy, tmp_path):
    from index.settings import MAX_ARTICLE_CHARS

    rows = tmp_path / "articles.jsonl"
    long = " ".join(["Talks."] * (MAX_ARTICLE_CHARS // 7 + 1))
    rows.write_text("\n".join(json.dumps({"text": t}) for t in (
        "The central bank left its main interest rate unchanged at 2.25 percent.", long,
        "A volcanic fissure opened near the town of Grindavik on Tuesday morning.")) + "\n")
    r = CliRunner().invoke(cli, ["check-batch", str(rows), "-o", str(tmp_path / "out"), "--silent",
                                 "--workspace", str(demo_workspace_copy)], catch_exceptions=False)
    assert r.exit_code == 3, r.output  # some articles could not be checked (and nothing was contradicted)
    assert [line for line in r.stderr.splitlines() if line.startswith("Skipped:")] == [
        f"Skipped: {rows}#2: the article is {len(long):,} characters; the limit is {MAX_ARTICLE_CHARS:,}"]
    assert [row["article"] for row in summary(tmp_path / "out")] == [f"{rows}#1", f"{rows}#3"]


@pytest.mark.slow
def test_a_killed_batch_loses_nothing_and_the_rerun_finishes_without_duplicates(demo_workspace_copy, tmp_path):
    folder, out, ws = articles(tmp_path / "in"), tmp_path / "out", str(demo_workspace_copy)
    cmd = [sys.executable, "-m", "checker.cli", "check-batch", str(folder), "-o", str(out), "--silent",
           "--workspace", ws]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and not (out.exists() and list(out.glob("0001-*.json"))):
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = sorted(p.name for p in out.glob("*.json"))
    assert len(done_before) < len(ARTICLES), "the batch finished before the kill; nothing was tested"
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode in (0, 4), r.stderr
    reused = int(r.stderr.split(" checked, ")[1].split(" already")[0])
    assert reused >= len(done_before)  # what was reported before the kill was not checked again
    assert article_checks(ws) == len(ARTICLES)  # and nothing twice
    assert len(summary(out)) == len(ARTICLES) and set(done_before) <= {p.name for p in out.glob("*.json")}
    from checker import Workspace

    with Workspace.open(ws) as w:
        assert w.verify() == []
