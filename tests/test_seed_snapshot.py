"""No behaviour change without a decision: the seed article's verdicts and flags match tests/golden/seed.json.

The digest (tests/seed_snapshot.py) holds labels, confidences, evidence passages and flags, with
the article's own sentences kept only as hashes. After a deliberate change (a new model, new
thresholds), regenerate it with `python -m tests.seed_snapshot --write` and say why in the commit.
"""

import json

import pytest

from tests.conftest import has_nli_model
from tests.seed_snapshot import GOLDEN, digest

pytestmark = [pytest.mark.model, pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")]


def test_seed_verdicts_and_flags_match_the_snapshot(tmp_path, seed_article):
    """In fp32, the reference precision: the same on every machine (bf16 is measured in the README)."""
    from checker import Checker, Workspace, load_embedder, load_nli
    from tests.conftest import CORPUS

    expected = json.loads(GOLDEN.read_text())
    embedder = load_embedder(precision_name="fp32")
    with Workspace.open(tmp_path / "ws", embedder=embedder) as ws:
        ws.add([CORPUS])
    with Checker.open(tmp_path / "ws", embedder=embedder, nli=load_nli(precision_name="fp32")) as checker:
        found = digest(checker.check_article(seed_article))
    assert found["nli_sha256"] == expected["nli_sha256"], "a different NLI model: regenerate the snapshot on purpose"
    assert len(found["verdicts"]) == len(expected["verdicts"])
    for i, (got, want) in enumerate(zip(found["verdicts"], expected["verdicts"])):
        assert got == want, f"verdict {i} changed"
    assert found["dropped"] == expected["dropped"]
    assert found["flags"] == expected["flags"]
