"""Pure functions: Crosscheck's dataclasses → values for Gradio components.

Everything user-supplied (documents, claims, notes) goes into components that render text as
text (HighlightedText, Dataframe with ``str`` columns, Textbox, Label, JSON); no HTML is built here.
"""

from __future__ import annotations

import re

from checker import output

VERDICT_COLORS = {"supported": "#2e7d32", "partly supported": "#81c784", "contradicted": "#c62828",
                  "unverified": "#9e9e9e",
                  "supports": "#2e7d32", "contradicts": "#c62828", "neutral": "#9e9e9e", "source": "#1565c0",
                  "differs": "#f9a825"}


def headers(columns) -> list[str]:
    return [c.replace("_", " ") for c in columns]


CLAIM_HEADERS = ["#", *headers(output.VERDICT_COLUMNS)]
FLAG_HEADERS = headers(output.FLAG_COLUMNS)
SEARCH_HEADERS = headers(output.SEARCH_COLUMNS)
HISTORY_HEADERS = headers(output.HISTORY_COLUMNS)


def verdict_badge(verdict) -> dict:
    """For gr.Label: the verdict and its confidence (the other two labels share the rest)."""
    label = verdict.label.value
    title = f"{label} (conflicting sources)" if verdict.conflicting else label
    return {title: verdict.confidence}


def claim_rows(verdicts) -> list[list]:
    rows = output.values([output.verdict_row(v) for v in verdicts])
    return [[str(i), *row] for i, row in enumerate(rows, start=1)]


DROPPED_HEADERS = ["sentence", "why it was not checked"]


def dropped_rows(dropped) -> list[list]:
    """The sentences (or parts) left out, with the reason: a question, an opinion and whose, ..."""
    return [[d.sentence, d.reason] for d in dropped]


def sentence_label(labels: list[str]) -> str:
    """One mark for a sentence checked as several claims: contradicted if any part is, supported only
    if every part is, partly supported if some are, unverified otherwise."""
    if "contradicted" in labels:
        return "contradicted"
    if all(label == "supported" for label in labels):
        return "supported"
    return "partly supported" if "supported" in labels else "unverified"


def highlighted_article(text: str, verdicts) -> list[tuple[str, str | None]]:
    """The article with each checked sentence marked by its verdict (see :func:`sentence_label`)."""
    parts: dict[tuple[int, int], list[str]] = {}
    for v in verdicts:
        parts.setdefault((v.claim.start, v.claim.end), []).append(v.label.value)
    spans = {key: sentence_label(labels) for key, labels in parts.items()}
    out, pos = [], 0
    for (start, end), label in sorted(spans.items()):
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], label))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def flag_rows(flags) -> list[list]:
    return output.values([output.flag_row(f) for f in flags])


def history_rows(flag) -> list[list]:
    return output.values(output.history_rows(flag))


def marked(text: str, positions: set[int]) -> list[tuple[str, str | None]]:
    """``text`` for gr.HighlightedText, the words at ``positions`` marked "differs"."""
    out, n = [], 0
    for piece in re.findall(r"\S+|\s+", text):
        if piece.isspace():
            out.append((piece, None))
            continue
        out.append((piece, "differs" if n in positions else None))
        n += 1
    return out


def flag_sides(flag) -> tuple[list, list]:
    """Both sides of a flag for gr.HighlightedText: a header, then the text with the differing words marked."""
    a, b = flag.side_a, flag.side_b
    pa, pb = output.differing_words(a.text, b.text)
    return ([(flag_side_header(a), "source")] + marked(a.text, pa),
            [(flag_side_header(b), "source")] + marked(b.text, pb))


def flag_side_header(side) -> str:
    scores = "" if side.entailment is None else (
        f" · entailment {side.entailment:.2f} · contradiction {side.contradiction:.2f}")
    where = f"document {side.document_id}" if side.document_id else "the article"
    return f"{side.role} · {side.source or 'unknown source'} · {side.published or 'undated'} · {where}{scores}\n"


def flag_title(flag) -> str:
    return f"Flag {flag.id} · {flag.kind.replace('_', ' ')} · {flag.status.replace('_', ' ')} · {flag.claim}"


def document_rows(documents) -> list[list]:
    return output.values([output.document_row(d) for d in documents])


DOCUMENT_HEADERS = headers(output.DOCUMENT_COLUMNS)
CHECK_HEADERS = headers(output.CHECK_COLUMNS)


def check_rows(checks) -> list[list]:
    return output.values([output.check_row(c) for c in checks])


def search_rows(hits) -> list[list]:
    return output.values([output.search_row(h) for h in hits])


def stats_rows(stats) -> list[list]:
    return [[k, str(v)] for k, v in output.to_data(stats).items()]
