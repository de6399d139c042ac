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
from dataclasses import dataclass, field

from checker.claims import DENIED, Claim
from checker.verdict import Evidence, Label, Thresholds, Verdict, conflicting_sources
from index.errors import CrosscheckError, UnknownId
from index.workspace import Workspace

CONTRADICTED, CONFLICTING_SOURCES, INTERNAL_CONFLICT = "contradicted", "conflicting_sources", "internal_conflict"
KINDS = (CONTRADICTED, CONFLICTING_SOURCES, INTERNAL_CONFLICT)
OPEN, CONFIRMED, DISMISSED, FOLLOW_UP = "open", "confirmed", "dismissed", "needs_follow_up"
STATUSES = (OPEN, CONFIRMED, DISMISSED, FOLLOW_UP)
RELATED_COSINE = 0.45  # two statements of an article are compared only when at least this similar


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


def verdict_flags(v: Verdict, t: Thresholds, title: str = "") -> list[tuple[str, Side, Side]]:
    """(kind, side a, side b) for a verdict: contradicted, and/or sources that disagree."""
    out = []
    cons = [e for e in v.evidence if e.contradiction >= t.contradict]
    if v.label == Label.CONTRADICTED and cons:
        out.append((CONTRADICTED, claim_side(v.claim, title), evidence_side(cons[0], "contradicts")))
    pair = conflicting_sources(v.evidence, t.conflict) if v.conflicting else None
    if pair:
        out.append((CONFLICTING_SOURCES, evidence_side(pair[0], "supports"), evidence_side(pair[1], "contradicts")))
    return out


def internal_conflicts(claims: list[Claim], vectors, nli, t: Thresholds, title: str = "") -> list[tuple[str, Side, Side]]:
    """Attributed statements in one article that conflict with another statement of it.

    Two statements conflict when one sentence reports a speaker denying what another said, or when
    they are about the same thing (cosine ≥ RELATED_COSINE) and either one denies what the other
    implies (opposite stances, NLI entailment) or both assert things NLI finds contradictory.
    """
    import numpy as np

    pairs = []
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            a, b = claims[i], claims[j]
            if not (a.speaker or b.speaker) or (a.speaker and a.speaker == b.speaker):
                continue
            if same_sentence_dispute(a, b) or float(np.dot(vectors[i], vectors[j])) >= RELATED_COSINE:
                pairs.append((i, j))
    if not pairs:
        return []
    premises = [(claims[i].text, claims[j].text) for i, j in pairs] + [(claims[j].text, claims[i].text) for i, j in pairs]
    scores = nli.predict(premises)
    forward, backward = scores[: len(pairs)], scores[len(pairs) :]
    out = []
    for (i, j), f, b in zip(pairs, forward, backward):
        a, c = claims[i], claims[j]
        if same_sentence_dispute(a, c):
            hit = True  # the article itself reports one speaker denying what another said
        elif a.stance != c.stance:
            hit = max(f.entailment, b.entailment) >= t.support
        else:
            hit = max(f.contradiction, b.contradiction) >= t.contradict
        if hit:
            sa = claim_side(a, title)
            sb = claim_side(c, title)
            out.append((INTERNAL_CONFLICT,
                        Side(**{**sa.__dict__, "entailment": f.entailment, "contradiction": f.contradiction}),
                        Side(**{**sb.__dict__, "entailment": b.entailment, "contradiction": b.contradiction})))
    return out


def same_sentence_dispute(a: Claim, b: Claim) -> bool:
    """Two speakers in one sentence, one denying: "A said X, but B denied Y"."""
    return (a.start, a.end) == (b.start, b.end) and a.speaker != b.speaker and a.stance != b.stance


class FlagStore:
    """Flags in a workspace's database."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.db = workspace.db

    def raise_flags(self, found: list[tuple[str, Side, Side, str]], check_id: int | None, title: str) -> list[int]:
        """Insert new flags (kind, a, b, claim); known keys are only touched. Returns the flags' ids."""
        ids = []
        now = _now()
        with self.workspace.transaction() as db:
            for kind, a, b, claim in found:
                key = flag_key(kind, claim, a, b)
                row = db.execute("SELECT id FROM flags WHERE key = ?", (key,)).fetchone()
                if row:
                    db.execute("UPDATE flags SET last_seen_at = ? WHERE id = ?", (now, row[0]))
                    ids.append(row[0])
                    continue
                first = db.execute("SELECT min(id) FROM flags WHERE claim = ?", (claim,)).fetchone()[0]
                cur = db.execute(
                    "INSERT INTO flags (key, kind, status, claim, check_id, article_title, side_a, side_b, linked_to,"
                    " created_at, last_seen_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, kind, claim, check_id, title, json.dumps(a.__dict__), json.dumps(b.__dict__), first, now, now),
                )
                db.execute("INSERT INTO flag_reviews (flag_id, status, note, reviewer, created_at) VALUES (?, 'open', ?, '', ?)",
                           (cur.lastrowid, "raised by check", now))
                ids.append(cur.lastrowid)
        return ids

    def _flag(self, row) -> Flag:
        history = [Review(*r) for r in self.db.execute(
            "SELECT status, note, reviewer, created_at FROM flag_reviews WHERE flag_id = ? ORDER BY id", (row[0],))]
        return Flag(row[0], row[1], row[2], row[3], row[4], row[5], Side(**json.loads(row[6])),
                    Side(**json.loads(row[7])), row[8], row[9], row[10], history)

    _SELECT = ("SELECT id, kind, status, claim, article_title, check_id, side_a, side_b, linked_to, created_at,"
               " last_seen_at FROM flags")

    def list(self, status: str | None = None, kind: str | None = None) -> list[Flag]:
        if status is not None and status not in STATUSES:
            raise CrosscheckError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
        if kind is not None and kind not in KINDS:
            raise CrosscheckError(f"unknown flag kind {kind!r}; use one of: {', '.join(KINDS)}")
        clauses, params = [], []
        if status:
            clauses.append("status = ?")
            params.append(status)
        if kind:
            clauses.append("kind = ?")
            params.append(kind)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        return [self._flag(r) for r in self.db.execute(f"{self._SELECT}{where} ORDER BY id", params)]

    def get(self, flag_id: int) -> Flag:
        row = self.db.execute(f"{self._SELECT} WHERE id = ?", (flag_id,)).fetchone()
        if row is None:
            raise UnknownId(f"no flag with id {flag_id} - see: crosscheck flags list")
        return self._flag(row)

    def set_status(self, flag_id: int, status: str, note: str = "", reviewer: str = "") -> Flag:
        status = status.replace("-", "_").replace(" ", "_")
        if status not in STATUSES:
            raise CrosscheckError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
        with self.workspace.transaction() as db:
            if db.execute("SELECT 1 FROM flags WHERE id = ?", (flag_id,)).fetchone() is None:
                raise UnknownId(f"no flag with id {flag_id} - see: crosscheck flags list")
            db.execute("INSERT INTO flag_reviews (flag_id, status, note, reviewer, created_at) VALUES (?, ?, ?, ?, ?)",
                       (flag_id, status, note, reviewer, _now()))
            db.execute("UPDATE flags SET status = ? WHERE id = ?", (status, flag_id))
        return self.get(flag_id)
