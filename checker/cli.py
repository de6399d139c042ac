"""The ``crosscheck`` command: a thin layer over the Python API.

Data goes to stdout, progress and logs to stderr. Errors a user can cause print one
``Error: ...`` line and exit 1; bad flag combinations exit 2 (click's usage errors).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from checker import output
from checker.output import FORMATS, emit
from index import settings
from index.errors import CrosscheckError

EXIT_PARTIAL = 3  # index add: some rows or files were skipped, the rest was added


class CrosscheckGroup(click.Group):
    """The one place where errors become exit codes."""

    def invoke(self, ctx):
        import sqlite3

        from index.workspace import user_error

        try:
            return super().invoke(ctx)
        except CrosscheckError as e:
            raise click.ClickException(str(e)) from e
        except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
            sys.stderr.close()
            sys.exit(141)
        except (sqlite3.DatabaseError, OSError) as e:
            error = user_error(settings.resolve_workspace(ctx.meta.get(WORKSPACE_META)), e)
            if error is None:
                raise
            raise click.ClickException(str(error)) from e


WORKSPACE_META = "crosscheck.workspace"  # ctx.meta is shared by a command and the group above it


def remember_workspace(ctx, param, value):
    ctx.meta[WORKSPACE_META] = value
    return value


def workspace_option(fn):
    return click.option(
        "--workspace", "-w", "workspace", envvar=settings.WORKSPACE_ENV, type=click.Path(file_okay=False),
        callback=remember_workspace,
        help="Workspace directory (default: $CROSSCHECK_WORKSPACE or ~/.local/share/crosscheck).",
    )(fn)


def format_option(default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
                        help="Output format.")


def date_range_options(what: str):
    """--date-from and --date-to, for ``what`` (e.g. "documents")."""
    def decorate(fn):
        fn = click.option("--date-to", default=None, help=f"Only {what} published on or before (YYYY-MM-DD).")(fn)
        return click.option("--date-from", default=None, help=f"Only {what} published on or after (YYYY-MM-DD).")(fn)

    return decorate


def open_workspace(workspace, create: bool = False):
    from checker import Workspace

    return Workspace.open(workspace, create=create)


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
    settings.quiet_libraries(verbose)
    settings.apply_thread_policy()
    if verbose < 2:
        for noisy in ("sentence_transformers", "transformers", "faiss", "httpx"):
            logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


def ray_options(fn):
    """Where the work runs: in this process, or on Ray workers (checker.cluster)."""
    for option in (
        click.option("--worker-cpus", type=click.IntRange(min=1), default=1, show_default=True,
                     help="CPUs (and threads) per Ray worker."),
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Ray workers (default: the cluster's CPUs, less one for a local Ray)."),
        click.option("--ray", "ray_address", default=None, metavar="auto|ADDRESS",
                     help="Run on Ray: 'auto' starts a local Ray; host:port joins a running cluster."),
    ):
        fn = option(fn)
    return fn


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
@ray_options
@format_option("table")
@workspace_option
def index_add(paths, source, date, skip_errors, silent, ray_address, workers, worker_cpus, fmt, workspace):
    """Add files or folders (.txt .md .html .pdf .jsonl .csv) to the index.

    With --ray the passages are embedded on Ray workers and stored here.
    """
    import contextlib

    progress = ClickProgress("Embedding passages", silent)
    created = not settings.resolve_workspace(workspace).exists()
    try:
        with open_workspace(workspace, create=True) as ws, \
                (ray_cluster(ray_address, workers, worker_cpus) if ray_address else contextlib.nullcontext()) as cluster:
            encode = cluster.encoder(ws.embedder_name or None) if cluster else None
            try:
                report = ws.add(list(paths), source=source, date=date, skip_errors=skip_errors, progress=progress,
                                encode=encode)
            finally:
                progress.close()
    except CrosscheckError:
        if created:  # a first add that failed leaves no empty workspace behind
            import shutil

            shutil.rmtree(settings.resolve_workspace(workspace), ignore_errors=True)
        raise
    for problem in report.problems:
        click.echo(f"Skipped: {problem}", err=True)
    emit([output.document_row(d) for d in report.added], fmt)
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
@click.option("--match", default=None, help="Only documents whose title, source or path holds this text.")
@format_option("table")
@workspace_option
def index_list(match, fmt, workspace):
    """List the indexed documents."""
    with open_workspace(workspace) as ws:
        emit([output.document_row(d) for d in ws.documents(match)], fmt)


@index.command("verify")
@workspace_option
def index_verify(workspace):
    """Check the workspace is sound: database, full-text index, orphans, vectors (exit 1 if not)."""
    with open_workspace(workspace) as ws:
        problems = ws.verify()
        stats = ws.stats()
    if problems:
        raise CrosscheckError(f"{stats.workspace} has {len(problems)} problems: " + "; ".join(problems))
    click.echo(f"{stats.workspace}: sound ({stats.documents} documents, {stats.passages} passages, "
               f"{stats.vectors} vectors)", err=True)


@index.command("rebuild")
@click.option("--vectors", "kind", default="auto", show_default=True, metavar="auto|flat|ivf|milvus:PATH_OR_URI",
              help="flat: exact (FAISS); ivf: approximate, for large workspaces; auto: ivf from "
                   f"{settings.ANN_MIN_PASSAGES:,} passages; milvus:PATH.db (milvus-lite, a folder in the workspace) "
                   "or milvus:http://host:19530 (a Milvus server or cluster).")
@workspace_option
def index_rebuild(kind, workspace):
    """Rebuild the vectors file from the embeddings stored in the database."""
    with open_workspace(workspace) as ws:
        chosen = ws.rebuild_vectors(kind)
        stats = ws.stats()
    click.echo(f"Rebuilt {stats.vectors:,} vectors ({chosen} index)", err=True)


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
@click.option("-k", "--top-k", default=settings.SEARCH_TOP_K, show_default=True, help="Number of passages.")
@click.option("--source", multiple=True, help="Only passages from this source (repeatable).")
@date_range_options("documents")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "lexical"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
@format_option("table")
@workspace_option
def search(text, top_k, source, date_from, date_to, mode, as_json, fmt, workspace):
    """Search the evidence index (dense + BM25, their scores combined)."""
    with open_workspace(workspace) as ws:
        hits = ws.search(text, top_k=top_k, source=list(source) or None, date_from=date_from,
                         date_to=date_to, mode=mode)
    if as_json or fmt != "table":
        emit(hits, "json" if as_json else fmt)
    else:
        emit([output.search_row(h) for h in hits], "table")


# --- checking --------------------------------------------------------------------------

EXIT_CONTRADICTED = 4  # check / check-article: at least one claim contradicted or conflicting


def top_k_options(fn):
    fn = click.option("--further-k", default=settings.DEFAULT_FURTHER_K, show_default=True,
                      help="Passages more, read after a decisive verdict to find sources that disagree (0: none).")(fn)
    return click.option("-k", "--top-k", default=settings.DEFAULT_TOP_K, show_default=True,
                        help="Passages a verdict rests on.")(fn)


def nli_option(fn):
    return click.option("--nli-model", default=None, metavar="PATH_OR_ID",
                        help="NLI model folder or hub id (default: the bundled model).")(fn)


def emit_verdicts(verdicts, fmt: str) -> None:
    if fmt == "table":
        emit([output.verdict_row(v) for v in verdicts], "table")
    elif fmt == "csv":
        emit(output.report_rows(verdicts), "csv")
    else:
        emit(verdicts, fmt)


def exit_for(verdicts) -> None:
    if any(v.label.value == "contradicted" or v.conflicting for v in verdicts):
        sys.exit(EXIT_CONTRADICTED)


@cli.command()
@click.argument("claim")
@top_k_options
@nli_option
@format_option("table")
@workspace_option
def check(claim, top_k, further_k, nli_model, fmt, workspace):
    """Check one claim against the evidence index.

    Exit code 0: supported or unverified; 4: contradicted or conflicting evidence; 1: error.
    """
    from checker import Checker

    with Checker.open(workspace, nli_model=nli_model, top_k=top_k, further_k=further_k) as checker:
        verdict = checker.check_claim(claim)
    emit_verdicts([verdict], fmt)
    exit_for([verdict])


def article_options(fn):
    """What checking articles takes, one or many: passages, a progress bar, the model, the output, the workspace."""
    for option in (workspace_option, format_option("table"), nli_option,
                   click.option("--silent", is_flag=True, help="No progress bar."), top_k_options):
        fn = option(fn)
    return fn


@cli.command("check-article")
@click.argument("file")
@click.option("--title", default=None, help="The article's title (default: from the file).")
@article_options
def check_article(file, title, top_k, further_k, silent, nli_model, fmt, workspace):
    """Check every check-worthy claim of an article (FILE, or - for stdin).

    Exit code 0: nothing contradicted; 4: a claim is contradicted or has conflicting evidence; 1: error.
    """
    from checker import Checker

    text, file_title = read_article(file)
    progress = ClickProgress("Checking claims", silent)
    with Checker.open(workspace, nli_model=nli_model, top_k=top_k, further_k=further_k) as checker:
        try:
            report = checker.check_article(text, title=title or file_title, progress=progress)
        finally:
            progress.close()
    if fmt == "json":
        emit(report, "json")
    else:
        emit_verdicts(report.verdicts, fmt)
    click.echo(output.summary(report), err=True)
    exit_for(report.verdicts)


@cli.command("check-batch")
@click.argument("source")
@click.option("-o", "--out", "out_dir", default="crosscheck-reports", show_default=True, type=click.Path(file_okay=False),
              help="Folder for a report per article and summary.csv.")
@ray_options
@article_options
def check_batch(source, out_dir, ray_address, workers, worker_cpus, top_k, further_k, silent, nli_model, fmt,
                workspace):
    """Check many articles: a folder of them, or a .jsonl/.csv file with a text column.

    Resumable: an article already checked with the same text, model and index is not checked again,
    so after a stop or a crash the same command finishes the rest. With --ray the articles are
    checked on Ray workers and stored here, with the same results. Exit code 4 if a claim is
    contradicted or has conflicting evidence, 3 if some files, rows or articles could not be read
    or checked.
    """
    import contextlib

    from checker import Checker
    from checker.batch import check_batch as run_batch
    from checker.batch import read_batch

    problems: list[str] = []
    articles = read_batch(source, problems)
    for problem in problems:
        click.echo(f"Skipped: {problem}", err=True)
    read_problems = len(problems)
    progress = ClickProgress("Checking articles", silent)
    with Checker.open(workspace, nli_model=nli_model, top_k=top_k, further_k=further_k) as checker, \
            (ray_cluster(ray_address, workers, worker_cpus) if ray_address else contextlib.nullcontext()) as cluster:
        assess = cluster.assessor(checker.workspace, nli_model, top_k, further_k) if cluster else None
        try:
            results = run_batch(checker, articles, out_dir, progress, assess=assess, problems=problems)
        finally:
            progress.close()
    for problem in problems[read_problems:]:
        click.echo(f"Skipped: {problem}", err=True)
    emit([{k: v for k, v in output.to_data(r).items() if k != "report"} for r in results] if fmt == "table"
          else results, fmt)
    reused = sum(r.reused for r in results)
    click.echo(f"{len(results)} articles: {len(results) - reused} checked, {reused} already checked (reused); "
               f"{sum(r.claims for r in results)} claims, {sum(r.contradicted for r in results)} contradicted, "
               f"{sum(r.conflicting for r in results)} with conflicting sources; reports and summary.csv in {out_dir}",
               err=True)
    if any(r.contradicted or r.conflicting for r in results):
        sys.exit(EXIT_CONTRADICTED)
    if problems:
        sys.exit(EXIT_PARTIAL)


def ray_cluster(address: str, workers: int | None, cpus: int):
    from checker.cluster import Cluster

    return Cluster(address, workers, cpus)


def read_article(file: str) -> tuple[str, str]:
    """Text and title of an article file (any format the index reads) or of stdin."""
    if file == "-":
        data = sys.stdin.buffer.read()
        if b"\x00" in data:
            raise CrosscheckError("standard input looks like binary data, not text")
        try:
            return data.decode("utf-8-sig"), ""
        except UnicodeDecodeError as e:
            raise CrosscheckError(f"standard input is not valid UTF-8 (byte {e.start})") from None
    from checker import read_article as read_file

    return read_file(file)


# --- past checks -----------------------------------------------------------------------


@cli.group(cls=CrosscheckGroup)
def checks():
    """Past checks: list them, show one again, export it (JSON, CSV or a printable HTML report)."""


@checks.command("list")
@click.option("--limit", default=50, show_default=True, help="The newest N checks.")
@format_option("table")
@workspace_option
def checks_list(limit, fmt, workspace):
    """Past checks, newest first, with their verdict counts."""
    from checker import History

    with History.open(workspace) as history:
        emit(history.checks(limit), fmt)


@checks.command("show")
@click.argument("check_id", type=int)
@format_option("table")
@workspace_option
def checks_show(check_id, fmt, workspace):
    """A past check again: its verdicts and evidence (json: the whole report)."""
    from checker import History

    with History.open(workspace) as history:
        report = history.report(check_id)
    if fmt == "json":
        emit(report, "json")
    else:
        emit_verdicts(report.verdicts, fmt)
    click.echo(output.summary(report), err=True)


@checks.command("export")
@click.argument("check_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html"]), default="html", show_default=True)
@click.option("-o", "--output", "out", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: stdout).")
@workspace_option
def checks_export(check_id, fmt, out, workspace):
    """Export a past check: the report as JSON, its rows as CSV, or a printable HTML report for an editor."""
    from checker import History

    with History.open(workspace) as history:
        report = history.report(check_id)
    out.write(output.report_file(report, fmt))


# --- flags -----------------------------------------------------------------------------


@cli.group(cls=CrosscheckGroup)
def flags():
    """Review flagged contradictions: list, show, set a status, export."""


def open_flags(workspace):
    from checker import FlagStore

    ws = open_workspace(workspace)
    return ws, FlagStore(ws)


STATUS_CHOICES = [*settings.FLAG_STATUSES, *(s.replace("_", "-") for s in settings.FLAG_STATUSES if "_" in s)]


@flags.command("list")
@click.option("--status", default=None, help=f"{', '.join(settings.FLAG_STATUSES)}.")
@click.option("--kind", default=None, help=f"{', '.join(settings.FLAG_KINDS)}.")
@click.option("--source", default=None, help="Only flags with this source (any part of its name) on a side.")
@date_range_options("flags with a side")
@format_option("table")
@workspace_option
def flags_list(status, kind, source, date_from, date_to, fmt, workspace):
    """List flags, oldest first; the count per status goes to stderr."""
    ws, store = open_flags(workspace)
    with ws:
        found = store.list(status=status.replace("-", "_") if status else None, kind=kind, source=source,
                           date_from=date_from, date_to=date_to)
        counts = store.counts()
    emit([output.flag_row(f) for f in found] if fmt == "table" else found, fmt)
    click.echo(output.flag_counts(counts), err=True)


@flags.command("show")
@click.argument("flag_id", type=int)
@format_option("table")
@workspace_option
def flags_show(flag_id, fmt, workspace):
    """Both sides of a flag, with sources, dates, NLI scores and its review history."""
    ws, store = open_flags(workspace)
    with ws:
        flag = store.get(flag_id)
    if fmt != "table":
        emit(flag, fmt)
        return
    click.echo(f"Flag {flag.id} [{flag.status}] {flag.kind}: {flag.claim}")
    if flag.article_title:
        click.echo(f"Article: {flag.article_title}")
    if flag.linked_to and flag.linked_to != flag.id:
        click.echo(f"Linked to flag {flag.linked_to}")
    for name, side in (("A", flag.side_a), ("B", flag.side_b)):
        scores = "" if side.entailment is None else (
            f" (entailment {side.entailment:.2f}, contradiction {side.contradiction:.2f})")
        click.echo(f"\n{name}: {side.role} - {side.source or '?'} {side.published}{scores}\n   {side.text}")
    click.echo("\nHistory:")
    for r in flag.history:
        click.echo(f"  {r.created_at}  {r.status:<16} {r.reviewer or '-':<12} {r.note}")


@flags.command("set")
@click.argument("flag_id", type=int)
@click.option("--status", required=True, type=click.Choice(STATUS_CHOICES), help="The review decision.")
@click.option("--note", default="", help="Why.")
@click.option("--by", "reviewer", default="", help="Reviewer's name.")
@workspace_option
def flags_set(flag_id, status, note, reviewer, workspace):
    """Record a review decision (the history keeps every change)."""
    ws, store = open_flags(workspace)
    with ws:
        flag = store.set_status(flag_id, status, note, reviewer)
    click.echo(f"Flag {flag.id} is now {flag.status}", err=True)


@flags.command("export")
@click.option("--status", default=None, help="Only flags with this status.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "jsonl"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.File("w"), default="-", help="File to write (default: stdout).")
@workspace_option
def flags_export(status, fmt, output, workspace):
    """Export flags with both sides and their history to CSV or JSON."""
    ws, store = open_flags(workspace)
    with ws:
        found = store.list(status=status.replace("-", "_") if status else None)
    emit(found, fmt, file=output)


# --- evaluation ------------------------------------------------------------------------


def eval_cache_option(fn):
    return click.option("--cache", default=None, type=click.Path(file_okay=False),
                        help="Where evaluation indexes are built and kept (default: $XDG_CACHE_HOME/crosscheck/eval, "
                             "else ~/.cache/crosscheck/eval).")(fn)


def eval_cache(cache) -> Path:
    from index.settings import cache_dir

    return Path(cache).expanduser() if cache else cache_dir() / "eval"


@cli.command("eval-nli")
@click.option("--model", "model", default=None, metavar="PATH_OR_ID", help="NLI model (default: the bundled one).")
@click.option("--limit", default=0, help="Score only the first N pairs of each set (quick runs).")
@format_option("table")
def eval_nli(model, limit, fmt):
    """Accuracy, macro-F1 and confusion matrices of an NLI model on the held-out sets."""
    from checker import load_nli
    from checker.lab.eval_nli import evaluate, held_out_sets

    sets = held_out_sets()
    if not sets:
        raise CrosscheckError("no held-out data found - set CROSSCHECK_DATA to the shared data folder")
    results = evaluate(load_nli(model), sets, limit=limit)
    if fmt != "table":
        emit(results, fmt)
        return
    emit([{"held_out_set": m.name, "pairs": m.n, "accuracy": f"{m.accuracy:.1%}", "macro_f1": m.macro_f1}
          for m in results], "table")
    for m in results:
        click.echo(f"\n{m.name}\n{m.table()}")


@cli.group("eval", cls=CrosscheckGroup)
def eval_group():
    """End-to-end evaluations on public data (read from ../shared/data or $CROSSCHECK_DATA)."""


@eval_group.command("fit")
@click.option("--limit", default=0, help="Only the first N claims of each set (smoke runs).")
@click.option("--dry-run", is_flag=True, help="Print the fitted thresholds without saving them.")
@click.option("--no-aggregator", is_flag=True,
              help="Keep the thresholds even when the aggregator wins the cross-validation (both are still printed).")
@nli_option
def eval_fit(limit, dry_run, no_aggregator, nli_model):
    """Fit the verdict thresholds on training claims and save them beside the NLI model (verdict.json)."""
    from checker import load_nli
    from checker.lab import fit

    nli = load_nli(nli_model)
    if not dry_run and not nli.bundle.local:
        raise CrosscheckError(f"{nli.name} is not a model folder, so verdict.json cannot be saved beside it; "
                              "download the model to a folder, or use --dry-run")
    click.echo("Scoring SciFact tune and Climate-FEVER training claims ...", err=True)
    result = fit.fit(nli, limit, aggregator=not no_aggregator)
    emit(result.rows(), "table")
    t = result.thresholds
    where = "(not saved)" if dry_run else f"-> {fit.save(result, nli)}"
    click.echo(f"5-fold cross-validation on the training claims, mean macro-F1: thresholds "
               f"{result.cv['thresholds']:.4f}, aggregator {result.cv['aggregator']:.4f}: the "
               f"{'aggregator decides' if t.aggregator else 'thresholds decide'}"
               f"{' (--no-aggregator)' if no_aggregator else ''}", err=True)
    click.echo(f"fitted support >= {t.support}, contradiction >= {t.contradict}, conflict >= {t.conflict} {where}",
               err=True)


@eval_group.command("scifact")
@click.option("--cited", is_flag=True, help="Score each claim against its cited abstracts only (no retrieval; fast).")
@click.option("--limit", default=0, help="Only the first N claims.")
@nli_option
@eval_cache_option
def eval_scifact(cited, limit, nli_model, cache):
    """SciFact report claims checked against the whole 5,183-abstract corpus (or, with --cited, their cited abstracts)."""
    from checker import Checker, Thresholds, load_nli
    from checker.lab import evaluate as ev
    from checker.lab.fit import metric_cells

    nli = load_nli(nli_model)
    if cited:
        report = ev.scifact_scores_cited(nli, "report", Thresholds.from_bundle(nli.bundle), limit)
    else:
        ws = ev.scifact_workspace(eval_cache(cache) / "scifact", progress=ClickProgress("Indexing SciFact", False))
        with Checker(ws, nli=nli) as checker:
            report = ev.scifact_scores(checker, "report", limit, progress=ClickProgress("Checking claims", False))
    m = ev.claim_metrics("report", report)
    emit([{"split": f"report ({len(report)} claims, held out)", **metric_cells(m),
           "recall@5": "" if cited else round(ev.recall_at_5(report)[0], 4)}], "table")
    click.echo(f"\nreport split\n{m.table()}")


@eval_group.command("climate-fever")
@nli_option
@eval_cache_option
def eval_climate_fever(nli_model, cache):
    """Climate-FEVER held-out claims: with the given evidence and with retrieved evidence."""
    from checker import Checker, load_nli
    from checker.lab import evaluate as ev

    ws = ev.climate_fever_workspace(eval_cache(cache) / "climate-fever")
    checker = Checker(ws, nli=load_nli(nli_model))
    emit([ev.climate_fever_given(checker), ev.climate_fever_retrieved(checker)], "table")
    ws.close()


@eval_group.command("vitaminc")
@click.option("--limit", default=0, help="Only the first N claims.")
@nli_option
def eval_vitaminc(limit, nli_model):
    """VitaminC's held-out slice: each claim against its one given sentence, with the consistency checks and without."""
    from checker import Thresholds, load_nli
    from checker.lab import evaluate as ev
    from checker.lab.fit import metric_cells

    nli = load_nli(nli_model)
    rows = ev.vitaminc_scores_given(nli, Thresholds.from_bundle(nli.bundle), limit)
    found = {name: ev.claim_metrics(name, r) for name, r in rows.items()}
    emit([{"verdict": "with the consistency checks" if name == "checks" else "NLI alone", **metric_cells(m)}
          for name, m in found.items()], "table")
    click.echo(f"\nwith the consistency checks\n{found['checks'].table()}")


@eval_group.command("claimbuster")
def eval_claimbuster():
    """ClaimBuster test: precision / recall / F1 of the check-worthy claim filter."""
    from checker import load_embedder
    from checker.checkworthy import CheckWorthiness
    from checker.lab import evaluate as ev

    emit(ev.claimbuster_test(load_embedder(), CheckWorthiness.load()), "table")


@eval_group.command("checkthat")
def eval_checkthat():
    """CheckThat! 2019 task 1 test (debates): MAP of the check-worthiness ranking, and P / R / F1 of the filter."""
    from checker import load_embedder
    from checker.checkworthy import CheckWorthiness
    from checker.lab import evaluate as ev

    emit(ev.checkthat_test(load_embedder(), CheckWorthiness.load()), "table")


def main():  # pragma: no cover - console script entry point
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
