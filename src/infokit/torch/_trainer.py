"""Train a critic on samples and report a held-out variational MI estimate."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import Tensor, nn

from infokit._validation import check_random_state
from infokit.torch._bounds import MineEMA, dv, dv_js, infonce, js, mine, nwj, nwj_js, smile
from infokit.torch._critics import BilinearCritic, ConcatCritic, SeparableCritic

__all__ = ["estimate_mi", "MIEstimate"]

BOUNDS = ("smile", "dv_js", "nwj_js", "dv", "mine", "nwj", "infonce")
CRITICS = ("separable", "concat", "bilinear")


@dataclass(frozen=True)
class MIEstimate:
    """Result of :func:`estimate_mi`.

    Attributes
    ----------
    value : float
        The bound's mean over disjoint batches of the test split, in nats.
    stderr : float
        Its standard error (the batch values' standard deviation over the
        square root of the number of disjoint batches).
    history : dict of lists
        The training curve: ``step``, ``train`` (mean training value since the
        previous evaluation) and ``valid`` (validation value) at each evaluation.
    best_step : int
        The step whose critic was kept: the best validation value, or for the
        JS-trained bounds (``smile``, ``dv_js``, ``nwj_js``) the best
        validation JS objective.
    steps : int
        Steps trained (fewer than asked when early stopping struck).
    bound, critic : str
        What was trained.
    n_train, n_valid, n_test : int
        Sizes of the three splits.
    model : nn.Module
        The trained critic (on ``device``, in eval mode), taking standardised
        inputs.
    """

    value: float
    stderr: float
    history: dict[str, list[float]] = field(repr=False)
    best_step: int
    steps: int
    bound: str
    critic: str
    n_train: int
    n_valid: int
    n_test: int
    model: nn.Module = field(repr=False)


def _as_matrix(a: Any, name: str) -> np.ndarray:
    if isinstance(a, Tensor):
        a = a.detach().cpu().numpy()
    arr = np.asarray(a, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 1-D or 2-D (n_samples, n_features), got {arr.ndim}-D")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} is empty")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or inf")
    return arr


def _check_pos_int(v: Any, name: str) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
        raise ValueError(f"{name} must be a positive int, got {v!r}")
    return int(v)


def _bound_fn(
    bound: str, clip: float | None
) -> tuple[Callable[[Tensor], Tensor], Callable[[Tensor], Tensor], Callable[[Tensor], Tensor], MineEMA | None]:
    """(training objective, held-out readout, early-stopping criterion, MINE's average or None).

    The JS-trained bounds stop on the validation JS objective, the quantity
    their critic climbs, not on their readout: SMILE's readout is no bound
    (clipping biases it either way), and keeping the critic whose readout
    validated highest keeps the one that overshoots most (staircase, 10 nats:
    11.29 against 11.01 when stopping on JS, ``docs/staircase.md``).
    """
    if bound == "smile":
        return (lambda S: smile(S, clip)), (lambda S: smile(S, clip)), js, None
    if bound == "mine":
        ema = MineEMA()
        return (lambda S: mine(S, ema)), dv, dv, ema
    fn = {"dv_js": dv_js, "nwj_js": nwj_js, "dv": dv, "nwj": nwj, "infonce": infonce}[bound]
    return fn, fn, (js if bound in ("dv_js", "nwj_js") else fn), None


def _make_critic(critic: Any, x_dim: int, y_dim: int, hidden: int, embed: int, layers: int) -> tuple[nn.Module, str]:
    if isinstance(critic, nn.Module):
        return critic, type(critic).__name__
    if critic == "separable":
        return SeparableCritic(x_dim, y_dim, hidden=hidden, embed=embed, layers=layers), critic
    if critic == "concat":
        return ConcatCritic(x_dim, y_dim, hidden=hidden, layers=layers), critic
    if critic == "bilinear":
        return BilinearCritic(x_dim, y_dim), critic
    raise ValueError(f"critic must be one of {CRITICS} or an nn.Module, got {critic!r}")


def _progress_bar(total: int, enabled: bool) -> Any:
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:  # tqdm is optional: no bar then
        return None
    return tqdm(total=total, desc="estimate_mi", leave=False)


def _batch_values(
    model: nn.Module, fns: tuple[Callable[[Tensor], Tensor], ...], x: Tensor, y: Tensor, batches: list[Tensor]
) -> np.ndarray:
    """(len(batches), len(fns)): each function on each batch's score matrix, built once."""
    with torch.no_grad():
        return np.array([[float(f(S)) for f in fns] for S in (model(x[b], y[b]) for b in batches)])


def _disjoint_batches(n: int, size: int, rng: np.random.Generator, device: torch.device) -> list[Tensor]:
    perm = rng.permutation(n)
    k = n // size
    return [torch.as_tensor(perm[i * size : (i + 1) * size], device=device) for i in range(k)]


def estimate_mi(
    x: Any,
    y: Any,
    bound: str = "smile",
    critic: str | nn.Module = "separable",
    steps: int = 3000,
    batch_size: int = 256,
    lr: float = 1e-3,
    *,
    weight_decay: float = 0.0,
    hidden: int = 128,
    embed: int = 32,
    layers: int = 2,
    clip: float | None = 5.0,
    eval_every: int = 100,
    patience: int = 10,
    valid_fraction: float = 0.2,
    test_fraction: float = 0.2,
    eval_repeats: int = 10,
    device: str | torch.device | None = None,
    random_state: Any = None,
    progress: bool = False,
) -> MIEstimate:
    r"""Estimate I(X; Y) by training a neural critic on a variational bound.

    The samples are split three ways (seeded by ``random_state``): the critic
    is trained with Adam on the training split (standardised by its means and
    standard deviations), evaluated every ``eval_every`` steps on the
    validation split, and stopped when ``patience`` evaluations in a row bring
    no improvement (in the bound, or for the JS-trained bounds in the JS
    objective they climb: SMILE's readout is no bound, and its highest
    validation value picks the critic that overshoots most); the best critic
    is then read out on the **test** split,
    which played no part in training or stopping. The value is the mean of the
    bound over disjoint test batches of ``batch_size`` (``eval_repeats``
    reshuffles), its standard error the batch values' standard deviation over
    the square root of the number of disjoint batches; never the maximum over
    training. Both are in nats.

    This is the estimator for what kNN estimators do badly: MI concentrated in
    a few coordinates of a many-dimensional pair. On a 5 x 5 Gaussian pair
    whose 1.02 nats sit in two coordinate pairs (rho = 0.8 twice, the other
    three pairs independent), KSG (``infokit.estimate.mutual_info(x, y)``)
    is off by -0.24 nats at n = 10000 and -0.42 at n = 1000 (means of three
    data sets), its bias growing with the joint dimension. ``estimate_mi(x,
    y)`` with its defaults (SMILE, tau = 5, a separable critic of width 128)
    is off by -0.06 to -0.08 nats at n = 10000 (standard error 0.025; 3 to 5
    s on one thread) and -0.24 to -0.39 at n = 1000, where 600 training pairs
    let the critic overfit within a few hundred steps
    (``tests/infokit_torch/test_torch_trainer.py`` holds n = 10000 within 0.12
    nats, marked slow). Like every variational lower bound it errs low when
    the critic is short of optimal.

    The defaults (Adam at ``lr=1e-3``, ``hidden=128``, ``embed=32``, batches
    of 256) are chosen so that short runs converge: on 2 nats in a 2 x 2
    Gaussian pair (n = 20000) 400 steps reach 1.93 to 1.96 nats (three
    seeds; standard error 0.02, about a second); the former
    ``lr=5e-4``, width 64, embedding 16 stopped at 1.89 to 1.93, three to
    five standard errors low. Long runs end where they did: the
    early-stopped critic is as good, found in fewer steps.

    Parameters
    ----------
    x, y : array-like or Tensor, shape (n, dx) and (n, dy)
        Paired samples (1-D means one feature).
    bound : {"smile", "dv_js", "nwj_js", "dv", "mine", "nwj", "infonce"}, default "smile"
        The objective. JS-trained ones (``smile``, ``dv_js``, ``nwj_js``) train
        stably and read out DV / NWJ; ``infonce`` cannot exceed
        ``log(batch_size)``.
    critic : {"separable", "concat", "bilinear"} or nn.Module, default "separable"
        A module mapping ``(x, y)`` batches to the score matrix
        ``S[i, j] = f(x_i, y_j)``; it receives standardised inputs. A module
        is trained in place and left holding the kept (best) weights, so
        successive calls on new samples continue training one critic (the
        optimiser's state starts afresh each call): ``docs/staircase.py``
        runs the staircase experiment so.
    steps : int, default 3000
        Maximum number of optimisation steps.
    batch_size : int, default 256
        Pairs per batch (the score matrix is ``batch_size`` squared); capped by
        the split sizes.
    lr : float, default 1e-3
        Adam's learning rate.
    weight_decay : float, default 0.0
        AdamW's decoupled weight decay.
    hidden, embed, layers : int, default 128, 32, 2
        Width, embedding size (separable) and depth of the built-in critics.
    clip : float or None, default 5.0
        SMILE's tau.
    eval_every, patience : int
        Evaluation interval (steps) and early-stopping patience (evaluations).
    valid_fraction, test_fraction : float
        Shares of the samples held out for early stopping and for the estimate.
    eval_repeats : int, default 10
        Reshuffles of the test split into disjoint batches.
    device : str or torch.device, optional
        Where to train; default the device of ``x`` if it is a tensor, else CPU.
    random_state : int, numpy Generator or None
        Seeds the split, the batches and the critic's initialisation (torch's
        global RNG is left untouched).
    progress : bool, default False
        Show a progress bar when tqdm is installed (nothing otherwise).

    Returns
    -------
    MIEstimate
        ``.value``, ``.stderr``, ``.history`` (the training curve), the kept
        ``.model`` and the split sizes.

    Examples
    --------
    >>> import numpy as np
    >>> from infokit.torch import estimate_mi
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal((2000, 1))
    >>> y = 0.9 * x + np.sqrt(1 - 0.81) * rng.standard_normal((2000, 1))  # I = 0.830 nats
    >>> res = estimate_mi(x, y, steps=400, random_state=0)
    >>> abs(res.value - 0.830) < 0.15
    True
    """
    if bound not in BOUNDS:
        raise ValueError(f"bound must be one of {BOUNDS}, got {bound!r}")
    steps = _check_pos_int(steps, "steps")
    batch_size = _check_pos_int(batch_size, "batch_size")
    eval_every = _check_pos_int(eval_every, "eval_every")
    patience = _check_pos_int(patience, "patience")
    eval_repeats = _check_pos_int(eval_repeats, "eval_repeats")
    for name, frac in (("valid_fraction", valid_fraction), ("test_fraction", test_fraction)):
        if not 0 < frac < 1:
            raise ValueError(f"{name} must lie in (0, 1), got {frac!r}")
    if valid_fraction + test_fraction >= 1:
        raise ValueError("valid_fraction + test_fraction must leave samples to train on")
    if not lr > 0:
        raise ValueError(f"lr must be positive, got {lr!r}")
    if device is None:
        device = x.device if isinstance(x, Tensor) else "cpu"
    device = torch.device(device)
    xa, ya = _as_matrix(x, "x"), _as_matrix(y, "y")
    n = xa.shape[0]
    if ya.shape[0] != n:
        raise ValueError(f"x and y must have the same number of samples, got {n} and {ya.shape[0]}")
    n_test = round(test_fraction * n)
    n_valid = round(valid_fraction * n)
    n_train = n - n_test - n_valid
    if min(n_test, n_valid, n_train) < 4:
        raise ValueError(f"too few samples ({n}) to split into training, validation and test sets of 4 or more")
    rng = check_random_state(random_state)
    perm = rng.permutation(n)
    idx_train, idx_valid, idx_test = perm[:n_train], perm[n_train : n_train + n_valid], perm[n_train + n_valid :]
    mean_x, sd_x = xa[idx_train].mean(0), xa[idx_train].std(0)
    mean_y, sd_y = ya[idx_train].mean(0), ya[idx_train].std(0)
    sd_x[sd_x == 0] = 1.0
    sd_y[sd_y == 0] = 1.0

    def to_t(a: np.ndarray) -> Tensor:
        return torch.as_tensor(a, dtype=torch.float32, device=device)

    xs, ys = to_t((xa - mean_x) / sd_x), to_t((ya - mean_y) / sd_y)
    x_tr, y_tr = xs[idx_train], ys[idx_train]
    x_va, y_va = xs[idx_valid], ys[idx_valid]
    x_te, y_te = xs[idx_test], ys[idx_test]

    train_b = min(batch_size, n_train)
    # Held-out batches: at least 4 per split, so a standard error exists.
    valid_b = max(2, min(batch_size, n_valid // 4))
    test_b = max(2, min(batch_size, n_test // 4))

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(rng.integers(2**63 - 1)))
        model, critic_name = _make_critic(critic, xa.shape[1], ya.shape[1], hidden, embed, layers)
    model = model.to(device)
    objective, readout, criterion, ema = _bound_fn(bound, clip)
    if ema is not None:
        ema.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    valid_batches = _disjoint_batches(n_valid, valid_b, rng, device)

    history: dict[str, list[float]] = {"step": [], "train": [], "valid": []}
    best_value, best_step, best_state = -math.inf, 0, copy.deepcopy(model.state_dict())
    bad, running, count, step = 0, 0.0, 0, 0
    bar = _progress_bar(steps, progress)
    order = torch.as_tensor(rng.permutation(n_train), device=device)
    pos = 0
    try:
        while step < steps:
            if pos + train_b > n_train:
                order = torch.as_tensor(rng.permutation(n_train), device=device)
                pos = 0
            b = order[pos : pos + train_b]
            pos += train_b
            model.train()
            value = objective(model(x_tr[b], y_tr[b]))
            optimizer.zero_grad(set_to_none=True)
            (-value).backward()
            optimizer.step()
            step += 1
            if math.isfinite(v := float(value.detach())):
                running += v
                count += 1
            if bar is not None:
                bar.update(1)
            if step % eval_every == 0 or step == steps:
                model.eval()
                fns = (readout,) if criterion is readout else (readout, criterion)
                means = _batch_values(model, fns, x_va, y_va, valid_batches).mean(axis=0)
                valid, score = float(means[0]), float(means[-1])
                history["step"].append(step)
                history["train"].append(running / count if count else math.nan)
                history["valid"].append(valid)
                running, count = 0.0, 0
                if bar is not None:
                    bar.set_postfix(valid=f"{valid:.3f}")
                if score > best_value:
                    best_value, best_step, best_state, bad = score, step, copy.deepcopy(model.state_dict()), 0
                else:
                    bad += 1
                    if bad >= patience:
                        break
    finally:
        if bar is not None:
            bar.close()
    model.load_state_dict(best_state)
    model.eval()
    values, k = [], 0
    for _ in range(eval_repeats):
        batches = _disjoint_batches(n_test, test_b, rng, device)
        k = len(batches)
        values.append(_batch_values(model, (readout,), x_te, y_te, batches)[:, 0])
    allv = np.concatenate(values)
    stderr = float(allv.std(ddof=1) / math.sqrt(k)) if allv.size > 1 else math.nan
    return MIEstimate(
        value=float(allv.mean()),
        stderr=stderr,
        history=history,
        best_step=best_step,
        steps=step,
        bound=bound,
        critic=critic_name,
        n_train=n_train,
        n_valid=n_valid,
        n_test=n_test,
        model=model,
    )
