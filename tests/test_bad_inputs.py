"""A catalogue of bad inputs and failures: each gives one `Error:` line and its exit code, no
traceback, and leaves the workspace as it was (and sound). The CLI first, then the web UI's endpoints.

Permission cases run the CLI without the two capabilities that let root read and write anything
(util-linux's setpriv); a full disk is a file-size limit on the process (writes fail with EFBIG).
"""

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.conftest import ROOT, has_nli_model

pytestmark = [pytest.mark.model, pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")]

GOOD = "---\ntitle: Ferry\nsource: Port Gazette\ndate: 2025-05-20\n---\nThe ferry to Hel leaves at nine every morning.\n"


def write(path: Path, data) -> str:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


# name → (argv after `crosscheck`, with {ws} and {tmp} filled in; files to write first; exit code; the Error line's text)
CASES = {
    "missing path": (["index", "add", "{tmp}/nope.md"], {}, 1, "{tmp}/nope.md: no such file or folder"),
    "empty file": (["index", "add", "{tmp}/empty.md"], {"empty.md": b""}, 1, "{tmp}/empty.md: is empty"),
    "binary file": (["index", "add", "{tmp}/bin.txt"], {"bin.txt": b"\x00\x01\x02abc"}, 1,
                    "{tmp}/bin.txt: looks like a binary file, not text"),
    "NUL bytes after 8 KB": (["index", "add", "{tmp}/late.txt"], {"late.txt": b"Plain text. " * 1000 + b"\x00tail"},
                             1, "{tmp}/late.txt: looks like a binary file, not text"),
    "not UTF-8": (["index", "add", "{tmp}/latin.txt"], {"latin.txt": "Caf\u00e9 talks".encode("latin-1")}, 1,
                  "{tmp}/latin.txt: is not valid UTF-8 (byte 3); convert it to UTF-8 first"),
    "unsupported type": (["index", "add", "{tmp}/sheet.xlsx"], {"sheet.xlsx": b"PK\x03\x04"}, 1,
                         "{tmp}/sheet.xlsx: unsupported file type '.xlsx'; supported: .txt, .md, .markdown, .html, "
                         ".htm, .pdf, .jsonl, .csv"),
    "bad --date": (["index", "add", "{tmp}/good.md", "--date", "2025-13-01"], {"good.md": GOOD}, 1,
                   "--date: date '2025-13-01' is not YYYY-MM-DD"),
    "folder with nothing to add": (["index", "add", "{tmp}/sub"], {"sub/notes.xlsx": b"PK"}, 1,
                                   "{tmp}/sub: contains no supported files"),
    "unknown document": (["index", "remove", "999"], {}, 1, "no document with id 999 in {ws} - see: crosscheck index list"),
    "empty search": (["search", "   "], {}, 1, "the search text is empty"),
    "search depth 0": (["search", "talks", "-k", "0"], {}, 1, "top_k must be at least 1"),
    "empty claim": (["check", ""], {}, 1, "the claim is empty"),
    "zero-width claim": (["check", "\u200b\u200c\u2060\ufeff "], {}, 1, "the claim is empty"),
    "claim over 2,000 characters": (["check", "x" * 2001], {}, 1, "the claim is 2,001 characters; the limit is 2,000"),
    "claim over the NLI model's tokens": (["check", "7 " * 600], {}, 1,
                                          "the claim is 600 tokens long; the NLI model takes at most 493: "
                                          "split it into shorter claims"),
    "article not UTF-8": (["check-article", "{tmp}/latin.txt"], {"latin.txt": "Caf\u00e9".encode("latin-1")}, 1,
                          "{tmp}/latin.txt: is not valid UTF-8 (byte 3); convert it to UTF-8 first"),
    "article over 200,000 characters": (["check-article", "{tmp}/long.txt"], {"long.txt": "Talks. " * 30000}, 1,
                                        "the article is 209,999 characters; the limit is 200,000"),
    "article that is a folder": (["check-article", "{tmp}/sub"], {"sub/a.md": GOOD}, 1,
                                 "{tmp}/sub: is a folder, not a file"),
    "unknown flag": (["flags", "set", "999", "--status", "confirmed"], {}, 1,
                     "no flag with id 999 - see: crosscheck flags list"),
    "unknown flag status filter": (["flags", "list", "--status", "maybe"], {}, 1,
                                   "unknown status 'maybe'; use one of: open, confirmed, dismissed, needs_follow_up"),
    "no such workspace": (["check", "Talks begin at 07:00 GMT.", "--workspace", "{tmp}/none"], {}, 1,
                          "{tmp}/none has no workspace yet - run: crosscheck index add DOCS --workspace {tmp}/none"),
    "workspace is a file": (["index", "stats", "--workspace", "{tmp}/good.md"], {"good.md": GOOD}, 2, None),
    "bad status value": (["flags", "set", "1", "--status", "maybe"], {}, 2, None),
}


def snapshot(ws: Path) -> tuple:
    from checker import Workspace

    with Workspace.open(ws, create=False) as w:
        counts = tuple(w.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in ("documents", "passages", "checks", "verdicts", "flags", "flag_reviews"))
        return counts, w.verify()


@pytest.fixture(scope="module")
def ws(demo_workspace, tmp_path_factory):
    path = tmp_path_factory.mktemp("catalogue") / "ws"
    shutil.copytree(demo_workspace, path)
    return path


@pytest.mark.parametrize("name", list(CASES))
def test_cli_bad_input(name, ws, tmp_path):
    argv, files, code, message = CASES[name]
    for rel, data in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        write(tmp_path / rel, data)
    fill = lambda s: s.format(ws=ws, tmp=tmp_path)  # noqa: E731
    args = [fill(a) for a in argv]
    if "--workspace" not in args:
        args += ["--workspace", str(ws)]
    before = snapshot(ws)
    r = CliRunner().invoke(cli, args, catch_exceptions=False)  # a traceback would fail the test here
    assert r.exit_code == code, r.output
    if message is not None:
        assert r.stderr == f"Error: {fill(message)}\n"
    assert r.stdout == ""
    assert snapshot(ws) == before and before[1] == []


def test_a_bad_row_is_skipped_and_a_long_cell_is_kept(ws, tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"text": "The tram to Oliwa runs every ten minutes.", "source": "City Desk"}) + "\n"
                    + "{not json\n")
    r = CliRunner().invoke(cli, ["index", "add", str(rows), "--workspace", str(tmp_path / "w1"), "--silent"])
    assert r.exit_code == 3 and r.stderr.splitlines()[0].startswith(f"Skipped: {rows}: row 2: is not valid JSON (")
    table = tmp_path / "long.csv"
    table.write_text("title,text\nLong,\"" + "The harbour reopened on Monday. " * 5000 + "\"\nShort,A short row.\n")
    r = CliRunner().invoke(cli, ["index", "add", str(table), "--workspace", str(tmp_path / "w2"), "--silent",
                                 "--format", "json"])
    assert r.exit_code == 0, r.output
    assert [d["title"] for d in json.loads(r.stdout)] == ["Long", "Short"]  # a 160 KB cell is a row like any


def test_a_failed_first_add_leaves_no_workspace(tmp_path):
    r = CliRunner().invoke(cli, ["index", "add", str(tmp_path / "missing.md"), "--workspace", str(tmp_path / "new")])
    assert r.exit_code == 1 and not (tmp_path / "new").exists()


def test_non_latin_articles_split_into_sentences_and_check(ws):
    text = ("Переговоры в Стамбуле начнутся в 10:00 по местному времени. Украина не подтвердила время начала. "
            "Делегацию России возглавил Владимир Мединский. ") * 3
    r = CliRunner().invoke(cli, ["check-article", "-", "--workspace", str(ws), "--format", "json", "--silent"],
                           input=text, catch_exceptions=False)
    assert r.exit_code in (0, 4), r.output
    report = json.loads(r.stdout)
    sentences = {v["claim"]["sentence"] for v in report["verdicts"]} | {d["sentence"] for d in report["dropped"]}
    assert "Украина не подтвердила время начала." in sentences and max(map(len, sentences)) < 80


def test_one_claim_too_long_does_not_sink_the_article(ws):
    text = "Zelenskiy called for an immediate 30-day ceasefire. The tally was " + "7, " * 450 + "and more."
    r = CliRunner().invoke(cli, ["check-article", "-", "--workspace", str(ws), "--format", "json", "--silent"],
                           input=text, catch_exceptions=False)
    report = json.loads(r.stdout)
    assert report["verdicts"][0]["label"] == "supported"  # the claim before it is checked as usual
    assert any(d["reason"].startswith("too long to check (") for d in report["dropped"])


def test_a_review_note_has_a_length_limit(ws):
    from checker import FlagStore, Workspace

    r = CliRunner().invoke(cli, ["check", "The talks in Istanbul would begin at 07:00 GMT.", "--workspace", str(ws)])
    assert r.exit_code == 4
    with Workspace.open(ws) as w:
        flag_id = FlagStore(w).list()[0].id
    before = snapshot(ws)
    r = CliRunner().invoke(cli, ["flags", "set", str(flag_id), "--status", "confirmed", "--note", "n" * 5001,
                                 "--workspace", str(ws)], catch_exceptions=False)
    assert (r.exit_code, r.stderr) == (1, "Error: a note is at most 5,000 characters and a reviewer's name at most "
                                          "100 (this note has 5,001, the name 0)\n")
    assert snapshot(ws) == before


# --- failures a test can only cause from outside the process ------------------------------------------

SETPRIV = shutil.which("setpriv")
NO_ROOT_POWERS = [SETPRIV, "--inh-caps=-dac_override,-dac_read_search",
                  "--bounding-set=-dac_override,-dac_read_search"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def crosscheck(*args, prefix=(), preexec_fn=None):
    return subprocess.run([*prefix, sys.executable, "-m", "checker.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=300, cwd=ROOT, env=ENV, preexec_fn=preexec_fn)


needs_setpriv = pytest.mark.skipif(os.geteuid() != 0 or SETPRIV is None,
                                   reason="needs root and util-linux's setpriv to take root's file powers away")


@needs_setpriv
def test_an_unreadable_file_is_one_line_and_skippable(tmp_path):
    good, locked = write(tmp_path / "good.md", GOOD), write(tmp_path / "locked.md", GOOD.replace("nine", "ten"))
    os.chmod(locked, 0)
    r = crosscheck("index", "add", good, locked, "--workspace", tmp_path / "ws", prefix=NO_ROOT_POWERS)
    assert (r.returncode, r.stderr) == (1, f"Error: {locked}: cannot be read (Permission denied)\n")
    assert not (tmp_path / "ws").exists()
    r = crosscheck("index", "add", good, locked, "--skip-errors", "--silent", "--workspace", tmp_path / "ws",
                   prefix=NO_ROOT_POWERS)
    assert r.returncode == 3 and r.stderr.splitlines()[0] == f"Skipped: {locked}: cannot be read (Permission denied)"
    r = crosscheck("check-article", locked, "--workspace", tmp_path / "ws", prefix=NO_ROOT_POWERS)
    assert (r.returncode, r.stderr) == (1, f"Error: {locked}: cannot be read (Permission denied)\n")


@needs_setpriv
def test_a_read_only_workspace_says_so(demo_workspace, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(demo_workspace, ws)
    new = write(tmp_path / "new.md", GOOD)
    for p in [ws, *ws.iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    r = crosscheck("index", "add", new, "--workspace", ws, prefix=NO_ROOT_POWERS)
    assert r.returncode == 1 and r.stderr.startswith(f"Error: {ws} is read-only: Crosscheck writes to its workspace")
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1


def full_disk(limit: int):
    def limit_writes():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_writes


def test_a_full_disk_is_one_line_and_leaves_nothing_half_written(demo_workspace, tmp_path):
    """An add commits every 32 documents: what it finished stays, whole, and the rest is not half there."""
    from tests.faults import more_documents

    ws = tmp_path / "ws"
    shutil.copytree(demo_workspace, ws)
    (before, _), more = snapshot(ws), more_documents(tmp_path / "more", 150)
    size = (ws / "crosscheck.db").stat().st_size
    r = crosscheck("index", "add", more, "--silent", "--workspace", ws, preexec_fn=full_disk(size + 4096))
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith("Error: cannot write") and "nothing half-written was kept" in r.stderr
    assert len(r.stderr.splitlines()) == 1
    (after, problems) = snapshot(ws)
    assert not list(ws.glob("*.tmp-*")) and problems == []
    assert before[0] <= after[0] < before[0] + 150 and after[1] - before[1] == 3 * (after[0] - before[0])
    r = crosscheck("index", "add", more, "--silent", "--workspace", ws)  # with room again, the same command finishes
    assert r.returncode == 0 and snapshot(ws)[0][0] == before[0] + 150


def test_two_adds_of_the_same_files_at_once_add_them_once(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(40):
        write(folder / f"d{i}.md", f"Item {i}: the ferry to Hel left at {i % 12 + 1} o'clock on day {i}.\n")
    ws = tmp_path / "ws"
    crosscheck("index", "add", folder / "d0.md", "--silent", "--workspace", ws)  # created before the race
    procs = [subprocess.Popen([sys.executable, "-m", "checker.cli", "index", "add", str(folder), "--silent",
                               "--workspace", str(ws)], cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert snapshot(ws)[0][0] == 40 and snapshot(ws)[1] == []


# --- the web UI's endpoints -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(demo_workspace, tmp_path_factory):
    from gradio_client import Client

    from tests.ui_helpers import launch_app

    tmp = tmp_path_factory.mktemp("ui-bad")
    ws = tmp / "ws"
    shutil.copytree(demo_workspace, ws)
    proc, url = launch_app(ws, tmp)
    yield Client(url, verbose=False), ws, tmp
    proc.terminate()
    proc.wait(timeout=30)


UI_CASES = {
    "empty claim": ("/check_claim", lambda tmp: ["  "], "the claim is empty"),
    "zero-width claim": ("/check_claim", lambda tmp: ["\u200b\u2060"], "the claim is empty"),
    "claim over the NLI model's tokens": ("/check_claim", lambda tmp: ["7 " * 600], "tokens long"),
    "article that is empty": ("/check_article", lambda tmp: ["", None], "the article is empty"),
    "article not UTF-8": ("/check_article", lambda tmp: ["", upload(tmp / "latin.txt", "Caf\u00e9".encode("latin-1"))],
                          "is not valid UTF-8"),
    "binary upload": ("/add_documents", lambda tmp: [[upload(tmp / "bin.txt", b"\x00\x01abc")]], "looks like a binary"),
    "empty upload": ("/add_documents", lambda tmp: [[upload(tmp / "empty.md", b"")]], "is empty"),
    "unsupported upload": ("/add_documents", lambda tmp: [[upload(tmp / "sheet.xlsx", b"PK")]],
                           "is not accepted|[Ii]nvalid file type"),
    "no upload": ("/add_documents", lambda tmp: [[]], "choose one or more files"),
    "unknown flag": ("/flag", lambda tmp: [999], "no flag with id 999"),
    "unknown flag to review": ("/set_flag", lambda tmp: [999, "confirmed", "", "", "open", "all", "", "", ""],
                               "no flag with id 999"),
    "note too long": ("/set_flag", lambda tmp: [1, "confirmed", "n" * 5001, "", "open", "all", "", "", ""],
                      "a note is at most 5,000 characters"),  # checked before the flag is looked up
    "empty search": ("/search", lambda tmp: ["  ", 5, "", "", ""], "the search text is empty"),
    "bad search date": ("/search", lambda tmp: ["talks", 5, "", "2025-13-01", ""], "is not YYYY-MM-DD"),
    "bad flag date": ("/flags", lambda tmp: ["open", "all", "", "May 2025", ""], "is not YYYY-MM-DD"),
    "no claim chosen": ("/claim_evidence", lambda tmp: [None, 1], "check an article first"),
    "unknown check": ("/reopen_check", lambda tmp: [99999], "no check with id 99999"),
    "no document chosen": ("/remove_document", lambda tmp: [None, ""], "choose a document"),
}


def upload(path: Path, data: bytes):
    from gradio_client import handle_file

    write(path, data)
    return handle_file(str(path))


@pytest.mark.parametrize("name", list(UI_CASES))
def test_ui_bad_input(name, served):
    client, ws, tmp = served
    api, make_args, message = UI_CASES[name]
    before = snapshot(ws)
    with pytest.raises(Exception, match=message):
        client.predict(*make_args(tmp), api_name=api)
    assert snapshot(ws) == before


def test_ui_errors_leave_no_traceback_in_the_server_log(served):
    client, _, tmp = served
    with pytest.raises(Exception, match="the claim is empty"):
        client.predict("", api_name="/check_claim")
    log = (tmp / "app.log").read_text()
    assert "Traceback" not in log, log[-3000:]


# --- damaged databases, a reader that cannot save, exposure ------------------------------------------------


@pytest.mark.parametrize("damage, message", [
    ("garbage", "is not a Crosscheck database (file is not a database): restore it from a backup"),
    ("pages", "crosscheck.db is damaged (database disk image is malformed): restore it from a backup"),
])
def test_a_damaged_database_is_named_with_what_to_do(demo_workspace, tmp_path, damage, message):
    ws = tmp_path / "ws"
    shutil.copytree(demo_workspace, ws)
    db = ws / "crosscheck.db"
    data = bytearray(db.read_bytes())
    if damage == "garbage":
        data = bytearray(b"this is not sqlite " * 500)
    else:
        data[4096 * 3: 4096 * 20] = bytes(range(256)) * (4096 * 17 // 256)  # pages past the schema
    db.write_bytes(bytes(data))
    for args in (["index", "stats"], ["search", "talks in Istanbul"], ["index", "list"]):
        r = CliRunner().invoke(cli, [*args, "--workspace", str(ws)], catch_exceptions=False)
        assert r.exit_code == 1 and len(r.stderr.splitlines()) == 1 and message in r.stderr, (args, r.stderr)


def test_a_reader_answers_from_memory_when_it_cannot_save_the_rebuilt_vectors(demo_workspace, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(demo_workspace, ws)
    (ws / "vectors.faiss").unlink()
    r = crosscheck("search", "When do the Istanbul talks start?", "--format", "json", "--workspace", ws,
                   preexec_fn=full_disk(64 * 1024))  # room for SQLite's WAL index, not for the vectors file
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) and "searching with vectors rebuilt in memory" in r.stderr
    assert not list(ws.glob("*.tmp-*"))


def test_listening_beyond_this_machine_warns_unless_a_login_is_set():
    from checker import settings

    assert settings.exposure_warning("127.0.0.1", None) is None
    assert settings.exposure_warning("0.0.0.0", ("ed", "s3cret")) is None
    assert settings.exposure_warning("0.0.0.0", None).startswith("Warning: listening on 0.0.0.0, so anyone")


def test_the_ui_asks_for_the_login_set_in_crosscheck_auth(demo_workspace, tmp_path, monkeypatch):
    from gradio_client import Client
    from gradio_client.exceptions import AuthenticationError

    from tests.ui_helpers import launch_app

    ws = tmp_path / "ws"
    shutil.copytree(demo_workspace, ws)
    monkeypatch.setenv("CROSSCHECK_AUTH", "editor:correct horse")
    proc, url = launch_app(ws, tmp_path)
    try:
        with pytest.raises(AuthenticationError, match="credentials were not provided"):
            Client(url, verbose=False).predict(api_name="/stats")
        stats = Client(url, auth=("editor", "correct horse"), verbose=False).predict(api_name="/stats")
        assert dict(stats["data"])["documents"] == "43"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
