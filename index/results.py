"""Plain, frozen result objects of the index."""

from __future__ import annotations

from dataclasses import dataclass, field


def span_in_context(item) -> tuple[int, int]:
    """Offsets of a passage's sentence inside its ``context`` (for highlighting)."""
    return item.start - item.context_start, item.end - item.context_start


@dataclass(frozen=True)
class Passage:
    """A sentence of a document, its offsets, and its context window (neighbouring sentences)."""

    id: int
    document_id: int
    seq: int
    text: str
    start: int
    end: int
    context: str
    context_start: int
    context_end: int
    source: str = ""
    title: str = ""
    url: str = ""
    published: str = ""
    author: str = ""

    @property
    def sentence_in_context(self) -> tuple[int, int]:
        return span_in_context(self)


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # hybrid: 0..1, dense and BM25 scaled and combined; dense: cosine similarity; lexical: BM25
    rank: int
    dense_score: float | None = None
    lexical_rank: int | None = None


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    title: str
    source: str
    published: str
    url: str
    author: str
    path: str
    content_hash: str
    passages: int
    added_at: str


@dataclass(frozen=True)
class AddReport:
    added: list[DocumentInfo] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (path, id of the existing document)
    problems: list[str] = field(default_factory=list)  # one line each: skipped rows or files


@dataclass(frozen=True)
class Stats:
    workspace: str
    documents: int
    passages: int
    sources: int
    embedder: str
    dimension: int
    vectors: int
    first_date: str
    last_date: str
    database_bytes: int
    vectors_bytes: int
    vector_index: str = "flat"  # "flat" (exact) or "ivf<cells>" (approximate, past ANN_MIN_PASSAGES)
