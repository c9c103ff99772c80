"""Coin entropies: a fair coin carries 1 bit, an 8:2 coin 0.722 bits, a sure coin 0.

By hand, -(0.5 * log2 0.5 + 0.5 * log2 0.5) = 1 and
-(0.8 * log2 0.8 + 0.2 * log2 0.2) = -(0.8 * -0.322 + 0.2 * -2.322) = 0.722, and
the uniform coin has the largest entropy. Here with infokit, one call per coin,
or all coins at once as the rows of one array.

Run: python examples/coin_entropy.py
"""

from __future__ import annotations

import numpy as np

from infokit import dist

COINS = {"fair 5:5": [0.5, 0.5], "bent 8:2": [0.8, 0.2], "always heads": [1.0, 0.0]}


def compute() -> dict:
    bits = {name: float(dist.entropy(p, base=2)) for name, p in COINS.items()}
    # The same in one call: each row is a coin (axis=-1 is the default).
    rows = dist.entropy(np.array(list(COINS.values())), base=2)
    # The binary entropy curve h(p) peaks at p = 1/2.
    grid = np.linspace(0.0, 1.0, 101)
    curve = dist.entropy(np.column_stack([grid, 1.0 - grid]), base=2)
    return {"bits": bits, "rows": rows, "argmax_p": float(grid[np.argmax(curve)]), "max_bits": float(curve.max())}


def main() -> dict:
    res = compute()
    for name, h in res["bits"].items():
        print(f"H({name:>12s}) = {h:.3f} bits")
    print(f"binary entropy curve: max {res['max_bits']:.3f} bits at p = {res['argmax_p']:.2f}")
    return res


if __name__ == "__main__":
    main()
