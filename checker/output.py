"""Presentation, once for the CLI and the UI: rows built from results, and one serialiser for
every output format (dataclasses → dicts → table, JSON, JSONL or CSV).

A row builder turns one result into a flat dict whose keys are the column names; the CLI prints
the dicts, the UI shows their values under the same names. A report has one CSV layout
(:func:`report_rows`), whether it comes from ``crosscheck check-article --format csv`` or the
UI's download.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import enum
import html
import io
import json
import re
import sys

from checker.consistency import NOTE_KINDS

FORMATS = ("table", "json", "jsonl", "csv")


def to_data(obj):
    """Dataclasses (and lists of them) → plain dicts and lists, enums → their values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, dict):
        return {k: to_data(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_data(x) for x in obj]
    return obj


def _flat(row: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in row.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flat(v, key + "."))
        elif isinstance(v, list):
            out[key] = json.dumps(v, ensure_ascii=False)
        else:
            out[key] = v
    return out


def render(obj, fmt: str) -> str:
    data = to_data(obj)
    rows = data if isinstance(data, list) else [data]
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    flat = [_flat(r) if isinstance(r, dict) else {"value": r} for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        fields = list(dict.fromkeys(k for r in flat for k in r))
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return buf.getvalue().rstrip("\n")
    if fmt == "table":
        return table(flat)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def table(rows: list[dict], max_width: int = 70) -> str:
    if not rows:
        return "(none)"
    if len(rows) == 1 and len(rows[0]) > 6:  # a single record reads better vertically
        width = max(len(k) for k in rows[0])
        return "\n".join(f"{k.ljust(width)}  {_cell(v, 100)}" for k, v in rows[0].items())
    fields = list(dict.fromkeys(k for r in rows for k in r))
    cells = [[_cell(r.get(f, ""), max_width) for f in fields] for r in rows]
    widths = [max(len(f), *(len(c[i]) for c in cells)) for i, f in enumerate(fields)]
    lines = ["  ".join(f.ljust(w) for f, w in zip(fields, widths, strict=False)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip() for row in cells]
    return "\n".join(lines)


def _cell(v, max_width: int) -> str:
    s = cell(v)
    return s if len(s) <= max_width else s[: max_width - 1] + "…"


def emit(obj, fmt: str, file=None) -> None:
    text = render(obj, fmt)
    print(text, file=file or sys.stdout)


# --- rows ------------------------------------------------------------------------------------

VERDICT_COLUMNS = ("claim", "said_by", "verdict", "confidence", "conflicting", "source", "date", "evidence", "why")
REPORT_COLUMNS = VERDICT_COLUMNS + ("sentence", "start", "end", "entailment", "contradiction", "evidence_all")
FLAG_COLUMNS = ("id", "status", "kind", "claim", "side_a", "side_b")
DOCUMENT_COLUMNS = ("id", "title", "source", "published", "passages")
SEARCH_COLUMNS = ("rank", "score", "source", "date", "doc", "title", "passage")
HISTORY_COLUMNS = ("when", "status", "reviewer", "note")
CHECK_COLUMNS = ("id", "when", "kind", "title", "claims", "supported", "contradicted", "unverified", "conflicting",
                 "flags")


def verdict_row(v) -> dict:
    """A verdict with its most decisive passage."""
    top = v.evidence[0] if v.evidence else None
    return dict(zip(VERDICT_COLUMNS, (
        v.claim.text, v.claim.attribution, v.label.value, v.confidence, "yes" if v.conflicting else "",
        top.source if top else "", top.published if top else "", top.text if top else "", why(v))))


def why(v) -> str:
    """What the consistency checks found in the passages that decide a verdict: the details that differ
    (a number, date, time, name, direction, opposite verb or negation), else those that agree, else what NLI said; then the
    claim's own note, if it has one (a pronoun left as written)."""
    return "; ".join(x for x in (_evidence_says(v), v.claim.note) if x)


def _evidence_says(v) -> str:
    deciding = [v.evidence[i] for i in v.conflict] if v.conflict else v.evidence[:1]
    against = [c.explanation for e in deciding for c in e.disagreements]
    if against:
        return "; ".join(dict.fromkeys(against))
    agreeing = [c.explanation for e in deciding for c in e.checks if c.agrees]
    if agreeing:
        return "; ".join(dict.fromkeys(agreeing))
    said = [f"{e.source or 'a passage'} {e.stance} it (NLI {max(e.scores):.2f})" for e in deciding
            if e.stance in ("supports", "contradicts")]
    return "; ".join(said)


def report_rows(verdicts) -> list[dict]:
    """The CSV layout of a report: each verdict row, where its claim stands, and every passage scored."""
    rows = []
    for v in verdicts:
        top = v.evidence[0] if v.evidence else None
        rows.append({**verdict_row(v), "sentence": v.claim.sentence, "start": v.claim.start, "end": v.claim.end,
                     "entailment": top.entailment if top else "", "contradiction": top.contradiction if top else "",
                     "evidence_all": [{"source": e.source, "date": e.published, "text": e.text, "stance": e.stance,
                                       "entailment": e.entailment, "contradiction": e.contradiction,
                                       "checks": [c.explanation for c in e.disagreements]}
                                      for e in v.evidence]})
    return rows


def summary(report) -> str:
    """One line about a checked article."""
    c = report.counts()
    return (f"{len(report.verdicts)} claims: {c['supported']} supported, {c['contradicted']} contradicted, "
            f"{c['unverified']} unverified, {c['conflicting']} with conflicting sources; {len(report.flags)} flags; "
            f"{len(report.dropped)} sentences or parts not checked; {report.timings.get('total_s', 0):.1f} s")


def flag_row(f) -> dict:
    return dict(zip(FLAG_COLUMNS, (f.id, f.status, f.kind, f.claim, f"{f.side_a.source}: {f.side_a.text}",
                                   f"{f.side_b.source}: {f.side_b.text}")))


def flag_counts(counts: dict[str, int]) -> str:
    """"open 3 · confirmed 1 · dismissed 0 · needs follow-up 0"."""
    return " · ".join(f"{status.replace('follow_up', 'follow-up').replace('_', ' ')} {n}" for status, n in counts.items())


def history_rows(flag) -> list[dict]:
    return [dict(zip(HISTORY_COLUMNS, (r.created_at, r.status, r.reviewer, r.note))) for r in flag.history]


def check_row(c) -> dict:
    return dict(zip(CHECK_COLUMNS, (c.id, c.created_at, c.kind, c.title, c.claims, c.supported, c.contradicted,
                                    c.unverified, c.conflicting, c.flags)))


def document_row(d) -> dict:
    return dict(zip(DOCUMENT_COLUMNS, (d.id, d.title, d.source, d.published, d.passages)))


def search_row(h) -> dict:
    p = h.passage
    return dict(zip(SEARCH_COLUMNS, (h.rank, h.score, p.source, p.published, p.document_id, p.title, p.text)))


def cell(v) -> str:
    """A value as a table shows it: floats to 3 decimals, None as empty, white space folded."""
    if isinstance(v, float):
        v = f"{v:.3f}"
    return " ".join(str("" if v is None else v).split())


def values(rows: list[dict]) -> list[list[str]]:
    """Rows as lists of cells, for a table widget whose headers are the same columns."""
    return [[cell(v) for v in row.values()] for row in rows]


# --- explanations and HTML (every value escaped) -------------------------------------------------


def differing_words(a: str, b: str) -> tuple[set[int], set[int]]:
    """Positions of the words that disagree between two statements: in the parts one has and the other
    lacks, the words that carry facts (holding a digit, or capitalised past the first word)."""
    wa, wb = re.findall(r"\S+", a), re.findall(r"\S+", b)
    key = lambda w: re.sub(r"\W", "", w.lower())  # noqa: E731
    ka, kb = [key(w) for w in wa], [key(w) for w in wb]
    marked_a, marked_b = set(), set()
    factual = lambda words, i: bool(re.search(r"\d", words[i])) or (i > 0 and words[i][:1].isupper())  # noqa: E731
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ka, b=kb, autojunk=False).get_opcodes():
        if tag != "equal":  # in the parts that differ, the facts the other side does not state at all
            marked_a |= {i for i in range(i1, i2) if factual(wa, i) and ka[i] not in kb}
            marked_b |= {j for j in range(j1, j2) if factual(wb, j) and kb[j] not in ka}
    return marked_a, marked_b


def explanation(claim: str, e) -> str:
    """Why a passage stands where it does: the NLI scores and what the consistency checks found (the
    details that differ, else those that agree). Evidence stored before the checks existed gets the
    numbers that differ between the two texts instead."""
    line = f"NLI: entailment {e.entailment:.2f}, contradiction {e.contradiction:.2f}"
    against = [c.explanation for c in e.disagreements]
    if against:
        return f"{line}; {'; '.join(against)}"
    # what keeps a passage from supporting the claim is said where NLI leans to it
    cannot = [e.overruled] if e.overruled else []
    cannot += [c.explanation for c in e.checks if c.kind in NOTE_KINDS and e.leans]
    if cannot:
        line += f"; cannot support it: {'; '.join(cannot)}"
    if e.checks:
        agreeing = [c.explanation for c in e.checks if c.agrees and c.kind not in NOTE_KINDS]
        differing = [c.explanation for c in e.checks if not c.agrees]  # in a passage about something else
        return line + "".join([f"; agrees: {'; '.join(agreeing)}" if agreeing else "",
                               f"; differs, but the passage is about something else: {'; '.join(differing)}"
                               if differing else ""])
    words_c, words_e = re.findall(r"\S+", claim), re.findall(r"\S+", e.text)
    pc, pe = differing_words(claim, e.text)
    pc = {i for i in pc if re.search(r"\d", words_c[i])}
    pe = {i for i in pe if re.search(r"\d", words_e[i])}
    if pc and pe:
        theirs = ", ".join(words_e[i].strip(".,;:") for i in sorted(pe))
        ours = ", ".join(words_c[i].strip(".,;:") for i in sorted(pc))
        line += f"; the passage says {theirs} where the claim says {ours}"
    return line


STANCE_BADGE = {"supports": "SUPPORTS", "contradicts": "CONTRADICTS", "neutral": "NEUTRAL", "": "SCORED"}
CARD_STYLE = """<style>
.cc-card{border:1px solid #ddd;border-left:6px solid #9e9e9e;border-radius:6px;padding:8px 12px;margin:8px 0}
.cc-supports{border-left-color:#2e7d32}.cc-contradicts{border-left-color:#c62828}
.cc-head{font-weight:600}.cc-badge{float:right;font-size:12px;padding:1px 6px;border-radius:4px;color:#fff;background:#9e9e9e}
.cc-supports .cc-badge{background:#2e7d32}.cc-contradicts .cc-badge{background:#c62828}
.cc-text{margin:6px 0}.cc-text mark{background:#fff3c4}.cc-why{font-size:13px;color:#444}.cc-ref{font-size:12px;color:#777}
.cc-grid{border-collapse:collapse;font-size:13px}.cc-grid td:first-child{min-width:280px;max-width:520px}.cc-grid th,.cc-grid td{border:1px solid #ddd;padding:3px 6px}
.cc-grid td.supports{background:#c8e6c9}.cc-grid td.contradicts{background:#ffcdd2}.cc-grid td.neutral{background:#f5f5f5}
.cc-bar{display:inline-block;height:14px;vertical-align:middle}
</style>"""


def evidence_cards_html(claim: str, evidence) -> str:
    """One card a passage: source and date, a stance badge with its probability, the deciding sentence marked
    inside its neighbours, why, and where it is. Every value is escaped: evidence is untrusted text."""
    esc = html.escape
    cards = []
    for e in evidence:
        s, t = e.sentence_in_context
        prob = e.entailment if e.stance == "supports" else e.contradiction if e.stance == "contradicts" else \
            max(e.entailment, e.contradiction)
        cards.append(
            f'<div class="cc-card cc-{esc(e.stance)}"><div class="cc-head">{esc(e.source or "unknown source")} · '
            f'{esc(e.published or "undated")}<span class="cc-badge">{STANCE_BADGE.get(e.stance, "SCORED")} '
            f'{prob:.2f}</span></div>'
            f'<div class="cc-text">{esc(e.context[:s])}<mark>{esc(e.context[s:t])}</mark>{esc(e.context[t:])}</div>'
            f'<div class="cc-why">{esc(explanation(claim, e))}</div>'
            f'<div class="cc-ref">{esc(e.title or "untitled")} · document {e.document_id}, characters '
            f'{e.start}-{e.end}</div></div>')
    return CARD_STYLE + ("".join(cards) or "<p>No evidence found.</p>")


def agreement(report) -> tuple[list[str], list[tuple[str, dict[str, str]]]]:
    """Who says what: the sources, and for each claim each source's stance (the strongest of its passages)."""
    rank = {"contradicts": 2, "supports": 1, "neutral": 0}
    sources: dict[str, int] = {}
    rows = []
    for v in report.verdicts:
        cells: dict[str, str] = {}
        for e in v.evidence:
            src = e.source or f"document {e.document_id}"
            sources[src] = sources.get(src, 0) + (e.stance in ("supports", "contradicts"))
            if rank.get(e.stance, 0) >= rank.get(cells.get(src, ""), -1):
                cells[src] = e.stance or "neutral"
        rows.append((v.claim.text, cells))
    ordered = sorted(sources, key=lambda s: (-sources[s], s))
    return ordered, rows


def agreement_html(report, max_sources: int = 12) -> str:
    """A claims × sources grid coloured by stance, so an editor sees at a glance who disagrees."""
    esc = html.escape
    sources, rows = agreement(report)
    sources = sources[:max_sources]
    head = "".join(f"<th>{esc(s)}</th>" for s in sources)
    body = "".join(
        f"<tr><td>{esc(claim)}</td>" + "".join(
            f'<td class="{esc(cells.get(s, ""))}" title="{esc(s)}">{esc(cells.get(s, ""))}</td>' for s in sources)
        + "</tr>" for claim, cells in rows if any(cells.get(s) in ("supports", "contradicts") for s in sources))
    return CARD_STYLE + (f'<table class="cc-grid"><tr><th>claim</th>{head}</tr>{body}</table>' if body
                         else "<p>No source supports or contradicts a claim of this article.</p>")


def counts_html(report) -> str:
    """A small bar chart of verdict counts."""
    c = report.counts()
    colours = {"supported": "#2e7d32", "contradicted": "#c62828", "unverified": "#9e9e9e", "conflicting": "#f9a825"}
    top = max(c.values()) or 1
    bars = "".join(f'<div>{name} {n} <span class="cc-bar" style="width:{int(200 * n / top)}px;'
                   f'background:{colours[name]}"></span></div>' for name, n in c.items())
    return CARD_STYLE + bars


def report_html(report) -> str:
    """A standalone, printable HTML report of a check, for an editor: every value escaped."""
    esc = html.escape
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{esc(report.title or 'Crosscheck report')}"
             f"</title>{CARD_STYLE}</head><body><h1>{esc(report.title or 'Crosscheck report')}</h1>",
             f"<p>{esc(summary(report))}</p>", counts_html(report), "<h2>Who says what</h2>", agreement_html(report)]
    for i, v in enumerate(report.verdicts, start=1):
        said = f" ({esc(v.claim.attribution)})" if v.claim.attribution else ""
        parts.append(f"<h2>{i}. {esc(v.label.value)}{' · conflicting sources' if v.conflicting else ''} · "
                     f"{v.confidence:.2f}</h2><p><b>{esc(v.claim.text)}</b>{said}</p>")
        parts.append(evidence_cards_html(v.claim.text, v.evidence))
    if report.flags:
        parts.append("<h2>Flags</h2><ul>" + "".join(
            f"<li>{esc(f.kind)} [{esc(f.status)}]: {esc(f.side_a.source)}: {esc(f.side_a.text)} / "
            f"{esc(f.side_b.source)}: {esc(f.side_b.text)}</li>" for f in report.flags) + "</ul>")
    if report.provenance:
        p = report.provenance
        parts.append(f"<p class='cc-ref'>{esc(p.nli_model)} ({esc(p.nli_sha256[:12])}), {esc(p.embedder)}, "
                     f"{esc(p.precision)}; {esc(p.index_state)}; {esc(p.created_at)}</p>")
    return "".join(parts) + "</body></html>"


def report_file(report, fmt: str) -> str:
    """A check as a file: "json" (the whole report), "csv" (one row a claim) or "html" (printable)."""
    if fmt == "json":
        return render(report, "json") + "\n"
    if fmt == "csv":
        return render(report_rows(report.verdicts), "csv") + "\n"
    if fmt == "html":
        return report_html(report)
    raise ValueError(f"unknown report format {fmt!r}; use json, csv or html")
