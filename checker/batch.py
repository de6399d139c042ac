"""Bulk checking: a folder of articles, or a JSONL/CSV file with an article a row, checked one after another.

Each article is checked and stored as ``check_article`` does (its check, verdicts and flags in one
transaction), then its report is written to the output folder (atomically), and a summary CSV of
every article is written at the end. An article already checked with the same text, the same NLI
model and the index as it is now is not checked again: its stored check is reused. So a batch that
was stopped or killed keeps what it finished, and running the same command again finishes the rest
without checking anything twice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from checker import output
from checker.pipeline import Assessment, CheckSummary
from index.errors import CrosscheckError, IngestError
from index.settings import ARTICLE_TYPES, ROW_TYPES

SUMMARY = "summary.csv"
Progress = Callable[[int, int, str], None]
Assessor = Callable[[list["BatchArticle"]], Iterator[Assessment | CrosscheckError]]


@dataclass(frozen=True)
class BatchArticle:
    name: str  # the file, or "file#row" for a JSONL/CSV row
    title: str
    text: str


@dataclass(frozen=True)
class BatchResult(CheckSummary):
    """A check's summary, with the article it came from, whether it was reused, and its report file."""

    article: str
    reused: bool  # checked before, with the same text, model and index: not checked again
    report: str  # the report file


def read_batch(path: str | Path, problems: list[str] | None = None) -> list[BatchArticle]:
    """The articles of a folder (.txt .md .html .pdf, recursively), a JSONL/CSV file (a row each), or one file.
    Files that cannot be read are listed in ``problems`` (one line each) and left out."""
    from checker.pipeline import read_article
    from index.ingest import RowProblem, read_documents

    path = Path(path)
    if not path.exists():
        raise CrosscheckError(f"{path}: no such file or folder")
    problems = problems if problems is not None else []
    if path.suffix.lower() in ROW_TYPES:
        rows: list[RowProblem] = []
        docs = read_documents(path, rows)
        problems += [str(r) for r in rows]
        return [BatchArticle(d.path or path.name, d.title, d.text) for d in docs]
    files = [path] if path.is_file() else sorted(
        f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_TYPES
        and not any(part.startswith(".") for part in f.relative_to(path).parts))
    articles = []
    for f in files:
        try:
            text, title = read_article(f)
        except IngestError as e:
            problems.append(str(e))
            continue
        articles.append(BatchArticle(str(f), title, text))
    if not articles and not problems:
        raise CrosscheckError(f"{path}: no articles (.txt .md .html .pdf, or a .jsonl/.csv with a text column)")
    return articles


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", Path(name.split("#")[0]).stem).strip("-")[:40] or "article"


def assess_in_process(checker) -> Assessor:
    """Assess articles one after another in this process (the default)."""

    def assess(articles: list[BatchArticle]) -> Iterator[Assessment | CrosscheckError]:
        for a in articles:
            try:
                yield checker.assess_article(a.text, title=a.title or None)
            except CrosscheckError as e:
                yield e

    return assess


def check_batch(checker, articles: list[BatchArticle], out_dir: str | Path, progress: Progress | None = None,
                assess: Assessor | None = None, problems: list[str] | None = None) -> list[BatchResult]:
    """Check every article (reusing those already checked) and write a report each plus ``summary.csv``.

    ``assess`` turns articles into assessments, in order: in this process by default, or on Ray workers
    (:mod:`checker.cluster`). Either way this process alone writes: it stores each assessment, then
    writes its report. An article that cannot be checked (too long, say) is listed in ``problems``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    problems = problems if problems is not None else []
    # Articles to assess: not checked before, and the first of any repeated text (the rest reuse its check).
    seen: set[str] = set()
    todo = []
    for a in articles:
        if a.text not in seen and checker.find_check(a.text) is None:
            todo.append(a)
        seen.add(a.text)
    assessed = iter((assess or assess_in_process(checker))(todo))
    todo_ids = {id(a) for a in todo}
    results = []
    for n, a in enumerate(articles, start=1):
        fresh = next(assessed) if id(a) in todo_ids else None  # taken in order, whether used or not
        previous = checker.find_check(a.text)
        if isinstance(fresh, CrosscheckError):
            problems.append(f"{a.name}: {fresh}")
            report = None
        elif previous:
            report = checker.report(previous)
        elif fresh is None:  # a repeat of an article that could not be checked
            report = None
        else:
            report = checker.store_assessment(fresh)
        if report is not None:
            results.append(_reported(report, a, out / f"{n:04d}-{_slug(a.name)}-{report.check_id}.json",
                                     reused=previous is not None))
        if progress:
            progress(n, len(articles), a.name)
    _write(out / SUMMARY, output.render(results, "csv") + "\n")
    return results


def _reported(report, a: BatchArticle, path: Path, reused: bool) -> BatchResult:
    """Write the article's report (once: a re-run keeps the file) and summarise it."""
    if not path.exists():
        _write(path, output.report_file(report, "json"))
    c = report.counts()
    created = report.provenance.created_at if report.provenance else ""
    return BatchResult(report.check_id, "article", report.title, created, len(report.verdicts), c["supported"],
                       c["contradicted"], c["unverified"], c["conflicting"], len(report.flags), a.name, reused,
                       str(path))
