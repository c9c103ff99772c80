"""The MI of a bivariate Gaussian: closed form beside the KSG kNN estimator.

I(X; Y) = -0.5 log(1 - rho^2) nats for a bivariate normal with correlation rho.
The table lists the closed form for rho in 0 .. 0.99 beside infokit's estimate
from samples (KSG estimator 1, k = 3); the two columns agree to the
estimator's standard error (about 0.01 nats at n = 20000).

Run: python examples/gaussian_mi_table.py
"""

import math

import numpy as np

import infokit.estimate as ie


def gaussian_pairs(rho: float, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    y = rho * x + math.sqrt(1.0 - rho**2) * rng.standard_normal(n)
    return x, y


def main(n: int = 20_000) -> list[tuple[float, float, float]]:
    rows = []
    for rho in (0.0, 0.3, 0.5, 0.7, 0.9, 0.99):
        truth = -0.5 * math.log(1.0 - rho**2) + 0.0  # + 0.0 turns -0.0 into 0.0
        x, y = gaussian_pairs(rho, n)
        est = ie.mutual_info(x, y, method="ksg", k=3)
        rows.append((rho, truth, est))
        print(f"rho = {rho:.2f}  I = {truth:.4f} nats (closed form)  KSG = {est:.4f} nats")
    return rows


if __name__ == "__main__":
    main()
