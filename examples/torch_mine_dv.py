"""MINE's Donsker–Varadhan bound with shuffled marginals, beside infokit.torch.

The tutorial's MINE (001, "MINE") scores joint pairs T(x_i, y_i) and
marginal pairs T(x_i, y_perm(i)) and reads
``joint.mean() - log(exp(marginal).mean())``. Here the same network is
trained with ``infokit.torch.mine`` (DV value, MINE's moving-average
gradient) on x, y Gaussian with I = -0.5 log(1 - 0.8^2) = 0.51 nats; then
both readouts are taken on a held-out batch: the tutorial's with one shuffle,
and ``infokit.torch.dv`` on the score matrix of every pair, which equals the
same formula written in plain PyTorch over all off-diagonal pairs.

Run: python examples/torch_mine_dv.py  (needs torch; prints a note and exits
0 without it)
"""

import math
import sys


def main(steps: int = 300) -> dict:
    import torch
    import torch.nn as nn

    from infokit.torch import MineEMA, dv, mine

    torch.manual_seed(0)
    rho = 0.8
    truth = -0.5 * math.log(1 - rho**2)

    def sample(n):
        x = torch.randn(n, 1)
        return x, rho * x + math.sqrt(1 - rho**2) * torch.randn(n, 1)

    class MINE(nn.Module):  # the tutorial's network
        def __init__(self, x_dim, y_dim, hidden_dim=100):
            super().__init__()
            self.net = nn.Sequential(nn.Linear(x_dim + y_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, 1))

        def forward(self, x, y):  # the tutorial's estimate
            joint = self.net(torch.cat([x, y], dim=1))
            y_shuffled = y[torch.randperm(y.shape[0])]
            marginal = self.net(torch.cat([x, y_shuffled], dim=1))
            return joint.mean() - torch.log(torch.exp(marginal).mean())

        def scores(self, x, y):  # S[i, j] = T(x_i, y_j)
            n, m = x.shape[0], y.shape[0]
            pairs = torch.cat([x[:, None].expand(n, m, x.shape[1]), y[None].expand(n, m, y.shape[1])], dim=2)
            return self.net(pairs).squeeze(-1)

    model, ema = MINE(1, 1), MineEMA(momentum=0.99)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(steps):
        x, y = sample(64)
        loss = -mine(model.scores(x, y), ema)
        opt.zero_grad()
        loss.backward()
        opt.step()

    x, y = sample(512)
    with torch.no_grad():
        tutorial = model(x, y).item()
        S = model.scores(x, y)
        off = ~torch.eye(S.shape[0], dtype=torch.bool)
        plain = (S.diagonal().mean() - torch.log(torch.exp(S[off]).mean())).item()
        infokit = dv(S).item()
    print(f"I(X;Y) = {truth:.4f} nats (closed form)")
    print(f"DV, one shuffle (tutorial): {tutorial:.4f}   DV, all pairs (plain PyTorch): {plain:.4f}")
    print(f"infokit.torch.dv(S): {infokit:.4f}   (MINE's average after {int(ema.steps)} steps)")
    return {"truth": truth, "tutorial": tutorial, "plain": plain, "infokit": infokit}


if __name__ == "__main__":
    try:
        import torch  # noqa: F401
    except ImportError:
        print("this example needs PyTorch: pip install 'infokit[torch]'")
        sys.exit(0)
    main()
