"""The NLI loader with the bundled model: labels, windows, obvious pairs, errors."""

import json
import shutil
from pathlib import Path

import pytest

from checker.nli import (
    CONTRADICTION,
    DEFAULT_NLI,
    ENTAILMENT,
    NEUTRAL,
    NOT_ENTAILMENT,
    canonical_label,
    label_order,
    load_nli,
    to_scores,
)
from index.errors import CrosscheckError, ModelLoadError
from index.settings import BUNDLED_NLI_MEMBERS
from tests.conftest import has_nli_model

V3 = BUNDLED_NLI_MEMBERS[0]  # a plain model folder (the bundled default is an ensemble of two)

needs_model = pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")


def test_label_spellings():
    assert [canonical_label(x) for x in ("ENTAILMENT", "Neutral", "contradiction", "not_entailment",
                                          "non-entailment", "entails", "LABEL_0")] == [
        ENTAILMENT, NEUTRAL, CONTRADICTION, NOT_ENTAILMENT, NOT_ENTAILMENT, ENTAILMENT, None]


def test_label_order_from_config_or_known_mapping():
    assert label_order({0: "contradiction", 1: "entailment", 2: "neutral"}) == [CONTRADICTION, ENTAILMENT, NEUTRAL]
    assert label_order({0: "entailment", 1: "not_entailment"}) == [ENTAILMENT, NOT_ENTAILMENT]
    generic = {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}
    assert label_order(generic, "textattack/bert-base-uncased-MNLI") == [CONTRADICTION, ENTAILMENT, NEUTRAL]
    assert label_order(generic, "x", labels=("neutral", "entailment", "contradiction")) == [NEUTRAL, ENTAILMENT, CONTRADICTION]
    with pytest.raises(ModelLoadError, match="cannot tell which output is which"):
        label_order(generic, "some/model")
    with pytest.raises(ModelLoadError, match="not an NLI label set"):
        label_order({0: "positive", 1: "negative"}, "sentiment/model")


def test_a_folder_that_is_not_a_model(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ModelLoadError, match="is not a model folder"):
        load_nli(str(tmp_path))
    with pytest.raises(ModelLoadError, match="is not a model folder"):
        load_nli(str(tmp_path / "missing"))


@pytest.fixture(scope="module")
def nli():
    if not has_nli_model():
        pytest.skip("the bundled NLI model is not built")
    return load_nli()


@needs_model
def test_bundled_model_labels_and_calibration(nli):
    assert nli.labels == [ENTAILMENT, NEUTRAL, CONTRADICTION]
    assert 0.3 < nli.temperature < 3.0
    [s] = nli.predict([("A man is playing a guitar on stage.", "A man is playing an instrument.")])
    assert abs(s.entailment + s.neutral + s.contradiction - 1.0) < 1e-4


@needs_model
def test_a_differently_ordered_label_config_gives_the_same_answers(nli, tmp_path, monkeypatch):
    """Permute the classifier's rows and id2label together: a loader that ignored id2label would fail.

    The permuted folder is written through transformers and read back by index.bert (the default)."""
    import torch

    folder = tmp_path / "permuted"
    shutil.copytree(V3, folder)
    member = load_nli(V3)
    monkeypatch.setenv("CROSSCHECK_BACKEND", "transformers")
    model = load_nli(str(folder)).model
    monkeypatch.delenv("CROSSCHECK_BACKEND")
    order = [2, 0, 1]  # new output k is old output order[k]: contradiction, entailment, neutral
    with torch.no_grad():
        model.classifier.weight.copy_(model.classifier.weight[order].clone())
        model.classifier.bias.copy_(model.classifier.bias[order].clone())
    model.config.id2label = {0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"}
    model.config.label2id = {v: k for k, v in model.config.id2label.items()}
    model.save_pretrained(folder)
    permuted = load_nli(str(folder))
    assert permuted.labels == [CONTRADICTION, ENTAILMENT, NEUTRAL] and type(permuted.model).__module__ == "index.bert"
    pairs = [("The talks began at 07:00 GMT.", "The talks began at 09:00 GMT."),
             ("Estonia condemned the delegation.", "Estonia criticised the delegation.")]
    for a, b in zip(member.predict(pairs), permuted.predict(pairs)):
        assert a.label == b.label
        assert abs(a.entailment - b.entailment) < 1e-3 and abs(a.contradiction - b.contradiction) < 1e-3


OBVIOUS = [
    ("The talks in Istanbul began on Thursday at 07:00 GMT.", "The talks in Istanbul did not begin on Thursday.", CONTRADICTION),
    ("Russian forces control about 20 percent of Ukraine's territory.", "Russian forces control about 60 percent of Ukraine's territory.", CONTRADICTION),
    ("The last direct talks were held in Istanbul in March 2022.", "The last direct talks were held in Istanbul in March 2019.", CONTRADICTION),
    ("Zelenskiy called for a 30-day ceasefire.", "Zelenskiy called for a 30-day ceasefire.", ENTAILMENT),
    ("Estonia, a NATO member, condemned the delegation as a slap in the face.", "Estonia condemned the delegation.", ENTAILMENT),
    ("The delegation is led by Vladimir Medinsky.", "Medinsky owns a large house near the sea.", NEUTRAL),
]


@needs_model
@pytest.mark.parametrize("premise, hypothesis, expected", OBVIOUS)
def test_obvious_pairs(nli, premise, hypothesis, expected):
    [s] = nli.predict([(premise, hypothesis)])
    assert s.label == expected, s


@needs_model
def test_long_premises_are_windowed_not_truncated(nli):
    filler = " ".join(f"Paragraph {i} describes the weather in a distant city on a quiet day." for i in range(80))
    premise = filler + " The central bank raised its main interest rate to 5 percent on Tuesday."
    assert len(nli.tokenizer(premise)["input_ids"]) > nli.max_length
    windows = nli._windows(premise, "The central bank cut its main rate.")
    assert len(windows) > 1 and "raised its main interest rate" in windows[-1]
    [s] = nli.predict([(premise, "The central bank raised its main interest rate to 5 percent.")])
    assert s.label == ENTAILMENT, s


def test_two_label_models_put_not_entailment_on_neutral():
    s = to_scores([ENTAILMENT, NOT_ENTAILMENT], [0.2, 0.8])
    assert (s.entailment, s.neutral, s.contradiction) == (0.2, 0.8, 0.0)
    s = to_scores([CONTRADICTION, ENTAILMENT, NEUTRAL], [0.7, 0.2, 0.1])
    assert (s.entailment, s.neutral, s.contradiction, s.label) == (0.2, 0.1, 0.7, CONTRADICTION)


@needs_model
def test_model_card_and_files_ship():
    for member in BUNDLED_NLI_MEMBERS:
        folder = Path(member)
        config = json.loads((folder / "config.json").read_text())
        assert config["id2label"] == {"0": "entailment", "1": "neutral", "2": "contradiction"}
        assert (folder / "model.safetensors").stat().st_size < 50 * 2**20
        assert {"calibration.json", "training.json", "tokenizer.json"} <= {f.name for f in folder.iterdir()}
    card = (Path(DEFAULT_NLI) / "MODEL_CARD.md").read_text()
    assert "snli-heldout-2000" in card and "mnli-heldout-2000" in card
    assert (Path(DEFAULT_NLI) / "verdict.json").exists()


@needs_model
def test_the_bundled_ensemble_averages_its_members(nli):
    from checker.nli import EnsembleNLI

    members = [load_nli(m) for m in BUNDLED_NLI_MEMBERS]
    assert isinstance(nli, EnsembleNLI) and [m.name for m in nli.members] == [str(Path(m).resolve()) for m in BUNDLED_NLI_MEMBERS]
    pairs = [(p, h) for p, h, _ in OBVIOUS]
    mean = [[(getattr(a, f) + getattr(b, f)) / 2 for f in (ENTAILMENT, NEUTRAL, CONTRADICTION)]
            for a, b in zip(*(m.predict(pairs) for m in members))]
    ours = [x for s in nli.predict(pairs) for x in (s.entailment, s.neutral, s.contradiction)]
    assert ours == pytest.approx([x for row in mean for x in row], abs=1e-6)
    first = [x for s in members[0].predict(pairs) for x in (s.entailment, s.neutral, s.contradiction)]
    assert ours != pytest.approx(first, abs=1e-3)


def test_an_ensemble_file_that_is_wrong_says_so(tmp_path):
    def spec(members):
        (tmp_path / "ens").mkdir(exist_ok=True)
        (tmp_path / "ens" / "ensemble.json").write_text(json.dumps({"members": members}))
        return str(tmp_path / "ens")

    with pytest.raises(ModelLoadError, match="is not a model folder"):
        load_nli(spec([{"path": "../missing"}]))
    with pytest.raises(ModelLoadError, match="expected"):
        load_nli(spec([{"weight": 1.0}]))
    with pytest.raises(ModelLoadError, match="positive weight"):
        load_nli(spec([]))
    if has_nli_model():
        with pytest.raises(ModelLoadError, match="positive weight"):
            load_nli(spec([{"path": V3, "weight": 0}]))
        with pytest.raises(ModelLoadError, match="itself an ensemble"):
            load_nli(spec([{"path": DEFAULT_NLI}]))


@needs_model
def test_an_ensembles_digest_covers_its_members(tmp_path):
    from checker.bundle import ModelBundle

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        for f in Path(V3).iterdir():
            (tmp_path / name / f.name).symlink_to(f)
    (tmp_path / "ens").mkdir()
    (tmp_path / "ens" / "ensemble.json").write_text(json.dumps({"members": [{"path": "../a"}, {"path": "../b"}]}))
    before = ModelBundle.locate(str(tmp_path / "ens")).sha256
    assert len(before) == 64 and before != ModelBundle.locate(V3).sha256
    (tmp_path / "b" / "model.safetensors").unlink()
    shutil.copy(Path(V3) / "model.safetensors", tmp_path / "b" / "model.safetensors")
    assert ModelBundle.locate(str(tmp_path / "ens")).sha256 == before  # same bytes, same digest
    with open(tmp_path / "b" / "model.safetensors", "r+b") as f:
        f.seek(-1, 2)
        last = f.read(1)
        f.seek(-1, 2)
        f.write(bytes([last[0] ^ 1]))
    assert ModelBundle.locate(str(tmp_path / "ens")).sha256 != before


HUB_LOAD = """
import json, sys
from checker import Thresholds, load_nli
nli = load_nli("acme/crosscheck-nli-copy")
b = nli.bundle
print(json.dumps({"sha": b.sha256, "T": b.temperature, "local": b.local, "from_hub": b.from_hub,
                  "thresholds": Thresholds.from_bundle(b).to_json(), "name": nli.name}))
"""


@needs_model
def test_a_hub_model_brings_its_sha_calibration_and_thresholds(tmp_path):
    """A hub id is read from the local cache (no network): same digest, T and verdict.json as the folder."""
    import os
    import subprocess
    import sys

    from checker.bundle import ModelBundle

    snapshot = tmp_path / "hub" / "models--acme--crosscheck-nli-copy" / "snapshots" / "0123abcd"
    snapshot.mkdir(parents=True)
    (snapshot.parent.parent / "refs").mkdir()
    (snapshot.parent.parent / "refs" / "main").write_text("0123abcd")
    for f in Path(V3).iterdir():
        (snapshot / f.name).symlink_to(f)
    env = {**os.environ, "HF_HUB_CACHE": str(tmp_path / "hub"), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    r = subprocess.run([sys.executable, "-c", HUB_LOAD], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    found = json.loads(r.stdout.strip().splitlines()[-1])
    shipped = ModelBundle.locate(V3)
    assert found["name"] == "acme/crosscheck-nli-copy" and found["from_hub"] and not found["local"]
    assert found["sha"] == shipped.sha256 and len(found["sha"]) == 64
    assert found["T"] == shipped.temperature != 1.0
    t = found["thresholds"]
    assert [t["support"], t["contradict"], t.get("aggregator")] == [
        shipped.verdict["support"], shipped.verdict["contradict"], shipped.verdict.get("aggregator")]


def test_a_model_without_its_files_says_so(tmp_path):
    from checker.bundle import ModelBundle

    bare = ModelBundle.locate(str(tmp_path))
    assert (bare.sha256, bare.temperature, bare.verdict, bare.local) == ("", 1.0, {}, True)
    unknown = ModelBundle.locate("acme/not-downloaded")
    assert unknown.folder is None and not unknown.local
    with pytest.raises(CrosscheckError, match="not a model folder"):
        unknown.save_verdict({"support": 0.5})
    saved = bare.save_verdict({"support": 0.6, "contradict": 0.7})
    assert ModelBundle.locate(str(tmp_path)).verdict == {"support": 0.6, "contradict": 0.7} and saved.exists()


@needs_model
def test_precision_is_a_setting_and_is_recorded(monkeypatch, demo_workspace):
    from checker import Checker, settings

    monkeypatch.setenv("CROSSCHECK_PRECISION", "fp32")
    assert settings.precision() == "fp32" and load_nli().precision == "fp32"
    monkeypatch.setenv("CROSSCHECK_PRECISION", "bf16")
    expected = "bf16" if settings.bf16_is_native() else "fp32"  # never emulated where the hardware has no bf16
    assert settings.precision() == expected
    with Checker.open(demo_workspace, nli=load_nli()) as checker:
        verdict = checker.check_claim("Zelenskiy called for an immediate 30-day ceasefire.", store=False)
    assert verdict.provenance.precision == expected
    monkeypatch.setenv("CROSSCHECK_PRECISION", "fast")
    with pytest.raises(CrosscheckError, match="use auto, fp32 or bf16"):
        settings.precision()
