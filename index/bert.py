"""A small BERT for the bundled models: the forward pass in torch, the tokenizer from ``tokenizers``.

Why: importing transformers' model code and sentence-transformers costs several seconds before a
single claim is read (``crosscheck check`` cold took ~8 s, ~6.5 s of it imports). The bundled NLI
model and the bundled embedder are plain BERT encoders (MiniLM-L6), so for a folder whose
``config.json`` says ``"model_type": "bert"`` and which holds ``model.safetensors`` and
``tokenizer.json``, this module computes the same thing with torch's functional ops:
embeddings → N × (self-attention, feed-forward) → mean pooling (sentence embeddings) or the
pooler + classifier (NLI). ``tests/test_bert.py`` holds it to transformers' and
sentence-transformers' outputs on the same inputs. Anything else (another architecture, a hub id
not in a folder) loads through transformers as before, and ``CROSSCHECK_BACKEND=transformers``
forces that path for every model.

The classes offer the few methods Crosscheck calls on a tokenizer, a classifier or a
sentence-transformers model, with the same meaning; nothing more.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

WEIGHTS, TOKENIZER, CONFIG = "model.safetensors", "tokenizer.json", "config.json"


def usable(folder: str | Path) -> bool:
    """A BERT folder this module can run: config says bert, safetensors weights, a fast tokenizer file."""
    folder = Path(folder)
    if not all((folder / f).is_file() for f in (WEIGHTS, TOKENIZER, CONFIG)):
        return False
    config = json.loads((folder / CONFIG).read_text())
    return (config.get("model_type") == "bert" and config.get("hidden_act", "gelu") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute")


class Tokenizer:
    """``tokenizers.Tokenizer`` behind the calls Crosscheck makes on a transformers tokenizer."""

    def __init__(self, folder: Path, model_max_length: int):
        from tokenizers import Tokenizer as RustTokenizer

        self._tok = RustTokenizer.from_file(str(folder / TOKENIZER))
        self._tok.no_padding()
        self._tok.no_truncation()
        self.model_max_length = model_max_length
        self.pad_token_id = self._tok.token_to_id("[PAD]") or 0

    def num_special_tokens_to_add(self, pair: bool = False) -> int:
        return self._tok.post_processor.num_special_tokens_to_add(pair)

    def _encode_batch(self, texts, pairs, add_special_tokens: bool, max_length: int | None):
        if max_length:
            self._tok.enable_truncation(max_length=max_length, strategy="longest_first")
        try:
            inputs = list(zip(texts, pairs)) if pairs is not None else list(texts)
            return self._tok.encode_batch(inputs, add_special_tokens=add_special_tokens)
        finally:
            self._tok.no_truncation()

    def __call__(self, text, text_pair=None, add_special_tokens: bool = True, return_offsets_mapping: bool = False,
                 truncation: bool = False, max_length: int | None = None) -> dict:
        single = isinstance(text, str)
        texts = [text] if single else list(text)
        pairs = None if text_pair is None else ([text_pair] if single else list(text_pair))
        found = self._encode_batch(texts, pairs, add_special_tokens, max_length if truncation else None)
        out = {"input_ids": [e.ids for e in found], "token_type_ids": [e.type_ids for e in found],
               "attention_mask": [e.attention_mask for e in found]}
        if return_offsets_mapping:
            out["offset_mapping"] = [e.offsets for e in found]
        return {k: v[0] for k, v in out.items()} if single else out

    def pad(self, features: list[dict], return_tensors: str = "pt") -> dict:
        """Pad to the longest; torch tensors."""
        import torch

        width = max(len(f["input_ids"]) for f in features)
        out = {}
        for key, fill in (("input_ids", self.pad_token_id), ("token_type_ids", 0), ("attention_mask", 0)):
            out[key] = torch.tensor([list(f[key]) + [fill] * (width - len(f[key])) for f in features], dtype=torch.long)
        return BatchEncoding(out)


class BatchEncoding(dict):
    def to(self, device):
        return BatchEncoding({k: v.to(device) for k, v in self.items()})


class Encoder:
    """The BERT encoder's weights and its forward pass (torch functional ops, no nn.Module)."""

    def __init__(self, folder: Path, prefix: str, dtype=None):
        import torch
        from safetensors.torch import load_file

        self.config = json.loads((folder / CONFIG).read_text())
        weights = load_file(str(folder / WEIGHTS))
        self.w = {k[len(prefix):] if k.startswith(prefix) else k: v.to(dtype or torch.float32)
                  for k, v in weights.items()}
        self.layers = int(self.config["num_hidden_layers"])
        self.heads = int(self.config["num_attention_heads"])
        self.eps = float(self.config.get("layer_norm_eps", 1e-12))

    def to(self, device):
        self.w = {k: v.to(device) for k, v in self.w.items()}
        return self

    def __call__(self, input_ids, token_type_ids, attention_mask):
        import torch
        import torch.nn.functional as F

        w, (batch, length) = self.w, input_ids.shape
        hidden = w["embeddings.word_embeddings.weight"].shape[1]
        positions = torch.arange(length, device=input_ids.device)
        x = (w["embeddings.word_embeddings.weight"][input_ids] + w["embeddings.position_embeddings.weight"][positions]
             + w["embeddings.token_type_embeddings.weight"][token_type_ids])
        x = F.layer_norm(x, (hidden,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        mask = attention_mask[:, None, None, :].to(torch.bool)
        head = hidden // self.heads

        def linear(h, name):
            return F.linear(h, w[f"{name}.weight"], w[f"{name}.bias"])

        def split(h):
            return h.view(batch, length, self.heads, head).transpose(1, 2)

        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q, k, v = (split(linear(x, p + f"attention.self.{n}")) for n in ("query", "key", "value"))
            context = F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2).reshape(batch, length,
                                                                                                     hidden)
            x = F.layer_norm(linear(context, p + "attention.output.dense") + x, (hidden,),
                             w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                             self.eps)
            h = F.gelu(linear(x, p + "intermediate.dense"))
            x = F.layer_norm(linear(h, p + "output.dense") + x, (hidden,), w[p + "output.LayerNorm.weight"],
                             w[p + "output.LayerNorm.bias"], self.eps)
        return x


class Classifier:
    """BertForSequenceClassification's forward pass: ``model(**batch).logits``."""

    def __init__(self, folder: Path):
        self.encoder = Encoder(folder, "bert.")
        config = dict(self.encoder.config)
        config["id2label"] = {int(k): v for k, v in config.get("id2label", {}).items()}
        self.config = SimpleNamespace(**config)

    def eval(self):
        return self

    def to(self, device):
        self.encoder.to(device)
        return self

    def __call__(self, input_ids, token_type_ids, attention_mask):
        import torch
        import torch.nn.functional as F

        w = self.encoder.w
        x = self.encoder(input_ids, token_type_ids, attention_mask)
        pooled = torch.tanh(F.linear(x[:, 0], w["pooler.dense.weight"], w["pooler.dense.bias"]))
        return SimpleNamespace(logits=F.linear(pooled, w["classifier.weight"], w["classifier.bias"]))


class SentenceEncoder:
    """A sentence-transformers BERT model with mean pooling: ``encode(texts) → normalised vectors``."""

    def __init__(self, folder: Path, device: str = "cpu"):
        st_config = folder / "sentence_bert_config.json"
        self.max_seq_length = int(json.loads(st_config.read_text()).get("max_seq_length", 256)) if st_config.exists() \
            else 256
        self.encoder = Encoder(folder, "").to(device)
        self.tokenizer = Tokenizer(folder, self.max_seq_length)
        self.device = device

    def get_embedding_dimension(self) -> int:
        return int(self.encoder.config["hidden_size"])

    def encode(self, texts: list[str], batch_size: int = 16, normalize_embeddings: bool = True, **_):
        """Vectors as sentence-transformers computes them: stripped texts, longest first in batches, mean pooling."""
        import numpy as np
        import torch
        import torch.nn.functional as F

        texts = [str(t).strip() for t in texts]
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.get_embedding_dimension()), dtype="float32")
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                enc = self.tokenizer([texts[i] for i in idx], truncation=True, max_length=self.max_seq_length)
                batch = self.tokenizer.pad([{k: enc[k][j] for k in enc} for j in range(len(idx))]).to(self.device)
                x = self.encoder(batch["input_ids"], batch["token_type_ids"], batch["attention_mask"])
                m = batch["attention_mask"].unsqueeze(-1).to(x.dtype)
                vectors = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
                if normalize_embeddings:
                    vectors = F.normalize(vectors, p=2, dim=1)
                out[idx] = vectors.float().cpu().numpy()
        return out


def sentence_usable(folder: str | Path) -> bool:
    """A sentence-transformers folder of a BERT with mean pooling (and optionally Normalize): all-MiniLM-L6-v2's kind."""
    folder = Path(folder)
    modules, pooling = folder / "modules.json", folder / "1_Pooling" / "config.json"
    if not (usable(folder) and modules.exists() and pooling.exists()):
        return False
    kinds = {m.get("type", "").rsplit(".", 1)[-1] for m in json.loads(modules.read_text())}
    modes = {k for k, v in json.loads(pooling.read_text()).items() if k.startswith("pooling_mode") and v}
    return kinds <= {"Transformer", "Pooling", "Normalize"} and modes == {"pooling_mode_mean_tokens"}


def model_max_length(folder: Path, default: int = 512) -> int:
    path = Path(folder) / "tokenizer_config.json"
    if path.exists():
        value = json.loads(path.read_text()).get("model_max_length")
        if isinstance(value, int) and 0 < value < 100_000:
            return value
    return default
