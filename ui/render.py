"""Pure functions: Crosscheck's dataclasses → values for Gradio components.

Everything user-supplied (documents, claims, notes) goes into components that render text as
text (HighlightedText, Dataframe with ``str`` columns, Textbox, Label, JSON); no HTML is built here.
"""

from __future__ import annotations

from checker import output

VERDICT_COLORS = {"supported": "#2e7d32", "partly supported": "#81c784", "contradicted": "#c62828",
                  "unverified": "#9e9e9e",
                  "supports": "#2e7d32", "contradicts": "#c62828", "neutral": "#9e9e9e", "source": "#1565c0"}


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


def evidence_cards(evidence) -> list[tuple[str, str | None]]:
    """For gr.HighlightedText: each passage with its deciding sentence highlighted by stance."""
    out: list[tuple[str, str | None]] = []
    for e in evidence:
        head = (f"{e.source or 'unknown source'} · {e.published or 'undated'} · {e.title} · "
                f"entailment {e.entailment:.2f} / neutral {e.neutral:.2f} / contradiction {e.contradiction:.2f}\n")
        s, t = e.sentence_in_context
        out.append((head, "source"))
        if e.context[:s]:
            out.append((e.context[:s], None))
        out.append((e.context[s:t], e.stance))
        out.append((e.context[t:] + "\n\n", None))
    return out


def claim_rows(verdicts) -> list[list]:
    rows = output.values([output.verdict_row(v) for v in verdicts])
    return [[str(i), *row] for i, row in enumerate(rows, start=1)]


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


def flag_side(side) -> str:
    scores = "" if side.entailment is None else (
        f"\nentailment {side.entailment:.2f} · neutral {side.neutral or 0:.2f} · contradiction {side.contradiction:.2f}")
    where = f"document {side.document_id}, characters {side.start}-{side.end}" if side.document_id else (
        f"the article, characters {side.start}-{side.end}")
    return f"{side.role}\n{side.source or 'unknown source'} · {side.published or 'undated'} · {where}{scores}\n\n{side.text}"


def history_rows(flag) -> list[list]:
    return output.values(output.history_rows(flag))


def search_rows(hits) -> list[list]:
    return output.values([output.search_row(h) for h in hits])


def stats_rows(stats) -> list[list]:
    return [[k, str(v)] for k, v in output.to_data(stats).items()]
