"""Flags for human review: contradicted claims, sources that disagree, statements in one article that conflict.

A flag holds both sides (text, source, date, document, offsets, NLI scores) and the claim and
article it came from. Its ``key`` is stable, so checking the same article again does not open
the same flag twice; a new conflict about a claim that already has a flag is linked to it.

Reviews are appended to ``flag_reviews`` (never overwritten); ``flags.status`` is the latest.
Every write is one ``BEGIN IMMEDIATE`` transaction, so concurrent reviewers lose nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, replace

from checker.claims import DENIED, Claim
from checker.verdict import Evidence, Label, Thresholds, Verdict
from index.errors import CrosscheckError, UnknownId
from index.ingest import normalise_date
from index.settings import (
    CONFLICTING_SOURCES,
    CONTRADICTED,
    FLAG_KINDS,
    FLAG_STATUSES,
    INTERNAL_CONFLICT,
    MAX_NOTE_CHARS,
    MAX_REVIEWER_CHARS,
)
from index.workspace import Workspace

RELATED_COSINE = 0.45  # two statements of an article far apart are compared only when at least this similar
TOPIC_COSINE = 0.15  # ... and two in the same or adjacent sentences when at least this (they share a topic)


@dataclass(frozen=True)
class Side:
    role: str  # "claim", "supports", "contradicts", or the article's attributed statement
    text: str
    source: str = ""
    published: str = ""
    document_id: int | None = None
    passage_id: int | None = None
    start: int | None = None
    end: int | None = None
    context: str = ""
    entailment: float | None = None
    neutral: float | None = None
    contradiction: float | None = None


@dataclass(frozen=True)
class Conflict:
    """A flag about to be raised: its kind, both sides, and the claim it is about."""

    kind: str
    side_a: Side
    side_b: Side
    claim: str


@dataclass(frozen=True)
class Review:
    status: str
    note: str
    reviewer: str
    created_at: str


@dataclass(frozen=True)
class Flag:
    id: int
    kind: str
    status: str
    claim: str
    article_title: str
    check_id: int | None
    side_a: Side
    side_b: Side
    linked_to: int | None
    created_at: str
    last_seen_at: str
    history: list[Review] = field(default_factory=list)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def flag_key(kind: str, claim: str, a: Side, b: Side) -> str:
    parts = [kind, _norm(claim)] + sorted(f"{s.passage_id or ''}|{_norm(s.text)}" for s in (a, b))
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def evidence_side(e: Evidence, role: str) -> Side:
    return Side(role, e.text, e.source, e.published, e.document_id, e.passage_id, e.start, e.end, e.context,
                e.entailment, e.neutral, e.contradiction)


def claim_side(c: Claim, title: str = "") -> Side:
    role = f"{c.speaker} {'denied' if c.stance == DENIED else 'said'}" if c.speaker else "article"
    return Side(role, c.sentence, c.speaker or title, "", None, None, c.start, c.end, c.text)


def verdict_flags(v: Verdict, t: Thresholds, title: str = "") -> list[Conflict]:
    """A verdict's flags: contradicted, and/or sources that disagree (the pair the verdict found)."""
    out = []
    cons = [e for e in v.evidence if e.contradiction >= t.contradict]
    if v.label == Label.CONTRADICTED and cons:
        out.append(Conflict(CONTRADICTED, claim_side(v.claim, title), evidence_side(cons[0], "contradicts"),
                            v.claim.text))
    if v.conflict:
        supports, contradicts = (v.evidence[i] for i in v.conflict)
        out.append(Conflict(CONFLICTING_SOURCES, evidence_side(supports, "supports"),
                            evidence_side(contradicts, "contradicts"), v.claim.text))
    return out


def internal_conflicts(claims: list[Claim], vectors, nli, t: Thresholds, title: str = "") -> list[Conflict]:
    """Attributed statements in one article that conflict with another statement of it.

    Two statements (at least one attributed, not both to the same speaker) conflict when:
    - one sentence reports a speaker denying what another said ("A said P, but B denied it");
    - they are about the same thing (cosine ≥ RELATED_COSINE) and one denies what the other implies
      (opposite stances, NLI entailment), or both assert things NLI finds contradictory;
    - two speakers, in the same or adjacent sentences or about the same thing, sharing a topic
      (cosine ≥ TOPIC_COSINE), where one says that something is not so and the other says something
      is, and neither entails the other ("talks restart on Thursday" / "no new negotiations have
      been scheduled": NLI alone reads these as unrelated).
    """
    import numpy as np

    from checker.attribution import negative

    sentences = sorted({(c.start, c.end) for c in claims})
    position = {span: k for k, span in enumerate(sentences)}
    pairs = []
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            a, b = claims[i], claims[j]
            if not (a.speaker or b.speaker) or (a.speaker and a.speaker == b.speaker):
                continue
            cosine = float(np.dot(vectors[i], vectors[j]))
            near = abs(position[(a.start, a.end)] - position[(b.start, b.end)]) <= 1
            if same_sentence_dispute(a, b) or cosine >= RELATED_COSINE or (
                    near and a.speaker and b.speaker and cosine >= TOPIC_COSINE):
                pairs.append((i, j, cosine))
    if not pairs:
        return []
    premises = [(claims[i].text, claims[j].text) for i, j, _ in pairs] + [
        (claims[j].text, claims[i].text) for i, j, _ in pairs]
    scores = nli.predict(premises)
    forward, backward = scores[: len(pairs)], scores[len(pairs) :]
    out = []
    for (i, j, cosine), f, b in zip(pairs, forward, backward):
        a, c = claims[i], claims[j]
        entails = max(f.entailment, b.entailment) >= t.support
        if same_sentence_dispute(a, c):
            hit = True  # the article itself reports one speaker denying what another said
        elif a.stance != c.stance:
            hit = entails
        else:
            hit = (cosine >= RELATED_COSINE and max(f.contradiction, b.contradiction) >= t.contradict) or (
                a.speaker and c.speaker and not entails and negative(a.text) != negative(c.text))
        if hit:
            out.append(Conflict(INTERNAL_CONFLICT,
                                replace(claim_side(a, title), entailment=f.entailment, contradiction=f.contradiction),
                                replace(claim_side(c, title), entailment=b.entailment, contradiction=b.contradiction),
                                a.text))
    return out


def same_sentence_dispute(a: Claim, b: Claim) -> bool:
    """Two speakers in one sentence, one denying: "A said X, but B denied Y"."""
    return (a.start, a.end) == (b.start, b.end) and a.speaker != b.speaker and a.stance != b.stance


class FlagStore:
    """Flags in a workspace's database."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.db = workspace.db

    def raise_flags(self, found: list[Conflict], check_id: int | None, title: str) -> list[Flag]:
        """Insert new flags; known ones (same key) are only marked as seen again. The flags, in order, once each."""
        ids = []
        now = _now()
        with self.workspace.transaction() as db:
            for c in found:
                key = flag_key(c.kind, c.claim, c.side_a, c.side_b)
                row = db.execute("SELECT id FROM flags WHERE key = ?", (key,)).fetchone()
                if row:
                    db.execute("UPDATE flags SET last_seen_at = ? WHERE id = ?", (now, row[0]))
                    ids.append(row[0])
                    continue
                first = db.execute("SELECT min(id) FROM flags WHERE claim = ?", (c.claim,)).fetchone()[0]
                cur = db.execute(
                    "INSERT INTO flags (key, kind, status, claim, check_id, article_title, side_a, side_b, linked_to,"
                    " created_at, last_seen_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, c.kind, c.claim, check_id, title, json.dumps(asdict(c.side_a)), json.dumps(asdict(c.side_b)),
                     first, now, now),
                )
                db.execute("INSERT INTO flag_reviews (flag_id, status, note, reviewer, created_at) VALUES (?, 'open', ?, '', ?)",
                           (cur.lastrowid, "raised by check", now))
                ids.append(cur.lastrowid)
        ids = list(dict.fromkeys(ids))
        by_id = {f.id: f for f in self._load(f"id IN ({','.join('?' * len(ids))})", ids)} if ids else {}
        return [by_id[i] for i in ids]

    _SELECT = ("SELECT id, kind, status, claim, article_title, check_id, side_a, side_b, linked_to, created_at,"
               " last_seen_at FROM flags")

    def _load(self, where: str = "", params: list | tuple = ()) -> list[Flag]:
        """Flags matching ``where``, oldest first, with their histories: two queries whatever the count."""
        rows = self.db.execute(f"{self._SELECT}{' WHERE ' + where if where else ''} ORDER BY id", params).fetchall()
        if not rows:
            return []
        history: dict[int, list[Review]] = {}
        for start in range(0, len(rows), 500):
            part = [r[0] for r in rows[start : start + 500]]
            for flag_id, *review in self.db.execute(
                    "SELECT flag_id, status, note, reviewer, created_at FROM flag_reviews"
                    f" WHERE flag_id IN ({','.join('?' * len(part))}) ORDER BY id", part):
                history.setdefault(flag_id, []).append(Review(*review))
        return [Flag(r[0], r[1], r[2], r[3], r[4], r[5], Side(**json.loads(r[6])), Side(**json.loads(r[7])), r[8],
                     r[9], r[10], history.get(r[0], [])) for r in rows]

    def list(self, status: str | None = None, kind: str | None = None, source: str | None = None,
             date_from: str | None = None, date_to: str | None = None) -> list[Flag]:
        """Flags, oldest first: by status, kind, a source on either side (any part of its name, any case),
        and either side's published date (YYYY-MM-DD, inclusive)."""
        if status is not None and status not in FLAG_STATUSES:
            raise CrosscheckError(f"unknown status {status!r}; use one of: {', '.join(FLAG_STATUSES)}")
        if kind is not None and kind not in FLAG_KINDS:
            raise CrosscheckError(f"unknown flag kind {kind!r}; use one of: {', '.join(FLAG_KINDS)}")
        clauses, params = [], []
        if status:
            clauses.append("status = ?")
            params.append(status)
        if kind:
            clauses.append("kind = ?")
            params.append(kind)
        found = self._load(" AND ".join(clauses), params)
        if source:
            needle = source.strip().lower()
            found = [f for f in found if any(needle in (s.source or "").lower() for s in (f.side_a, f.side_b))]
        if date_from or date_to:
            lo = normalise_date(date_from, "--date-from") if date_from else ""
            hi = (normalise_date(date_to, "--date-to") if date_to else "9999") + "~"
            found = [f for f in found if any(s.published and lo <= s.published <= hi for s in (f.side_a, f.side_b))]
        return found

    def counts(self) -> dict[str, int]:
        """Flags per status, every status listed."""
        found = dict(self.db.execute("SELECT status, count(*) FROM flags GROUP BY status").fetchall())
        return {s: found.get(s, 0) for s in FLAG_STATUSES}

    def for_check(self, check_id: int) -> list[Flag]:
        """The flags a check raised."""
        return self._load("check_id = ?", (check_id,))

    def get(self, flag_id: int) -> Flag:
        found = self._load("id = ?", (flag_id,))
        if not found:
            raise UnknownId(f"no flag with id {flag_id} - see: crosscheck flags list")
        return found[0]

    def set_status(self, flag_id: int, status: str, note: str = "", reviewer: str = "") -> Flag:
        status = status.replace("-", "_").replace(" ", "_")
        if status not in FLAG_STATUSES:
            raise CrosscheckError(f"unknown status {status!r}; use one of: {', '.join(FLAG_STATUSES)}")
        if len(note) > MAX_NOTE_CHARS or len(reviewer) > MAX_REVIEWER_CHARS:
            raise CrosscheckError(f"a note is at most {MAX_NOTE_CHARS:,} characters and a reviewer's name at most "
                                  f"{MAX_REVIEWER_CHARS} (this note has {len(note):,}, the name {len(reviewer)})")
        if "\x00" in note + reviewer:
            raise CrosscheckError("the note or the reviewer's name contains binary data")
        with self.workspace.transaction() as db:
            if db.execute("SELECT 1 FROM flags WHERE id = ?", (flag_id,)).fetchone() is None:
                raise UnknownId(f"no flag with id {flag_id} - see: crosscheck flags list")
            db.execute("INSERT INTO flag_reviews (flag_id, status, note, reviewer, created_at) VALUES (?, ?, ?, ?, ?)",
                       (flag_id, status, note, reviewer, _now()))
            db.execute("UPDATE flags SET status = ? WHERE id = ?", (status, flag_id))
        return self.get(flag_id)
