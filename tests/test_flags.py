"""The flag store: stable keys, linking, review history, persistence, concurrent reviewers."""

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.flags import CONFLICTING_SOURCES, CONTRADICTED, Conflict, FlagStore, Side
from index.errors import CrosscheckError, UnknownId
from index.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
TASS = Side("supports", "TASS reported that the talks would begin at 07:00 GMT.", "Eastern Dispatch", "2025-05-15",
            2, 5, 0, 86, "", 0.91, 0.05, 0.04)
DENIAL = Side("contradicts", "A Ukrainian official denied that any start time had been agreed.", "Dnipro Ledger",
              "2025-05-15", 3, 8, 0, 70, "", 0.02, 0.10, 0.88)
AFTERNOON = Side("contradicts", "Talks would not start before the afternoon.", "Levant Courier", "2025-05-15",
                 18, 40, 0, 60, "", 0.03, 0.12, 0.85)
CLAIM = "The talks would begin at 07:00 GMT."


@pytest.fixture
def store(tmp_path):
    ws = Workspace.open(tmp_path / "ws")
    yield FlagStore(ws)
    ws.close()


def raise_one(ws, title: str = "") -> int:
    """The TASS / denial conflict raised as a flag; its id."""
    [flag] = FlagStore(ws).raise_flags([Conflict(CONFLICTING_SOURCES, TASS, DENIAL, CLAIM)], None, title)
    return flag.id


def test_raising_the_same_flag_twice_keeps_one(store):
    [a] = store.raise_flags([Conflict(CONFLICTING_SOURCES, TASS, DENIAL, CLAIM)], None, "Article")
    [b] = store.raise_flags([Conflict(CONFLICTING_SOURCES, TASS, DENIAL, CLAIM)], None, "Article")
    assert a.id == b.id and len(store.list()) == 1
    flag = store.get(a.id)
    assert flag.history == b.history and (b.side_a, b.side_b) == (TASS, DENIAL)
    assert (flag.side_a, flag.side_b) == (TASS, DENIAL)
    assert flag.status == "open" and [r.status for r in flag.history] == ["open"]


def test_a_new_conflict_on_the_same_claim_is_linked(store):
    [first] = store.raise_flags([Conflict(CONFLICTING_SOURCES, TASS, DENIAL, CLAIM)], None, "Article")
    [second] = store.raise_flags([Conflict(CONFLICTING_SOURCES, TASS, AFTERNOON, CLAIM)], None, "Article")
    assert first.id != second.id
    assert second.linked_to == first.id and store.get(second.id).linked_to == first.id
    [third] = store.raise_flags([Conflict(CONTRADICTED, TASS, DENIAL, "Another claim entirely.")], None, "Article")
    assert third.linked_to is None


def test_history_is_kept_and_survives_reopening(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        fid = raise_one(ws)
        FlagStore(ws).set_status(fid, "needs_follow_up", "call the ministry", "olena")
        FlagStore(ws).set_status(fid, "confirmed", "ministry confirmed no time agreed", "olena")
    with Workspace.open(path) as ws:
        flag = FlagStore(ws).get(fid)
    assert flag.status == "confirmed"
    assert [(r.status, r.reviewer, r.note) for r in flag.history] == [
        ("open", "", "raised by check"),
        ("needs_follow_up", "olena", "call the ministry"),
        ("confirmed", "olena", "ministry confirmed no time agreed"),
    ]
    assert FlagStore(Workspace.open(path)).list(status="confirmed")[0].id == fid


def test_unknown_ids_and_statuses(store):
    with pytest.raises(UnknownId, match="no flag with id 99"):
        store.set_status(99, "confirmed")
    fid = raise_one(store.workspace)
    with pytest.raises(CrosscheckError, match="unknown status 'maybe'"):
        store.set_status(fid, "maybe")
    assert store.set_status(fid, "needs-follow-up").status == "needs_follow_up"


REVIEWER = """
import sys
from index.workspace import Workspace
from checker.flags import FlagStore
ws = Workspace.open(sys.argv[1])
store = FlagStore(ws)
for i in range(int(sys.argv[3])):
    store.set_status(int(sys.argv[4]), "confirmed" if i % 2 else "needs_follow_up", f"{sys.argv[2]} {i}", sys.argv[2])
"""


@pytest.mark.slow
def test_two_processes_updating_flags_lose_nothing(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path) as ws:
        ids = [f.id for f in FlagStore(ws).raise_flags([Conflict(CONFLICTING_SOURCES, TASS, DENIAL, CLAIM),
                                         Conflict(CONFLICTING_SOURCES, TASS, AFTERNOON, CLAIM)], None, "")]
    n = 40
    procs = [subprocess.Popen([sys.executable, "-c", REVIEWER, str(path), name, str(n), str(ids[0])], cwd=ROOT)
             for name in ("ana", "ben")]
    procs.append(subprocess.Popen([sys.executable, "-c", REVIEWER, str(path), "cy", str(n), str(ids[1])], cwd=ROOT))
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    with Workspace.open(path) as ws:
        store = FlagStore(ws)
        history = store.get(ids[0]).history
        assert len(history) == 1 + 2 * n
        assert sorted(r.note for r in history[1:]) == sorted(f"{who} {i}" for who in ("ana", "ben") for i in range(n))
        assert len(store.get(ids[1]).history) == 1 + n
        assert store.get(ids[0]).status == history[-1].status


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_list_show_set_export(tmp_path):
    ws_path = tmp_path / "ws"
    with Workspace.open(ws_path) as ws:
        fid = raise_one(ws, "Istanbul talks")
    ws = str(ws_path)
    listed = run("flags", "list", "--status", "open", "--workspace", ws)
    assert listed.exit_code == 0 and "Eastern Dispatch: TASS reported" in listed.stdout
    shown = run("flags", "show", str(fid), "--workspace", ws)
    assert "A: supports - Eastern Dispatch 2025-05-15 (entailment 0.91, contradiction 0.04)" in shown.stdout
    assert "B: contradicts - Dnipro Ledger 2025-05-15 (entailment 0.02, contradiction 0.88)" in shown.stdout
    r = run("flags", "set", str(fid), "--status", "dismissed", "--note", "timing was later agreed", "--by", "ed",
            "--workspace", ws)
    assert r.exit_code == 0 and r.stderr == f"Flag {fid} is now dismissed\n"
    assert run("flags", "list", "--status", "open", "--workspace", ws).stdout.strip() == "(none)"
    csv_out = run("flags", "export", "--workspace", ws).stdout.splitlines()
    assert csv_out[0].startswith("id,kind,status,claim") and "dismissed" in csv_out[1]
    out = tmp_path / "flags.json"
    assert run("flags", "export", "--format", "json", "-o", str(out), "--workspace", ws).exit_code == 0
    assert '"timing was later agreed"' in out.read_text()


def test_cli_errors(tmp_path):
    ws = tmp_path / "ws"
    Workspace.open(ws).close()
    r = run("flags", "show", "7", "--workspace", str(ws))
    assert (r.exit_code, r.stderr) == (1, "Error: no flag with id 7 - see: crosscheck flags list\n")
    r = run("flags", "set", "7", "--status", "confirmed", "--workspace", str(ws))
    assert (r.exit_code, r.stderr) == (1, "Error: no flag with id 7 - see: crosscheck flags list\n")
    assert run("flags", "set", "7", "--status", "bogus", "--workspace", str(ws)).exit_code == 2
    r = run("flags", "list", "--status", "bogus", "--workspace", str(ws))
    assert r.exit_code == 1 and "unknown status 'bogus'" in r.stderr


def test_flags_filter_by_source_and_date_and_count_by_status(tmp_path):
    ws_path = tmp_path / "ws"
    with Workspace.open(ws_path) as ws:
        store = FlagStore(ws)
        [one, two] = store.raise_flags([Conflict(CONFLICTING_SOURCES, TASS, DENIAL, CLAIM),
                                        Conflict(CONTRADICTED, TASS, AFTERNOON, "Another claim.")], None, "")
        store.set_status(two.id, "confirmed")
        assert [f.id for f in store.list(source="dnipro")] == [one.id]  # any part of a side's source, any case
        assert [f.id for f in store.list(source="eastern")] == [one.id, two.id]
        assert store.list(date_from="2025-05-16") == [] and len(store.list(date_to="2025-05-15")) == 2
        assert store.counts() == {"open": 1, "confirmed": 1, "dismissed": 0, "needs_follow_up": 0}
    r = run("flags", "list", "--source", "Levant", "--workspace", str(ws_path))
    assert "Levant Courier" in r.stdout and "Dnipro Ledger" not in r.stdout
    assert r.stderr == "open 1 · confirmed 1 · dismissed 0 · needs follow-up 0\n"
