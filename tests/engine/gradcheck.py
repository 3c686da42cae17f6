"""Finite-difference gradient checks in float64, first and second order (like torch.autograd.gradcheck).

`gradcheck(fn, inputs)` compares the engine's vector-Jacobian product against central differences
for a random upstream gradient; `gradgradcheck` does the same for the first derivative computed
with create_graph=True, which exercises every op's double backward.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

import engine as torch
from engine import Tensor

Fn = Callable[..., Tensor]


def _as_outputs(out: Tensor | Sequence[Tensor]) -> list[Tensor]:
    return [out] if isinstance(out, Tensor) else list(out)


def _weighted(fn: Fn, inputs: Sequence[Tensor], weights: list[np.ndarray]) -> Tensor:
    outs = _as_outputs(fn(*inputs))
    total = None
    for o, w in zip(outs, weights):
        term = (o * torch.tensor(w)).sum()
        total = term if total is None else total + term
    assert total is not None
    return total


def _numeric(
    fn: Fn, inputs: Sequence[Tensor], weights: list[np.ndarray], eps: float
) -> list[np.ndarray]:
    grads = []
    # Not under no_grad: `fn` may itself differentiate (gradgradcheck's first-order function).
    for i, x in enumerate(inputs):
        if not x.requires_grad:
            grads.append(None)
            continue
        base = x.detach().numpy()
        g = np.zeros_like(base)
        for idx in np.ndindex(base.shape):
            vals = []
            for step in (eps, -eps):
                shifted = base.copy()
                shifted[idx] += step
                args = list(inputs)
                args[i] = torch.tensor(shifted, requires_grad=True)
                vals.append(_weighted(fn, args, weights).item())
            g[idx] = (vals[0] - vals[1]) / (2 * eps)
        grads.append(g)
    return grads


def gradcheck(
    fn: Fn,
    inputs: Sequence[Tensor],
    *,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    seed: int = 0,
) -> None:
    """Assert that backward agrees with central differences for a random upstream gradient."""
    for x in inputs:
        assert x.dtype == torch.float64, "gradcheck needs float64 inputs"
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal(o.shape) for o in _as_outputs(fn(*inputs))]
    diff = [x for x in inputs if x.requires_grad]
    total = _weighted(fn, inputs, weights)
    if total.requires_grad:
        analytic = torch.autograd.grad(total, diff, allow_unused=True)
    else:  # no path to any input (e.g. the derivative of a linear function): all zeros
        analytic = tuple(None for _ in diff)
    numeric = [g for g in _numeric(fn, inputs, weights, eps) if g is not None]
    for k, (a, n) in enumerate(zip(analytic, numeric)):
        got = np.zeros_like(n) if a is None else a.detach().numpy()
        assert got.shape == n.shape, f"input {k}: grad shape {got.shape} != {n.shape}"
        np.testing.assert_allclose(got, n, atol=atol, rtol=rtol, err_msg=f"input {k}")


def gradgradcheck(
    fn: Fn,
    inputs: Sequence[Tensor],
    *,
    eps: float = 1e-6,
    atol: float = 1e-4,
    rtol: float = 1e-3,
    seed: int = 1,
) -> None:
    """Check second derivatives: gradcheck the first-order vjp built with create_graph=True."""
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal(o.shape) for o in _as_outputs(fn(*inputs))]
    diff_idx = [i for i, x in enumerate(inputs) if x.requires_grad]

    def first_order(*xs: Tensor) -> list[Tensor]:
        grads = torch.autograd.grad(
            _weighted(fn, xs, weights),
            [xs[i] for i in diff_idx],
            create_graph=True,
            allow_unused=True,
        )
        return [g if g is not None else torch.zeros_like(xs[i]) for g, i in zip(grads, diff_idx)]

    gradcheck(first_order, inputs, eps=eps, atol=atol, rtol=rtol, seed=seed)
