"""Natural-language inference: (premise, hypothesis) → calibrated probabilities.

``load_nli(model_name_or_path)`` loads any Hugging Face sequence-classification NLI model by
folder or hub id. Labels are read from ``config.id2label`` whatever their order or spelling;
``LABEL_0``-style names need a known mapping (``KNOWN_LABELS``) or ``labels=...``. Two-label
entailment models (entailment / not_entailment) give their "not entailment" mass to neutral.

Premises longer than the model's limit are split into overlapping windows, never silently
truncated: each window is scored and the most decisive window is kept. Probabilities are
softmax(logits / T), with T from the model's :class:`~checker.bundle.ModelBundle` (its
``calibration.json``; 1.0 if absent). The bundle travels with the model as ``NLIModel.bundle``.

A folder with ``ensemble.json`` loads as :class:`EnsembleNLI`: its member folders, each calibrated
by its own T, with their probabilities averaged. The bundled default is one (two MiniLM-L6 models).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.bundle import ModelBundle, ensemble_members, looks_local
from index.errors import ModelLoadError
from index.settings import DEFAULT_NLI, autocast, backend, precision, resolve_device

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 16  # measured on 2 cores: batches of 8-16 pairs run faster per pair than 32 or 64
WINDOW_STRIDE_FRACTION = 0.5  # windows overlap by half their length
MIN_PREMISE_TOKENS = 16  # a hypothesis may use the rest of the model's input, no more

ENTAILMENT, NEUTRAL, CONTRADICTION, NOT_ENTAILMENT = "entailment", "neutral", "contradiction", "not_entailment"

# Hub models whose configs say LABEL_0.. but whose order is documented elsewhere.
KNOWN_LABELS: dict[str, tuple[str, ...]] = {
    "textattack/bert-base-uncased-MNLI": (CONTRADICTION, ENTAILMENT, NEUTRAL),
    "textattack/roberta-base-MNLI": (CONTRADICTION, ENTAILMENT, NEUTRAL),
    "textattack/distilbert-base-uncased-MNLI": (CONTRADICTION, ENTAILMENT, NEUTRAL),
}


@dataclass(frozen=True)
class NLIScores:
    entailment: float
    neutral: float
    contradiction: float

    @property
    def label(self) -> str:
        return max((self.entailment, ENTAILMENT), (self.neutral, NEUTRAL), (self.contradiction, CONTRADICTION))[1]


def canonical_label(name: str) -> str | None:
    """'ENTAILMENT', 'entails', 'Contradiction', 'not_entailment', 'non-entailment' → canonical names."""
    n = re.sub(r"[^a-z]", "", name.lower())
    if n.startswith(("not", "non")) and "entail" in n:
        return NOT_ENTAILMENT
    if n.startswith("entail"):
        return ENTAILMENT
    if n.startswith("contradict"):
        return CONTRADICTION
    if n in ("neutral", "neither", "nei", "notenoughinfo"):
        return NEUTRAL
    return None


def label_order(id2label: dict, model_name: str = "", labels: Sequence[str] | None = None) -> list[str]:
    """Canonical label for each output index of a model."""
    n = len(id2label)
    if labels is not None:
        names = [canonical_label(x) for x in labels]
        if len(names) != n or None in names:
            raise ModelLoadError(f"labels {list(labels)} do not fit a model with {n} outputs")
        return names
    names = [canonical_label(str(id2label[i])) for i in range(n)]
    if None in names and not all(re.fullmatch(r"LABEL_\d+", str(x)) for x in id2label.values()):
        raise ModelLoadError(f"{model_name}: labels {list(id2label.values())} are not an NLI label set")
    if None in names:
        known = KNOWN_LABELS.get(model_name)
        if known and len(known) == n:
            return list(known)
        raise ModelLoadError(
            f"{model_name}: cannot tell which output is which from labels {list(id2label.values())}; "
            "pass labels=('contradiction', 'entailment', 'neutral') in the model's output order"
        )
    if ENTAILMENT not in names or len(set(names)) != n:
        raise ModelLoadError(f"{model_name}: labels {list(id2label.values())} are not an NLI label set")
    if n == 3 and set(names) != {ENTAILMENT, NEUTRAL, CONTRADICTION}:
        raise ModelLoadError(f"{model_name}: labels {list(id2label.values())} are not an NLI label set")
    if n == 2 and set(names) not in ({ENTAILMENT, NOT_ENTAILMENT}, {ENTAILMENT, NEUTRAL}):
        raise ModelLoadError(f"{model_name}: labels {list(id2label.values())} are not an NLI label set")
    if n not in (2, 3):
        raise ModelLoadError(f"{model_name}: an NLI model needs 2 or 3 outputs, this one has {n}")
    return names


def to_scores(labels: list[str], row: list[float]) -> NLIScores:
    """One model output row (in the model's label order) → entailment / neutral / contradiction."""
    d = {ENTAILMENT: 0.0, NEUTRAL: 0.0, CONTRADICTION: 0.0}
    for name, p in zip(labels, row):
        d[NEUTRAL if name == NOT_ENTAILMENT else name] += p
    return NLIScores(d[ENTAILMENT], d[NEUTRAL], d[CONTRADICTION])


class NLIModel:
    """A loaded NLI cross-encoder. Use :func:`load_nli` to make one."""

    def __init__(self, model, tokenizer, bundle: ModelBundle, labels: list[str], device: str = "cpu",
                 precision_name: str = "fp32"):
        self.model = model.eval()  # once: eval() walks every module
        self.tokenizer = tokenizer
        self.bundle = bundle
        self.name = bundle.name
        self.labels = labels
        self.temperature = bundle.temperature
        self.device = device
        self.precision = precision_name  # "fp32" or "bf16" (autocast around the forward pass)
        limit = min(int(getattr(tokenizer, "model_max_length", 512) or 512), 512)
        limit = min(limit, int(getattr(model.config, "max_position_embeddings", 512) or 512))
        self.max_length = limit

    def __repr__(self) -> str:
        return f"NLIModel({self.name!r}, labels={self.labels}, temperature={self.temperature}, {self.precision})"

    @property
    def max_hypothesis_tokens(self) -> int:
        """The longest hypothesis (claim) that leaves room for a premise."""
        return self.max_length - self.tokenizer.num_special_tokens_to_add(pair=True) - MIN_PREMISE_TOKENS

    def hypothesis_tokens(self, hypothesis: str) -> int:
        """Tokens of a hypothesis (a claim), without special tokens."""
        return len(self.tokenizer(hypothesis, add_special_tokens=False)["input_ids"])

    def fits(self, hypothesis: str) -> bool:
        """Whether a claim is short enough to be checked (no tokenizer makes more tokens than UTF-8 bytes)."""
        limit = self.max_hypothesis_tokens
        return len(hypothesis.encode()) <= limit or self.hypothesis_tokens(hypothesis) <= limit

    def _windows(self, premise: str, hypothesis: str) -> list[str]:
        """The premise, or overlapping pieces of it if premise + hypothesis exceed the limit."""
        tok = self.tokenizer
        if len(premise.encode()) + len(hypothesis.encode()) + 8 < self.max_length:
            return [premise]  # short enough for any tokenizer: none makes more tokens than UTF-8 bytes
        hyp_len = len(tok(hypothesis, add_special_tokens=False)["input_ids"])
        enc = tok(premise, add_special_tokens=False, return_offsets_mapping=True)
        budget = self.max_length - hyp_len - tok.num_special_tokens_to_add(pair=True)
        ids = enc["input_ids"]
        if len(ids) <= budget:
            return [premise]
        if budget < MIN_PREMISE_TOKENS:
            raise ValueError(f"hypothesis is too long for {self.name} ({hyp_len} tokens); check fits() first")
        offsets = enc["offset_mapping"]
        stride = max(1, int(budget * WINDOW_STRIDE_FRACTION))
        out = []
        for start in range(0, len(ids), stride):
            end = min(start + budget, len(ids))
            out.append(premise[offsets[start][0] : offsets[end - 1][1]])
            if end == len(ids):
                break
        return out

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = DEFAULT_BATCH_SIZE) -> list[NLIScores]:
        """Calibrated probabilities for each (premise, hypothesis) pair, in order."""
        import torch

        flat, owner = [], []
        for k, (premise, hypothesis) in enumerate(pairs):
            for window in self._windows(premise, hypothesis):
                flat.append((window, hypothesis))
                owner.append(k)
        probs = torch.zeros((len(flat), len(self.labels)))
        # Tokenize once, then batch by token length: pairs of like length pad to little.
        encoded = self.tokenizer([p for p, _ in flat], [h for _, h in flat], truncation=True,
                                 max_length=self.max_length)
        features = [{k: v[i] for k, v in encoded.items()} for i in range(len(flat))]
        order = sorted(range(len(flat)), key=lambda i: len(features[i]["input_ids"]))
        with torch.inference_mode(), autocast(self.device, self.precision):
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                enc = self.tokenizer.pad([features[i] for i in idx], return_tensors="pt").to(self.device)
                logits = self.model(**enc).logits.float().cpu()
                probs[idx] = torch.softmax(logits / self.temperature, dim=-1)
        best: dict[int, NLIScores] = {}
        for row, k in zip(probs.tolist(), owner, strict=False):
            scores = to_scores(self.labels, row)
            if k not in best or max(scores.entailment, scores.contradiction) > max(best[k].entailment, best[k].contradiction):
                best[k] = scores
        return [best[k] for k in range(len(pairs))]


class EnsembleNLI:
    """Several NLI models read as one: each pair's calibrated probabilities, averaged by weight.

    Made by :func:`load_nli` from a folder whose ``ensemble.json`` names member folders (see
    :func:`checker.bundle.ensemble_members`). The members must share a tokenizer (the bundled ones
    do: both come from all-MiniLM-L6-v2), so a claim's length is measured once. Each member picks its
    most decisive window of a long premise on its own. ``model`` is the first member's, for tools
    that read its config."""

    def __init__(self, members: list[NLIModel], weights: list[float], bundle: ModelBundle):
        self.members, self.weights, self.bundle = members, weights, bundle
        self.name = bundle.name
        first = members[0]
        self.tokenizer, self.labels, self.device, self.precision = first.tokenizer, first.labels, first.device, first.precision
        self.model = first.model
        self.temperature = bundle.temperature  # 1.0: each member applies its own
        self.max_length = min(m.max_length for m in members)

    def __repr__(self) -> str:
        return f"EnsembleNLI({self.name!r}, {[m.name for m in self.members]}, weights={self.weights})"

    max_hypothesis_tokens = NLIModel.max_hypothesis_tokens
    hypothesis_tokens = NLIModel.hypothesis_tokens
    fits = NLIModel.fits
    _windows = NLIModel._windows

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = DEFAULT_BATCH_SIZE) -> list[NLIScores]:
        """The members' calibrated probabilities for each pair, averaged by weight."""
        total = sum(self.weights)
        each = [m.predict(pairs, batch_size) for m in self.members]
        return [NLIScores(*(sum(w * getattr(s, f) for w, s in zip(self.weights, row, strict=True)) / total
                            for f in (ENTAILMENT, NEUTRAL, CONTRADICTION)))
                for row in zip(*each, strict=True)]


def load_nli(model_name_or_path: str | None = None, device: str = "auto", labels: Sequence[str] | None = None,
             quantize: bool = False, precision_name: str | None = None) -> NLIModel | EnsembleNLI:
    """Load an NLI model by folder or hub id; the default is the bundled model (an ensemble).

    A BERT folder (the bundled model's kind) runs on ``index.bert`` without importing transformers'
    model code; anything else, or ``CROSSCHECK_BACKEND=transformers``, loads through transformers.

    ``quantize`` runs the linear layers in int8 (dynamic quantization): on a 2-core AMD EPYC it made
    the seed article only about 10% faster and moved probabilities, so it is off unless asked for.
    """
    name = str(model_name_or_path or DEFAULT_NLI)
    path = Path(name).expanduser()
    local = looks_local(name)
    if local and (spec := ensemble_members(path)):
        members = [load_nli(str(member), device, labels, quantize, precision_name) for member, _ in spec]
        probe = ("A premise, with punctuation.", "Unusual words: Dolmabahçe 07:00")
        if len({tuple(m.tokenizer(*probe)["input_ids"]) for m in members}) > 1:
            raise ModelLoadError(f"{name}: the ensemble's members do not share a tokenizer")
        return EnsembleNLI(members, [w for _, w in spec], ModelBundle.locate(name, [m.bundle.sha256 for m in members]))
    if local and not (path / "config.json").exists():
        raise ModelLoadError(f"{name} is not a model folder (no config.json)")
    from index import bert

    device = resolve_device(device)
    if local and backend() == "auto" and bert.usable(path) and not quantize:
        model = bert.Classifier(path).to(device)
        tokenizer = bert.Tokenizer(path, bert.model_max_length(path))
        order = label_order(model.config.id2label, name, labels)
        log.info("loaded NLI model %s on %s with index.bert (labels %s)", name, device, order)
        return NLIModel(model, tokenizer, ModelBundle.locate(name), order, device, precision_name or precision())
    try:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError as e:  # pragma: no cover - transformers is in requirements.txt
        raise ModelLoadError(f"transformers is not installed ({e}); run: pip install transformers torch") from e
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path) if local else name)
        model = AutoModelForSequenceClassification.from_pretrained(str(path) if local else name, dtype="float32")
    except (OSError, ValueError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ModelLoadError(f"cannot load NLI model {name!r}: {first}") from None
    order = label_order(model.config.id2label, name, labels)
    bundle = ModelBundle.locate(name)  # after loading: a hub model is in the local cache by now
    model.to(device)
    if quantize and device == "cpu":
        import torch

        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    log.info("loaded NLI model %s on %s (labels %s, T=%.3f)", name, device, order, bundle.temperature)
    return NLIModel(model, tokenizer, bundle, order, device, "fp32" if quantize else precision_name or precision())
