"""Crosscheck: claims → evidence → NLI → verdicts → flags.

The public Python API. The CLI and the web UI use these names and nothing deeper::

    from checker import Checker
    with Checker.open("./workspace") as checker:
        verdict = checker.check_claim("Talks in Istanbul begin at 07:00 GMT.")

The index (``checker.workspace`` of a Checker, or ``Workspace.open(path)`` on its own) adds,
lists, removes and searches evidence. ``checker.lab`` (training, evaluation) is not part of it.
"""

from checker import output
from checker.bundle import ModelBundle
from checker.claims import Claim, Dropped
from checker.flags import Flag, FlagStore, Review, Side
from checker.nli import EnsembleNLI, NLIModel, NLIScores, load_nli
from checker.output import to_data
from checker.pipeline import Checker, CheckReport, CheckSummary, History, read_article
from checker.verdict import Evidence, Label, Provenance, Thresholds, Verdict
from index import settings
from index.embed import load_embedder
from index.errors import CrosscheckError
from index.results import AddReport, DocumentInfo, Hit, Passage, Stats
from index.workspace import Workspace, user_error

__all__ = [
    "AddReport", "CheckReport", "CheckSummary", "Checker", "Claim", "CrosscheckError", "DocumentInfo", "Dropped", "EnsembleNLI", "Evidence", "Flag", "FlagStore", "History",
    "Hit", "Label", "ModelBundle", "NLIModel", "NLIScores", "Passage", "Provenance", "Review", "Side", "Stats",
    "Thresholds", "Verdict", "Workspace", "load_embedder", "load_nli", "output", "read_article", "settings", "to_data", "user_error",
]
