"""What travels with an NLI model, wherever it was loaded from: :class:`ModelBundle`.

A model's identity is more than its name: the digest of its weights (recorded with every verdict),
its calibration (``calibration.json``: the softmax temperature) and the verdict settings fitted for
it (``verdict.json``: thresholds, written by ``crosscheck eval fit``). All of it is read here, from
the model's folder: the folder given, or for a hub id the snapshot in the local Hugging Face cache
(read without a network). A model without these files gets an empty digest, T = 1 and the
default thresholds, and says so in its provenance.

An ensemble is a folder with ``ensemble.json`` instead of weights: it names member model folders
(relative to it) and their weights, and holds its own ``verdict.json``. Its digest covers that
file and every member's weights; each member keeps its own calibration.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import CrosscheckError, ModelLoadError

CALIBRATION_FILE = "calibration.json"
VERDICT_FILE = "verdict.json"
ENSEMBLE_FILE = "ensemble.json"
WEIGHT_PATTERNS = ("model.safetensors", "model-*.safetensors", "pytorch_model.bin", "pytorch_model-*.bin")


def looks_local(name: str) -> bool:
    """A folder (existing, or written like a path), not a hub id such as ``org/model``."""
    return Path(name).expanduser().exists() or name.startswith((".", "/", "~")) or name.count("/") > 1


def hub_snapshot(repo_id: str) -> Path | None:
    """The cached snapshot folder of a hub model, found without a network; None if not cached."""
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - huggingface_hub comes with transformers
        return None
    found = try_to_load_from_cache(repo_id, "config.json")
    return Path(found).parent if isinstance(found, str) else None


def weights_sha256(folder: Path) -> str:
    """SHA-256 over the model's weight files (one file: that file's digest; shards: all, in name order)."""
    files = sorted({p for pattern in WEIGHT_PATTERNS for p in folder.glob(pattern)})
    if not files:
        return ""
    h = hashlib.sha256()
    for path in files:
        with open(path, "rb") as f:
            for block in iter(lambda f=f: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def ensemble_members(folder: Path) -> list[tuple[Path, float]]:
    """(member folder, weight) for an ensemble folder's ``ensemble.json``; [] for any other folder."""
    spec_path = folder / ENSEMBLE_FILE
    if not spec_path.is_file():
        return []
    spec = _read_json(spec_path)
    try:
        members = [((folder / m["path"]).resolve(), float(m.get("weight", 1.0))) for m in spec["members"]]
    except (KeyError, TypeError, ValueError) as e:
        raise ModelLoadError(f"{spec_path}: expected {{\"members\": [{{\"path\": ..., \"weight\": ...}}, ...]}} "
                             f"({type(e).__name__}: {e})") from None
    if not members or any(w <= 0 for _, w in members):
        raise ModelLoadError(f"{spec_path}: an ensemble needs at least one member, each with a positive weight")
    for path, _ in members:
        if (path / ENSEMBLE_FILE).exists():
            raise ModelLoadError(f"{spec_path}: member {path} is itself an ensemble; name its members instead")
        if not (path / "config.json").is_file():
            raise ModelLoadError(f"{spec_path}: member {path} is not a model folder (no config.json)")
    return members


@dataclass(frozen=True)
class ModelBundle:
    """An NLI model's files and settings. ``folder`` is None when they cannot be found locally."""

    name: str
    folder: Path | None = None
    sha256: str = ""
    temperature: float = 1.0
    verdict: dict = field(default_factory=dict)  # verdict.json as written by `crosscheck eval fit`
    from_hub: bool = False

    @classmethod
    def locate(cls, name: str, member_digests: list[str] | None = None) -> ModelBundle:
        """The bundle for a folder or hub id (reads its files; loads no weights). For an ensemble whose
        members are already loaded, ``member_digests`` (their bundles' sha256, in ensemble.json's order)
        spares hashing their weights again."""
        from_hub = not looks_local(name)
        folder = hub_snapshot(name) if from_hub else Path(name).expanduser()
        if folder is None or not folder.is_dir():
            return cls(name, None, from_hub=from_hub)
        calibration = _read_json(folder / CALIBRATION_FILE)
        if member_digests is None and (members := ensemble_members(folder)):
            member_digests = [weights_sha256(path) for path, _ in members]
        if member_digests is not None:  # no weights of its own: ensemble.json and its members'
            h = hashlib.sha256((folder / ENSEMBLE_FILE).read_bytes())
            for member in member_digests:
                h.update(member.encode())
            digest = h.hexdigest()
        else:
            digest = weights_sha256(folder)
        return cls(name, folder, digest, float(calibration.get("temperature", 1.0)),
                   _read_json(folder / VERDICT_FILE), from_hub)

    @property
    def local(self) -> bool:
        """A folder of the user's own (not a hub model's cache): settings may be saved into it."""
        return self.folder is not None and not self.from_hub

    def save_verdict(self, data: dict) -> Path:
        """Write verdict.json beside the model, atomically. Refuses for a hub model's cache."""
        if not self.local:
            raise CrosscheckError(f"{self.name} is not a model folder, so {VERDICT_FILE} cannot be saved beside it; "
                                  "download the model to a folder, or use --dry-run")
        path = self.folder / VERDICT_FILE
        tmp = path.with_name(f".{VERDICT_FILE}.tmp-{os.getpid()}")
        tmp.write_text(json.dumps(data, indent=2) + "\n")
        os.replace(tmp, path)
        return path


def _read_json(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as e:
        raise CrosscheckError(f"{path} is not readable JSON ({e}); restore it or delete it") from None
