"""Files → :class:`Document` objects. One reader per format, chosen from ``READERS``.

Readers return text plus metadata; they never touch the workspace. Anything a user can get
wrong (missing path, empty or binary file, bad encoding, unsupported type, too large,
malformed rows) raises :class:`IngestError` with a one-line reason. Bad rows of a JSONL or
CSV file are reported in ``Document``-less :class:`RowProblem` items and the good rows kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.errors import IngestError
from index.settings import MAX_FILE_BYTES, MAX_TITLE_CHARS

TEXT_FIELDS = ("text", "body", "content", "abstract", "evidence")
META_FIELDS = ("source", "title", "url", "date", "published", "author")


@dataclass(frozen=True)
class Document:
    text: str
    source: str = ""
    title: str = ""
    url: str = ""
    published: str = ""  # ISO date, YYYY-MM-DD, or ""
    author: str = ""
    path: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RowProblem:
    path: str
    row: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: row {self.row}: {self.reason}"


def normalise_date(value: str, where: str = "") -> str:
    """Accept YYYY, YYYY-MM, YYYY-MM-DD or a full ISO timestamp; return YYYY-MM-DD (or YYYY[-MM])."""
    value = (value or "").strip()
    if not value:
        return ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ].*)?", value)
    if m:
        try:
            if m.group(3):
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            if m.group(2):
                dt.date(int(m.group(1)), int(m.group(2)), 1)
                return f"{m.group(1)}-{m.group(2)}"
            return m.group(1)
        except ValueError:
            pass
    raise IngestError(where or value, f"date {value!r} is not YYYY-MM-DD")


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise IngestError(path, "looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise IngestError(path, f"is not valid UTF-8 (byte {e.start}); convert it to UTF-8 first") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _front_matter(text: str) -> tuple[dict, str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip('"').strip("'")
    return meta, text[m.end() :]


def _document(path: Path, text: str, meta: dict) -> Document:
    text = text.strip()
    if not text:
        raise IngestError(path, "has no text")
    where = str(path)
    return Document(
        text=text,
        source=meta.get("source", ""),
        title=meta.get("title", ""),
        url=meta.get("url", ""),
        published=normalise_date(meta.get("date") or meta.get("published", ""), where),
        author=meta.get("author", ""),
        path=where,
    )


def read_text(path: Path, data: bytes) -> list[Document]:
    meta, body = _front_matter(_decode(path, data))
    if not meta.get("title"):
        meta["title"] = headline(body)
    return [_document(path, body, meta)]


def headline(body: str) -> str:
    """A text's first line when it looks like a title: a Markdown heading, or a short line without a
    final full stop followed by a blank line. Otherwise "" (the first line is the first sentence)."""
    lines = body.strip().split("\n")
    first = lines[0].strip()
    if first.startswith("#"):
        return first.lstrip("# ").strip()[:MAX_TITLE_CHARS]
    followed_by_blank = len(lines) > 1 and not lines[1].strip()
    if followed_by_blank and len(first) <= MAX_TITLE_CHARS and not first.endswith((".", "!", "?", ":", ";", ",")):
        return first
    return ""


def headlines(passages: list[str], title: str) -> set[int]:
    """Positions of the passages that are only the document's headline (metadata, not evidence): equal
    to its title, when the title reads as one (no final full stop) and other passages remain. A title
    that is a sentence (older versions took a .txt's first line, whatever it was) stays a passage."""
    norm = lambda t: " ".join(t.lstrip("# ").split()).lower()  # noqa: E731
    if not title or title.rstrip().endswith((".", "!", "?")):
        return set()
    found = {i for i, p in enumerate(passages) if norm(p) == norm(title)}
    return found if len(found) < len(passages) else set()


def read_html(path: Path, data: bytes) -> list[Document]:
    import trafilatura
    from bs4 import BeautifulSoup

    html = _decode(path, data)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True) or ""
    meta = {}
    found = trafilatura.extract_metadata(html)
    if found:
        meta = {
            "title": found.title or "", "source": found.sitename or "", "url": found.url or "",
            "date": found.date or "", "author": found.author or "",
        }
    if not text.strip():  # trafilatura gives up on very short pages: fall back to the visible text
        soup = BeautifulSoup(html, "html.parser")
        for tag in soup(["script", "style", "noscript", "template"]):
            tag.decompose()
        text = soup.get_text("\n")
        text = re.sub(r"\n\s*\n+", "\n\n", text)
        if soup.title and soup.title.string and not meta.get("title"):
            meta["title"] = soup.title.string.strip()
    try:
        meta["date"] = normalise_date(meta.get("date", ""))
    except IngestError:
        meta["date"] = ""
    return [_document(path, text, meta)]


def read_pdf(path: Path, data: bytes) -> list[Document]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as e:
        raise IngestError(path, f"is not a readable PDF ({e})") from None
    info = reader.metadata or {}
    meta = {"title": str(info.get("/Title") or "") or path.stem, "author": str(info.get("/Author") or "")}
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise IngestError(path, "has no extractable text (a scanned PDF needs OCR first)")
    return [_document(path, text, meta)]


def _row_document(path: Path, row: dict, n: int, problems: list[RowProblem]) -> Document | None:
    if not isinstance(row, dict):
        problems.append(RowProblem(str(path), n, "is not an object"))
        return None
    text_field = next((f for f in TEXT_FIELDS if f in row), None)
    if text_field is None:
        problems.append(RowProblem(str(path), n, f"has no text field (one of: {', '.join(TEXT_FIELDS)})"))
        return None
    text = row[text_field]
    if isinstance(text, list):
        text = " ".join(str(t) for t in text)
    if not isinstance(text, str) or not text.strip():
        problems.append(RowProblem(str(path), n, f"field {text_field!r} is empty"))
        return None
    meta = {k: str(row[k]) for k in META_FIELDS if row.get(k) not in (None, "")}
    try:
        doc = _document(path, text, meta)
    except IngestError as e:
        problems.append(RowProblem(str(path), n, e.reason))
        return None
    extra = {k: v for k, v in row.items() if k != text_field and k not in META_FIELDS}
    return replace(doc, path=f"{path}#{n}", extra=extra)


def read_jsonl(path: Path, data: bytes, problems: list[RowProblem]) -> list[Document]:
    docs = []
    for n, line in enumerate(_decode(path, data).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(RowProblem(str(path), n, f"is not valid JSON ({e.msg})"))
            continue
        doc = _row_document(path, row, n, problems)
        if doc:
            docs.append(doc)
    return docs


def read_csv(path: Path, data: bytes, problems: list[RowProblem]) -> list[Document]:
    text = _decode(path, data)
    reader = csv.DictReader(io.StringIO(text))
    docs = []
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))  # a long article in one cell is a row like any
    try:
        for n, row in enumerate(reader, start=2):  # row 1 is the header
            if None in row:
                problems.append(RowProblem(str(path), n, "has more fields than the header"))
                continue
            doc = _row_document(path, row, n, problems)
            if doc:
                docs.append(doc)
    except csv.Error as e:
        raise IngestError(path, f"is not valid CSV ({e})") from None
    return docs


READERS: dict[str, Callable] = {
    ".txt": read_text, ".md": read_text, ".markdown": read_text,
    ".html": read_html, ".htm": read_html, ".pdf": read_pdf,
    ".jsonl": read_jsonl, ".csv": read_csv,
}
ROW_READERS = {read_jsonl, read_csv}


def read_documents(path: Path, problems: list[RowProblem] | None = None) -> list[Document]:
    """All documents in one file. Row-level problems are appended to ``problems``."""
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "no such file or folder")
    if path.is_dir():
        raise IngestError(path, "is a folder, not a file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(path, f"unsupported file type {path.suffix or '(none)'!r}; supported: {', '.join(READERS)}")
    try:
        size = path.stat().st_size
        if size == 0:
            raise IngestError(path, "is empty")
        if size > MAX_FILE_BYTES:
            raise IngestError(path, f"is {size / 2**20:.1f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(path, f"cannot be read ({e.strerror or e})") from None
    if reader in ROW_READERS:
        problems = problems if problems is not None else []
        docs = reader(path, data, problems)
        if not docs:
            first = f": {problems[0]}" if problems else ""
            raise IngestError(path, f"has no usable rows{first}")
        return docs
    return reader(path, data)


def read_document(path: Path) -> Document:
    """The single document in a text, HTML or PDF file."""
    return read_documents(path)[0]


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files named, and supported files inside folders named (recursively, sorted)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READERS
                          and not any(x.startswith(".") for x in f.relative_to(p).parts))
        else:
            out.append(p)
    return out
