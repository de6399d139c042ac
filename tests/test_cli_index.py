"""`crosscheck index ...` and `crosscheck search` through click's CliRunner, on real files."""

import json

import pytest
from click.testing import CliRunner

from checker.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: Talks\nsource: Wire\ndate: 2025-05-15\n---\nTASS said talks begin at 07:00 GMT.\n")
    (folder / "b.txt").write_text("Estonia called the delegation a slap in the face.\n")
    return folder


@pytest.mark.model
def test_add_stats_list_search_remove(docs, tmp_path):
    ws = str(tmp_path / "ws")
    r = run("index", "add", str(docs), "--workspace", ws, "--format", "json", "--silent")
    assert r.exit_code == 0, r.output
    added = json.loads(r.stdout)
    assert [d["title"] for d in added] == ["Talks", ""]  # a first line that is a sentence is not a title
    assert "Added 2 documents (2 passages); 0 duplicates skipped." in r.stderr

    stats = json.loads(run("index", "stats", "--workspace", ws, "--format", "json").stdout)
    assert (stats["documents"], stats["passages"], stats["vectors"]) == (2, 2, 2)
    assert stats["embedder"] == "sentence-transformers/all-MiniLM-L6-v2" and stats["dimension"] == 384

    r = run("search", "When do the talks begin?", "-k", "1", "--json", "--workspace", ws)
    [hit] = json.loads(r.stdout)
    assert hit["passage"]["text"] == "TASS said talks begin at 07:00 GMT." and hit["passage"]["source"] == "Wire"

    again = run("index", "add", str(docs / "a.md"), "--workspace", ws, "--silent")
    assert "0 documents" in again.stderr and "1 duplicates skipped" in again.stderr

    r = run("index", "remove", str(added[0]["id"]), "--workspace", ws)
    assert r.exit_code == 0 and "Removed document 1: Talks" in r.stderr
    listed = json.loads(run("index", "list", "--workspace", ws, "--format", "json").stdout)
    assert [d["id"] for d in listed] == [2]


@pytest.mark.model
def test_env_var_chooses_the_workspace(docs, tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_WORKSPACE", str(tmp_path / "from-env"))
    assert run("index", "add", str(docs / "b.txt"), "--silent").exit_code == 0
    assert (tmp_path / "from-env" / "crosscheck.db").exists()


@pytest.mark.model
def test_bad_rows_are_reported_and_good_rows_kept(tmp_path):
    data = tmp_path / "rows.jsonl"
    data.write_text('{"text": "Good row one."}\n{broken\n{"text": "Good row two."}\n')
    r = run("index", "add", str(data), "--workspace", str(tmp_path / "ws"), "--silent")
    assert r.exit_code == 3
    assert f"Skipped: {data}: row 2: is not valid JSON" in r.stderr
    assert "Added 2 documents" in r.stderr


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "is empty"),
        ("bin.txt", b"\x00\x01\x02binary", "looks like a binary file, not text"),
        ("latin1.txt", "Caf\u00e9".encode("latin-1"), "is not valid UTF-8 (byte 3); convert it to UTF-8 first"),
        ("table.xlsx", b"PK", "unsupported file type '.xlsx'; supported: .txt, .md, .markdown, .html, .htm, .pdf, .jsonl, .csv"),
    ],
)
def test_bad_input_gets_one_error_line_and_writes_nothing(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    ws = tmp_path / "ws"
    r = run("index", "add", str(path), "--workspace", str(ws))
    assert r.exit_code == 1
    assert r.stderr == f"Error: {path}: {message}\n"
    assert not (ws / "vectors.faiss").exists()


def test_missing_path_and_missing_workspace(tmp_path):
    r = run("index", "add", str(tmp_path / "nope.md"), "--workspace", str(tmp_path / "ws"))
    assert (r.exit_code, r.stderr) == (1, f"Error: {tmp_path / 'nope.md'}: no such file or folder\n")
    r = run("search", "anything", "--workspace", str(tmp_path / "empty"))
    assert r.exit_code == 1
    assert r.stderr == f"Error: {tmp_path / 'empty'} has no workspace yet - run: crosscheck index add DOCS --workspace {tmp_path / 'empty'}\n"


def test_unknown_document_id(tmp_path):
    ws = tmp_path / "ws"
    from index.workspace import Workspace

    Workspace.open(ws).close()
    r = run("index", "remove", "42", "--workspace", str(ws))
    assert (r.exit_code, r.stderr) == (1, f"Error: no document with id 42 in {ws} - see: crosscheck index list\n")


def test_usage_errors_exit_2():
    assert run("search").exit_code == 2
    assert run("index", "stats", "--format", "yaml").exit_code == 2


def test_every_command_has_help_and_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()

    def walk(group, prefix):
        for name, cmd in group.commands.items():
            full = f"{prefix} {name}".strip()
            if hasattr(cmd, "commands"):
                yield from walk(cmd, full)
            else:
                yield full, cmd

    for full, cmd in walk(cli, ""):
        assert cmd.help, f"crosscheck {full} has no help"
        assert f"crosscheck {full}" in readme, f"crosscheck {full} is not documented in README.md"
