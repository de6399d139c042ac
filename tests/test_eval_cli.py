"""Evaluation commands on the public data (skipped when ../shared/data is absent)."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.lab import datasets as ds
from tests.conftest import has_nli_model

pytestmark = [pytest.mark.data, pytest.mark.skipif(not ds.data_dir().exists(), reason="../shared/data is absent")]


def test_held_out_splits_are_fixed_and_disjoint():
    train, held = ds.mnli()
    assert len(held) == ds.HELD_OUT_MNLI
    assert not {(p.premise, p.hypothesis) for p in held} & {(p.premise, p.hypothesis) for p in train}
    assert ds.mnli()[1] == held  # stable across calls
    cf_train, cf_held = ds.climate_fever_pairs()
    assert 0.15 < len(cf_held) / (len(cf_held) + len(cf_train)) < 0.25
    report = [c for c in ds.scifact_claims() if ds.scifact_is_report(c["id"])]
    assert 0.25 < len(report) / 809 < 0.35
    trained_claims = {p.hypothesis for p in ds.scifact_pairs()}
    assert not trained_claims & {c["claim"] for c in report}


@pytest.mark.model
@pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")
def test_eval_nli_prints_metrics_and_confusion_matrices():
    r = CliRunner().invoke(cli, ["eval-nli", "--limit", "40"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    for name in ("snli-heldout-2000", "mnli-heldout-2000", "climate-fever-heldout-20pct", "anli-r1"):
        assert name in r.stdout
    assert "gold \\ pred" in r.stdout and "contradiction" in r.stdout


@pytest.mark.model
def test_eval_claimbuster_prints_precision_recall_f1():
    r = CliRunner().invoke(cli, ["eval", "claimbuster"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    header, _, values = r.stdout.splitlines()[:3]
    assert header.split()[:3] == ["precision", "recall", "f1"]
    assert float(values.split()[2]) > 0.6


@pytest.mark.model
@pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")
def test_eval_fit_dry_run_fits_on_training_claims_and_reports_held_out(tmp_path):
    from checker.nli import DEFAULT_NLI

    shipped = (Path(DEFAULT_NLI) / "verdict.json").read_bytes()
    r = CliRunner().invoke(cli, ["eval", "fit", "--limit", "12", "--dry-run"], catch_exceptions=False)
    assert (Path(DEFAULT_NLI) / "verdict.json").read_bytes() == shipped  # a dry run writes nothing
    assert r.exit_code == 0, r.output
    assert "SciFact tune (cited abstracts) (fitted on)" in r.stdout
    assert "Climate-FEVER held-out (given sentences) (held out)" in r.stdout
    thresholds = [float(x) for x in re.findall(r">= ([0-9.]+)", r.stderr)]
    assert len(thresholds) == 3 and all(0.5 <= x < 1 for x in thresholds)
    assert "not saved" in r.stderr


@pytest.mark.model
@pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")
def test_eval_fit_no_aggregator_saves_the_thresholds_alone(tmp_path):
    import json
    import shutil

    from index.settings import BUNDLED_NLI_MEMBERS

    model = tmp_path / "model"
    shutil.copytree(BUNDLED_NLI_MEMBERS[0], model)
    r = CliRunner().invoke(cli, ["eval", "fit", "--limit", "12", "--no-aggregator", "--nli-model", str(model)],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "thresholds decide (--no-aggregator)" in r.stderr
    saved = json.loads((model / "verdict.json").read_text())
    assert "aggregator" not in saved and 0.5 <= saved["contradict"] < 1
    assert "(held out), aggregator" in r.stdout  # still fitted and measured, for the comparison


@pytest.mark.model
@pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")
def test_eval_scifact_cited_reports_the_held_out_split():
    r = CliRunner().invoke(cli, ["eval", "scifact", "--cited", "--limit", "10"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "report (10 claims, held out)" in r.stdout
    assert "gold \\ pred" in r.stdout


@pytest.mark.model
@pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")
def test_eval_vitaminc_decides_held_out_claims_with_the_checks_and_without():
    r = CliRunner().invoke(cli, ["eval", "vitaminc", "--limit", "40"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    rows = [line.split() for line in r.stdout.splitlines() if line.startswith(("with the", "NLI alone"))]
    assert [row[-3] for row in rows[:2]] == ["40", "40"]  # both ways, the same 40 held-out claims
    assert "gold \\ pred" in r.stdout


def test_average_precision():
    from checker.lab.evaluate import average_precision

    assert average_precision([1, 0, 1, 0]) == (1 / 1 + 2 / 3) / 2
    assert average_precision([0, 0]) == 0.0


@pytest.mark.model
def test_eval_checkthat_prints_map_and_f1():
    r = CliRunner().invoke(cli, ["eval", "checkthat"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    header, _, values = r.stdout.splitlines()[:3]
    assert header.split()[:2] == ["MAP", "debates"]
    cells = values.split()
    assert int(cells[1]) == 7 and 0.05 < float(cells[0]) <= 1
