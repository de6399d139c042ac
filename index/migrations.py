"""The workspace schema as ordered, never-edited migrations (the llm / sqlite-utils contract).

Each migration runs in one transaction together with its row in ``_crosscheck_migrations``.
A database that lists a migration this code does not know raises :class:`SchemaTooNew`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from index.errors import SchemaTooNew

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(fn):
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Execute statements one by one (``executescript`` would commit the open transaction)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement.strip()[:60]}")


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            path TEXT NOT NULL DEFAULT '',
            extra TEXT NOT NULL DEFAULT '{}',
            text TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX documents_source ON documents(source);
        CREATE INDEX documents_published ON documents(published);
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            context_start INTEGER NOT NULL,
            context_end INTEGER NOT NULL,
            text TEXT NOT NULL,
            embedding BLOB NOT NULL
        );
        CREATE INDEX passages_document ON passages(document_id);
        CREATE VIRTUAL TABLE passages_fts USING fts5(text, content='passages', content_rowid='id');
        CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
            INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
            INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TABLE vectors_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


def applied(db: sqlite3.Connection) -> list[str]:
    db.execute("CREATE TABLE IF NOT EXISTS _crosscheck_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    return [r[0] for r in db.execute("SELECT name FROM _crosscheck_migrations ORDER BY name")]


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; return the names applied."""
    done = set(applied(db))
    known = {name for name, _ in MIGRATIONS}
    unknown = sorted(done - known)
    if unknown:
        raise SchemaTooNew(
            f"this workspace was written by a newer Crosscheck (unknown migration {unknown[-1]}); upgrade Crosscheck"
        )
    ran = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            if name in set(applied(db)):  # another process got there first
                db.execute("ROLLBACK")
                continue
            fn(db)
            db.execute(
                "INSERT INTO _crosscheck_migrations (name, applied_at) VALUES (?, ?)",
                (name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran


@migration
def m002_checks(db: sqlite3.Connection) -> None:
    """Stored check results: one row per check, one per claim verdict, with provenance."""
    run_script(
        db,
        """
        CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            provenance TEXT NOT NULL,
            timings TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            check_id INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            claim TEXT NOT NULL,
            sentence TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            speaker TEXT NOT NULL DEFAULT '',
            stance TEXT NOT NULL,
            label TEXT NOT NULL,
            confidence REAL NOT NULL,
            support REAL NOT NULL,
            contradiction REAL NOT NULL,
            conflicting INTEGER NOT NULL,
            evidence TEXT NOT NULL
        );
        CREATE INDEX verdicts_check ON verdicts(check_id);
        """,
    )


@migration
def m003_flags(db: sqlite3.Connection) -> None:
    """Flags raised for review, and the append-only history of their reviews."""
    run_script(
        db,
        """
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            claim TEXT NOT NULL,
            check_id INTEGER REFERENCES checks(id) ON DELETE SET NULL,
            article_title TEXT NOT NULL DEFAULT '',
            side_a TEXT NOT NULL,
            side_b TEXT NOT NULL,
            linked_to INTEGER REFERENCES flags(id),
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL
        );
        CREATE INDEX flags_status ON flags(status);
        CREATE TABLE flag_reviews (
            id INTEGER PRIMARY KEY,
            flag_id INTEGER NOT NULL REFERENCES flags(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            reviewer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX flag_reviews_flag ON flag_reviews(flag_id);
        """,
    )


@migration
def m004_fts_vocab(db: sqlite3.Connection) -> None:
    """Per-term document counts of the full-text index, so searches can leave out the commonest words."""
    run_script(db, "CREATE VIRTUAL TABLE passages_fts_vocab USING fts5vocab(passages_fts, 'row');")


def text_hash(text: str) -> str:
    """What identifies a checked text: the SHA-256 of its UTF-8 bytes."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@migration
def m005_checks_text_hash(db: sqlite3.Connection) -> None:
    """A digest of each check's text, so that a batch can find an article it has already checked."""
    run_script(db, "ALTER TABLE checks ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';")
    db.executemany("UPDATE checks SET text_hash = ? WHERE id = ?",
                   [(text_hash(text), check_id) for check_id, text in db.execute("SELECT id, text FROM checks")])
    run_script(db, "CREATE INDEX checks_text_hash ON checks(text_hash);")


@migration
def m006_headlines_are_not_passages(db: sqlite3.Connection) -> None:
    """A document's title is metadata: the passages that are only its headline are removed (the full-text
    index follows through its trigger; the vectors are rebuilt from the database when next opened)."""
    from index.ingest import headlines

    gone = []
    for doc_id, title in db.execute("SELECT id, title FROM documents WHERE title != ''").fetchall():
        rows = db.execute("SELECT id, text FROM passages WHERE document_id = ? ORDER BY seq", (doc_id,)).fetchall()
        gone += [rows[i][0] for i in headlines([text for _, text in rows], title)]
    db.executemany("DELETE FROM passages WHERE id = ?", [(pid,) for pid in gone])
    if gone:
        db.execute("INSERT INTO vectors_meta (key, value) VALUES ('generation', '1') ON CONFLICT(key)"
                   " DO UPDATE SET value = CAST(value AS INTEGER) + 1")


@migration
def m007_verdict_notes(db: sqlite3.Connection) -> None:
    """A claim's note (a pronoun left as written) is kept with its verdict, so a reopened check shows it."""
    db.execute("ALTER TABLE verdicts ADD COLUMN note TEXT NOT NULL DEFAULT ''")


# What the full-text index holds beside each sentence: its document's title and the sentence before it
# (the start of the passage's context window), so that a question naming what a sentence leaves to its
# neighbour ("Those talks…", "He said…") still finds it. Kept in one place for the trigger and the rebuild.
_LEXICAL_CONTEXT = ("trim(d.title || ' ' || substr(d.text, {p}.context_start + 1, {p}.start - {p}.context_start))")


@migration
def m008_stemmed_lexical_index_with_context(db: sqlite3.Connection) -> None:
    """The full-text index stems English words (Porter: "repair" finds "repairs") and indexes a second
    column, ``context`` (title and previous sentence), which searches weigh less than the sentence.

    The index keeps its own copy of the text (SQLite 3.40's FTS5 cannot delete a row of an external or
    contentless index without the values it indexed, and a passage's context is gone once its document
    is deleted). The vectors do not change."""
    run_script(
        db,
        f"""
        DROP TRIGGER passages_ai;
        DROP TRIGGER passages_ad;
        DROP TABLE passages_fts_vocab;
        DROP TABLE passages_fts;
        CREATE VIRTUAL TABLE passages_fts USING fts5(text, context, tokenize='porter unicode61');
        CREATE VIRTUAL TABLE passages_fts_vocab USING fts5vocab(passages_fts, 'row');
        CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
            INSERT INTO passages_fts(rowid, text, context)
            SELECT new.id, new.text, {_LEXICAL_CONTEXT.format(p='new')} FROM documents d WHERE d.id = new.document_id;
        END;
        CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
            DELETE FROM passages_fts WHERE rowid = old.id;
        END;
        INSERT INTO passages_fts(rowid, text, context)
        SELECT p.id, p.text, {_LEXICAL_CONTEXT.format(p='p')} FROM passages p JOIN documents d ON d.id = p.document_id;
        """,
    )
