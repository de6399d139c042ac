"""kill -9 during write commands leaves a sound workspace, and the same command then finishes (tests/faults.py).

The short run (20 points) pairs every command with every kind of damaged vectors file; the long run is
`python -m tests.faults --points 60` (or CROSSCHECK_FAULT_POINTS=60 here), its figures in the README.
"""

import os

import pytest

from tests.conftest import has_nli_model
from tests.faults import COMMANDS, DAMAGE, report, run

pytestmark = [pytest.mark.slow, pytest.mark.model,
              pytest.mark.skipif(not has_nli_model(), reason="the bundled NLI model is not built")]


def test_kill_9_at_random_points_loses_nothing(tmp_path):
    points = int(os.environ.get("CROSSCHECK_FAULT_POINTS", "20"))  # every command with every damaged file
    found = run(points, tmp_path, seed=int(os.environ.get("CROSSCHECK_FAULT_SEED", "7")))
    assert len(found) == points
    if points >= len(DAMAGE) + len(COMMANDS) - 1:
        assert {p.command for p in found} == set(COMMANDS) and {p.damage for p in found} == set(DAMAGE)
    assert not [p for p in found if p.problems], report(found)
