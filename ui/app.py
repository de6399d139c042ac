"""The Gradio app: thin handlers over the public API (:class:`checker.Checker`); ``build_app`` does not launch.

Each worker thread gets its own Checker and workspace connection (SQLite connections are not
shared between threads); the models are loaded once and shared. A connection sees what another
added or removed on its next search (the workspace notices by itself). Every event has an
``api_name``, so everything the page does can also be called with ``gradio_client``.
"""

from __future__ import annotations

import functools
import tempfile
import threading
from pathlib import Path

import gradio as gr

from checker import Checker, CrosscheckError, output, read_article, settings, user_error
from ui import render

ARTICLE_TYPES = list(settings.ARTICLE_TYPES)
EVIDENCE_TYPES = list(settings.EVIDENCE_TYPES)


class CheckerPool:
    """One Checker per worker thread over one workspace, sharing the loaded models."""

    def __init__(self, workspace: str | Path | None, nli, embedder, top_k: int = settings.DEFAULT_TOP_K):
        self.path = settings.resolve_workspace(workspace)
        self.nli, self.embedder, self.top_k = nli, embedder, top_k
        self._local = threading.local()
        self._open(create=True).close()  # create it, check the embedder

    def _open(self, create: bool = False) -> Checker:
        return Checker.open(self.path, nli=self.nli, embedder=self.embedder, create=create, top_k=self.top_k)

    def get(self) -> Checker:
        """This thread's Checker."""
        checker = getattr(self._local, "checker", None)
        if checker is None:
            checker = self._local.checker = self._open()
        return checker


def user_errors(workspace: Path):
    """A decorator: errors a user can cause → gr.Error, one message in the page and no traceback in the log.

    A database or disk failure in ``workspace`` is said in a line too (the same words as the CLI);
    anything else is a bug, logged with its traceback and shown to the browser only as an error.
    """

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except CrosscheckError as e:
                raise gr.Error(str(e), print_exception=False) from e
            except Exception as e:
                error = user_error(workspace, e)
                if error is None:
                    raise
                raise gr.Error(str(error), print_exception=False) from e

        return wrapper

    return decorate


def _check_upload(path: str | None, allowed: list[str]) -> Path | None:
    if not path:
        return None
    p = Path(path)
    if p.suffix.lower() not in allowed:
        raise CrosscheckError(f"{p.name}: file type {p.suffix or '(none)'} is not accepted; use {', '.join(allowed)}")
    if p.stat().st_size > settings.MAX_FILE_BYTES:
        raise CrosscheckError(f"{p.name} is larger than {settings.MAX_FILE_MB} MB")
    return p


def table(headers: list[str], label: str) -> gr.Dataframe:
    """A read-only table of text cells (text is shown as text)."""
    return gr.Dataframe(headers=headers, datatype="str", label=label, interactive=False, wrap=True)


def chosen_id(value, what: str) -> int:
    """The id in a number box (picked by clicking a table row, or typed)."""
    if value in (None, ""):
        raise CrosscheckError(f"choose a {what} in the table, or enter its id")
    return int(value)


def date_range(what: str) -> tuple[gr.Textbox, gr.Textbox]:
    """Two boxes for a date filter, "<what> from" and "<what> to"."""
    return (gr.Textbox(label=f"{what} from", placeholder="YYYY-MM-DD"),
            gr.Textbox(label=f"{what} to", placeholder="YYYY-MM-DD"))


def build_app(pool: CheckerPool) -> gr.Blocks:
    user_error_messages = user_errors(pool.path)
    out_dir = Path(tempfile.mkdtemp(prefix="crosscheck-reports-"))

    def report_files(report) -> list[str]:
        paths = []
        for fmt in ("json", "csv", "html"):
            path = out_dir / f"report-{report.check_id}.{fmt}"
            path.write_text(output.report_file(report, fmt), encoding="utf-8")
            paths.append(str(path))
        return paths

    def article_outputs(report) -> tuple:
        return (output.summary(report), render.highlighted_article(report.text, report.verdicts),
                render.claim_rows(report.verdicts), report_files(report), output.counts_html(report),
                output.agreement_html(report), report.check_id, render.dropped_rows(report.dropped))

    @user_error_messages
    def check_claim(text: str):
        verdict = pool.get().check_claim(text)
        return render.verdict_badge(verdict), output.evidence_cards_html(verdict.claim.text, verdict.evidence)

    @user_error_messages
    def check_article(text: str, upload, progress=gr.Progress()):
        title = None
        path = _check_upload(upload, ARTICLE_TYPES)
        if path is not None:
            text, title = read_article(path)
        report = pool.get().check_article(text or "", title=title,
                                          progress=lambda done, total, item: progress((done, total), desc="Checking claims"))
        return article_outputs(report)

    @user_error_messages
    def claim_evidence(check_id, number):
        """A claim of a check (numbered as in its table): its verdict and evidence cards."""
        if check_id in (None, "", 0):
            raise CrosscheckError("check an article first, or reopen one in Checks")
        verdicts = pool.get().report(int(check_id)).verdicts
        if number in (None, "") or not 1 <= int(number) <= len(verdicts):
            raise CrosscheckError(f"choose a claim from 1 to {len(verdicts)}")
        v = verdicts[int(number) - 1]
        return render.verdict_badge(v), output.evidence_cards_html(v.claim.text, v.evidence)

    @user_error_messages
    def pick_claim(check_id, evt: gr.SelectData):
        number = int(evt.row_value[0])
        return number, *claim_evidence(check_id, number)

    @user_error_messages
    def list_checks():
        return render.check_rows(pool.get().checks())

    @user_error_messages
    def reopen_check(check_id):
        return article_outputs(pool.get().report(chosen_id(check_id, "check")))

    @user_error_messages
    def pick_check(evt: gr.SelectData):
        check_id = int(evt.row_value[0])
        return check_id, *reopen_check(check_id)

    @user_error_messages
    def list_flags(status: str = "open", kind: str = "all", source: str = "", date_from: str = "", date_to: str = ""):
        store = pool.get().flags
        flags = store.list(status=None if status in ("", "all", None) else status,
                           kind=None if kind in ("", "all", None) else kind, source=source or None,
                           date_from=date_from or None, date_to=date_to or None)
        return output.flag_counts(store.counts()), render.flag_rows(flags)

    @user_error_messages
    def show_flag(flag_id):
        flag = pool.get().flags.get(chosen_id(flag_id, "flag"))
        side_a, side_b = render.flag_sides(flag)
        return render.flag_title(flag), side_a, side_b, render.history_rows(flag)

    @user_error_messages
    def open_row(evt: gr.SelectData):
        flag_id = int(evt.row_value[0])
        return flag_id, *show_flag(flag_id)

    @user_error_messages
    def step(flag_id, table, direction: int):
        ids = [int(row[0]) for row in (table.values.tolist() if hasattr(table, "values") else table) if row and row[0]]
        if not ids:
            raise CrosscheckError("no flags in the table: change the filters")
        here = ids.index(int(flag_id)) if flag_id not in (None, "") and int(flag_id) in ids else -direction
        flag_id = ids[(here + direction) % len(ids)]
        return flag_id, *show_flag(flag_id)

    @user_error_messages
    def set_flag(flag_id, status: str, note: str, reviewer: str, filter_status: str = "open", kind: str = "all",
                 source: str = "", date_from: str = "", date_to: str = ""):
        pool.get().flags.set_status(chosen_id(flag_id, "flag"), status, note or "", reviewer or "")
        counts, table = list_flags(filter_status, kind, source, date_from, date_to)
        return (*show_flag(flag_id), table, counts)

    @user_error_messages
    def list_documents(match: str = ""):
        return render.document_rows(pool.get().workspace.documents(match or None))

    @user_error_messages
    def pick_document(evt: gr.SelectData):
        return int(evt.row_value[0])

    @user_error_messages
    def remove_document(document_id, match: str = ""):
        workspace = pool.get().workspace
        info = workspace.remove(chosen_id(document_id, "document"))
        return (f"Removed document {info.id}: {info.title or info.path}", list_documents(match),
                render.stats_rows(workspace.stats()), None)

    @user_error_messages
    def add_documents(files):
        paths = [_check_upload(f, EVIDENCE_TYPES) for f in (files or [])]
        if not paths:
            raise CrosscheckError("choose one or more files to add")
        checker = pool.get()
        report = checker.workspace.add(paths)
        lines = [f"Added {len(report.added)} documents; {len(report.duplicates)} duplicates skipped."]
        lines += [f"Skipped: {p}" for p in report.problems]
        return "\n".join(lines), render.stats_rows(checker.workspace.stats())

    @user_error_messages
    def stats():
        return render.stats_rows(pool.get().workspace.stats())

    @user_error_messages
    def search(text: str, top_k, source: str = "", date_from: str = "", date_to: str = ""):
        hits = pool.get().workspace.search(text, top_k=int(top_k or settings.SEARCH_TOP_K), source=source or None,
                                           date_from=date_from or None, date_to=date_to or None)
        return render.search_rows(hits)

    with gr.Blocks(title="Crosscheck") as app:
        gr.Markdown("# Crosscheck\nCheck claims against your own evidence, offline.")
        with gr.Tab("Check a claim"):
            claim_in = gr.Textbox(label="Claim", lines=2, placeholder="e.g. Talks in Istanbul begin at 07:00 GMT.")
            claim_btn = gr.Button("Check claim", variant="primary")
            badge = gr.Label(label="Verdict")
            cards = gr.HTML(label="Evidence")  # built by checker.output with every value escaped
        with gr.Tab("Check an article"):
            article_in = gr.Textbox(label="Article text", lines=10)
            # No file_types: the handler checks the type and says which it accepts (gradio's own check logs a traceback).
            article_file = gr.File(label="Or upload an article (.txt .md .html .pdf)", type="filepath")
            article_btn = gr.Button("Check article", variant="primary")
            article_summary = gr.Textbox(label="Summary", interactive=False)
            article_view = gr.HighlightedText(label="Article, claims highlighted by verdict",
                                              color_map=render.VERDICT_COLORS, combine_adjacent=False)
            chart = gr.HTML(label="Verdicts")
            agreement = gr.HTML(label="Who says what")
            claims_table = table(render.CLAIM_HEADERS, "Claims (click a row)")
            left_out = table(render.DROPPED_HEADERS, "Not checked, and why")
            article_check = gr.Number(label="Check id", precision=0, visible=False)
            with gr.Row():
                claim_number = gr.Number(label="Claim #", precision=0)
                claim_badge = gr.Label(label="Claim's verdict")
            claim_cards = gr.HTML(label="Claim's evidence")
            downloads = gr.File(label="Report (JSON, CSV, printable HTML)", file_count="multiple", interactive=False)
        with gr.Tab("Checks"):
            checks_btn = gr.Button("Refresh checks")
            checks_table = table(render.CHECK_HEADERS, "Past checks (click a row)")
            with gr.Row():
                past_id = gr.Number(label="Check id", precision=0)
                reopen_btn = gr.Button("Reopen check")
            past_summary = gr.Textbox(label="Check", interactive=False)
            past_chart = gr.HTML(label="Verdicts")
            past_agreement = gr.HTML(label="Who says what")
            past_view = gr.HighlightedText(label="Checked text", color_map=render.VERDICT_COLORS, combine_adjacent=False)
            past_claims = table(render.CLAIM_HEADERS, "Claims")
            past_left_out = table(render.DROPPED_HEADERS, "Not checked (kept for new checks only)")
            past_files = gr.File(label="Export (JSON, CSV, printable HTML)", file_count="multiple", interactive=False)
        with gr.Tab("Review"):
            counts = gr.Textbox(label="Flags by status", interactive=False)
            with gr.Row():
                status_filter = gr.Dropdown(["all", *settings.FLAG_STATUSES], value="open", label="Show flags")
                kind_filter = gr.Dropdown(["all", *settings.FLAG_KINDS], value="all", label="Kind")
                source_filter = gr.Textbox(label="Source", placeholder="any part of a source's name")
                date_from, date_to = date_range("Published")
                refresh_btn = gr.Button("Refresh")
            flags_table = table(render.FLAG_HEADERS, "Flags (click a row)")
            with gr.Row():
                prev_btn = gr.Button("Previous flag")
                flag_id = gr.Number(label="Flag id", precision=0)
                show_btn = gr.Button("Show flag")
                next_btn = gr.Button("Next flag")
            flag_title = gr.Textbox(label="Flag", interactive=False)
            with gr.Row():
                side_a = gr.HighlightedText(label="Side A", color_map=render.VERDICT_COLORS, combine_adjacent=False)
                side_b = gr.HighlightedText(label="Side B", color_map=render.VERDICT_COLORS, combine_adjacent=False)
            with gr.Row():
                decision = gr.Radio(list(settings.REVIEW_DECISIONS), value="confirmed", label="Decision")
                reviewer = gr.Textbox(label="Reviewer")
            note = gr.Textbox(label="Note", lines=2)
            save_btn = gr.Button("Save review", variant="primary")
            history = table(render.HISTORY_HEADERS, "History")
        with gr.Tab("Evidence"):
            uploads = gr.File(label="Add documents (.txt .md .html .pdf .jsonl .csv)", file_count="multiple",
                              type="filepath")
            add_btn = gr.Button("Add to index", variant="primary")
            add_result = gr.Textbox(label="Result", interactive=False)
            stats_table = table(["field", "value"], "Index")
            stats_btn = gr.Button("Refresh stats")
            with gr.Row():
                query = gr.Textbox(label="Search the evidence", scale=4)
                k = gr.Number(value=settings.SEARCH_TOP_K, label="Results", precision=0, scale=1)
            with gr.Row():
                search_source = gr.Textbox(label="Only from source", placeholder="exact source name")
                search_from, search_to = date_range("Passages dated")
            search_btn = gr.Button("Search")
            results = table(render.SEARCH_HEADERS, "Passages")
            with gr.Row():
                docs_filter = gr.Textbox(label="Find documents", placeholder="title, source or file name", scale=4)
                docs_btn = gr.Button("List documents", scale=1)
            docs_table = table(render.DOCUMENT_HEADERS, "Documents (click a row)")
            with gr.Row():
                document_id = gr.Number(label="Document id", precision=0)
                remove_btn = gr.Button("Remove document", variant="stop")
            remove_result = gr.Textbox(label="Removed", interactive=False)

        claim_btn.click(check_claim, claim_in, [badge, cards], api_name="check_claim",
                        concurrency_id="claims", concurrency_limit=settings.CHECK_CONCURRENCY)
        article_btn.click(check_article, [article_in, article_file],
                          [article_summary, article_view, claims_table, downloads, chart, agreement, article_check,
                           left_out],
                          api_name="check_article", concurrency_id="articles", concurrency_limit=1)
        claims_table.select(pick_claim, article_check, [claim_number, claim_badge, claim_cards],
                            api_visibility="private")
        claim_number.submit(claim_evidence, [article_check, claim_number], [claim_badge, claim_cards],
                            api_name="claim_evidence")
        checks_btn.click(list_checks, None, checks_table, api_name="checks")
        past = [past_summary, past_view, past_claims, past_files, past_chart, past_agreement, past_id, past_left_out]
        reopen_btn.click(reopen_check, past_id, past, api_name="reopen_check")
        checks_table.select(pick_check, None, [past_id, *past], api_visibility="private")
        filters = [status_filter, kind_filter, source_filter, date_from, date_to]
        shown = [flag_title, side_a, side_b, history]
        refresh_btn.click(list_flags, filters, [counts, flags_table], api_name="flags")
        for box in (status_filter, kind_filter):
            box.change(list_flags, filters, [counts, flags_table], api_visibility="private")
        show_btn.click(show_flag, flag_id, shown, api_name="flag")
        flags_table.select(open_row, None, [flag_id, *shown], api_visibility="private")
        prev_btn.click(lambda i, t: step(i, t, -1), [flag_id, flags_table], [flag_id, *shown], api_visibility="private")
        next_btn.click(lambda i, t: step(i, t, 1), [flag_id, flags_table], [flag_id, *shown], api_visibility="private")
        save_btn.click(set_flag, [flag_id, decision, note, reviewer, *filters], [*shown, flags_table, counts],
                       api_name="set_flag")
        docs_btn.click(list_documents, docs_filter, docs_table, api_name="documents")
        docs_filter.submit(list_documents, docs_filter, docs_table, api_visibility="private")
        docs_table.select(pick_document, None, document_id, api_visibility="private")
        remove_btn.click(remove_document, [document_id, docs_filter], [remove_result, docs_table, stats_table, document_id],
                         api_name="remove_document", concurrency_id="writes", concurrency_limit=1)
        add_btn.click(add_documents, uploads, [add_result, stats_table], api_name="add_documents",
                      concurrency_id="writes", concurrency_limit=1)
        stats_btn.click(stats, None, stats_table, api_name="stats")
        search_btn.click(search, [query, k, search_source, search_from, search_to], results, api_name="search")
        app.load(stats, None, stats_table, api_visibility="private")
        app.load(list_flags, filters, [counts, flags_table], api_visibility="private")
        app.load(list_documents, docs_filter, docs_table, api_visibility="private")
        app.load(list_checks, None, checks_table, api_visibility="private")
    app.queue(default_concurrency_limit=settings.CHECK_CONCURRENCY)
    return app
