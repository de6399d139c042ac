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
import enum
import io
import json
import sys

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

VERDICT_COLUMNS = ("claim", "said_by", "verdict", "confidence", "conflicting", "source", "date", "evidence")
REPORT_COLUMNS = VERDICT_COLUMNS + ("sentence", "start", "end", "entailment", "contradiction", "evidence_all")
FLAG_COLUMNS = ("id", "status", "kind", "claim", "side_a", "side_b")
DOCUMENT_COLUMNS = ("id", "title", "source", "published", "passages")
SEARCH_COLUMNS = ("rank", "score", "source", "date", "doc", "title", "passage")
HISTORY_COLUMNS = ("when", "status", "reviewer", "note")


def verdict_row(v) -> dict:
    """A verdict with its most decisive passage."""
    top = v.evidence[0] if v.evidence else None
    return dict(zip(VERDICT_COLUMNS, (
        v.claim.text, v.claim.attribution, v.label.value, v.confidence, "yes" if v.conflicting else "",
        top.source if top else "", top.published if top else "", top.text if top else "")))


def report_rows(verdicts) -> list[dict]:
    """The CSV layout of a report: each verdict row, where its claim stands, and every passage scored."""
    rows = []
    for v in verdicts:
        top = v.evidence[0] if v.evidence else None
        rows.append({**verdict_row(v), "sentence": v.claim.sentence, "start": v.claim.start, "end": v.claim.end,
                     "entailment": top.entailment if top else "", "contradiction": top.contradiction if top else "",
                     "evidence_all": [{"source": e.source, "date": e.published, "text": e.text, "stance": e.stance,
                                       "entailment": e.entailment, "contradiction": e.contradiction}
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
