"""VIB's KL term KL(N(mu, diag e^logvar) || N(0, I)) in PyTorch.

The tutorial's VIB (001, "Information Bottleneck") writes
``-0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp())``;
``infokit.torch.kl_normal_standard`` gives the same number, one KL per row
with ``reduction="none"``, and keeps its precision for log-variances near 0,
where ``1 + v - exp(v)`` cancels (infokit uses ``expm1``).

Run: python examples/torch_vib_kl.py  (needs torch; prints a note and exits 0
without it)
"""

import sys


def main() -> dict:
    import torch

    from infokit.torch import kl_normal_standard

    torch.manual_seed(0)
    mu, log_var = torch.randn(32, 16), 0.5 * torch.randn(32, 16)

    kl_plain = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp())  # the tutorial
    kl_infokit = kl_normal_standard(mu, log_var, reduction="sum")
    per_row = kl_normal_standard(mu, log_var)  # shape (32,)

    # Near logvar = 0 the tutorial's form cancels to nothing in float32.
    tiny = torch.full((1, 16), 1e-4)
    zero_mu = torch.zeros(1, 16)
    tiny_plain = (-0.5 * torch.sum(1 + tiny - zero_mu.pow(2) - tiny.exp())).item()
    tiny_infokit = kl_normal_standard(zero_mu, tiny, reduction="sum").item()
    exact = 16 * 0.5 * (1e-4**2 / 2 + 1e-4**3 / 6)

    print(f"KL term: {kl_plain.item():.4f} (tutorial)  {kl_infokit.item():.4f} (infokit)")
    print(f"logvar = 1e-4: tutorial {tiny_plain:.3e}, infokit {tiny_infokit:.3e}, exact {exact:.3e}")
    return {
        "plain": kl_plain.item(),
        "infokit": kl_infokit.item(),
        "per_row_sum": per_row.sum().item(),
        "tiny_plain": tiny_plain,
        "tiny_infokit": tiny_infokit,
        "tiny_exact": exact,
    }


if __name__ == "__main__":
    try:
        import torch  # noqa: F401
    except ImportError:
        print("this example needs PyTorch: pip install 'infokit[torch]'")
        sys.exit(0)
    main()
