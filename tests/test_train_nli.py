"""The NLI training command: packs its pairs, trains from a pack, checkpoints and resumes (a few CPU steps)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, has_nli_model

pytestmark = [pytest.mark.slow, pytest.mark.data, pytest.mark.model,
              pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")]


def train(*args):
    r = subprocess.run([sys.executable, "-m", "checker.lab.train_nli", *map(str, args)], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stderr


def test_pack_train_checkpoint_resume(tmp_path):
    from checker import load_nli
    from checker.lab import datasets as ds
    from checker.lab.train_nli import is_calibration, read_pack

    if not (ds.data_dir() / "nli-extra" / "vitaminc").exists():
        pytest.skip("the shared data sets (nli-extra) are not on this machine")
    pack, out = tmp_path / "pairs.jsonl.gz", tmp_path / "model"
    train("--extra", "--pack", pack, "--limit", 64)
    pairs = read_pack(pack)
    assert len(pairs) == 64 and {p.source for p in pairs} & {"vitaminc", "joci"}
    assert not any(ds.vitaminc_is_held_out(p) for p in pairs if p.source == "vitaminc")  # held-out claims stay out
    common = ["--pairs", pack, "--base", ROOT / "data" / "models" / "crosscheck-nli-minilm", "--batch-size", 8,
              "--checkpoint-every", 1, "--no-card", "--out", out, "--device", "cpu"]
    train(*common, "--max-steps", 2)
    info = json.loads((out / "training.json").read_text())
    assert info["steps"] == 2 and not (out / "checkpoint.pt").exists()
    # accuracy on the calibration slice (never trained on), by source, is recorded
    assert set(info["calibration_accuracy"]) == {p.source for p in pairs if is_calibration(p)}
    assert all(0 <= v <= 1 for v in info["calibration_accuracy"].values())
    # --skip-source leaves a source out and says so
    skipped = sorted({p.source for p in pairs})[0]
    log = train(*common, "--max-steps", 1, "--skip-source", skipped)
    info = json.loads((out / "training.json").read_text())
    assert info["skipped_sources"] == [skipped] and skipped not in info["by_source"], log[-500:]
    # --oversample repeats a source's training pairs (never its calibration pairs) and says so
    counts = json.loads((out / "training.json").read_text())["by_source"]
    source = max(counts, key=counts.get)
    train(*common, "--max-steps", 1, "--oversample", f"{source}=3")
    info = json.loads((out / "training.json").read_text())
    assert info["oversampled"] == {source: 3} and info["by_source"][source] == 3 * counts[source]
    r = subprocess.run([sys.executable, "-m", "checker.lab.train_nli", *map(str, common), "--oversample", "scifact"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode != 0 and "--oversample takes SOURCE=TIMES" in r.stderr and "Traceback" not in r.stderr
    # an interrupted run leaves its checkpoint; --resume goes on from it
    log = train(*common, "--max-steps", 4, "--max-minutes", 0.0001)
    assert "time budget reached at step 1/4" in log and (out / "checkpoint.pt").exists()
    log = train(*common, "--max-steps", 4, "--resume")
    assert f"resumed from {out / 'checkpoint.pt'} at step 1" in log
    assert json.loads((out / "training.json").read_text())["steps"] == 4
    [s] = load_nli(str(out)).predict([("The talks began at 07:00 GMT.", "The talks began in the morning.")])
    assert abs(s.entailment + s.neutral + s.contradiction - 1) < 1e-4


def test_a_deeper_model_trains_travels_in_shards_and_loads(tmp_path):
    """--layers copies the base's layers into a deeper encoder; nli_shards splits and joins it like any run."""
    from safetensors.torch import load_file

    from checker import load_nli
    from checker.lab import datasets as ds
    from checker.lab.nli_shards import join, split

    if not (ds.data_dir() / "nli-extra" / "vitaminc").exists():
        pytest.skip("the shared data sets (nli-extra) are not on this machine")
    pack, out = tmp_path / "pairs.jsonl.gz", tmp_path / "deep"
    train("--extra", "--pack", pack, "--limit", 32)
    common = ["--pairs", pack, "--base", ROOT / "data" / "models" / "crosscheck-nli-minilm", "--batch-size", 8,
              "--no-card", "--device", "cpu", "--max-steps", 1]
    train(*common, "--out", out, "--layers", "0,1,2,3,4,5,5")
    config, info = (json.loads((out / name).read_text()) for name in ("config.json", "training.json"))
    assert config["num_hidden_layers"] == 7 and info["layers"] == [0, 1, 2, 3, 4, 5, 5]
    files = split(out, tmp_path / "shards", "deep")
    assert all(f.stat().st_size < 16 * 2**20 for f in files)
    joined = join(tmp_path / "shards" / "deep", tmp_path / "joined", like=ROOT / "data" / "models" / "crosscheck-nli-minilm")
    ours, back = load_file(str(out / "model.safetensors")), load_file(str(joined / "model.safetensors"))
    assert ours.keys() == back.keys() and all((ours[k] == back[k]).all() for k in ours)
    assert json.loads((joined / "config.json").read_text())["num_hidden_layers"] == 7
    [s] = load_nli(str(joined)).predict([("The talks began at 07:00 GMT.", "The talks began in the morning.")])
    assert abs(s.entailment + s.neutral + s.contradiction - 1) < 1e-4
    # a layer the base does not have: a clear message, no traceback
    r = subprocess.run([sys.executable, "-m", "checker.lab.train_nli", *map(str, common), "--out", tmp_path / "x",
                        "--layers", "0,6"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode != 0 and "the base has 6 layers" in r.stderr and "Traceback" not in r.stderr


def test_runs_that_differ_only_in_batch_order_share_their_head_and_average_from_a_pack(tmp_path):
    """--order-seed changes the batches, not the head --seed draws, so such runs start alike and average."""
    from safetensors.torch import load_file

    from checker.lab import datasets as ds
    from checker.lab.average_nli import average

    if not (ds.data_dir() / "nli-extra" / "vitaminc").exists():
        pytest.skip("the shared data sets (nli-extra) are not on this machine")
    pack = tmp_path / "pairs.jsonl.gz"
    train("--extra", "--pack", pack, "--limit", 32)
    common = ["--pairs", pack, "--batch-size", 8, "--no-card", "--device", "cpu", "--max-steps", 1, "--lr", 0]
    for name, seeds in {"a": (14, 1), "b": (14, 2), "c": (15, 1)}.items():
        train(*common, "--out", tmp_path / name, "--seed", seeds[0], "--order-seed", seeds[1])
    head = {n: load_file(str(tmp_path / n / "model.safetensors"))["classifier.weight"] for n in "abc"}
    assert (head["a"] == head["b"]).all() and not (head["a"] == head["c"]).all()
    assert json.loads((tmp_path / "b" / "training.json").read_text())["order_seed"] == 2
    soup = average([tmp_path / "a", tmp_path / "b"], tmp_path / "soup", pairs=pack)
    info = json.loads((soup / "training.json").read_text())
    assert info["calibration_accuracy"] and all(0 <= v <= 1 for v in info["calibration_accuracy"].values())


def test_the_schedule_is_transformers_linear_warmup_and_fits_a_time_budget():
    import time

    import torch
    from transformers import get_linear_schedule_with_warmup

    from checker.lab.train_nli import FIT_AT, FIT_FROM, fit_schedule, linear_warmup

    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
    theirs = get_linear_schedule_with_warmup(opt, int(0.1 * 250), 250)
    for step in range(260):
        assert abs(linear_warmup(step, 250) - theirs.lr_lambdas[0](step)) < 1e-12
    plan = {"total": 10_000}  # a budget that has plenty of time left: the schedule stays
    fit_schedule(plan, FIT_FROM, FIT_FROM, time.time() + 3600)
    fit_schedule(plan, FIT_AT, FIT_AT, time.time() + 3600)
    assert plan == {"total": 10_000}
    plan = {"total": 10_000}  # a budget already spent: the schedule ends now
    fit_schedule(plan, FIT_FROM, FIT_FROM, time.time())
    time.sleep(0.01)
    fit_schedule(plan, FIT_AT, FIT_AT, time.time())
    assert plan == {"total": FIT_AT}


def test_averaging_a_model_with_itself_gives_the_same_model(tmp_path):
    from checker.lab.average_nli import average
    from checker.nli import load_nli
    from index.settings import BUNDLED_NLI_MEMBERS

    v3 = BUNDLED_NLI_MEMBERS[0]  # a plain model folder (the bundled default is an ensemble)
    out = average([Path(v3), Path(v3)], tmp_path / "soup", calibrate=False)
    pairs = [("The talks began at 07:00 GMT.", "The talks began at 09:00 GMT."),
             ("Dock workers agreed to a 30-day truce.", "The dock workers agreed to a truce.")]
    ours, mean = load_nli(v3).predict(pairs), load_nli(str(out)).predict(pairs)
    assert [s.label for s in ours] == [s.label for s in mean]
    assert all(abs(a.contradiction - b.contradiction) < 1e-3 for a, b in zip(ours, mean))
    assert json.loads((out / "calibration.json").read_text()) == json.loads(
        (Path(v3) / "calibration.json").read_text())


def test_a_model_split_for_the_accelerator_joins_back_bit_for_bit(tmp_path):
    from safetensors.torch import load_file

    from checker.lab.nli_shards import join, split
    from index.settings import BUNDLED_NLI_MEMBERS

    v3 = BUNDLED_NLI_MEMBERS[0]  # a plain model folder (the bundled default is an ensemble)
    files = split(Path(v3), tmp_path / "out", "v3")
    assert len(files) == 2 and all(f.stat().st_size < 16 * 2**20 for f in files)  # the accelerator's file limit
    joined = join(tmp_path / "out" / "v3", tmp_path / "joined", like=Path(v3))
    ours, back = load_file(str(Path(v3) / "model.safetensors")), load_file(str(joined / "model.safetensors"))
    assert ours.keys() == back.keys() and all((ours[k] == back[k]).all() for k in ours)
    assert json.loads((joined / "training.json").read_text()) == json.loads(
        (Path(v3) / "training.json").read_text())


def test_pick_ranks_by_calibration_accuracy_and_keeps_a_run_that_skipped_sources(tmp_path):
    from checker.lab.nli_shards import pick

    def run(name, acc, **extra):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "model.safetensors").write_bytes(b"")
        (folder / "training.json").write_text(json.dumps({"calibration_accuracy": acc, **extra}))
        return folder

    a = run("a", {"mnli": 0.7, "vitaminc": 0.7})
    b = run("b", {"mnli": 0.6, "vitaminc": 0.9, "synthetic-demo": 0.0})  # tiny sources do not count
    c = run("c", {"mnli": 0.5, "vitaminc": 0.5}, skipped_sources=["scifact"])
    broken = tmp_path / "d"
    broken.mkdir()
    assert pick([a, b, c, broken], keep=1) == [b]
    assert pick([a, b, c, broken], keep=2) == [b, c]
    assert pick([a, b, c, broken], keep=3) == [b, a, c]
