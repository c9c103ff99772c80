"""The LNC option of ksg_mutual_info: refused where undefined, warned outside
the measured range, and closer to the truth than KSG-1 inside it."""

import math
import warnings

import numpy as np
import pytest

from infokit import LNCWarning
from infokit.estimate import ksg_mutual_info


def _blocks(rng, n, d, r):
    """x: d // 2 columns, y: the rest; paired coordinates correlated r. Returns x, y, true MI."""
    dx = d // 2
    x = rng.normal(size=(n, dx))
    y = rng.normal(size=(n, d - dx))
    m = min(dx, d - dx)
    y[:, :m] = r * x[:, :m] + math.sqrt(1 - r * r) * y[:, :m]
    return x, y, -0.5 * m * math.log(1 - r * r)


def test_lnc_refuses_k_below_joint_dimension(rng):
    # Two 5-D blocks, MI ~1 nat: at k = 5 the 5 neighbour offsets span at most
    # 5 of the 10 dimensions, the PCA box is empty, and LNC used to give +175 nats.
    x, y, _ = _blocks(rng, 2000, 10, 0.6)
    with pytest.raises(ValueError, match=r"k >= dx \+ dy = 10, got k=5"):
        ksg_mutual_info(x, y, k=5, lnc=0.25)
    with pytest.raises(ValueError, match="k >= dx"):
        ksg_mutual_info(x[:, :1], y[:, :1], k=1, lnc=0.1)


def test_lnc_outside_measured_range_warns(rng):
    # 10-D, k = 15, alpha = 0.25 over-corrects by +0.4 to +1.9 nats: no longer silent.
    x, y, truth = _blocks(rng, 2000, 10, 0.6)
    with pytest.warns(LNCWarning, match=r"k=15 is below the k >= 40 .* alpha <= 0.01 is within range"):
        est = ksg_mutual_info(x, y, k=15, lnc=0.25)
    assert est - truth > 0.4  # the over-correction the warning is about
    with pytest.warns(LNCWarning, match="beyond the measured d <= 10"):
        ksg_mutual_info(np.hstack([x, x[:, :1] ** 3]), y, k=40, lnc=0.01)
    with pytest.warns(LNCWarning, match="no k <= 40"):
        ksg_mutual_info(x, y, k=40, lnc=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ksg_mutual_info(x, y, k=15, lnc=0.01)  # inside the range: silent


# (d, k, alpha) on the edge of the measured range: k = k_min(d, alpha).
IN_RANGE = [(2, 4, 0.2), (3, 6, 0.2), (4, 8, 0.2), (6, 12, 0.1), (8, 15, 0.05), (10, 25, 0.1)]


@pytest.mark.parametrize(("d", "k", "alpha"), IN_RANGE)
def test_lnc_inside_range_no_worse_and_helps_strong_dependence(d, k, alpha):
    rng = np.random.default_rng(100 + d)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for r in (0.0, 0.6):  # weak dependence: at most 0.03 nats worse than KSG-1
            x, y, truth = _blocks(rng, 2000, d, r)
            ksg = ksg_mutual_info(x, y, k=k)
            lnc = ksg_mutual_info(x, y, k=k, lnc=alpha)
            assert abs(lnc - truth) <= abs(ksg - truth) + 0.03
        x, y, truth = _blocks(rng, 2000, d, 0.999)  # strong dependence: closer
        ksg = ksg_mutual_info(x, y, k=k)
        lnc = ksg_mutual_info(x, y, k=k, lnc=alpha)
    assert lnc >= ksg
    assert abs(lnc - truth) < abs(ksg - truth) or abs(lnc - truth) < 0.05


def test_lnc_degenerate_neighbourhoods_warn_and_stay_finite(rng):
    # y = (x + noise, 2x): the joint points lie on a plane in 3-D, so every
    # PCA box has a side ~0 and the correction would be log(box / ~0). It is
    # left out, with a warning: the estimate is plain KSG-1.
    x = rng.normal(size=2000)
    y = np.column_stack([x + 0.1 * rng.normal(size=2000), 2 * x])
    with pytest.warns(LNCWarning, match=r"of 2000 neighbourhoods are degenerate"):
        got = ksg_mutual_info(x, y, k=6, lnc=0.05)
    assert math.isfinite(got)
    assert got == pytest.approx(ksg_mutual_info(x, y, k=6), rel=1e-12)
