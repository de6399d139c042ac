"""A workspace: one directory with ``crosscheck.db`` (SQLite, the record) and ``vectors.faiss`` beside it.

SQLite holds documents, passages, their embeddings, a full-text index and the embedder's name;
every change is one transaction. The FAISS file is a cache of the stored embeddings: it is
written atomically after each change and, if it does not match the database when the workspace
opens (a crash between the two writes, a copied file), it is rebuilt from the database.

Every change to the passages also bumps a ``generation`` number in the same transaction, so a
connection whose vectors are older than the database (another process or thread added or removed
documents) reloads them on its next search, without anyone having to tell it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from index import settings
from index.chunk import chunk
from index.errors import CrosscheckError, IndexMismatch, IngestError, UnknownId, WorkspaceError
from index.ingest import Document, RowProblem, expand_paths, headlines, normalise_date, read_documents
from index.migrations import migrate
from index.milvus import MilvusVectors, is_milvus
from index.results import AddReport, DocumentInfo, Hit, Passage, Stats
from index.settings import SEARCH_TOP_K, resolve_workspace
from index.vectors import FLAT, VectorIndex, ivf_cells

log = logging.getLogger(__name__)

DB_NAME = "crosscheck.db"
VECTORS_NAME = "vectors.faiss"
LOCK_NAME = ".lock"
DENSE_WEIGHT = 0.6  # share of the dense score in a hybrid score, BM25's the rest, each scaled to 0..1 over its
# candidates (a convex combination: Bruch et al. 2023); chosen on SciFact's tune claims
# (python -m checker.lab.retrieval_variants --set scifact-tune; README, Results)
CANDIDATES = 50  # each retriever's depth before fusion
MAX_QUERY_TERMS = 10  # BM25 uses a query's rarest words; common ones cost time and barely move the ranking
COMMON_TERM_SHARE = 0.05  # words in more than this share of passages (and in over COMMON_TERM_MIN)
COMMON_TERM_MIN = 2000  # are left out of BM25 queries when rarer words remain: large indexes only
CONTEXT_WEIGHT = 0.3  # BM25 weight of a passage's context (title, sentence before) against its sentence's 1.0,
# chosen on SciFact's tune claims (python -m checker.lab.retrieval_variants --set scifact-tune; README, Results)
INGEST_BATCH_DOCS = 32  # documents per transaction during ``add``

Progress = Callable[[int, int, str], None]
Encoder = Callable[[list[str]], np.ndarray]  # texts → normalised float32 vectors, one row each

_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was were will with".split()
)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def embedding_text(title: str, sentence: str) -> str:
    """What a passage's vector encodes: its document's title, then the sentence."""
    return f"{title}. {sentence}" if title and title not in sentence else sentence


def _scaled(scored: list[tuple[int, float]]) -> dict[int, float]:
    """Scores min-max scaled to 0..1 over the list (all 1.0 when they are equal)."""
    if not scored:
        return {}
    low, high = min(s for _, s in scored), max(s for _, s in scored)
    return {pid: (s - low) / (high - low) if high > low else 1.0 for pid, s in scored}


def fuse(dense: list[tuple[int, float]], lexical: list[tuple[int, float]],
         dense_weight: float = DENSE_WEIGHT) -> list[tuple[int, float]]:
    """Hybrid ranking of two scored candidate lists (id, score; best first) → (id, score), best first.

    Each list's scores are scaled to 0..1 over its candidates, and a passage scores ``dense_weight``
    × its dense score + (1 - ``dense_weight``) × its BM25 score, 0 for a list it is not in. Unlike
    reciprocal-rank fusion, which this replaced, a passage far ahead in one list stays ahead of one
    that is merely second in both. Ties go to the passage dense search ranks higher, then by id."""
    d, w = _scaled(dense), _scaled(lexical)
    scores = {pid: dense_weight * d.get(pid, 0.0) + (1 - dense_weight) * w.get(pid, 0.0) for pid in {**d, **w}}
    first = {pid: rank for rank, (pid, _) in enumerate(dense)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], first.get(kv[0], len(first)), kv[0]))


class Workspace:
    """Open with :meth:`Workspace.open`; use as a context manager or call :meth:`close`."""

    def __init__(self, path: Path, db: sqlite3.Connection, embedder=None):
        self.path = path
        self.db = db
        self._embedder = embedder
        self._vectors: VectorIndex | None = None
        self._generation = ""  # the passages' generation the loaded vectors belong to
        self._lock_depth = 0  # how deep this object is in its own write lock
        self._stemming = threading.Lock()  # one query's words at a time in the connection's temp table

    # --- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, embedder=None, create: bool = True, tracer=None) -> "Workspace":
        path = resolve_workspace(path)
        if path.exists() and not path.is_dir():
            raise WorkspaceError(f"{path} is a file, not a workspace directory")
        if not path.exists():
            if not create:
                raise WorkspaceError(f"{path} has no workspace yet - run: crosscheck index add DOCS --workspace {path}")
            try:
                path.mkdir(parents=True)
            except OSError as e:
                raise WorkspaceError(f"cannot create workspace {path}: {e.strerror}") from None
        elif not create and not (path / DB_NAME).exists():
            raise WorkspaceError(f"{path} has no workspace yet - run: crosscheck index add DOCS --workspace {path}")
        db = connect(path / DB_NAME, tracer)
        ws = cls(path, db, embedder)
        if embedder is not None:
            ws._check_embedder(embedder)
        return ws

    def close(self) -> None:
        self._set_vectors(None)
        self.db.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close()
        error = user_error(self.path, exc)
        if error is not None:
            raise error from exc

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    # --- metadata ------------------------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM vectors_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    @property
    def embedder_name(self) -> str:
        """The embedder this workspace was built with, or '' if it is empty."""
        return self.meta("embedder")

    @property
    def embedder(self):
        if self._embedder is None:
            from index.embed import load_embedder

            self._embedder = load_embedder(self.embedder_name or None)
            self._check_embedder(self._embedder)
        return self._embedder

    def _check_embedder(self, embedder) -> None:
        name, dim = self.embedder_name, self.meta("dimension")
        if name and (name != embedder.name or int(dim) != embedder.dim):
            raise IndexMismatch(
                f"{self.path} was built with embedder {name} (dimension {dim}), not {embedder.name}; "
                f"use that embedder or run: crosscheck index rebuild --embedder {embedder.name}"
            )

    @contextlib.contextmanager
    def _write_lock(self, wait: bool = True):
        """One writer at a time per workspace (SQLite serialises the DB; this also covers the FAISS file).

        Re-entrant for this object: a write that repairs the FAISS file on its way takes the lock it
        already holds. With ``wait=False`` it yields False instead of waiting for another writer.
        """
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield True
            finally:
                self._lock_depth -= 1
            return
        f = open(self.path / LOCK_NAME, "a")
        try:
            try:
                fcntl.flock(f, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            self._lock_depth = 1
            try:
                yield True
            finally:
                self._lock_depth = 0
                fcntl.flock(f, fcntl.LOCK_UN)
        finally:
            f.close()

    @contextlib.contextmanager
    def transaction(self):
        """One write transaction; a transaction opened inside another is part of it."""
        if self.db.in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
            raise

    # --- vectors -------------------------------------------------------------------

    @property
    def vectors(self) -> VectorIndex:
        """The FAISS index of the passages, (re)loaded when the database has changed since it was loaded."""
        generation = self.meta("generation")
        if self._vectors is None or generation != self._generation:
            self._set_vectors(self._load_vectors())
            self._generation = generation
        return self._vectors

    def _set_vectors(self, vectors) -> None:
        """Hold ``vectors``, closing the Milvus client of those they replace (a FAISS index needs no closing)."""
        if isinstance(self._vectors, MilvusVectors) and self._vectors is not vectors:
            self._vectors.close()
        self._vectors = vectors

    @staticmethod
    def _bump_generation(db) -> str:
        db.execute("INSERT INTO vectors_meta (key, value) VALUES ('generation', '1') ON CONFLICT(key)"
                   " DO UPDATE SET value = CAST(value AS INTEGER) + 1")
        return db.execute("SELECT value FROM vectors_meta WHERE key = 'generation'").fetchone()[0]

    def _stored_ids(self) -> np.ndarray:
        return np.fromiter((r[0] for r in self.db.execute("SELECT id FROM passages ORDER BY id")), dtype="int64")

    def _load_vectors(self) -> VectorIndex:
        path = self.path / VECTORS_NAME
        ids = self._stored_ids()
        dim = int(self.meta("dimension") or 0)
        recorded = self.meta("vector_index", FLAT)
        if is_milvus(recorded):
            vectors = MilvusVectors(recorded, self.path, dim)
            if np.array_equal(np.sort(vectors.ids()), ids):
                return vectors
            log.warning("the Milvus collection does not match the database (%d vs %d passages); rebuilding it",
                        len(vectors), len(ids))
            return self._rebuild_vectors(dim, recorded)
        if path.exists():
            try:
                vectors = VectorIndex.load(path)
                wanted = self._wanted_kind(len(ids))
                if np.array_equal(np.sort(vectors.ids()), ids) and (not dim or vectors.dim == dim) and \
                        vectors.kind == wanted:
                    return vectors
                log.warning("%s does not match the database (%d vs %d passages); rebuilding it", path, len(vectors), len(ids))
            except RuntimeError as e:
                log.warning("%s is unreadable (%s); rebuilding it", path, str(e).splitlines()[0])
        elif len(ids):
            log.warning("%s is missing; rebuilding it from the database", path)
        vectors = self._rebuild_vectors(dim)
        if len(ids) or path.exists():
            # Saved only if no other writer is at work: one that is will save its own, newer, file.
            try:
                with self._write_lock(wait=False) as locked:
                    if locked:
                        vectors.save(path)
            except OSError as e:  # a full disk or a read-only workspace: answer from memory all the same
                log.warning("%s; searching with vectors rebuilt in memory", e.strerror or e)
        return vectors

    def _wanted_kind(self, passages: int) -> str:
        """The vector index for this many passages: the one recorded, or ivf past ANN_MIN_PASSAGES (never back)."""
        recorded = self.meta("vector_index", FLAT)
        if recorded == FLAT and passages >= settings.ANN_MIN_PASSAGES:
            return f"ivf{ivf_cells(passages)}"
        return recorded

    def _training_sample(self, nlist: int) -> np.ndarray:
        """Stored embeddings spread over the whole table, ANN_TRAINING_PER_CELL a cell."""
        total = self.db.execute("SELECT count(*) FROM passages").fetchone()[0]
        step = max(1, total // (nlist * settings.ANN_TRAINING_PER_CELL))
        rows = self.db.execute("SELECT embedding FROM passages WHERE id % ? = 0", (step,))
        return np.vstack([np.frombuffer(r[0], dtype="float32") for r in rows])

    def rebuild_vectors(self, kind: str = "auto") -> str:
        """Rebuild the vectors file from the stored embeddings: ``flat`` (exact), ``ivf`` (cells from the size),
        or ``auto`` (what the size asks for). The kind is recorded; returns it."""
        if kind not in ("auto", "flat", "ivf") and not is_milvus(kind):
            raise CrosscheckError(f"unknown vector index {kind!r}; use auto, flat, ivf or milvus:PATH_OR_URI")
        passages = self.db.execute("SELECT count(*) FROM passages").fetchone()[0]
        chosen = kind if is_milvus(kind) else {
            "flat": FLAT, "ivf": f"ivf{ivf_cells(passages)}",
            "auto": FLAT if passages < settings.ANN_MIN_PASSAGES else f"ivf{ivf_cells(passages)}"}[kind]
        if chosen != FLAT and passages < 4 * ivf_cells(passages):
            raise CrosscheckError(f"an IVF index needs at least {4 * ivf_cells(passages)} passages to train on; "
                                  f"{self.path} has {passages}: keep the flat index, which is exact")
        with self._write_lock():
            self._set_vectors(self._rebuild_vectors(int(self.meta("dimension") or 0), chosen))
            self._vectors.save(self.path / VECTORS_NAME)
            self._generation = self.meta("generation")
        return chosen

    def _rebuild_vectors(self, dim: int, kind: str | None = None) -> VectorIndex:
        kind = kind or self._wanted_kind(self.db.execute("SELECT count(*) FROM passages").fetchone()[0])
        if kind == FLAT:
            vectors = VectorIndex(dim or 1)
        elif is_milvus(kind):
            if not dim:
                raise CrosscheckError("add documents before moving the vectors to Milvus (their dimension is not known yet)")
            vectors = MilvusVectors(kind, self.path, dim)
            vectors.create()
        else:
            vectors = VectorIndex.ivf(dim, self._training_sample(int(kind[3:])), int(kind[3:]))
            log.info("building an IVF index (%s) over the stored embeddings", kind)
        if kind != self.meta("vector_index", FLAT):
            try:
                with self.transaction() as db:
                    db.execute("INSERT OR REPLACE INTO vectors_meta (key, value) VALUES ('vector_index', ?)", (kind,))
            except sqlite3.Error as e:  # a read-only workspace: the index is rebuilt in memory all the same
                log.warning("cannot record the vector index kind (%s)", e)
        batch_ids, batch = [], []
        for pid, blob in self.db.execute("SELECT id, embedding FROM passages ORDER BY id"):
            batch_ids.append(pid)
            batch.append(np.frombuffer(blob, dtype="float32"))
            if len(batch) == 10_000:
                vectors.add(batch_ids, np.vstack(batch))
                batch_ids, batch = [], []
        if batch:
            vectors.add(batch_ids, np.vstack(batch))
        return vectors

    def vectors_match(self) -> bool:
        """True if the vectors kept outside the database (the FAISS file, or the Milvus collection) match it."""
        path = self.path / VECTORS_NAME
        ids = self._stored_ids()
        recorded = self.meta("vector_index", FLAT)
        if is_milvus(recorded):  # the loaded collection if there is one; else a client for the question only
            loaded = isinstance(self._vectors, MilvusVectors) and self._vectors.kind == recorded
            store = self._vectors if loaded else MilvusVectors(recorded, self.path, int(self.meta("dimension") or 0))
            try:
                return bool(np.array_equal(np.sort(store.ids()), ids))
            finally:
                if not loaded:
                    store.close()
        if not path.exists():
            return len(ids) == 0
        try:
            return bool(np.array_equal(np.sort(VectorIndex.load(path).ids()), ids))
        except RuntimeError:
            return False

    _ORPHANS = {
        "passages without their document": "SELECT count(*) FROM passages p LEFT JOIN documents d ON d.id = p.document_id"
                                           " WHERE d.id IS NULL",
        "documents without passages": "SELECT count(*) FROM documents d WHERE NOT EXISTS"
                                      " (SELECT 1 FROM passages p WHERE p.document_id = d.id)",
        "passages missing from the full-text index": "SELECT count(*) FROM passages p WHERE NOT EXISTS"
                                                     " (SELECT 1 FROM passages_fts f WHERE f.rowid = p.id)",
        "full-text rows without their passage": "SELECT count(*) FROM passages_fts f WHERE NOT EXISTS"
                                                " (SELECT 1 FROM passages p WHERE p.id = f.rowid)",
        "verdicts without their check": "SELECT count(*) FROM verdicts v LEFT JOIN checks c ON c.id = v.check_id"
                                        " WHERE c.id IS NULL",
        "flags without a review history": "SELECT count(*) FROM flags f WHERE NOT EXISTS"
                                          " (SELECT 1 FROM flag_reviews r WHERE r.flag_id = f.id)",
        "flag reviews without their flag": "SELECT count(*) FROM flag_reviews r LEFT JOIN flags f ON f.id = r.flag_id"
                                           " WHERE f.id IS NULL",
        "flags whose status is not their last review": "SELECT count(*) FROM flags f WHERE f.status !="
                                                       " (SELECT status FROM flag_reviews r WHERE r.flag_id = f.id"
                                                       " ORDER BY r.id DESC LIMIT 1)",
    }

    def verify(self) -> list[str]:
        """Everything that is inconsistent, one line each (empty: the workspace is sound).

        SQLite's own integrity check, foreign keys, the full-text index against the passages, rows
        that lost their parent, and the vectors against the passages: those loaded (a stale or
        damaged file is rebuilt on load, as any command would) and the file on disk.
        """
        problems = [f"database: {r[0]}" for r in self.db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        broken = self.db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            problems.append(f"foreign keys: {len(broken)} rows point at nothing (first: {tuple(broken[0])})")
        try:
            self.db.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as e:
            problems.append(f"full-text index: {e}")
        problems += [f"{what}: {n}" for what, sql in self._ORPHANS.items() if (n := self.db.execute(sql).fetchone()[0])]
        ids = self._stored_ids()
        loaded = np.sort(self.vectors.ids())
        if not np.array_equal(loaded, ids):
            problems.append(f"vectors: {len(loaded)} loaded for {len(ids)} passages")
        elif not self.vectors_match():
            problems.append(f"vectors: {VECTORS_NAME} on disk does not match the passages")
        return problems

    # --- adding and removing -------------------------------------------------------

    def read(self, paths: list[str | Path], source: str | None = None, date: str | None = None,
             skip_errors: bool = False, problems: list[str] | None = None) -> list[Document]:
        """Read and validate every file before anything is written."""
        files = expand_paths([Path(p) for p in paths])
        if not files:
            raise IngestError(", ".join(map(str, paths)), "contains no supported files")
        date = normalise_date(date, "--date") if date else None
        docs: list[Document] = []
        row_problems: list[RowProblem] = []
        for f in files:
            try:
                docs += read_documents(f, row_problems)
            except IngestError as e:
                if not skip_errors:
                    raise
                log.info("skipped %s", e)  # the report lists it: the CLI says "Skipped: ..." once
                if problems is not None:
                    problems.append(str(e))
        if problems is not None:
            problems += [str(p) for p in row_problems]
        if source is not None or date is not None:
            docs = [replace(d, source=source if source is not None else d.source,
                            published=date if date is not None else d.published) for d in docs]
        return docs

    def add(self, paths: list[str | Path], source: str | None = None, date: str | None = None,
            skip_errors: bool = False, progress: Progress | None = None, encode: Encoder | None = None) -> AddReport:
        """Ingest files and folders. Bad files raise before anything is written (unless ``skip_errors``)."""
        problems: list[str] = []
        docs = self.read(paths, source, date, skip_errors, problems)
        report = self.add_documents(docs, progress=progress, encode=encode)
        return replace(report, problems=problems + report.problems)

    def add_documents(self, docs: list[Document], progress: Progress | None = None,
                      encode: Encoder | None = None) -> AddReport:
        """Chunk, embed and store documents not stored before (by content). ``encode`` embeds texts in
        place of the workspace's embedder (the same model elsewhere: Ray workers, ``checker.cluster``)."""
        embedder = self.embedder
        encode = encode or embedder.encode
        added: list[DocumentInfo] = []
        with self._write_lock():  # before the duplicate check: two adds of the same files at once add them once
            seen: set[str] = set()
            fresh, repeated = [], []  # repeated: (path, content hash) of documents already stored or seen above
            for doc in docs:
                h = doc.content_hash
                if h in seen or self.db.execute("SELECT 1 FROM documents WHERE content_hash = ?", (h,)).fetchone():
                    repeated.append((doc.path, h))
                    continue
                seen.add(h)
                chunks = chunk(doc.text)
                drop = headlines([doc.text[c.start : c.end] for c in chunks], doc.title)
                fresh.append((doc, [c for i, c in enumerate(chunks) if i not in drop]))
            total = sum(len(chunks) for _, chunks in fresh)
            done = 0
            vectors = self.vectors
            for start in range(0, len(fresh), INGEST_BATCH_DOCS):
                batch = fresh[start : start + INGEST_BATCH_DOCS]
                texts = [doc.text[c.start : c.end] for doc, chunks in batch for c in chunks]
                embeddings = encode([embedding_text(doc.title, doc.text[c.start : c.end])
                                              for doc, chunks in batch for c in chunks])
                new_ids, k = [], 0
                with self.transaction() as db:
                    self._set_embedder(db, embedder)
                    generation = self._bump_generation(db)
                    for doc, chunks in batch:
                        doc_id = self._insert_document(db, doc)
                        for c in chunks:
                            cur = db.execute(
                                "INSERT INTO passages (document_id, seq, start, end, context_start, context_end, text, embedding)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                (doc_id, c.seq, c.start, c.end, c.context_start, c.context_end,
                                 texts[k], embeddings[k].tobytes()),
                            )
                            new_ids.append(cur.lastrowid)
                            k += 1
                        added.append(self.document(doc_id))
                if vectors.dim != embedder.dim:
                    vectors = VectorIndex(embedder.dim)
                    self._set_vectors(vectors)
                vectors.add(new_ids, embeddings)
                self._generation = generation
                done += len(texts)
                if progress:
                    progress(done, total, batch[-1][0].title or batch[-1][0].path)
            if fresh and vectors.kind != self._wanted_kind(len(vectors)):  # grown past ANN_MIN_PASSAGES
                vectors = self._rebuild_vectors(embedder.dim)
                self._set_vectors(vectors)
            if fresh:
                vectors.save(self.path / VECTORS_NAME)
        duplicates = [(path, self.db.execute("SELECT id FROM documents WHERE content_hash = ?", (h,)).fetchone()[0])
                      for path, h in repeated]
        return AddReport(added=added, duplicates=duplicates)

    def _set_embedder(self, db, embedder) -> None:
        if not self.embedder_name:
            db.executemany(
                "INSERT OR REPLACE INTO vectors_meta (key, value) VALUES (?, ?)",
                [("embedder", embedder.name), ("dimension", str(embedder.dim)), ("created_at", _now())],
            )
        else:
            self._check_embedder(embedder)

    def _insert_document(self, db, doc: Document) -> int:
        cur = db.execute(
            "INSERT INTO documents (content_hash, source, title, url, published, author, path, extra, text, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.content_hash, doc.source, doc.title, doc.url, doc.published, doc.author, doc.path,
             json.dumps(doc.extra, default=str), doc.text, _now()),
        )
        return cur.lastrowid

    def remove(self, document_id: int) -> DocumentInfo:
        info = self.document(document_id)
        with self._write_lock():
            vectors = self.vectors
            with self.transaction() as db:
                ids = [r[0] for r in db.execute("SELECT id FROM passages WHERE document_id = ?", (document_id,))]
                db.execute("DELETE FROM passages WHERE document_id = ?", (document_id,))
                db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
                generation = self._bump_generation(db)
            vectors.remove(ids)
            self._generation = generation
            vectors.save(self.path / VECTORS_NAME)
        return info

    # --- reading -------------------------------------------------------------------

    def document(self, document_id: int) -> DocumentInfo:
        row = self.db.execute(
            "SELECT d.id, d.title, d.source, d.published, d.url, d.author, d.path, d.content_hash,"
            " (SELECT count(*) FROM passages p WHERE p.document_id = d.id), d.added_at"
            " FROM documents d WHERE d.id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise UnknownId(f"no document with id {document_id} in {self.path} - see: crosscheck index list")
        return DocumentInfo(*row)

    def document_text(self, document_id: int) -> str:
        self.document(document_id)
        return self.db.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()[0]

    def documents(self, match: str | None = None) -> list[DocumentInfo]:
        """The documents, oldest first; ``match``: only those whose title, source or path holds it (any case)."""
        if match and match.strip():
            like = f"%{match.strip().lower()}%"
            ids = [r[0] for r in self.db.execute(
                "SELECT id FROM documents WHERE lower(title) LIKE ? OR lower(source) LIKE ? OR lower(path) LIKE ?"
                " ORDER BY id", (like, like, like))]
        else:
            ids = [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]
        return [self.document(i) for i in ids]

    _PASSAGE_SQL = (
        "SELECT p.id, p.document_id, p.seq, p.text, p.start, p.end,"
        " substr(d.text, p.context_start + 1, p.context_end - p.context_start), p.context_start, p.context_end,"
        " d.source, d.title, d.url, d.published, d.author"
        " FROM passages p JOIN documents d ON d.id = p.document_id"
    )

    def passages(self, ids: list[int]) -> dict[int, Passage]:
        out: dict[int, Passage] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in self.db.execute(f"{self._PASSAGE_SQL} WHERE p.id IN ({marks})", part):
                out[row[0]] = Passage(*row)
        return out

    def passage(self, passage_id: int) -> Passage:
        found = self.passages([passage_id])
        if passage_id not in found:
            raise UnknownId(f"no passage with id {passage_id} in {self.path}")
        return found[passage_id]

    def stats(self) -> Stats:
        documents, sources, first, last = self.db.execute(
            "SELECT count(*), count(DISTINCT NULLIF(source, '')), min(NULLIF(published, '')), max(NULLIF(published, ''))"
            " FROM documents"
        ).fetchone()
        passages = self.db.execute("SELECT count(*) FROM passages").fetchone()[0]
        vec_path = self.path / VECTORS_NAME
        return Stats(
            workspace=str(self.path), documents=documents, passages=passages, sources=sources,
            embedder=self.embedder_name, dimension=int(self.meta("dimension") or 0),
            vectors=len(self.vectors), first_date=first or "", last_date=last or "",
            database_bytes=sum(p.stat().st_size for p in self.path.glob(DB_NAME + "*")),
            vectors_bytes=vec_path.stat().st_size if vec_path.exists() and not is_milvus(self.vectors.kind) else 0,
            vector_index=self.vectors.kind,
        )

    # --- search --------------------------------------------------------------------

    def _filter_sql(self, source, date_from, date_to) -> tuple[str, list]:
        clauses, params = [], []
        if source:
            sources = [source] if isinstance(source, str) else list(source)
            clauses.append(f"d.source IN ({','.join('?' * len(sources))})")
            params += sources
        if date_from:
            clauses.append("d.published != '' AND d.published >= ?")
            params.append(normalise_date(date_from, "--date-from"))
        if date_to:
            clauses.append("d.published != '' AND d.published <= ?")
            params.append(normalise_date(date_to, "--date-to") + "~")  # '~' sorts after any suffix
        return " AND ".join(clauses), params

    def _stems(self, words: list[str]) -> list[str]:
        """Each word as the full-text index stores it: stemmed by SQLite's own Porter tokenizer (a
        connection-private table in ``temp``), so that document counts are looked up by the same terms."""
        with self._stemming:
            self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_words"
                            " USING fts5(word, tokenize='porter unicode61')")
            self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_terms"
                            " USING fts5vocab(temp, query_words, 'instance')")
            self.db.execute("DELETE FROM temp.query_words")
            self.db.executemany("INSERT INTO temp.query_words (rowid, word) VALUES (?, ?)", enumerate(words, start=1))
            stems = dict(self.db.execute("SELECT doc, term FROM temp.query_terms"))
        return [stems.get(i, w) for i, w in enumerate(words, start=1)]

    def _lexical_query(self, text: str) -> str:
        """The FTS5 query for ``text``: its rarest words (at most MAX_QUERY_TERMS), common ones left out."""
        words = list(dict.fromkeys(w for w in re.findall(r"\w+", text.lower()) if w not in _STOPWORDS))
        if not words:
            return ""
        by_term = dict(zip(reversed(self._stems(words)), reversed(words)))  # a term's first word names it
        counts = dict(self.db.execute(
            f"SELECT term, doc FROM passages_fts_vocab WHERE term IN ({','.join('?' * len(by_term))})", list(by_term)))
        present = sorted((counts[t], t) for t in by_term if t in counts)
        if not present:
            return ""  # no indexed passage has any of the words
        total = self.db.execute("SELECT count(*) FROM passages").fetchone()[0]
        limit = max(COMMON_TERM_SHARE * total, COMMON_TERM_MIN)
        rare = [t for n, t in present if n <= limit] or [present[0][1]]
        return " OR ".join(f'"{by_term[t]}"' for t in rare[:MAX_QUERY_TERMS])

    def _bm25(self, query: str, depth: int, where: str = "", params: list | None = None,
              context_weight: float = CONTEXT_WEIGHT) -> list[tuple[int, float]]:
        """(passage id, BM25 score: higher is better) matching the FTS5 ``query``, best first (the
        context column weighed ``context_weight`` against the sentence), within the ``where`` filter on
        passages ``p`` and documents ``d``."""
        bm25 = f"bm25(passages_fts, 1.0, {float(context_weight)})"
        order = f"ORDER BY {bm25}, f.rowid LIMIT ?"
        if where:
            sql = (f"SELECT f.rowid, -{bm25} FROM passages_fts f JOIN passages p ON p.id = f.rowid"
                   f" JOIN documents d ON d.id = p.document_id WHERE passages_fts MATCH ? AND {where} {order}")
        else:
            sql = f"SELECT f.rowid, -{bm25} FROM passages_fts f WHERE passages_fts MATCH ? {order}"
        return self.db.execute(sql, [query, *(params or []), depth]).fetchall()

    def search(self, text: str, top_k: int = SEARCH_TOP_K, source: str | list[str] | None = None,
               date_from: str | None = None, date_to: str | None = None, mode: str = "hybrid",
               query_vector=None) -> list[Hit]:
        """Hybrid (dense + BM25, their scores combined: :func:`fuse`), ``dense`` or ``lexical`` search."""
        if mode not in ("hybrid", "dense", "lexical"):
            raise CrosscheckError(f"unknown search mode {mode!r}; use hybrid, dense or lexical")
        if not text or not text.strip():
            raise CrosscheckError("the search text is empty")
        if top_k < 1:
            raise CrosscheckError("top_k must be at least 1")
        where, params = self._filter_sql(source, date_from, date_to)
        allowed = None
        if where:
            allowed = [r[0] for r in self.db.execute(
                f"SELECT p.id FROM passages p JOIN documents d ON d.id = p.document_id WHERE {where}", params)]
        depth = max(CANDIDATES, top_k)
        dense: list[tuple[int, float]] = []
        if mode in ("hybrid", "dense") and len(self.vectors):
            q = query_vector if query_vector is not None else self.embedder.encode([text])[0]
            dense = self.vectors.search(q, depth, allowed)
        query = self._lexical_query(text) if mode in ("hybrid", "lexical") else ""
        lexical = self._bm25(query, depth, where, params) if query else []
        dense_score = dict(dense)
        lexical_rank = {pid: i for i, (pid, _) in enumerate(lexical, start=1)}
        ranked = dense if mode == "dense" else lexical if mode == "lexical" else fuse(dense, lexical)
        ranked = ranked[:top_k]
        found = self.passages([pid for pid, _ in ranked])
        return [
            Hit(found[pid], round(score, 6), rank, dense_score.get(pid), lexical_rank.get(pid))
            for rank, (pid, score) in enumerate(ranked, start=1)
        ]


DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}


def user_error(path: Path, exc: BaseException | None) -> CrosscheckError | None:
    """What a database or disk failure in workspace ``path`` means to a user, as one line; None for other errors."""
    db = path / DB_NAME
    if isinstance(exc, sqlite3.DatabaseError):
        msg = str(exc)
        if "readonly" in msg or "read-only" in msg:
            return WorkspaceError(f"{path} is read-only: Crosscheck writes to its workspace (check the folder's "
                                  "permissions, or copy it somewhere writable)")
        if "unable to open" in msg:
            return WorkspaceError(f"cannot open {db} ({msg}): check that the folder can be read and written")
        if "locked" in msg or "busy" in msg:
            return WorkspaceError(f"{db} is busy ({msg}): another Crosscheck is writing to it; try again")
        if "full" in msg or "I/O" in msg:
            return WorkspaceError(f"cannot write to {db} ({msg}): free some disk space and run the command again; "
                                  "nothing half-written was kept")
        return WorkspaceError(f"{db} is damaged ({msg}): restore it from a backup, or index the documents again "
                              "into a new workspace (crosscheck index add DOCS --workspace NEW)")
    if isinstance(exc, OSError) and exc.errno in DISK_ERRNOS:
        where = exc.filename or path
        return WorkspaceError(f"cannot write {where}: {exc.strerror or exc}; nothing half-written was kept")
    return None


def connect(path: Path, tracer=None) -> sqlite3.Connection:
    """Open the workspace database in WAL mode with foreign keys, applying migrations."""
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        if tracer:
            db.set_trace_callback(tracer)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e):
            raise WorkspaceError(f"{path} is not a Crosscheck database ({e}): restore it from a backup, or "
                                 "index the documents again into a new workspace") from None
        raise user_error(path.parent, e) from None
    return db
