"""Deep InfoMax's JSD objective in PyTorch: shuffled negatives and the score matrix.

The tutorial (000, "실전3") scores positive pairs T_pos = D(l_i, g_i) and
negatives T_neg = D(l_i, g_perm(i)) with a shuffled global feature, and
minimises ``softplus(-T_pos).mean() + softplus(T_neg).mean()``. Scoring every
pair instead gives the matrix S[i, j] = D(l_i, g_j), whose off-diagonal
entries are all the negatives; ``infokit.torch.js(S)`` is minus that loss on
all of them (the same expectation, with N - 1 times more negatives), and
agrees exactly with the all-pairs loss written in plain PyTorch.

Run: python examples/torch_deep_infomax_jsd.py  (needs torch; prints a note
and exits 0 without it)
"""

import sys


def main() -> dict:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    from infokit.torch import ConcatCritic, js

    torch.manual_seed(0)
    n, d = 64, 8
    z_global = torch.randn(n, d)
    z_local = z_global + 0.5 * torch.randn(n, d)  # two views of the same samples
    disc = ConcatCritic(d, d, hidden=32)  # D(l, g) = MLP([l, g]), as the tutorial's Discriminator
    assert isinstance(disc.net, nn.Sequential)

    def jsd_loss(t_pos, t_neg):  # the tutorial's
        return F.softplus(-t_pos).mean() + F.softplus(t_neg).mean()

    opt = torch.optim.Adam(disc.parameters(), lr=1e-3)
    for _ in range(100):  # train the discriminator with infokit's objective
        loss = -js(disc(z_local, z_global))
        opt.zero_grad()
        loss.backward()
        opt.step()

    with torch.no_grad():
        S = disc(z_local, z_global)  # S[i, j] = D(l_i, g_j)
        t_pos = S.diagonal()
        shuffled = jsd_loss(t_pos, disc.net(torch.cat([z_local, z_global[torch.randperm(n)]], 1)).squeeze(1)).item()
        off = ~torch.eye(n, dtype=torch.bool)
        all_pairs = jsd_loss(t_pos, S[off]).item()
        infokit = -js(S).item()

    print(f"JSD loss, shuffled negatives (tutorial): {shuffled:.4f}")
    print(f"JSD loss, all {n * (n - 1)} negatives (plain PyTorch): {all_pairs:.4f}")
    print(f"-infokit.torch.js(S): {infokit:.4f}")
    return {"shuffled": shuffled, "all_pairs": all_pairs, "infokit": infokit}


if __name__ == "__main__":
    try:
        import torch  # noqa: F401
    except ImportError:
        print("this example needs PyTorch: pip install 'infokit[torch]'")
        sys.exit(0)
    main()
