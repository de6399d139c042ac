"""Fault injection, in the spirit of SQLite's crash tests: kill -9 at random moments, then check.

Each point copies a template workspace (the demo corpus, one checked article, its flags), damages
its vectors file or not (missing, truncated, stale, foreign, or none), starts one write command of
the CLI (``index add``, ``index remove``, ``check-article``, ``flags set``), kills it with SIGKILL
and then checks. Half the points kill at a random moment of the command's run; the other half
wait for its first write (SQLite's WAL file grows, or a vectors file is being written) and kill
a random 0-300 ms later, so that kills land inside the writes, not only while models load:

1. the workspace must pass ``Workspace.verify()`` (SQLite integrity, foreign keys, full-text
   index, no orphans, the vectors = the passages);
2. the same command, run again, must finish;
3. the end state must be what the command promises (every document added once, the document
   removed, the check stored with its flags, the review recorded), and pass ``verify()`` again.

    python -m tests.faults --points 60 [--seed 7]     # the long run (README, Reliability)
    CROSSCHECK_FAULT_POINTS=60 pytest tests/test_faults.py

The short run in ``make test`` covers every command and every kind of damaged file once.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("index add", "index remove", "check-article", "flags set")
DAMAGE = (None, "missing", "truncated", "stale", "foreign")
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "CROSSCHECK_WORKSPACE": ""}

# Written for these tests from the demo corpus's story (not the seed article).
ARTICLE = """Negotiators meet in Istanbul

Delegations from Russia and Ukraine were expected in Istanbul for their first direct talks since March 2022.
The Russian news agency TASS said the talks would begin at 07:00 GMT, but a Ukrainian official said no time had been agreed.
Vladimir Putin did not travel to Turkey, and the Kremlin sent a delegation led by Vladimir Medinsky.
Volodymyr Zelenskiy called for an immediate 30-day ceasefire.
"""

TOPICS = ["ferry", "tram", "harbour", "museum", "bridge", "orchard", "library", "stadium", "canal", "market"]
PLACES = ["Gdansk", "Porto", "Tallinn", "Bergen", "Split", "Ghent", "Lyon", "Turku", "Cork", "Brno"]


def more_documents(folder: Path, n: int = 150) -> Path:
    """``n`` small made-up news items, enough that embedding them takes a few seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        topic, place = TOPICS[i % len(TOPICS)], PLACES[(i // len(TOPICS)) % len(PLACES)]
        (folder / f"item-{i:03d}.md").write_text(
            f"---\ntitle: The {topic} in {place}, item {i}\nsource: Fault Wire\ndate: 2025-06-{1 + i % 28:02d}\n---\n"
            f"The {topic} in {place} reopened on day {i} after repairs that cost {100 + 7 * i} thousand euros.\n"
            f"City officials said {i % 9 + 2} new staff had been hired for the {topic}.\n"
            f"Residents of {place} had waited {i % 11 + 1} months for the {topic} to reopen.\n")
    return folder


def crosscheck(*args, workspace: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli", *args, "--workspace", str(workspace)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=ENV)


@dataclass
class Scene:
    template: Path
    more: Path
    article: Path
    foreign: Path  # a vectors file from another workspace
    stale: Path  # this workspace's vectors file from before its last document was added
    duration: dict  # seconds each command takes, unkilled


def build_scene(root: Path) -> Scene:
    """The template workspace and what the commands need, with each command timed once."""
    template, more, article = root / "template", more_documents(root / "more"), root / "article.md"
    article.write_text(ARTICLE)
    corpus = sorted((ROOT / "data" / "corpus").glob("*.md"))
    must(crosscheck("index", "add", *map(str, corpus[:-1]), "--silent", workspace=template))
    stale = root / "stale.faiss"
    shutil.copy(template / "vectors.faiss", stale)
    must(crosscheck("index", "add", str(corpus[-1]), "--silent", workspace=template))
    must(crosscheck("check-article", str(article), "--silent", workspace=template), codes=(0, 4))
    (root / "other").mkdir()
    (root / "other" / "note.md").write_text("A single note about the weather in Reykjavik.\n")
    must(crosscheck("index", "add", str(root / "other" / "note.md"), "--silent", workspace=root / "other-ws"))
    scene = Scene(template, more, article, root / "other-ws" / "vectors.faiss", stale, {})
    for command in COMMANDS:
        ws = fresh(scene, root / f"time-{command.replace(' ', '-')}")
        start = time.perf_counter()
        must(crosscheck(*arguments(command, scene, ws, random.Random(0)), workspace=ws), codes=(0, 4))
        scene.duration[command] = time.perf_counter() - start
    return scene


def must(result: subprocess.CompletedProcess, codes=(0,)) -> subprocess.CompletedProcess:
    if result.returncode not in codes:
        raise RuntimeError(f"{result.args}: exit {result.returncode}\n{result.stderr[-2000:]}")
    return result


def fresh(scene: Scene, path: Path) -> Path:
    shutil.copytree(scene.template, path)
    return path


def damage(ws: Path, kind: str | None, scene: Scene) -> None:
    vectors = ws / "vectors.faiss"
    if kind == "missing":
        vectors.unlink()
    elif kind == "truncated":
        vectors.write_bytes(vectors.read_bytes()[: vectors.stat().st_size // 3])
    elif kind == "stale":
        shutil.copy(scene.stale, vectors)
    elif kind == "foreign":
        shutil.copy(scene.foreign, vectors)


def arguments(command: str, scene: Scene, ws: Path, rng: random.Random) -> list[str]:
    from checker import Workspace

    if command == "index add":
        return ["index", "add", str(scene.more), "--silent"]
    if command == "check-article":
        return ["check-article", str(scene.article), "--silent"]
    with Workspace.open(ws, create=False) as w:
        if command == "index remove":
            return ["index", "remove", str(rng.choice([d.id for d in w.documents()]))]
        flag_ids = [r[0] for r in w.db.execute("SELECT id FROM flags")]
    return ["flags", "set", str(rng.choice(flag_ids)), "--status", "confirmed", "--note", "fault run", "--by", "faults"]


def snapshot(ws: Path) -> dict:
    from checker import Workspace

    with Workspace.open(ws, create=False) as w:
        q = lambda sql: w.db.execute(sql).fetchone()[0]  # noqa: E731
        return {"documents": q("SELECT count(*) FROM documents"), "checks": q("SELECT count(*) FROM checks"),
                "reviews": q("SELECT count(*) FROM flag_reviews"), "flags": q("SELECT count(*) FROM flags")}


def verify(ws: Path) -> list[str]:
    from checker import Workspace

    with Workspace.open(ws, create=False) as w:
        return w.verify()


def promised(command: str, args: list[str], ws: Path, before: dict, scene: Scene) -> list[str]:
    """What the finished command promises, checked against the workspace."""
    from checker import Workspace

    after = snapshot(ws)
    with Workspace.open(ws, create=False) as w:
        if command == "index add":
            added = len(list(scene.more.glob("*.md")))
            return [] if after["documents"] == before["documents"] + added else [f"documents: {before} -> {after}"]
        if command == "index remove":
            doc_id = int(args[2])
            gone = w.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None
            return [] if gone and after["documents"] == before["documents"] - 1 else [f"document {doc_id} not removed"]
        if command == "check-article":
            keys = w.db.execute("SELECT count(*), count(DISTINCT key) FROM flags").fetchone()
            problems = [] if after["checks"] > before["checks"] else ["no check stored"]
            return problems + ([] if keys[0] == keys[1] else ["a flag stored twice"])
        flag_id = int(args[2])
        status, note = w.db.execute("SELECT f.status, r.note FROM flags f JOIN flag_reviews r ON r.flag_id = f.id"
                                    " WHERE f.id = ? ORDER BY r.id DESC LIMIT 1", (flag_id,)).fetchone()
        return [] if (status, note) == ("confirmed", "fault run") else [f"flag {flag_id}: {status}, {note!r}"]


@dataclass
class Point:
    command: str
    damage: str | None
    when: str  # "any moment" or "after its first write"
    delay: float
    outcome: str  # killed before writing to the database / killed after some of its writes / finished before the kill
    problems: list[str]


def run_point(i: int, scene: Scene, root: Path, rng: random.Random) -> Point:
    command, kind = COMMANDS[i % len(COMMANDS)], DAMAGE[i % len(DAMAGE)]
    ws = fresh(scene, root / f"point-{i:03d}")
    damage(ws, kind, scene)
    args = arguments(command, scene, ws, rng)
    before = snapshot(ws)
    when = "any moment" if (i // len(COMMANDS)) % 2 == 0 else "after its first write"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "checker.cli", *args, "--workspace", str(ws)], cwd=ROOT, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if when == "any moment":
        deadline = start + rng.uniform(0.3, 1.05) * scene.duration[command]
    else:
        deadline = first_write(ws, proc, start + 3 * scene.duration[command] + 10) + rng.uniform(0, 0.3)
    try:
        proc.wait(timeout=max(0.0, deadline - time.perf_counter()))
        outcome = "finished before the kill"
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outcome = "killed after some of its writes" if snapshot(ws) != before else "killed before writing to the database"
    delay = time.perf_counter() - start
    problems = [f"after the kill: {p}" for p in verify(ws)]
    rerun = crosscheck(*args, workspace=ws)
    finished = rerun.returncode in (0, 4) or (command == "index remove" and "no document with id" in rerun.stderr)
    if not finished:
        problems.append(f"the rerun failed (exit {rerun.returncode}): {rerun.stderr.strip()[-300:]}")
    if "Traceback" in rerun.stderr:
        problems.append("the rerun printed a traceback")
    problems += [f"after the rerun: {p}" for p in verify(ws) + promised(command, args, ws, before, scene)]
    shutil.rmtree(ws, ignore_errors=True)
    return Point(command, kind, when, round(delay, 2), outcome, problems)


def first_write(ws: Path, proc: subprocess.Popen, give_up: float) -> float:
    """When the command starts writing: the WAL file grows, or a vectors file is being written."""
    wal = ws / "crosscheck.db-wal"
    while time.perf_counter() < give_up and proc.poll() is None:
        if (wal.exists() and wal.stat().st_size > 0) or any(ws.glob("vectors.faiss.tmp-*")):
            break
        time.sleep(0.005)
    return time.perf_counter()


def run(points: int, root: Path, seed: int = 7, progress=None) -> list[Point]:
    scene = build_scene(root)
    rng = random.Random(seed)
    out = []
    for i in range(points):
        out.append(run_point(i, scene, root, rng))
        if progress:
            progress(out[-1])
    return out


def report(found: list[Point]) -> str:
    outcomes = Counter(p.outcome for p in found)
    failed = [p for p in found if p.problems]
    lines = [f"{len(found)} kill points: " + ", ".join(f"{n} {o}" for o, n in outcomes.most_common()),
             "killed at: " + ", ".join(f"{w} {n}" for w, n in Counter(p.when for p in found).items()),
             "by command: " + ", ".join(f"{c} {n}" for c, n in Counter(p.command for p in found).items()),
             "damaged vectors file first: " + ", ".join(f"{d or 'none'} {n}" for d, n in
                                                        Counter(p.damage for p in found).items()),
             f"workspaces inconsistent or not finished: {len(failed)}"]
    lines += [f"  {p.command} ({p.damage}, {p.when}, {p.delay} s, {p.outcome}): {'; '.join(p.problems)}"
              for p in failed]
    return "\n".join(lines)


def main(argv=None) -> None:
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m tests.faults", description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="crosscheck-faults-") as tmp:
        start = time.perf_counter()
        found = run(args.points, Path(tmp), args.seed,
                    progress=lambda p: print(f"{p.command:<14} {str(p.damage):<9} {p.when:<21} {p.delay:5.2f} s  {p.outcome}"
                                             f"{'  PROBLEMS: ' + '; '.join(p.problems) if p.problems else ''}",
                                             file=sys.stderr))
        print(report(found))
        print(f"({time.perf_counter() - start:.0f} s)")
    sys.exit(1 if any(p.problems for p in found) else 0)


if __name__ == "__main__":
    main()
