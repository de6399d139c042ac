import sqlite3

import pytest

from index.errors import SchemaTooNew
from index.migrations import MIGRATIONS, migrate


def columns(db, table):
    return {r[1]: r[2] for r in db.execute(f"PRAGMA table_info({table})")}


def test_blank_database_gets_the_whole_schema():
    db = sqlite3.connect(":memory:", isolation_level=None)
    assert migrate(db) == [name for name, _ in MIGRATIONS]
    assert columns(db, "documents") == {
        "id": "INTEGER", "content_hash": "TEXT", "source": "TEXT", "title": "TEXT", "url": "TEXT",
        "published": "TEXT", "author": "TEXT", "path": "TEXT", "extra": "TEXT", "text": "TEXT", "added_at": "TEXT",
    }
    assert columns(db, "passages") == {
        "id": "INTEGER", "document_id": "INTEGER", "seq": "INTEGER", "start": "INTEGER", "end": "INTEGER",
        "context_start": "INTEGER", "context_end": "INTEGER", "text": "TEXT", "embedding": "BLOB",
    }
    assert columns(db, "vectors_meta") == {"key": "TEXT", "value": "TEXT"}
    assert migrate(db) == []


def test_a_newer_database_is_refused():
    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db)
    db.execute("INSERT INTO _crosscheck_migrations VALUES ('m999_future', 'now')")
    with pytest.raises(SchemaTooNew, match="newer Crosscheck"):
        migrate(db)


def test_a_failed_migration_leaves_nothing_behind(monkeypatch):
    def m002_broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db)
    monkeypatch.setattr("index.migrations.MIGRATIONS", [*MIGRATIONS, ("m002_broken", m002_broken)])
    with pytest.raises(RuntimeError):
        migrate(db)
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    assert "m002_broken" not in {r[0] for r in db.execute("SELECT name FROM _crosscheck_migrations")}


def test_m006_removes_the_passages_that_are_only_a_headline():
    db = sqlite3.connect(":memory:", isolation_level=None)
    before = [(name, fn) for name, fn in MIGRATIONS if name < "m006"]
    for _, fn in before:  # a workspace as the last release left it
        fn(db)
    db.execute("CREATE TABLE _crosscheck_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    db.executemany("INSERT INTO _crosscheck_migrations VALUES (?, 'then')", [(name,) for name, _ in before])
    db.execute("INSERT INTO documents (id, content_hash, title, text, added_at) VALUES (1, 'h', 'Port strike ends',"
               " '# Port strike ends\n\nDock workers agreed to a truce.', 'then')")
    db.executemany("INSERT INTO passages (document_id, seq, start, end, context_start, context_end, text, embedding)"
                   " VALUES (1, ?, 0, 1, 0, 1, ?, x'00')", [(0, "# Port strike ends"),
                                                             (1, "Dock workers agreed to a truce.")])
    # an older .txt whose only sentence was taken for its title: it keeps its passage
    db.execute("INSERT INTO documents (id, content_hash, title, text, added_at) VALUES (2, 'g', 'Estonia objected.',"
               " 'Estonia objected.', 'then')")
    db.execute("INSERT INTO passages (document_id, seq, start, end, context_start, context_end, text, embedding)"
               " VALUES (2, 0, 0, 17, 0, 17, 'Estonia objected.', x'00')")
    assert migrate(db)[:2] == ["m006_headlines_are_not_passages", "m007_verdict_notes"]
    assert [r[0] for r in db.execute("SELECT text FROM passages ORDER BY id")] == [
        "Dock workers agreed to a truce.", "Estonia objected."]
    assert db.execute("SELECT rowid FROM passages_fts WHERE passages_fts MATCH 'text:strike'").fetchall() == []
    assert db.execute("SELECT value FROM vectors_meta WHERE key = 'generation'").fetchone() == ("1",)


def test_m007_keeps_the_verdicts_a_workspace_has_and_gives_them_an_empty_note():
    db = sqlite3.connect(":memory:", isolation_level=None)
    before = [(name, fn) for name, fn in MIGRATIONS if name < "m007"]
    for _, fn in before:
        fn(db)
    db.execute("CREATE TABLE _crosscheck_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    db.executemany("INSERT INTO _crosscheck_migrations VALUES (?, 'then')", [(name,) for name, _ in before])
    db.execute("INSERT INTO checks (id, kind, title, text, provenance, timings, created_at, text_hash)"
               " VALUES (1, 'article', '', 'He left.', '{}', '{}', 'then', 'h')")
    db.execute("INSERT INTO verdicts (check_id, seq, claim, sentence, start, end, speaker, stance, label, confidence,"
               " support, contradiction, conflicting, evidence) VALUES (1, 0, 'He left.', 'He left.', 0, 8, '',"
               " 'asserted', 'unverified', 0.5, 0.1, 0.1, 0, '[]')")
    assert migrate(db)[0] == "m007_verdict_notes"
    assert db.execute("SELECT claim, note FROM verdicts").fetchall() == [("He left.", "")]


def test_m008_rebuilds_the_full_text_index_stemmed_and_with_each_sentence_s_context():
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    before = [(name, fn) for name, fn in MIGRATIONS if name < "m008"]
    for _, fn in before:
        fn(db)
    db.execute("CREATE TABLE _crosscheck_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    db.executemany("INSERT INTO _crosscheck_migrations VALUES (?, 'then')", [(name,) for name, _ in before])
    text = "Dock workers met the mayor. They said the cranes needed repairs."
    db.execute("INSERT INTO documents (id, content_hash, title, text, added_at) VALUES (1, 'h', 'Port strike',"
               " ?, 'then')", (text,))
    db.executemany("INSERT INTO passages (document_id, seq, start, end, context_start, context_end, text, embedding)"
                   " VALUES (1, ?, ?, ?, 0, ?, ?, x'00')", [(0, 0, 27, len(text), text[:27]),
                                                            (1, 28, len(text), len(text), text[28:])])
    assert migrate(db)[0] == "m008_stemmed_lexical_index_with_context"

    def match(query):
        return [r[0] for r in db.execute("SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid",
                                         (query,))]

    assert match("repair") == [2]  # stemmed: "repair" finds "repairs"
    assert match("mayor") == [1, 2]  # the second sentence's context is the title and the first sentence
    assert match("context:mayor") == [2] and match("text:mayor") == [1]
    assert match("strike") == [1, 2]  # the title is context, not a passage of its own
    # a passage added later gets its context from the trigger; deleting the document empties the index
    db.execute("UPDATE documents SET text = text || ' Talks resume.' WHERE id = 1")
    db.execute("INSERT INTO passages (document_id, seq, start, end, context_start, context_end, text, embedding)"
               " VALUES (1, 2, ?, ?, 28, ?, 'Talks resume.', x'00')", (len(text) + 1, len(text) + 14, len(text) + 14))
    assert match("context:cranes") == [3]
    db.execute("DELETE FROM documents WHERE id = 1")
    assert db.execute("SELECT count(*) FROM passages_fts").fetchone()[0] == 0
    db.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
