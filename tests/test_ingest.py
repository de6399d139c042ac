import json

import pytest

from index import ingest
from index.errors import IngestError
from index.ingest import read_documents
from tests.pdf import make_pdf


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_markdown_front_matter_becomes_metadata(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: Talks\nsource: Wire\ndate: 2025-05-15\nauthor: Desk\nurl: https://x.test/a\n---\nBody text here.\n")
    [doc] = read_documents(path)
    assert (doc.title, doc.source, doc.published, doc.author, doc.url) == ("Talks", "Wire", "2025-05-15", "Desk", "https://x.test/a")
    assert doc.text == "Body text here."
    assert len(doc.content_hash) == 64


def test_plain_text_title_is_its_first_line(tmp_path):
    [doc] = read_documents(write(tmp_path, "b.txt", "Headline here\n\nThe story. More story.\r\n"))
    assert doc.title == "Headline here"
    assert "\r" not in doc.text


@pytest.mark.parametrize("text, title", [
    ("# Port strike ends\nDock workers agreed to a truce.", "Port strike ends"),  # a Markdown heading
    ("Port strike ends\n\nDock workers agreed to a truce.", "Port strike ends"),  # short, then a blank line
    ("Dock workers agreed to a truce.\n\nThe strike ended.", ""),  # a sentence, not a title
    ("Port strike ends\nDock workers agreed to a truce.", ""),  # no blank line after it
    (("A very long first line that goes on and on about the port and the strike and the union " * 2)
     + "\n\nMore.", ""),
])
def test_a_first_line_is_a_title_only_when_it_looks_like_one(tmp_path, text, title):
    [doc] = read_documents(write(tmp_path, "a.md", text))
    assert doc.title == title


def test_a_headline_is_the_title_not_a_passage(workspace, tmp_path):
    workspace.add([write(tmp_path, "strike.txt", "Port strike ends\n\nDock workers agreed to a 30-day truce. "
                                                 "The union said the strike would resume in June.\n")])
    [doc] = workspace.documents()
    assert doc.title == "Port strike ends" and doc.passages == 2
    hits = workspace.search("Port strike ends", top_k=5)
    assert hits and all(h.passage.text != "Port strike ends" for h in hits)


def test_html_keeps_the_text_not_the_markup(tmp_path):
    html = """<html><head><title>Kremlin list</title><script>var x = "do not index";</script></head>
    <body><nav>Home | World</nav><article><h1>Kremlin names team</h1>
    <p>The Kremlin named its delegation late on Wednesday. Vladimir Medinsky will lead it.</p>
    <p>Putin is not on the list, which surprised many diplomats in Istanbul this week.</p></article></body></html>"""
    [doc] = read_documents(write(tmp_path, "c.html", html))
    assert "Medinsky will lead it" in doc.text
    assert "<p>" not in doc.text and "do not index" not in doc.text


def test_pdf_text_is_extracted(tmp_path):
    pdf = make_pdf(["Russian forces hold about a fifth of Ukraine.", "Kyiv rejects the demands."], title="Front lines")
    [doc] = read_documents(write(tmp_path, "d.pdf", pdf))
    assert "about a fifth of Ukraine" in doc.text
    assert doc.title == "Front lines"


def test_jsonl_rows_keep_metadata_and_bad_rows_are_reported(tmp_path):
    rows = [
        json.dumps({"text": "First claim text.", "source": "A", "date": "2025-05-14", "lang": "en"}),
        "{not json",
        json.dumps({"body": "Second text.", "title": "T2"}),
        json.dumps({"source": "no text"}),
        json.dumps({"text": "Bad date.", "date": "yesterday"}),
    ]
    problems = []
    docs = read_documents(write(tmp_path, "e.jsonl", "\n".join(rows)), problems)
    assert [d.text for d in docs] == ["First claim text.", "Second text."]
    assert docs[0].source == "A" and docs[0].published == "2025-05-14" and docs[0].extra == {"lang": "en"}
    assert [p.row for p in problems] == [2, 4, 5]
    assert "not valid JSON" in str(problems[0]) and "no text field" in str(problems[1]) and "date" in str(problems[2])


def test_csv_rows(tmp_path):
    problems = []
    data = "text,source,date\nOne sentence.,Wire,2025-05-15\n,Wire,2025-05-15\nTwo,Post,2025-05-16,extra\n"
    docs = read_documents(write(tmp_path, "f.csv", data), problems)
    assert [(d.text, d.source) for d in docs] == [("One sentence.", "Wire")]
    assert [p.row for p in problems] == [3, 4]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"   \n\n", "has no text"),
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("latin1.txt", "Caf\u00e9 au lait".encode("latin-1"), "not valid UTF-8"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'"),
        ("bad.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
        ("allbad.jsonl", b"{oops\n[1,2]\n", "has no usable rows"),
    ],
)
def test_bad_files_raise_one_clear_error(tmp_path, name, data, message):
    with pytest.raises(IngestError, match=message) as e:
        read_documents(write(tmp_path, name, data))
    assert "\n" not in str(e.value)


def test_missing_path(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_documents(tmp_path / "nope.txt")


def test_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    with pytest.raises(IngestError, match="the limit is"):
        read_documents(write(tmp_path, "big.txt", "x" * 200))


def test_folders_expand_to_supported_files_only(tmp_path):
    write(tmp_path, "a.txt", "A.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.md", "B.")
    write(tmp_path, "c.bin", "C")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "d.txt", "D.")
    assert [p.name for p in ingest.expand_paths([tmp_path])] == ["a.txt", "b.md"]


def test_dates_are_normalised():
    assert ingest.normalise_date("2025-05-15T07:00:00Z") == "2025-05-15"
    assert ingest.normalise_date("2025-05") == "2025-05"
    with pytest.raises(IngestError):
        ingest.normalise_date("2025-13-01")
