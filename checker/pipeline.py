"""The Checker: text → claims → evidence → NLI scores → verdicts, stored in the workspace.

    from checker.pipeline import Checker
    with Checker.open("./workspace") as checker:
        verdict = checker.check_claim("Talks in Istanbul begin at 07:00 GMT.")
        report = checker.check_article(text, title="...", progress=callback)
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import regex

from checker.checkworthy import CheckWorthiness, Extraction, extract_claims
from checker.claims import Claim, Dropped, normalise
from checker.flags import Conflict, Flag, FlagStore, internal_conflicts, verdict_flags
from checker.nli import EnsembleNLI, NLIModel, load_nli
from checker.output import to_data
from checker.parsing import parse_many, parser_name
from checker.verdict import (
    Evidence,
    Label,
    Provenance,
    Thresholds,
    Verdict,
    decide,
    evidence_from,
    premise,
    with_checks,
)
from index.errors import CrosscheckError, UnknownId
from index.migrations import text_hash
from index.settings import DEFAULT_FURTHER_K, DEFAULT_TOP_K, MAX_ARTICLE_CHARS, MAX_CLAIM_CHARS
from index.workspace import Workspace

PAIRS_PER_NLI_CALL = 96  # sorted by length inside the call, so fewer padded tokens than one claim at a time

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class CheckReport:
    title: str
    text: str
    verdicts: list[Verdict]
    dropped: list[Dropped] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    check_id: int | None = None
    provenance: Provenance | None = None

    def counts(self) -> dict[str, int]:
        out = {"supported": 0, "contradicted": 0, "unverified": 0, "conflicting": 0}
        for v in self.verdicts:
            out[v.label.value] += 1
            out["conflicting"] += v.conflicting
        return out


@dataclass(frozen=True)
class Assessment:
    """An article checked but not stored: what a worker hands to the one process that writes."""

    title: str
    text: str
    verdicts: list[Verdict]
    dropped: list[Dropped]
    conflicts: list[Conflict]  # to be raised as flags when stored
    timings: dict
    provenance: Provenance


_INVISIBLE = regex.compile(r"[\p{Cf}\p{Cc}\p{Z}\s]+")  # format characters (zero-width, BOM), controls, spaces


@dataclass(frozen=True)
class CheckSummary:
    """A past check, as the history lists it."""

    id: int
    kind: str  # "claim" or "article"
    title: str
    created_at: str
    claims: int
    supported: int
    contradicted: int
    unverified: int
    conflicting: int
    flags: int


def validate_text(text: str, what: str, limit: int) -> str:
    if not isinstance(text, str):
        raise CrosscheckError(f"the {what} must be text")
    if "\x00" in text:
        raise CrosscheckError(f"the {what} looks like binary data, not text")
    if not _INVISIBLE.sub("", text):
        raise CrosscheckError(f"the {what} is empty")
    if len(text) > limit:
        raise CrosscheckError(f"the {what} is {len(text):,} characters; the limit is {limit:,}")
    return text


class History:
    """The past checks of a workspace: listing and reopening them loads no model."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.flags = FlagStore(workspace)

    @classmethod
    def open(cls, path: str | Path | None = None) -> "History":
        return cls(Workspace.open(path, create=False))

    def close(self) -> None:
        self.workspace.close()

    def __enter__(self) -> "History":
        return self

    def __exit__(self, *exc) -> None:
        self.workspace.__exit__(*exc)

    def checks(self, limit: int = 200) -> list[CheckSummary]:
        """Past checks, newest first, with their verdict counts."""
        rows = self.workspace.db.execute(
            "SELECT c.id, c.kind, CASE WHEN c.kind = 'claim' THEN substr(c.text, 1, 200) ELSE c.title END, c.created_at,"
            " count(v.check_id), coalesce(sum(v.label = 'supported'), 0), coalesce(sum(v.label = 'contradicted'), 0),"
            " coalesce(sum(v.label = 'unverified'), 0), coalesce(sum(v.conflicting), 0),"
            " (SELECT count(*) FROM flags f WHERE f.check_id = c.id)"
            " FROM checks c LEFT JOIN verdicts v ON v.check_id = c.id GROUP BY c.id ORDER BY c.id DESC LIMIT ?",
            (limit,)).fetchall()
        return [CheckSummary(*r) for r in rows]

    def report(self, check_id: int) -> CheckReport:
        """A past check, reopened: its text, verdicts with their evidence, the flags it raised and its provenance.
        (The sentences it left out are not stored.)"""
        db = self.workspace.db
        row = db.execute("SELECT title, text, provenance, timings FROM checks WHERE id = ?", (check_id,)).fetchone()
        if row is None:
            raise UnknownId(f"no check with id {check_id} - see: crosscheck checks list")
        provenance = Provenance(**json.loads(row[2]))
        verdicts = [
            Verdict(Claim(claim, sentence, start, end, speaker, stance, note=note), Label(label), confidence, support,
                    contradiction, bool(conflicting), [Evidence.from_data(e) for e in json.loads(evidence)], provenance)
            for claim, sentence, start, end, speaker, stance, label, confidence, support, contradiction, conflicting,
            evidence, note in db.execute(
                "SELECT claim, sentence, start, end, speaker, stance, label, confidence, support, contradiction,"
                " conflicting, evidence, note FROM verdicts WHERE check_id = ? ORDER BY seq", (check_id,))]
        return CheckReport(row[0], row[1], verdicts, [], self.flags.for_check(check_id), json.loads(row[3]), check_id,
                           provenance)


class Checker:
    """Checks claims and articles against one workspace. Models are passed in or loaded once."""

    def __init__(self, workspace: Workspace, nli: NLIModel | EnsembleNLI | None = None, top_k: int = DEFAULT_TOP_K,
                 thresholds: Thresholds | None = None, checkworthiness: CheckWorthiness | None = None,
                 further_k: int = DEFAULT_FURTHER_K, consistency: bool = True):
        if top_k < 1 or further_k < 0:
            raise CrosscheckError("top_k must be at least 1 and further_k at least 0")
        self.workspace = workspace
        self.nli = nli or load_nli()
        self.top_k, self.further_k = top_k, further_k
        self.thresholds = thresholds or Thresholds.from_bundle(self.nli.bundle)
        self.checkworthiness = checkworthiness or CheckWorthiness.load()
        self.flags = FlagStore(workspace)
        self.consistency = consistency  # numbers, dates, times, names, directions, verbs, negation (checker.consistency)

    @classmethod
    def open(cls, path: str | Path | None = None, nli_model: str | None = None, embedder=None, create: bool = False,
             nli: NLIModel | EnsembleNLI | None = None, **kwargs) -> "Checker":
        """Open a workspace (``path``, else the default one) and load the NLI model (or use ``nli``)."""
        workspace = Workspace.open(path, create=create, embedder=embedder)
        try:
            return cls(workspace, nli=nli or load_nli(nli_model), **kwargs)
        except BaseException:
            workspace.close()
            raise

    def close(self) -> None:
        self.workspace.close()

    def __enter__(self) -> "Checker":
        return self

    def __exit__(self, *exc) -> None:
        self.workspace.__exit__(*exc)  # closes it, and says what a database or disk failure means

    # --- checking ------------------------------------------------------------------

    def provenance(self) -> Provenance:
        ws = self.workspace
        # Separate subqueries let SQLite answer each from an index; one aggregate query scanned the table.
        docs, passages, last = ws.db.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM passages),"
            " (SELECT coalesce(max(id), 0) FROM passages)").fetchone()
        return Provenance(
            embedder=ws.embedder_name, nli_model=self.nli.name, nli_sha256=self.nli.bundle.sha256,
            index_state=f"{docs} documents, {passages} passages, last passage id {last}",
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            precision=self.nli.precision if self.nli.precision == ws.embedder.precision else
            f"NLI {self.nli.precision}, embedder {ws.embedder.precision}",
            parser=parser_name() if self.consistency else "",
        )

    def _verdicts(self, claims: list[Claim], vectors, progress: Progress | None = None) -> list[Verdict]:
        """Retrieve, score and decide for each claim.

        The label rests on the top ``top_k`` passages. When it is decisive (supported or
        contradicted), the next ``further_k`` passages are scored too, to find the sources that
        disagree with it: a conflict is worth the extra NLI, an unverified claim is not.
        """
        provenance = self.provenance()
        depth = self.top_k + self.further_k
        hits = [self.workspace.search(c.text, top_k=depth, query_vector=v) for c, v in zip(claims, vectors)]
        first = self._score([(claims[i], hits[i][: self.top_k]) for i in range(len(claims))], progress)
        verdicts = [decide(c, ev, self.thresholds, provenance) for c, ev in zip(claims, first)]
        decisive = [i for i, v in enumerate(verdicts) if v.label != Label.UNVERIFIED and len(hits[i]) > self.top_k]
        further = self._score([(claims[i], hits[i][self.top_k :]) for i in decisive])
        for i, more in zip(decisive, further, strict=True):
            verdicts[i] = decide(claims[i], first[i], self.thresholds, provenance, more)
        return verdicts

    def _score(self, items: list[tuple[Claim, list]], progress: Progress | None = None) -> list[list[Evidence]]:
        """NLI over (claim, hits) items, a few claims per call; evidence per item, in hit order."""
        out: list[list[Evidence]] = []
        per_call = max(1, PAIRS_PER_NLI_CALL // max((len(hits) for _, hits in items), default=1))
        for start in range(0, len(items), per_call):
            group = items[start : start + per_call]
            pairs = [(premise(h.passage.title, h.passage.text), claim.text) for claim, hits in group for h in hits]
            unique = list(dict.fromkeys(pairs))  # a sentence repeated in two documents is scored once
            scored = dict(zip(unique, self.nli.predict(unique), strict=True))
            scores = iter([scored[p] for p in pairs])
            found = [[evidence_from(h, next(scores)) for h in hits] for _, hits in group]
            if self.consistency:
                parse_many([c.text for c, _ in group] + [e.text for ev in found for e in ev]
                           + [premise(e.title, e.text) for ev in found for e in ev])
                found = [[with_checks(e, claim.text) for e in ev] for (claim, _), ev in zip(group, found)]
            out += found
            if progress:
                progress(len(out), len(items), group[-1][0].sentence)
        return out

    def check_claim(self, text: str, store: bool = True) -> Verdict:
        """Check one claim as given (no check-worthiness filter)."""
        text = validate_text(text, "claim", MAX_CLAIM_CHARS).strip()
        claim = Claim(normalise(text), text, 0, len(text))
        if not self.nli.fits(claim.text):
            raise CrosscheckError(f"the claim is {self.nli.hypothesis_tokens(claim.text)} tokens long; the NLI model "
                                  f"takes at most {self.nli.max_hypothesis_tokens}: split it into shorter claims")
        vector = self.workspace.embedder.encode([claim.text])
        [verdict] = self._verdicts([claim], vector)
        if store:
            with self.workspace.transaction():
                check_id = self._store("claim", "", text, [verdict], {}, verdict.provenance)
                self.flags.raise_flags(verdict_flags(verdict, self.thresholds), check_id, "")
        return verdict

    def extract_claims(self, text: str, title: str | None = None) -> Extraction:
        """Check-worthy claims of an article with their vectors, and the sentences dropped (with reasons).

        A claim too long for the NLI model is dropped with its own reason; the others are checked.
        """
        found = extract_claims(text, self.workspace.embedder, self.checkworthiness, title)
        keep = [i for i, c in enumerate(found.claims) if self.nli.fits(c.text)]
        if len(keep) == len(found.claims):
            return found
        kept = set(keep)
        long = [c for i, c in enumerate(found.claims) if i not in kept]
        dropped = found.dropped + [
            Dropped(c.sentence, c.start, c.end, f"too long to check ({self.nli.hypothesis_tokens(c.text)} tokens; "
                                                f"the NLI model takes {self.nli.max_hypothesis_tokens})")
            for c in long]
        return Extraction([found.claims[i] for i in keep], found.vectors[keep], sorted(dropped, key=lambda d: d.start))

    def assess_article(self, text: str, title: str | None = None, progress: Progress | None = None) -> Assessment:
        """Everything ``check_article`` finds, without writing: claims, verdicts and the conflicts to flag.

        Reads the workspace only, so a worker (a Ray actor) can run it while one writer stores the results.
        """
        text = validate_text(text, "article", MAX_ARTICLE_CHARS)
        t0 = time.perf_counter()
        found_claims = self.extract_claims(text, title)
        claims, dropped = found_claims.claims, found_claims.dropped
        t1 = time.perf_counter()
        verdicts = self._verdicts(claims, found_claims.vectors, progress) if claims else []
        t2 = time.perf_counter()
        title = title or next((d.sentence for d in dropped if d.reason == "headline"), "")
        found: list[Conflict] = [c for v in verdicts for c in verdict_flags(v, self.thresholds, title)]
        found += internal_conflicts(claims, found_claims.vectors, self.nli, self.thresholds, title)
        t3 = time.perf_counter()
        timings = {"claims_s": round(t1 - t0, 3), "verdicts_s": round(t2 - t1, 3), "flags_s": round(t3 - t2, 3),
                   "total_s": round(t3 - t0, 3)}
        provenance = verdicts[0].provenance if verdicts else self.provenance()
        return Assessment(title, text, verdicts, dropped, found, timings, provenance)

    def store_assessment(self, a: Assessment) -> CheckReport:
        """Store an assessed article: its check, verdicts and flags in one transaction, or none of them."""
        with self.workspace.transaction():
            check_id = self._store("article", a.title, a.text, a.verdicts, a.timings, a.provenance)
            flags = self.flags.raise_flags(a.conflicts, check_id, a.title)
        return CheckReport(a.title, a.text, a.verdicts, a.dropped, flags, a.timings, check_id, a.provenance)

    def check_article(self, text: str, title: str | None = None, progress: Progress | None = None,
                      store: bool = True) -> CheckReport:
        """Split an article into claims and check each; an article with no claims gives an empty report."""
        a = self.assess_article(text, title, progress)
        if store:
            return self.store_assessment(a)
        return CheckReport(a.title, a.text, a.verdicts, a.dropped, [], a.timings, None, a.provenance)

    # --- storage -------------------------------------------------------------------

    def _store(self, kind: str, title: str, text: str, verdicts: list[Verdict], timings: dict,
               provenance: Provenance) -> int:
        with self.workspace.transaction() as db:
            check_id = db.execute(
                "INSERT INTO checks (kind, title, text, provenance, timings, created_at, text_hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, title, text, json.dumps(asdict(provenance)), json.dumps(timings), provenance.created_at,
                 text_hash(text)),
            ).lastrowid
            db.executemany(
                "INSERT INTO verdicts (check_id, seq, claim, sentence, start, end, speaker, stance, label, confidence,"
                " support, contradiction, conflicting, evidence, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(check_id, i, v.claim.text, v.claim.sentence, v.claim.start, v.claim.end, v.claim.speaker,
                  v.claim.stance, v.label.value, v.confidence, v.support, v.contradiction, int(v.conflicting),
                  json.dumps(to_data(v.evidence)), v.claim.note) for i, v in enumerate(verdicts)],
            )
        return check_id

    def find_check(self, text: str) -> int | None:
        """The newest stored article check of exactly this text, by this NLI model, against the index as it is
        now (same documents and passages); None if there is none."""
        now = self.provenance()
        for check_id, provenance in self.workspace.db.execute(
                "SELECT id, provenance FROM checks WHERE kind = 'article' AND text_hash = ? ORDER BY id DESC",
                (text_hash(text),)):
            p = json.loads(provenance)
            if (p.get("nli_sha256"), p.get("nli_model"), p.get("index_state")) == (now.nli_sha256, now.nli_model,
                                                                                   now.index_state):
                return check_id
        return None

    def checks(self, limit: int = 200) -> list[CheckSummary]:
        """Past checks, newest first (see :class:`History`)."""
        return History(self.workspace).checks(limit)

    def report(self, check_id: int) -> CheckReport:
        """A past check, reopened (see :class:`History`)."""
        return History(self.workspace).report(check_id)


def read_article(path: str | Path) -> tuple[str, str]:
    """An article file's text and title (any format the index reads: .txt .md .html .pdf)."""
    from index.ingest import read_document

    doc = read_document(Path(path))
    return doc.text, doc.title
