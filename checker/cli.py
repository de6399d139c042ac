"""The ``crosscheck`` command: a thin layer over the Python API.

Data goes to stdout, progress and logs to stderr. Errors a user can cause print one
``Error: ...`` line and exit 1; bad flag combinations exit 2 (click's usage errors).
"""

from __future__ import annotations

import logging
import os
import sys

import click

from checker.output import FORMATS, emit
from index.errors import CrosscheckError

EXIT_PARTIAL = 3  # index add: some rows or files were skipped, the rest was added


class CrosscheckGroup(click.Group):
    """The one place where errors become exit codes."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CrosscheckError as e:
            raise click.ClickException(str(e)) from e


def workspace_option(fn):
    return click.option(
        "--workspace", "-w", "workspace", envvar="CROSSCHECK_WORKSPACE", type=click.Path(file_okay=False),
        help="Workspace directory (default: $CROSSCHECK_WORKSPACE or ~/.local/share/crosscheck).",
    )(fn)


def format_option(default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
                        help="Output format.")


def open_workspace(workspace, create: bool = False, embedder=None):
    from index.workspace import Workspace

    return Workspace.open(workspace, create=create, embedder=embedder)


class ClickProgress:
    """A click progress bar on stderr behind the core's ``progress(done, total, label)`` callback."""

    def __init__(self, label: str, silent: bool):
        self.label, self.silent, self.bar = label, silent, None

    def __call__(self, done: int, total: int, item: str) -> None:
        if self.silent:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.group(cls=CrosscheckGroup)
@click.version_option(package_name="crosscheck")
@click.option("-v", "--verbose", count=True, help="-v for INFO logs, -vv for DEBUG (stderr).")
def cli(verbose: int):
    """Crosscheck: check claims against your own evidence, offline."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if verbose < 2:
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        for noisy in ("sentence_transformers", "transformers", "faiss", "httpx"):
            logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


# --- index -----------------------------------------------------------------------------


@cli.group(cls=CrosscheckGroup)
def index():
    """Manage the evidence index: add, list, remove, stats."""


@index.command("add")
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", default=None, help="Source (outlet or speaker) for every document added.")
@click.option("--date", default=None, help="Published date (YYYY-MM-DD) for every document added.")
@click.option("--skip-errors", is_flag=True, help="Skip unreadable files instead of stopping.")
@click.option("--silent", is_flag=True, help="No progress bar.")
@format_option("table")
@workspace_option
def index_add(paths, source, date, skip_errors, silent, fmt, workspace):
    """Add files or folders (.txt .md .html .pdf .jsonl .csv) to the index."""
    progress = ClickProgress("Embedding passages", silent)
    with open_workspace(workspace, create=True) as ws:
        try:
            report = ws.add(list(paths), source=source, date=date, skip_errors=skip_errors, progress=progress)
        finally:
            progress.close()
    for problem in report.problems:
        click.echo(f"Skipped: {problem}", err=True)
    emit([{"id": d.id, "title": d.title, "source": d.source, "published": d.published, "passages": d.passages}
          for d in report.added], fmt)
    click.echo(f"Added {len(report.added)} documents ({sum(d.passages for d in report.added)} passages); "
               f"{len(report.duplicates)} duplicates skipped.", err=True)
    if report.problems:
        sys.exit(EXIT_PARTIAL)


@index.command("stats")
@format_option("table")
@workspace_option
def index_stats(fmt, workspace):
    """Counts, embedder and sizes of the workspace's index."""
    with open_workspace(workspace) as ws:
        emit(ws.stats(), fmt)


@index.command("list")
@format_option("table")
@workspace_option
def index_list(fmt, workspace):
    """List the indexed documents."""
    with open_workspace(workspace) as ws:
        emit([{"id": d.id, "title": d.title, "source": d.source, "published": d.published, "passages": d.passages}
              for d in ws.documents()], fmt)


@index.command("remove")
@click.argument("document_id", type=int)
@workspace_option
def index_remove(document_id, workspace):
    """Remove a document and its passages."""
    with open_workspace(workspace) as ws:
        info = ws.remove(document_id)
    click.echo(f"Removed document {info.id}: {info.title}", err=True)


# --- search ----------------------------------------------------------------------------


@cli.command()
@click.argument("text")
@click.option("-k", "--top-k", default=5, show_default=True, help="Number of passages.")
@click.option("--source", multiple=True, help="Only passages from this source (repeatable).")
@click.option("--date-from", default=None, help="Only documents published on or after (YYYY-MM-DD).")
@click.option("--date-to", default=None, help="Only documents published on or before (YYYY-MM-DD).")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "lexical"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
@format_option("table")
@workspace_option
def search(text, top_k, source, date_from, date_to, mode, as_json, fmt, workspace):
    """Search the evidence index (dense + BM25, fused by reciprocal rank)."""
    with open_workspace(workspace) as ws:
        hits = ws.search(text, top_k=top_k, source=list(source) or None, date_from=date_from,
                         date_to=date_to, mode=mode)
    if as_json or fmt != "table":
        emit(hits, "json" if as_json else fmt)
    else:
        emit([{"rank": h.rank, "score": h.score, "source": h.passage.source, "date": h.passage.published,
               "doc": h.passage.document_id, "passage": h.passage.text} for h in hits], "table")


def main():  # pragma: no cover - console script entry point
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
