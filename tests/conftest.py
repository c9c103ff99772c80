import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

# CI gets more hypothesis examples than the dev loop, but never a deadline:
# timing-based failures are not correctness failures.
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def rng():
    return np.random.default_rng(12345)
