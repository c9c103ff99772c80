"""MINE's Donsker–Varadhan bound and the InfoNCE bound log N - L, in NumPy, beside infokit.bounds.

The tutorials write both in PyTorch; here each is written the way a reader of
them would, in plain NumPy, next to the one-line infokit call on the score
matrix ``S[i, j] = f(x_i, y_j)`` (diagonal = the positive pairs):

* MINE (tutorial 001): ``joint.mean() - log(exp(marginal).mean())`` with the
  marginal pairs made by shuffling y. One shuffle pairs each x_i with one
  other y; ``infokit.bounds.dv`` uses every off-diagonal pair of the batch
  (every shuffle at once), which is the same estimator with less noise. The
  critic is the true log density ratio of a Gaussian pair, so the bound sits
  near the true MI.
* InfoNCE (tutorial 001): ``sim = z_i @ z_j.T / temperature`` for a 256 x 128
  batch of normalised embeddings, ``loss = cross_entropy(sim, arange(N))`` and
  ``I >= log N - loss``; ``infokit.bounds.infonce(sim)`` is that number.

Run: python examples/variational_bounds.py
"""

from __future__ import annotations

import math

import numpy as np

from infokit import bounds

RHO, DIM, BATCH = 0.8, 4, 512  # Gaussian pair: I = -DIM/2 log(1 - rho^2)


def critic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """T(x, y) = log p(y | x) - log p(y) for y = rho x + sqrt(1 - rho^2) eps, per coordinate summed."""
    v = 1 - RHO**2
    return (-0.5 * math.log(v) - (y - RHO * x) ** 2 / (2 * v) + y**2 / 2).sum(axis=-1)


def mine_tutorial(x: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> float:
    # The tutorial's forward(), with NumPy for torch.
    joint = critic(x, y)
    y_shuffled = y[rng.permutation(len(y))]
    marginal = critic(x, y_shuffled)
    return float(joint.mean() - np.log(np.exp(marginal).mean()))


def dv_all_shuffles_plain(x: np.ndarray, y: np.ndarray) -> float:
    # Every pairing (x_i, y_j), j != i, as the marginal sample: a double loop's worth.
    s = critic(x[:, None, :], y[None, :, :])
    n = len(x)
    off = ~np.eye(n, dtype=bool)
    return float(np.diag(s).mean() - np.log(np.exp(s[off]).mean()))


def infonce_tutorial(z_i: np.ndarray, z_j: np.ndarray, temperature: float) -> tuple[np.ndarray, float]:
    sim = z_i @ z_j.T / temperature
    # F.cross_entropy(sim, arange(N)): mean of -log softmax at the diagonal
    m = sim.max(axis=1, keepdims=True)
    log_softmax_diag = np.diag(sim) - (m[:, 0] + np.log(np.exp(sim - m).sum(axis=1)))
    loss = float(-log_softmax_diag.mean())
    return sim, loss


def compute() -> dict:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((BATCH, DIM))
    y = RHO * x + math.sqrt(1 - RHO**2) * rng.standard_normal((BATCH, DIM))
    scores = critic(x[:, None, :], y[None, :, :])  # S[i, j] = T(x_i, y_j)
    shuffles = [mine_tutorial(x, y, np.random.default_rng(k)) for k in range(20)]

    z_rng = np.random.default_rng(1)
    z_i = z_rng.standard_normal((256, 128))
    z_i /= np.linalg.norm(z_i, axis=1, keepdims=True)
    z_j = z_i + 0.1 * z_rng.standard_normal((256, 128))
    z_j /= np.linalg.norm(z_j, axis=1, keepdims=True)
    sim, loss = infonce_tutorial(z_i, z_j, temperature=0.5)
    nce = bounds.infonce(sim)
    return {
        "true_mi": -DIM / 2 * math.log(1 - RHO**2),
        "mine_one_shuffle": shuffles[0],
        "mine_shuffles": shuffles,
        "dv_plain": dv_all_shuffles_plain(x, y),
        "dv": bounds.dv(scores).value,
        "mine": bounds.mine(scores).value,
        "infonce_loss": loss,
        "infonce_plain": math.log(256) - loss,
        "infonce": nce.value,
        "infonce_cap": nce.cap,
        "infonce_stderr": nce.stderr,
    }


def main() -> dict:
    r = compute()
    print(f"Gaussian pair, true I(X;Y) = {r['true_mi']:.4f} nats")
    print(f"  MINE, tutorial code, one shuffle:     {r['mine_one_shuffle']:.4f}")
    print(f"  MINE, 20 shuffles: mean {np.mean(r['mine_shuffles']):.4f}, sd {np.std(r['mine_shuffles']):.4f}")
    print(f"  DV over every off-diagonal pair:      {r['dv_plain']:.4f} (plain) = {r['dv']:.4f} (infokit.bounds.dv)")
    print(f"InfoNCE on a 256 x 128 batch: loss {r['infonce_loss']:.4f}")
    print(
        f"  I >= log N - loss = {math.log(256):.4f} - {r['infonce_loss']:.4f} = {r['infonce_plain']:.4f} "
        f"(plain) = {r['infonce']:.4f} (infokit.bounds.infonce, cap log N = {r['infonce_cap']:.4f})"
    )
    return r


if __name__ == "__main__":
    main()
