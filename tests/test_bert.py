"""index/bert.py computes what transformers and sentence-transformers compute, for the bundled models."""

import numpy as np
import pytest

from tests.conftest import has_nli_model

pytestmark = pytest.mark.model

TEXTS = [
    "The talks in Istanbul would begin at 07:00 GMT.",
    "A Ukrainian official said no time had been agreed for the start of the talks.",
    "Zelenskiy called for an immediate 30-day ceasefire.",
    "Переговоры в Стамбуле начнутся в 10:00.",
    "x",
    "The Kremlin published the list of its negotiators: " + "presidential adviser Vladimir Medinsky, " * 40,
]


def test_sentence_vectors_match_sentence_transformers():
    from sentence_transformers import SentenceTransformer

    from index import bert
    from index.embed import _bundled_path

    folder = _bundled_path()
    assert bert.sentence_usable(folder)
    ours = bert.SentenceEncoder(__import__("pathlib").Path(folder)).encode(TEXTS, normalize_embeddings=True)
    theirs = SentenceTransformer(folder, device="cpu").encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    assert np.abs(ours - theirs).max() < 1e-5


@pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")
def test_nli_probabilities_match_transformers(monkeypatch):
    from checker.nli import DEFAULT_NLI, load_nli

    pairs = [(a, b) for a in TEXTS for b in TEXTS[:3]]
    ours = load_nli(DEFAULT_NLI)
    monkeypatch.setenv("CROSSCHECK_BACKEND", "transformers")
    theirs = load_nli(DEFAULT_NLI)
    assert type(ours.model).__module__ == "index.bert" and type(theirs.model).__module__.startswith("transformers")
    a = np.array([[s.entailment, s.neutral, s.contradiction] for s in ours.predict(pairs)])
    b = np.array([[s.entailment, s.neutral, s.contradiction] for s in theirs.predict(pairs)])
    assert np.abs(a - b).max() < 1e-5
    premise = "The central bank raised its main interest rate to 5 percent. " * 60  # windows: the same pieces
    assert ours._windows(premise, TEXTS[0]) == theirs._windows(premise, TEXTS[0])
    assert ours.hypothesis_tokens(TEXTS[5]) == theirs.hypothesis_tokens(TEXTS[5])
    assert ours.max_hypothesis_tokens == theirs.max_hypothesis_tokens
