"""docs/staircase.py: its closed-form critic and one short run through the public API.

The full experiment (a few minutes) is documented in docs/staircase.md; here
the script's pieces are checked so that it cannot rot: the exact critic it
measures SMILE against, and a two-stage run of the trainer with one critic.
"""

from __future__ import annotations

import math
import runpy
from pathlib import Path

import pytest

pytest.importorskip("torch")

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "staircase.py"


@pytest.fixture(scope="module")
def staircase():
    return runpy.run_path(str(SCRIPT))


def test_exact_critic_is_the_log_density_ratio(staircase):
    # Unclipped, SMILE is DV: on the true log ratio at batch 64 it reads the
    # truth plus the small upward bias of a log of a batch mean (2.03 at 2
    # nats), so a wrong closed form would miss by far more than 0.1.
    assert abs(staircase["exact_critic_smile"](2.0, batches=100, clip=None) - 2.0) < 0.1
    # The documented overshoot of tau = 5 at 10 nats (12.1 over 200 batches).
    assert staircase["exact_critic_smile"](10.0, batches=100) > 11.5


def test_two_short_stages_through_estimate_mi(staircase):
    out = staircase["staircase"]("infonce", steps=40, stages=(2.0, 4.0), eval_every=20)
    assert out["truth"] == [2.0, 4.0]
    assert len(out["held_out"]) == len(out["smoothed"]) == len(out["stderr"]) == 2
    # InfoNCE on batches of 64 can never exceed log 64.
    assert all(v <= math.log(64) + 1e-6 for v in out["held_out"] + out["smoothed"])
    steps = [s for s, _ in out["curve"]]
    assert steps == [20, 40, 60, 80]  # the second stage continues the first's step count
