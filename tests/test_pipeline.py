"""Claims → evidence → verdicts → flags with the real models on the demo corpus."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.pipeline import Checker
from checker.verdict import Label
from index.errors import CrosscheckError
from tests.conftest import has_nli_model

pytestmark = [pytest.mark.model, pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")]


@pytest.fixture(scope="module")
def nli():
    from checker.nli import load_nli

    return load_nli()


@pytest.fixture(scope="module")
def seed_report(demo_workspace, embedder, nli, seed_article, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("seed") / "ws"
    shutil.copytree(demo_workspace, path)
    from index.workspace import Workspace

    checker = Checker(Workspace.open(path, embedder=embedder), nli=nli)
    report = checker.check_article(seed_article)
    yield checker, report
    checker.close()


def verdict_for(report, fragment):
    found = [v for v in report.verdicts if fragment in v.claim.text]
    assert found, f"no claim containing {fragment!r}: {[v.claim.text for v in report.verdicts]}"
    return found[0]


def deciding_sources(verdict, label, t):
    """The sources of the passages that decide a label: those over its threshold, or for a claim the
    fitted aggregator supports from passages none of which clears it alone, the most supportive one."""
    if label == Label.SUPPORTED:
        over = {e.source for e in verdict.evidence if e.scores[0] >= t.support}
        best = max(verdict.evidence, key=lambda e: e.scores[0])
        return over or ({best.source} if best.scores[0] > best.scores[1] else set())
    return {e.source for e in verdict.evidence if e.scores[1] >= t.contradict}


def test_seed_comment_policy_is_not_checked(seed_report):
    _, report = seed_report
    assert not any("comments" in v.claim.sentence for v in report.verdicts)
    assert any("comments posted here" in d.sentence for d in report.dropped)


@pytest.mark.parametrize("fragment, sources", [
    ("30-day ceasefire", {"Harbour Post"}),
    ("March 2022", {"Continental Review"}),
    # the delegation sentence is checked a fact at a time (its subject is interrupted by two asides)
    ("The Russian delegation is led by presidential adviser Vladimir Medinsky", {"Meridian Wire", "Bosphorus Journal"}),
    ("The Russian delegation includes deputy ministers and the head of military intelligence",
     {"Meridian Wire", "Bosphorus Journal"}),
])
def test_seed_claims_supported_by_the_right_sources(seed_report, fragment, sources):
    checker, report = seed_report
    v = verdict_for(report, fragment)
    assert v.label == Label.SUPPORTED, (v.label, [(e.source, e.entailment, e.contradiction) for e in v.evidence])
    assert deciding_sources(v, Label.SUPPORTED, checker.thresholds) & sources
    top = v.evidence[0]
    assert top.published and top.source and top.context[slice(*top.sentence_in_context)] == top.text


def test_seed_delegation_sentence_is_split_but_shown_as_written(seed_report):
    _, report = seed_report
    parts = [v for v in report.verdicts if "Russian delegation, led by" in v.claim.sentence]
    assert len(parts) >= 2 and len({(v.claim.start, v.claim.end) for v in parts}) == 1
    assert all(report.text[v.claim.start : v.claim.end] == v.claim.sentence for v in parts)
    # a part left out by the check-worthiness filter is named, not mistaken for the whole sentence
    left_out = [d for d in report.dropped if d.sentence == parts[0].claim.sentence]
    assert left_out and all(d.reason.startswith("not check-worthy (") and "): The Russian delegation " in d.reason for d in left_out)


def test_seed_start_time_is_contradicted_or_conflicting_citing_both_sides(seed_report):
    from checker.output import why

    checker, report = seed_report
    v = verdict_for(report, "07:00 GMT")
    assert v.claim.speaker == "Russian news agency TASS"
    assert v.label == Label.CONTRADICTED or v.conflicting, v
    pro, con = (v.evidence[i] for i in v.conflict)
    assert pro.source == "Eastern Dispatch" and con.source in ("Levant Courier", "Dnipro Ledger"), (pro, con)
    assert "07:00 GMT" in why(v)  # and it says why: the time one source gives and the other disputes


def test_seed_raises_a_start_time_flag_with_both_sides(seed_report):
    checker, report = seed_report
    start_time = [f for f in report.flags if "07:00" in f.claim or "07:00" in f.side_a.text + f.side_b.text]
    assert start_time, [(f.kind, f.claim) for f in report.flags]
    sides = {s.source for f in start_time for s in (f.side_a, f.side_b)}
    assert "Eastern Dispatch" in sides or "Russian news agency TASS" in sides
    assert "Dnipro Ledger" in sides or "a Ukrainian official" in sides


def test_rechecking_the_article_does_not_duplicate_flags(seed_report, seed_article):
    checker, report = seed_report
    before = len(checker.flags.list())
    again = checker.check_article(seed_article)
    assert {f.id for f in again.flags} == {f.id for f in report.flags}
    assert len(checker.flags.list()) == before


def test_provenance_and_storage(seed_report):
    checker, report = seed_report
    p = report.provenance
    assert p.embedder == "sentence-transformers/all-MiniLM-L6-v2" and len(p.nli_sha256) == 64
    assert "43 documents" in p.index_state
    stored = checker.report(report.check_id)
    assert len(stored.verdicts) == len(report.verdicts)
    assert stored.provenance.nli_model == checker.nli.name


def test_near_miss_is_not_flagged(demo_workspace_copy, embedder, nli):
    """A 30-day truce in a port strike is not Zelenskiy's ceasefire: no conflict between them."""
    from index.workspace import Workspace

    with Checker(Workspace.open(demo_workspace_copy, embedder=embedder), nli=nli) as checker:
        v = checker.check_claim("Dock workers agreed to a 30-day truce in their pay dispute with port operators.")
        assert v.label == Label.SUPPORTED and not v.conflicting
        report = checker.check_article(
            "Russian news agency TASS said the talks in Istanbul would begin at 07:00 GMT on Thursday. "
            "A spokesman for the stadium said the European football final in Istanbul would kick off at 19:00 GMT.")
        assert not [f for f in report.flags if f.kind == "internal_conflict"]


def test_bad_input(demo_workspace_copy, embedder, nli):
    from index.workspace import Workspace

    with Checker(Workspace.open(demo_workspace_copy, embedder=embedder), nli=nli) as checker:
        for text, message in [("", "is empty"), ("   \n", "is empty"), ("abc\x00def", "binary"),
                              ("word " * 420_000, "the limit is 200,000")]:
            with pytest.raises(CrosscheckError, match=message):
                checker.check_article(text)
        with pytest.raises(CrosscheckError, match="is empty"):
            checker.check_claim(" ")
        report = checker.check_article("Why? Who knows?\n\nSubscribe to our newsletter.")
        assert report.verdicts == [] and report.flags == [] and len(report.dropped) == 3


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_cli_check_formats_and_exit_codes(demo_workspace_copy):
    ws = str(demo_workspace_copy)
    r = run("check", "The talks in Istanbul would begin at 07:00 GMT.", "--format", "json", "--workspace", ws)
    # Supported by the TASS report, contradicted by the Ukrainian denial: conflicting, exit 4.
    assert r.exit_code == 4, r.output
    [v] = json.loads(r.stdout)
    assert v["label"] == "supported" and v["conflicting"] and v["evidence"][0]["source"] == "Eastern Dispatch"
    r = run("check", "Zelenskiy called for an immediate 30-day ceasefire.", "--format", "json", "--workspace", ws)
    [v] = json.loads(r.stdout)
    assert v["label"] == "supported" and "Harbour Post" in {e["source"] for e in v["evidence"][:2]}
    assert r.exit_code == (4 if v["conflicting"] else 0)
    r = run("check", "Zelenskiy called for an immediate 30-day ceasefire.", "--format", "csv", "--workspace", ws)
    assert r.stdout.splitlines()[0].startswith("claim,said_by,verdict,confidence")
    r = run("check-article", "-", "--format", "jsonl", "--silent", "--workspace", ws,
            input="Zelenskiy called for an immediate 30-day ceasefire.\n")
    [row] = [json.loads(line) for line in r.stdout.splitlines()]
    assert row["label"] == "supported" and "Harbour Post" in {e["source"] for e in row["evidence"] if e["stance"] == "supports"}
    assert r.exit_code == (4 if row["conflicting"] else 0)
    assert r.stderr.startswith("1 claims: 1 supported, 0 contradicted, 0 unverified")


def test_cli_check_article_errors(demo_workspace_copy, tmp_path):
    ws = str(demo_workspace_copy)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\u00e9 talks".encode("latin-1"))
    r = run("check-article", str(bad), "--workspace", ws)
    assert (r.exit_code, r.stderr) == (1, f"Error: {bad}: is not valid UTF-8 (byte 3); convert it to UTF-8 first\n")
    r = run("check-article", "-", "--workspace", ws, input=b"\x00\x01binary")
    assert (r.exit_code, r.stderr) == (1, "Error: standard input looks like binary data, not text\n")
    r = run("check", "", "--workspace", ws)
    assert (r.exit_code, r.stderr) == (1, "Error: the claim is empty\n")



STRIKE = Path(__file__).parent / "data" / "strike"


def test_a_strike_report_raises_the_union_and_authority_disagreement_and_checks_the_pronoun_claim(
        tmp_path, embedder, nli):
    """The team's strike report (tests/data/strike, not the seed): the union says talks restart on Thursday,
    the Port Authority says none are scheduled; the Authority "has said it intends to" bring in crews."""
    from index.workspace import Workspace

    with Workspace.open(tmp_path / "ws", embedder=embedder) as ws:
        ws.add([STRIKE / "evidence"])
    _, _front, body = (STRIKE / "article.md").read_text().split("---", 2)
    with Checker(Workspace.open(tmp_path / "ws", embedder=embedder), nli=nli) as checker:
        report = checker.check_article(body, title="Calder dock strike enters its second week")
    [flag] = [f for f in report.flags if f.kind == "internal_conflict"]
    sides = {flag.side_a.role: flag.side_a.context, flag.side_b.role: flag.side_b.context}
    assert sides == {"The union said": "Talks with the operator would restart on Thursday.",
                     "The Port Authority said": "No new negotiations had been scheduled."}
    crews = verdict_for(report, "replacement crews")
    assert crews.claim.text == "The Port Authority intends to bring in replacement crews."  # "it", resolved
    assert crews.claim.speaker == "The Port Authority"
    assert crews.label == Label.SUPPORTED and crews.evidence[0].source == "Coastal Herald"
    reasons = [d.reason for d in report.dropped]
    assert "opinion (Many residents): The operator has been unfair to its workers." in reasons


def test_a_claims_note_is_kept_with_its_verdict_and_shown_when_the_check_is_reopened(demo_workspace_copy, embedder,
                                                                                     nli):
    from checker.output import why
    from index.workspace import Workspace

    text = ("Putin and Erdogan met Vladimir Medinsky in Ankara on Friday. "
            "He said the talks in Istanbul would begin at 07:00 GMT.")
    with Checker(Workspace.open(demo_workspace_copy, embedder=embedder), nli=nli) as checker:
        report = checker.check_article(text)
        [v] = [v for v in report.verdicts if "07:00" in v.claim.text]
        assert v.claim.speaker == "He" and v.claim.note.startswith("'He' may be ")
        assert v.claim.note in why(v)
        [again] = [v for v in checker.report(report.check_id).verdicts if "07:00" in v.claim.text]
        assert again.claim.note == v.claim.note
