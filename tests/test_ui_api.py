"""Every UI endpoint through gradio_client against a launched app (the real models, the demo corpus)."""

import pytest

from tests.conftest import has_nli_model

pytestmark = [pytest.mark.model, pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")]


@pytest.fixture(scope="module")
def app(demo_workspace, embedder, tmp_path_factory):
    import shutil

    from gradio_client import Client

    from checker.nli import load_nli
    from ui.app import CheckerPool, build_app

    path = tmp_path_factory.mktemp("ui") / "ws"
    shutil.copytree(demo_workspace, path)
    pool = CheckerPool(path, load_nli(), embedder)
    demo = build_app(pool)
    demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    try:
        yield Client(demo.local_url, verbose=False), pool
    finally:
        demo.close()


def test_check_claim_matches_the_python_api(app):
    client, pool = app
    claim = "Zelenskiy called for an immediate 30-day ceasefire."
    badge, cards = client.predict(claim, api_name="/check_claim")
    verdict = pool.get().check_claim(claim, store=False)
    assert badge["label"].startswith(verdict.label.value)
    from checker import output

    assert cards == output.evidence_cards_html(verdict.claim.text, verdict.evidence)  # the same cards as the API's
    top = verdict.evidence[0]
    assert f'<div class="cc-card cc-{top.stance}">' in cards and f"<mark>{top.text}</mark>" in cards


def test_check_article_text_and_upload(app, tmp_path, seed_article):
    client, _ = app
    summary, article, table, files, chart, grid, check_id, left_out = client.predict(
        seed_article, None, api_name="/check_article")
    assert "claims:" in summary and "supported " in chart
    reasons = {row[1] for row in left_out["data"]}
    assert "question" not in reasons and "boilerplate" in reasons  # what was left out, and why
    assert any(r.startswith("prediction (A source familiar with the March 2022 Istanbul talks)") for r in reasons)
    labelled = [s for s in article if s["class_or_confidence"]]
    marks = {s["class_or_confidence"] for s in labelled}
    assert labelled and marks <= {"supported", "partly supported", "contradicted", "unverified"}
    assert any("07:00 GMT" in row[1] for row in table["data"])
    assert sorted(f.rsplit(".", 1)[1] for f in files) == ["csv", "html", "json"]
    # who says what: TASS's report and a source that disputes the time on opposite sides of the start-time claim
    row = next(r for r in grid.split("<tr>") if "The talks would begin at 07:00 GMT." in r)
    header = [h.split("</th>")[0] for h in grid.split("<th>")[1:]]
    cells = [c.split('"')[1] for c in row.split("<td class=")[1:]]
    assert dict(zip(header[1:], cells))["Eastern Dispatch"] == "supports"
    stances = dict(zip(header[1:], cells))
    assert "contradicts" in (stances.get("Levant Courier"), stances.get("Dnipro Ledger")), stances
    number = next(int(r[0]) for r in table["data"] if r[1] == "The talks would begin at 07:00 GMT.")
    badge, cards = client.predict(check_id, number, api_name="/claim_evidence")
    assert "conflicting" in badge["label"] and "Eastern Dispatch · 2025-05-15" in cards

    from gradio_client import handle_file

    upload = tmp_path / "article.md"
    upload.write_text("---\ntitle: Short\n---\nZelenskiy called for an immediate 30-day ceasefire with Russia.\n")
    summary, _, table, *_ = client.predict("", handle_file(str(upload)), api_name="/check_article")
    assert summary.startswith("1 claims") and table["data"][0][3] in ("supported", "contradicted", "unverified")


def test_flags_show_and_set(app, seed_article):
    client, pool = app
    pool.get().check_article(seed_article)
    counts, table = client.predict("open", "all", "", "", "", api_name="/flags")
    assert table["data"], "checking the seed article should raise flags"
    assert counts == f"open {len(table['data'])} · confirmed 0 · dismissed 0 · needs follow-up 0"
    _, by_source = client.predict("open", "all", "levant", "", "", api_name="/flags")
    assert by_source["data"] and all("Levant" in row[4] + row[5] for row in by_source["data"])
    assert len(by_source["data"]) < len(table["data"])
    flag_id = int(table["data"][0][0])
    title, side_a, side_b, history = client.predict(flag_id, api_name="/flag")
    assert title.startswith(f"Flag {flag_id} · ")
    flag = pool.get().flags.get(flag_id)
    assert "".join(t["token"] for t in side_a[1:]) == flag.side_a.text  # the text, as text
    assert "".join(t["token"] for t in side_b[1:]) == flag.side_b.text
    out = client.predict(flag_id, "dismissed", "not a real conflict", "tester", "open", "all", "", "", "",
                         api_name="/set_flag")
    assert "dismissed" in out[0] and out[3]["data"][-1][1:] == ["dismissed", "tester", "not a real conflict"]
    assert out[5].startswith("open ") and " dismissed 1 " in out[5]
    assert pool.get().flags.get(flag_id).status == "dismissed"


def test_evidence_add_stats_search(app, tmp_path):
    from gradio_client import handle_file

    client, _ = app
    doc = tmp_path / "new.md"
    doc.write_text("---\ntitle: Harbour crane collapse\nsource: Port Gazette\ndate: 2025-05-20\n---\n"
                   "A harbour crane collapsed in Rotterdam on Tuesday, injuring no one.\n")
    message, stats = client.predict([handle_file(str(doc))], api_name="/add_documents")
    assert message.startswith("Added 1 documents")
    assert dict(stats["data"])["documents"] == "44"
    results = client.predict("crane accident in a Dutch port", 3, "", "", "", api_name="/search")
    assert results["data"][0][2] == "Port Gazette"
    filtered = client.predict("crane accident in a Dutch port", 3, "Dnipro Ledger", "", "2025-05-15", api_name="/search")
    assert filtered["data"] and {row[2] for row in filtered["data"]} == {"Dnipro Ledger"}
    assert dict(client.predict(api_name="/stats")["data"])["documents"] == "44"


def test_user_errors_come_back_as_messages(app, tmp_path):
    from gradio_client import handle_file

    client, _ = app
    with pytest.raises(Exception, match="the claim is empty"):
        client.predict("   ", api_name="/check_claim")
    bad = tmp_path / "table.xlsx"
    bad.write_bytes(b"PK")
    with pytest.raises(Exception, match="is not accepted|[Ii]nvalid file type"):
        client.predict([handle_file(str(bad))], api_name="/add_documents")
    with pytest.raises(Exception, match="no flag with id 999"):
        client.predict(999, api_name="/flag")


def test_documents_listed_filtered_and_removed(app):
    client, pool = app
    table = client.predict("eurovision", api_name="/documents")
    [row] = table["data"]  # matched by its file name, 52-eurovision.md
    assert pool.get().workspace.document(int(row[0])).path.endswith("52-eurovision.md")
    before = pool.get().workspace.stats().documents
    message, remaining, stats, chosen = client.predict(int(row[0]), "eurovision", api_name="/remove_document")
    assert message.startswith(f"Removed document {row[0]}: ") and remaining["data"] in ([], [["", "", "", "", ""]])
    assert dict(stats["data"])["documents"] == str(before - 1) and chosen is None
    with pytest.raises(Exception, match=f"no document with id {row[0]}"):
        client.predict(int(row[0]), "", api_name="/remove_document")


def test_past_checks_are_listed_and_reopened(app):
    client, pool = app
    report = pool.get().check_article("Zelenskiy called for an immediate 30-day ceasefire.\n")
    table = client.predict(api_name="/checks")
    assert int(table["data"][0][0]) == report.check_id and table["data"][0][2] == "article"
    summary, _, claims, files, *_ = client.predict(report.check_id, api_name="/reopen_check")
    assert summary.startswith("1 claims: 1 supported") and claims["data"][0][3] == "supported"
    html = open(next(f for f in files if f.endswith(".html")), encoding="utf-8").read()
    assert html.startswith("<!doctype html>") and "Zelenskiy called for an immediate 30-day ceasefire." in html
    with pytest.raises(Exception, match="no check with id 99999"):
        client.predict(99999, api_name="/reopen_check")


def test_a_long_article_does_not_hold_up_a_claim(app, seed_article):
    """Single claims have their own lane: one comes back while a long article is still being checked."""
    import time

    client, _ = app
    long_article = "\n\n".join([seed_article] * 16)
    job = client.submit(long_article, None, api_name="/check_article")
    time.sleep(1.0)  # the article check is under way
    start = time.perf_counter()
    badge, _ = client.predict("Zelenskiy called for an immediate 30-day ceasefire.", api_name="/check_claim")
    took = time.perf_counter() - start
    assert badge["label"].startswith("supported")
    assert not job.done(), f"the article finished first; the claim took {took:.1f} s"
    job.result(timeout=600)
