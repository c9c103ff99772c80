"""The InfoNCE lower bound I >= log N - L from one 256 x 128 batch (PyTorch).

The tutorial's simulation (001, "InfoNCE 시뮬레이션"): z_i are random unit
vectors, z_j = normalize(z_i + 0.1 noise), logits = z_i z_j^T / 0.5, and the
cross-entropy with the diagonal as targets is the InfoNCE loss L. infokit
gives the same loss (``info_nce_loss``, also through its memory-lean chunked
path) and the bound itself from the score matrix (``infonce``).

Run: python examples/torch_infonce_bound.py  (needs torch; prints a note and
exits 0 without it)
"""

import math
import sys


def main() -> dict:
    import torch
    import torch.nn.functional as F

    from infokit.torch import info_nce_loss, infonce

    torch.manual_seed(0)
    batch_size, dim, temperature = 256, 128, 0.5
    z_i = F.normalize(torch.randn(batch_size, dim), dim=1)
    z_j = F.normalize(z_i + 0.1 * torch.randn(batch_size, dim), dim=1)

    # The plain PyTorch of the tutorial
    sim = torch.mm(z_i, z_j.T) / temperature
    loss = F.cross_entropy(sim, torch.arange(batch_size))
    plain_bound = math.log(batch_size) - loss.item()

    # infokit
    ik_loss = info_nce_loss(z_i, z_j, temperature=temperature, symmetric=False, normalize=False)
    ik_lean = info_nce_loss(z_i, z_j, temperature=temperature, symmetric=False, normalize=False, chunk_size=64)
    ik_bound = infonce(sim).item()

    print(f"InfoNCE loss: {loss.item():.4f} (plain)  {ik_loss.item():.4f} (infokit)  {ik_lean.item():.4f} (chunked)")
    print(f"I(X;Y) >= log(N) - loss = {math.log(batch_size):.2f} - {loss.item():.2f} = {plain_bound:.2f}")
    print(f"infokit.torch.infonce(sim) = {ik_bound:.2f}  (never above log N = {math.log(batch_size):.2f})")
    return {
        "loss": loss.item(),
        "infokit_loss": ik_loss.item(),
        "lean_loss": ik_lean.item(),
        "bound": plain_bound,
        "infokit_bound": ik_bound,
    }


if __name__ == "__main__":
    try:
        import torch  # noqa: F401
    except ImportError:
        print("this example needs PyTorch: pip install 'infokit[torch]'")
        sys.exit(0)
    main()
