"""Draw the README's figures from scikit-learn's bundled breast-cancer data.

Run: ``python docs/figures.py`` (needs the ``plot`` and ``test`` extras); writes
``docs/img/ranking.png`` and ``docs/img/heatmap.png``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer

from infokit import plot
from infokit.estimate import mi_bootstrap, mi_test
from infokit.feature_selection import mutual_info_matrix

OUT = Path(__file__).resolve().parent / "img"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    data = load_breast_cancer()
    X, y, names = data.data, data.target, list(data.feature_names)
    top = np.argsort(
        [-float(mi_test(X[:, j], y, n_permutations=0 + 1, random_state=0).estimate) for j in range(X.shape[1])]
    )[:12]
    scores, intervals, nulls = [], [], []
    for j in top:
        test = mi_test(X[:, j], y, n_permutations=199, random_state=0)
        boot = mi_bootstrap(X[:, j], y, n_resamples=200, random_state=0)
        scores.append(test.estimate)
        intervals.append((boot.low, boot.high))
        nulls.append(float(np.quantile(test.null_distribution, 0.95)))
    fig, ax = plt.subplots(figsize=(6, 4.5))
    plot.ranking(scores, [names[j] for j in top], intervals=intervals, null_threshold=nulls, ax=ax)
    ax.set_title(
        "breast cancer: MI with the diagnosis (Ross estimator)\n"
        "95% intervals; shaded: 95th percentile of 199 permutations",
        fontsize=9,
    )
    fig.tight_layout()
    fig.savefig(OUT / "ranking.png", dpi=90)
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    plot.mi_heatmap(mutual_info_matrix(X[:, top], random_state=0), [names[j] for j in top], annotate=False, ax=ax)
    ax.set_title("breast cancer: pairwise MI (KSG), clustered", fontsize=9)
    fig.tight_layout()
    fig.savefig(OUT / "heatmap.png", dpi=90)


if __name__ == "__main__":
    main()
