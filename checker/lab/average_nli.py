"""Average the weights of NLI models fine-tuned from one another (a "model soup"), and calibrate it.

    python -m checker.lab.average_nli MODEL_A MODEL_B [...] --out build/nli-soup
    python -m checker.lab.average_nli RUN_1 RUN_2 [...] --pairs build/gpu/pairs.jsonl.gz --out DIR   # no shared data

Models continued from one another (v4 from v3, here) sit close enough in weight space that their
element-wise mean is a model too, often better than either (Wortsman et al. 2022, "Model soups").
So do runs that share their start, head included, and differ only in the order of their batches
(``train_nli --seed S --order-seed K``); runs with different ``--seed`` draw different heads, and
their mean shrinks the logits (the seventeenth session's six-seed average).

The mean is saved in fp16 with the first model's tokenizer and config; its temperature is fitted on
the training mix's calibration slice, as ``train_nli`` does (from a ``--pairs`` pack where the shared
data is not at hand), and its accuracy there, by source, goes into its training.json. Then
``crosscheck eval-nli --model OUT`` and ``crosscheck eval fit --nli-model OUT`` measure and fit it
like any other.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

COPIED = ("config.json", "tokenizer.json", "tokenizer_config.json")


def average(models: list[Path], out: Path, seed: int = 13, calibrate: bool = True,
            pairs: Path | None = None) -> Path:
    import torch
    from safetensors.torch import load_file
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from checker.lab.train_nli import (
        accuracy_by_source,
        encode,
        fit_temperature,
        is_calibration,
        predict_logits,
        read_pack,
        training_pairs,
    )

    states = [load_file(str(m / "model.safetensors")) for m in models]
    keys = states[0].keys()
    if any(s.keys() != keys for s in states):
        raise SystemExit("the models do not have the same weights: only models of one architecture average")
    mean = {k: sum(s[k].float() for s in states) / len(states) for k in keys}
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copy(models[0] / name, out / name)
    model = AutoModelForSequenceClassification.from_pretrained(models[0], dtype="float32")
    model.load_state_dict(mean)
    tokenizer = AutoTokenizer.from_pretrained(models[0])
    if calibrate:
        mix = read_pack(pairs) if pairs else training_pairs(seed, Path("data/corpus"), extra=True)
        calib = [p for p in mix if is_calibration(p)]
        items = encode(tokenizer, calib, 128)
        device = "cuda" if torch.cuda.is_available() else "cpu"
        logits = predict_logits(model.to(device), items, 64, tokenizer.pad_token_id, device)
        model.cpu()
        temperature = fit_temperature(logits, torch.tensor([r[2] for r in items]))
        held = accuracy_by_source(logits, calib)
    else:  # the first model's
        calib = []
        temperature = json.loads((models[0] / "calibration.json").read_text())["temperature"]
        held = None
    model.half().save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    (out / "calibration.json").write_text(json.dumps({"temperature": round(temperature, 4)}, indent=2) + "\n")
    info = json.loads((models[-1] / "training.json").read_text())
    info["base"] = "the element-wise mean of " + " and ".join(str(m) for m in models) + \
        f" (python -m checker.lab.average_nli); the last one's training: {info.get('base', '')}"
    info["temperature"] = round(temperature, 4)
    info.pop("calibration_accuracy", None)  # the last model's, not the mean's
    if held is not None:
        info["calibration_accuracy"] = held
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n")
    fitted = f"fitted on {len(calib)} pairs" if calibrate else f"{models[0]}'s"
    print(f"averaged {len(models)} models into {out}; temperature {temperature:.4f} ({fitted})")
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--pairs", type=Path, default=None,
                    help="a train_nli --pack file to take the calibration slice from (no shared data needed)")
    ap.add_argument("--no-calibration", action="store_true",
                    help="keep the first model's temperature (no shared data needed)")
    args = ap.parse_args(argv)
    if len(args.models) < 2:
        ap.error("give two models or more")
    average(args.models, args.out, calibrate=not args.no_calibration, pairs=args.pairs)


if __name__ == "__main__":
    main()
