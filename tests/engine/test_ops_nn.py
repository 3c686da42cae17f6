"""torch.nn.functional: activations, softmax/log_softmax and losses — gradients (first and second
order), torch's grad_fn names, graphs, saved tensors and second-backward behaviour, the awkward
points of facts §9, numerically stable forms, warnings and torch's exact messages.

Expected names, values and messages were measured with torch 2.13.0 (facts sheet §8-9, §15, the
grad_fn reference, and scratch-venv measurements for cases the sheet does not list); they are
hard-coded so the tests need neither torch nor /work/shared.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine as torch
import engine.nn.functional as F
from engine import Tensor
from tests.engine.gradcheck import gradcheck, gradgradcheck
from tests.engine.helpers import graph, leaf, raises, saved, uniform

NAN = math.nan
INF = math.inf
SECOND_BACKWARD = "Trying to backward through the graph a second time"
SIZE_WARNING = (
    "Using a target size (torch.Size([{t}])) that is different to the input size "
    "(torch.Size([{i}])). This will likely lead to incorrect results due to broadcasting. "
    "Please ensure they have the same size."
)


def same(t: Tensor | None, expected: Any, dtype: Any = None, rtol: float = 1e-3) -> None:
    """Values equal to the printed precision (inf/nan patterns included), dtype if given."""
    assert t is not None
    np.testing.assert_allclose(
        t.detach().numpy().astype(np.float64),
        np.asarray(expected, dtype=float),
        rtol=rtol,
        atol=1e-6,
    )
    if dtype is not None:
        assert t.dtype == dtype


def longs(values: Any) -> Tensor:
    return torch.tensor(values, dtype=torch.int64)


def caught(fn: Callable[[], Any]) -> tuple[Any, list[str]]:
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        out = fn()
    return out, [f"{w.category.__name__}: {w.message}" for w in log]


# ---- activations: gradcheck and gradgradcheck in float64 ----------------------------------------

# (id, fn, low, high): inputs drawn from [low, high), away from kinks.
ACTIVATIONS: list[tuple[str, Callable[[Tensor], Tensor], float, float]] = [
    ("hardtanh", F.hardtanh, -0.9, 0.9),
    ("hardtanh_outside", lambda x: F.hardtanh(x, -0.5, 0.25), 0.3, 2),
    ("relu6", F.relu6, 0.5, 5.5),
    ("leaky_relu_neg", lambda x: F.leaky_relu(x, 0.2), -2, -0.1),
    ("leaky_relu_pos", F.leaky_relu, 0.1, 2),
    ("gelu", F.gelu, -3, 3),
    ("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"), -3, 3),
    ("softplus", F.softplus, -3, 3),
    ("softplus_beta_threshold", lambda x: F.softplus(x, beta=2.0, threshold=3.0), -1, 1.4),
    ("softplus_identity_side", lambda x: F.softplus(x, beta=2.0, threshold=3.0), 1.6, 3),
    ("elu_neg", lambda x: F.elu(x, alpha=0.7), -3, -0.1),
    ("elu_pos", F.elu, 0.1, 2),
    ("silu", F.silu, -3, 3),
    ("logsigmoid", F.logsigmoid, -5, 5),
    ("softmax_dim1", lambda x: F.softmax(x, dim=1), -2, 2),
    ("softmax_dim0", lambda x: x.softmax(0), -2, 2),
    ("torch_softmax_neg", lambda x: torch.softmax(x, -2), -2, 2),
    ("log_softmax_dim1", lambda x: F.log_softmax(x, dim=1), -2, 2),
    ("log_softmax_dim0", lambda x: x.log_softmax(0), -2, 2),
    ("torch_log_softmax", lambda x: torch.log_softmax(x, -1), -2, 2),
]


@pytest.mark.parametrize(("name", "fn", "lo", "hi"), ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_activation_gradcheck(
    name: str, fn: Callable[[Tensor], Tensor], lo: float, hi: float
) -> None:
    gradcheck(fn, [uniform((2, 3), lo, hi)])


@pytest.mark.parametrize(("name", "fn", "lo", "hi"), ACTIVATIONS, ids=[a[0] for a in ACTIVATIONS])
def test_activation_gradgradcheck(
    name: str, fn: Callable[[Tensor], Tensor], lo: float, hi: float
) -> None:
    gradgradcheck(fn, [uniform((2, 3), lo, hi)])


def test_softmax_of_0d_and_3d() -> None:
    gradcheck(lambda x: x.softmax(0) * x, [uniform((), -1, 1)])
    gradgradcheck(lambda x: F.log_softmax(x, dim=1), [uniform((2, 3, 2), -2, 2)])


# ---- losses: gradcheck and gradgradcheck in float64 ----------------------------------------------


def _targets() -> dict[str, Tensor]:
    return {
        "t23": uniform((2, 3), -1, 1, seed=5),
        "t3": uniform((3,), -1, 1, seed=6),
        "cls": longs([2, 0, 1, 1]),
        "cls_kd": longs([[0, 1, 2], [2, 2, 0]]),
        "probs": torch.tensor(
            np.random.default_rng(8).dirichlet(np.ones(3), size=4), dtype=torch.float64
        ),
        "w3": torch.tensor([0.5, 2.0, 1.5], dtype=torch.float64),
        "bin": torch.tensor(np.random.default_rng(9).uniform(0, 1, (2, 3)), dtype=torch.float64),
        "w23": torch.tensor(np.random.default_rng(10).uniform(0.5, 2, (2, 3)), dtype=torch.float64),
    }


# (id, fn(x, targets), input shape, low, high)
LOSSES: list[
    tuple[str, Callable[[Tensor, dict[str, Tensor]], Tensor], tuple[int, ...], float, float]
] = [
    ("mse_mean", lambda x, t: F.mse_loss(x, t["t23"]), (2, 3), -1, 1),
    ("mse_sum", lambda x, t: F.mse_loss(x, t["t23"], reduction="sum"), (2, 3), -1, 1),
    ("mse_none", lambda x, t: F.mse_loss(x, t["t23"], reduction="none"), (2, 3), -1, 1),
    ("mse_weighted", lambda x, t: F.mse_loss(x, t["t23"], weight=t["w23"]), (2, 3), -1, 1),
    ("l1_mean", lambda x, t: F.l1_loss(x, t["t23"] + 3), (2, 3), -1, 1),
    ("l1_sum", lambda x, t: F.l1_loss(x, t["t23"] - 3, reduction="sum"), (2, 3), -1, 1),
    ("cross_entropy", lambda x, t: F.cross_entropy(x, t["cls"]), (4, 3), -2, 2),
    ("ce_sum", lambda x, t: F.cross_entropy(x, t["cls"], reduction="sum"), (4, 3), -2, 2),
    ("ce_none", lambda x, t: F.cross_entropy(x, t["cls"], reduction="none"), (4, 3), -2, 2),
    ("ce_weight", lambda x, t: F.cross_entropy(x, t["cls"], weight=t["w3"]), (4, 3), -2, 2),
    ("ce_ignore", lambda x, t: F.cross_entropy(x, t["cls"], ignore_index=1), (4, 3), -2, 2),
    (
        "ce_smoothing",
        lambda x, t: F.cross_entropy(x, t["cls"], label_smoothing=0.2, weight=t["w3"]),
        (4, 3),
        -2,
        2,
    ),
    ("ce_kd", lambda x, t: F.cross_entropy(x, t["cls_kd"]), (2, 3, 3), -2, 2),
    (
        "ce_kd_none",
        lambda x, t: F.cross_entropy(x, t["cls_kd"], reduction="none"),
        (2, 3, 3),
        -2,
        2,
    ),
    ("ce_1d", lambda x, t: F.cross_entropy(x, longs(2)), (3,), -2, 2),
    ("ce_probs", lambda x, t: F.cross_entropy(x, t["probs"]), (4, 3), -2, 2),
    (
        "ce_probs_smoothing",
        lambda x, t: F.cross_entropy(x, t["probs"], label_smoothing=0.1, reduction="none"),
        (4, 3),
        -2,
        2,
    ),
    ("nll", lambda x, t: F.nll_loss(x, t["cls"], weight=t["w3"]), (4, 3), -2, 2),
    (
        "nll_4d",
        lambda x, t: F.nll_loss(x, t["cls_kd"].view(2, 3, 1), reduction="none"),
        (2, 3, 3, 1),
        -2,
        2,
    ),
    ("bce", lambda x, t: F.binary_cross_entropy(x, t["bin"]), (2, 3), 0.1, 0.9),
    (
        "bce_weight_sum",
        lambda x, t: F.binary_cross_entropy(x, t["bin"], weight=t["w3"], reduction="sum"),
        (2, 3),
        0.1,
        0.9,
    ),
    ("bce_logits", lambda x, t: F.binary_cross_entropy_with_logits(x, t["bin"]), (2, 3), -3, 3),
    (
        "bce_logits_weights",
        lambda x, t: F.binary_cross_entropy_with_logits(
            x, t["bin"], weight=t["w23"], pos_weight=t["w3"], reduction="none"
        ),
        (2, 3),
        -3,
        3,
    ),
]


@pytest.mark.parametrize(("name", "fn", "shape", "lo", "hi"), LOSSES, ids=[c[0] for c in LOSSES])
def test_loss_gradcheck(name: str, fn: Any, shape: Any, lo: float, hi: float) -> None:
    t = _targets()
    gradcheck(lambda x: fn(x, t), [uniform(shape, lo, hi)])


@pytest.mark.parametrize(("name", "fn", "shape", "lo", "hi"), LOSSES, ids=[c[0] for c in LOSSES])
def test_loss_gradgradcheck(name: str, fn: Any, shape: Any, lo: float, hi: float) -> None:
    t = _targets()
    gradgradcheck(lambda x: fn(x, t), [uniform(shape, lo, hi)])


# Losses that also differentiate their target (torch derives both inputs).
TWO_SIDED: list[
    tuple[str, Callable[[Tensor, Tensor], Tensor], tuple[Any, ...], tuple[Any, ...]]
] = [
    ("mse", F.mse_loss, ((2, 3), -1, 1), ((2, 3), -1, 1)),
    (
        "mse_broadcast_target",
        lambda a, b: F.mse_loss(a, b, reduction="sum"),
        ((2, 3), -1, 1),
        ((3,), -1, 1),
    ),
    ("l1", lambda a, b: F.l1_loss(a, b + 3), ((2, 3), -1, 1), ((2, 3), -1, 1)),
    ("bce", F.binary_cross_entropy, ((2, 3), 0.1, 0.9), ((2, 3), 0.1, 0.9)),
    ("bce_logits", F.binary_cross_entropy_with_logits, ((2, 3), -3, 3), ((2, 3), 0, 1)),
    (
        "bce_logits_pos_weight",
        lambda a, b: F.binary_cross_entropy_with_logits(
            a, b, pos_weight=torch.tensor([2.0, 0.5, 1.0], dtype=torch.float64)
        ),
        ((2, 3), -3, 3),
        ((2, 3), 0, 1),
    ),
    ("ce_probs", F.cross_entropy, ((4, 3), -2, 2), ((4, 3), 0, 1)),
]


@pytest.mark.parametrize(("name", "fn", "sa", "sb"), TWO_SIDED, ids=[c[0] for c in TWO_SIDED])
def test_loss_gradients_for_both_inputs(name: str, fn: Any, sa: Any, sb: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the broadcast-target case warns, by design
        inputs = [uniform(*sa, seed=1), uniform(*sb, seed=2)]
        gradcheck(fn, inputs)
        gradgradcheck(fn, inputs)


# ---- grad_fn names, graphs, saved tensors, second backward (torch 2.13 reference) --------------


def _operands() -> dict[str, Tensor]:
    return {
        "a": leaf([[0.5, 2.0, -1.0], [1.5, -0.3, 0.8]]),
        "p": leaf([[0.2, 0.7, 0.4], [0.9, 0.1, 0.5]]),
        "t": torch.tensor([[0.0, 1.0, 1.0], [0.0, 0.0, 1.0]]),
        "logits": leaf([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]),
        "cls": longs([2, 0]),
        "probs": torch.tensor([[0.2, 0.3, 0.5], [1.0, 0.0, 0.0]]),
        "w": torch.tensor([1.0, 2.0, 3.0]),
        "kd": leaf(np.arange(24.0).reshape(2, 3, 4) / 10),
        "kd_cls": longs([[0, 1, 2, 0], [1, 2, 0, 1]]),
    }


LOG_SOFTMAX = "LogSoftmaxBackward0.result"
NLL = {"NllLossBackward0.self", "NllLossBackward0.target", "NllLossBackward0.total_weight"}
NLL2D = {"NllLoss2DBackward0.self", "NllLoss2DBackward0.target", "NllLoss2DBackward0.total_weight"}
BCE = {"BinaryCrossEntropyBackward0.self", "BinaryCrossEntropyBackward0.target"}
BCEL = {
    "BinaryCrossEntropyWithLogitsBackward0.self",
    "BinaryCrossEntropyWithLogitsBackward0.target",
}
MSE = {"MseLossBackward0.self", "MseLossBackward0.target"}

# (id, fn over the operands, graph, saved tensors); every one of these fails a second backward.
REFERENCE: list[tuple[str, Callable[[dict[str, Tensor]], Tensor], list[str], set[str]]] = [
    (
        "leaky_relu",
        lambda o: F.leaky_relu(o["a"]),
        ["LeakyReluBackward0"],
        {"LeakyReluBackward0.self"},
    ),
    ("gelu", lambda o: F.gelu(o["a"]), ["GeluBackward0"], {"GeluBackward0.self"}),
    (
        "gelu_tanh",
        lambda o: F.gelu(o["a"], approximate="tanh"),
        ["GeluBackward0"],
        {"GeluBackward0.self"},
    ),
    ("softplus", lambda o: F.softplus(o["a"]), ["SoftplusBackward0"], {"SoftplusBackward0.self"}),
    ("elu", lambda o: F.elu(o["a"]), ["EluBackward0"], {"EluBackward0.self"}),
    ("hardtanh", lambda o: F.hardtanh(o["a"]), ["HardtanhBackward0"], {"HardtanhBackward0.self"}),
    ("relu6", lambda o: F.relu6(o["a"]), ["HardtanhBackward0"], {"HardtanhBackward0.self"}),
    ("silu", lambda o: F.silu(o["a"]), ["SiluBackward0"], {"SiluBackward0.self"}),
    (
        "logsigmoid",
        lambda o: F.logsigmoid(o["a"]),
        ["LogSigmoidBackward0"],
        {"LogSigmoidBackward0.self"},
    ),
    ("softmax", lambda o: o["a"].softmax(dim=0), ["SoftmaxBackward0"], {"SoftmaxBackward0.result"}),
    (
        "F.softmax",
        lambda o: F.softmax(o["a"], dim=-1),
        ["SoftmaxBackward0"],
        {"SoftmaxBackward0.result"},
    ),
    (
        "torch.softmax",
        lambda o: torch.softmax(o["a"], 1),
        ["SoftmaxBackward0"],
        {"SoftmaxBackward0.result"},
    ),
    (
        "softmax_dtype",
        lambda o: F.softmax(o["a"], 0, dtype=torch.float64),
        ["SoftmaxBackward0", "ToCopyBackward0"],
        {"SoftmaxBackward0.result"},
    ),
    ("log_softmax", lambda o: o["a"].log_softmax(dim=0), ["LogSoftmaxBackward0"], {LOG_SOFTMAX}),
    ("mse_loss", lambda o: F.mse_loss(o["a"], o["t"]), ["MseLossBackward0"], MSE),
    (
        "mse_loss_sum",
        lambda o: F.mse_loss(o["a"], o["t"], reduction="sum"),
        ["MseLossBackward0"],
        MSE,
    ),
    (
        "mse_loss_none",
        lambda o: F.mse_loss(o["a"], o["t"], reduction="none"),
        ["MseLossBackward0"],
        MSE,
    ),
    (
        "l1_loss",
        lambda o: F.l1_loss(o["a"], o["t"]),
        ["MeanBackward0", "AbsBackward0", "SubBackward0"],
        {"AbsBackward0.self"},
    ),
    (
        "l1_loss_sum",
        lambda o: F.l1_loss(o["a"], o["t"], reduction="sum"),
        ["SumBackward0", "AbsBackward0", "SubBackward0"],
        {"AbsBackward0.self"},
    ),
    (
        "l1_loss_none",
        lambda o: F.l1_loss(o["a"], o["t"], reduction="none"),
        ["AbsBackward0", "SubBackward0"],
        {"AbsBackward0.self"},
    ),
    (
        "cross_entropy",
        lambda o: F.cross_entropy(o["logits"], o["cls"]),
        ["NllLossBackward0", "LogSoftmaxBackward0"],
        NLL | {LOG_SOFTMAX},
    ),
    (
        "cross_entropy_none",
        lambda o: F.cross_entropy(o["logits"], o["cls"], reduction="none"),
        ["NllLossBackward0", "LogSoftmaxBackward0"],
        NLL | {LOG_SOFTMAX},
    ),
    (
        "cross_entropy_weight",
        lambda o: F.cross_entropy(o["logits"], o["cls"], weight=o["w"]),
        ["NllLossBackward0", "LogSoftmaxBackward0"],
        NLL | {"NllLossBackward0.weight", LOG_SOFTMAX},
    ),
    (
        "cross_entropy_probs",
        lambda o: F.cross_entropy(o["logits"], o["probs"]),
        ["DivBackward1", "NegBackward0", "SumBackward0", "MulBackward0", "LogSoftmaxBackward0"],
        {"MulBackward0.other", LOG_SOFTMAX},
    ),
    (
        "cross_entropy_probs_sum",
        lambda o: F.cross_entropy(o["logits"], o["probs"], reduction="sum"),
        ["NegBackward0", "SumBackward0", "MulBackward0", "LogSoftmaxBackward0"],
        {"MulBackward0.other", LOG_SOFTMAX},
    ),
    (
        "cross_entropy_probs_none",
        lambda o: F.cross_entropy(o["logits"], o["probs"], reduction="none"),
        ["NegBackward0", "SumBackward1", "MulBackward0", "LogSoftmaxBackward0"],
        {"MulBackward0.other", LOG_SOFTMAX},
    ),
    (
        "cross_entropy_probs_weight",
        lambda o: F.cross_entropy(o["logits"], o["probs"], weight=o["w"]),
        [
            "DivBackward1",
            "NegBackward0",
            "SumBackward0",
            "MulBackward0",
            "MulBackward0",
            "LogSoftmaxBackward0",
        ],
        {"MulBackward0.other", LOG_SOFTMAX},
    ),
    (
        "cross_entropy_label_smoothing",
        lambda o: F.cross_entropy(o["logits"], o["cls"], label_smoothing=0.1),
        [
            "AddBackward0",
            "MulBackward1",
            "NllLossBackward0",
            "LogSoftmaxBackward0",
            "MulBackward1",
            "DivBackward0",
            "SumBackward0",
            "MaskedFillBackward0",
            "NegBackward0",
            "SumBackward1",
        ],
        NLL | {LOG_SOFTMAX, "DivBackward0.other", "MaskedFillBackward0.mask"},
    ),
    (
        "cross_entropy_3d",
        lambda o: F.cross_entropy(o["kd"], o["kd_cls"]),
        ["NllLoss2DBackward0", "ViewBackward0", "LogSoftmaxBackward0"],
        NLL2D | {LOG_SOFTMAX},
    ),
    (
        "cross_entropy_3d_none",
        lambda o: F.cross_entropy(o["kd"], o["kd_cls"], reduction="none"),
        ["ViewBackward0", "NllLoss2DBackward0", "ViewBackward0", "LogSoftmaxBackward0"],
        NLL2D | {LOG_SOFTMAX},
    ),
    (
        "cross_entropy_4d",
        lambda o: F.cross_entropy(o["kd"].view(2, 3, 2, 2), o["kd_cls"].view(2, 2, 2)),
        ["NllLoss2DBackward0", "LogSoftmaxBackward0", "ViewBackward0"],
        NLL2D | {LOG_SOFTMAX},
    ),
    ("nll_loss", lambda o: F.nll_loss(o["logits"], o["cls"]), ["NllLossBackward0"], NLL),
    (
        "binary_cross_entropy",
        lambda o: F.binary_cross_entropy(o["p"], o["t"]),
        ["BinaryCrossEntropyBackward0"],
        BCE,
    ),
    (
        "binary_cross_entropy_weight",
        lambda o: F.binary_cross_entropy(o["p"], o["t"], weight=o["w"]),
        ["BinaryCrossEntropyBackward0"],
        BCE | {"BinaryCrossEntropyBackward0.weight"},
    ),
    (
        "bce_with_logits",
        lambda o: F.binary_cross_entropy_with_logits(o["a"], o["t"]),
        ["BinaryCrossEntropyWithLogitsBackward0"],
        BCEL,
    ),
    (
        "bce_with_logits_weights",
        lambda o: F.binary_cross_entropy_with_logits(o["a"], o["t"], o["w"], pos_weight=o["w"]),
        ["BinaryCrossEntropyWithLogitsBackward0"],
        BCEL
        | {
            "BinaryCrossEntropyWithLogitsBackward0.weight",
            "BinaryCrossEntropyWithLogitsBackward0.pos_weight",
        },
    ),
]


@pytest.mark.parametrize(("name", "fn", "nodes", "saves"), REFERENCE, ids=[c[0] for c in REFERENCE])
def test_reference_graph(
    name: str, fn: Callable[[dict[str, Tensor]], Tensor], nodes: list[str], saves: set[str]
) -> None:
    out = fn(_operands())
    assert graph(out) == nodes
    assert saved(out) == saves
    out.backward(torch.ones_like(out))
    with pytest.raises(RuntimeError, match=SECOND_BACKWARD):
        out.backward(torch.ones_like(out))


def test_loss_targets_that_require_grad_are_saved_the_same() -> None:
    p, t = leaf([0.2, 0.7]), leaf([0.0, 1.0])
    out = F.binary_cross_entropy(p, t)
    assert saved(out) == BCE
    out.backward()
    same(t.grad, [0.6931, -0.4236])  # -logit(p) / N


# ---- facts §9 and measured values at awkward points ----------------------------------------------

# (id, fn, x, y, x.grad) for the gradient of y.sum()
AWKWARD: list[tuple[str, Callable[[Tensor], Tensor], list[float], list[float], list[float]]] = [
    ("leaky_relu_at_0", lambda x: F.leaky_relu(x, 0.1), [-1, 0, 1], [-0.1, 0, 1], [0.1, 0.1, 1]),
    ("leaky_relu_default", F.leaky_relu, [-1, 0, 1], [-0.01, 0, 1], [0.01, 0.01, 1]),
    (
        "leaky_relu_negative_slope",
        lambda x: F.leaky_relu(x, -0.5),
        [-1, 0, 1],
        [0.5, -0.0, 1],
        [-0.5, -0.5, 1],
    ),
    ("gelu", F.gelu, [-1, 0, 1], [-0.1587, 0, 0.8413], [-0.0833, 0.5, 1.0833]),
    (
        "gelu_tanh",
        lambda x: F.gelu(x, approximate="tanh"),
        [-1, 0, 1, -INF],
        [-0.158808, 0, 0.841192, NAN],
        [-0.0829641, 0.5, 1.0829641, NAN],
    ),
    (
        "hardtanh_boundaries",
        F.hardtanh,
        [-1, 0, 1, 2, -2, NAN],
        [-1, 0, 1, 1, -1, NAN],
        [0, 1, 0, 0, 0, 1],
    ),
    ("relu6_boundaries", F.relu6, [-1, 0, 3, 6, 7], [0, 0, 3, 6, 6], [0, 0, 1, 0, 0]),
    ("elu", F.elu, [-1, 0, 1, -INF], [-0.632121, 0, 1, -1], [0.367879, 1, 1, 0]),
    ("elu_alpha", lambda x: F.elu(x, alpha=2.0), [-1, 0, 1], [-1.264241, 0, 1], [0.735759, 2, 1]),
    (
        "silu",
        F.silu,
        [-1, 0, 1, -100, 100, -INF, INF],
        [-0.268941, 0, 0.731059, -0.0, 100, NAN, INF],
        [0.0723295, 0.5, 0.9276705, -0.0, 1, NAN, NAN],
    ),
    (
        "softplus",
        F.softplus,
        [-1, 0, 1, 20, 20.5, 100, -100, -INF, INF],
        [0.313262, 0.693147, 1.313262, 20, 20.5, 100, 3.783506e-44, 0, INF],
        [0.268941, 0.5, 0.731059, 1, 1, 1, 3.783506e-44, 0, 1],
    ),
    (
        "softplus_beta_threshold",
        lambda x: F.softplus(x, beta=2, threshold=1),
        [0.4, 0.5, 0.6],
        [0.58555, 0.656631, 0.6],
        [0.689974, 0.731059, 1],
    ),
    ("logsigmoid", F.logsigmoid, [-1e4, 0, 1e4], [-1e4, -0.693147, 0], [1, 0.5, 0]),
    ("softmax_sum_grad", lambda x: F.softmax(x, 0), [1, 2, 3], [0.0900, 0.2447, 0.6652], [0, 0, 0]),
    ("softmax_big", lambda x: F.softmax(x, 0), [1000, 0, -INF], [1, 0, 0], [0, 0, 0]),
    (
        "log_softmax_big",
        lambda x: F.log_softmax(x, 0),
        [1000, 0, -INF],
        [0, -1000, -INF],
        [-2, 1, 1],
    ),
    ("softmax_all_ninf", lambda x: F.softmax(x, 0), [-INF, -INF], [NAN, NAN], [NAN, NAN]),
    ("log_softmax_all_ninf", lambda x: F.log_softmax(x, 0), [-INF, -INF], [NAN, NAN], [NAN, NAN]),
    ("log_softmax_inf", lambda x: F.log_softmax(x, 0), [INF, 1], [NAN, NAN], [NAN, NAN]),
    ("softmax_nan", lambda x: F.softmax(x, 0), [NAN, 1], [NAN, NAN], [NAN, NAN]),
]


@pytest.mark.parametrize(("name", "fn", "x", "y", "g"), AWKWARD, ids=[c[0] for c in AWKWARD])
def test_awkward_points(name: str, fn: Any, x: list[float], y: list[float], g: list[float]) -> None:
    inp = leaf(x)
    out = fn(inp)
    out.sum().backward()
    same(out, y)
    same(inp.grad, g)


def test_mse_loss_values() -> None:
    p = leaf([1.0, 2.0, 3.0])
    loss = F.mse_loss(p, torch.tensor([0.0, 2.0, 5.0]))
    assert repr(loss) == "tensor(1.6667, grad_fn=<MseLossBackward0>)"
    loss.backward()
    same(p.grad, [0.6667, 0, -1.3333])


def test_cross_entropy_values() -> None:
    x = leaf([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    loss = F.cross_entropy(x, longs([2, 0]))
    assert repr(loss) == "tensor(0.7531, grad_fn=<NllLossBackward0>)"
    loss.backward()
    same(x.grad, [[0.0450, 0.1224, -0.1674], [-0.3333, 0.1667, 0.1667]])


@pytest.mark.parametrize(
    ("target", "loss", "grad"),
    [
        ([1.0, 0.0], 100.0, [-5.0e11, 5.0e11]),  # wrong labels: log clamped at -100
        ([0.0, 1.0], 0.0, [0.0, 0.0]),
    ],
    ids=["wrong_label", "right_label"],
)
def test_bce_at_0_and_1(target: list[float], loss: float, grad: list[float]) -> None:
    p = leaf([0.0, 1.0])
    out = F.binary_cross_entropy(p, torch.tensor(target))
    out.backward()
    same(out, loss)
    same(p.grad, grad, rtol=1e-6)


def test_cross_entropy_ignore_index() -> None:
    x = leaf([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    loss = F.cross_entropy(x, longs([2, -100]))
    loss.backward()
    same(loss, 0.407606)
    same(x.grad, [[0.0900306, 0.2447285, -0.334759], [0, 0, 0]])
    # everything ignored: 0/0 for 'mean', 0 for 'sum', and a zero gradient
    x = leaf([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    loss = F.cross_entropy(x, longs([-100, -100]))
    loss.backward()
    same(loss, NAN)
    same(x.grad, np.zeros((2, 3)))
    same(F.nll_loss(x, longs([-100, -100]), reduction="sum"), 0.0)


def test_label_smoothing_values() -> None:
    x = leaf([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    same(
        F.cross_entropy(x, longs([0, -100]), label_smoothing=0.1, reduction="none"),
        [2.3076059, 0.0],
    )
    loss = F.cross_entropy(x, longs([0, -100]), label_smoothing=0.1)
    assert loss.grad_fn.name() == "AddBackward0"
    same(loss, 2.3076059)


# ---- numerically stable forms ------------------------------------------------------------------


def test_cross_entropy_large_and_infinite_logits() -> None:
    x = leaf([[1000.0, 0.0, -1000.0], [1e4, -1e4, 0.0]])
    loss = F.cross_entropy(x, longs([0, 1]))
    loss.backward()
    same(loss, 10000.0)
    same(x.grad, [[0, 0, 0], [0.5, -0.5, 0]])
    x = leaf([[0.0, -INF, 1.0], [0.0, -INF, 0.0]])
    loss = F.cross_entropy(x, longs([0, 1]))
    loss.backward()
    same(loss, INF)
    same(x.grad, [[-0.365529, 0, 0.365529], [0.25, -0.5, 0.25]])


def test_cross_entropy_probability_targets_with_infinite_logits() -> None:
    x = leaf([[0.0, -INF, 1.0], [0.0, -INF, 0.0]])
    loss = F.cross_entropy(x, torch.tensor([[0.5, 0.0, 0.5], [0.0, 1.0, 0.0]]))
    loss.backward()
    same(loss, NAN)  # 0 · -inf
    same(x.grad, [[-0.115529, 0, 0.115529], [0.25, -0.5, 0.25]])


def test_bce_with_logits_large_logits() -> None:
    z = leaf([100.0, 100.0, -100.0, -100.0, 1e4, -1e4])
    loss = F.binary_cross_entropy_with_logits(z, torch.tensor([1.0, 0.0, 1.0, 0.0, 1.0, 0.0]))
    loss.backward()
    same(loss, 33.333332)
    same(z.grad, [0, 0.1666667, -0.1666667, 0, 0, 0])


def test_bce_with_logits_infinite_logits() -> None:
    z = leaf([-INF, -INF])
    loss = F.binary_cross_entropy_with_logits(z, torch.tensor([1.0, 0.0]))
    loss.backward()
    same(loss, NAN)
    same(z.grad, [-0.5, 0.0])
    z = leaf([-INF, INF])
    loss = F.binary_cross_entropy_with_logits(z, torch.tensor([1.0, 0.0]), reduction="none")
    loss.backward(torch.ones(2))
    same(loss, [NAN, INF])
    same(z.grad, [-1.0, 1.0])


def test_bce_with_logits_pos_weight() -> None:
    z = leaf([100.0, -100.0, -INF])
    loss = F.binary_cross_entropy_with_logits(
        z, torch.tensor([1.0, 0.0, 0.5]), pos_weight=torch.tensor([3.0]), reduction="none"
    )
    loss.backward(torch.ones(3))
    np.testing.assert_allclose(loss.detach().numpy()[:2], [0.0, 0.0], atol=1e-40)
    assert math.isnan(loss.tolist()[2])
    same(z.grad, [0.0, 0.0, -1.5])


def test_f32_softmax_of_large_rows_is_exact() -> None:
    x = torch.tensor([[1e4, 1e4 - 1.0, -1e4]])
    same(F.softmax(x, 1), [[0.7310586, 0.2689414, 0.0]])
    same(F.log_softmax(x, 1), [[-0.3132617, -1.3132617, -20000.3132617]])


# ---- warnings -------------------------------------------------------------------------------------


def test_mse_loss_size_mismatch_warns_then_raises() -> None:
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        with raises(
            RuntimeError,
            "The size of tensor a (3) must match the size of tensor b (2) at non-singleton "
            "dimension 0",
        ):
            F.mse_loss(torch.ones(3, requires_grad=True), torch.ones(2))
    assert [str(w.message) for w in log] == [SIZE_WARNING.format(t="2", i="3")]


def test_mse_loss_broadcast_target_only_warns() -> None:
    a = torch.ones(3, requires_grad=True)
    out, log = caught(lambda: F.mse_loss(a, torch.ones(3, 1)))
    assert log == ["UserWarning: " + SIZE_WARNING.format(t="3, 1", i="3")]
    assert out.shape == torch.Size([]) and graph(out) == ["MseLossBackward0", "ExpandBackward0"]
    out.backward()
    assert a.grad.shape == torch.Size([3])


def test_l1_loss_size_mismatch_warns() -> None:
    _, log = caught(lambda: F.l1_loss(torch.ones(3), torch.ones(2, 1)))
    assert log == ["UserWarning: " + SIZE_WARNING.format(t="2, 1", i="3")]


@pytest.mark.parametrize("fn", [F.softmax, F.log_softmax], ids=["softmax", "log_softmax"])
def test_implicit_softmax_dim_warns(fn: Callable[..., Tensor]) -> None:
    name = fn.__name__
    out, log = caught(lambda: fn(torch.ones(2, 3, 4)))
    assert log == [
        f"UserWarning: Implicit dimension choice for {name} has been deprecated. Change the call "
        "to include dim=X as an argument."
    ]
    same(out.sum(0), np.full((3, 4), 1.0 if name == "softmax" else 2 * math.log(0.5)))


@pytest.mark.parametrize(
    ("kwargs", "warning", "value"),
    [
        ({"size_average": False}, "reduction='sum'", 6.0),
        ({"reduce": False}, "reduction='none'", [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]),
        ({"size_average": True, "reduce": True}, "reduction='mean'", 1.0),
    ],
)
def test_legacy_reduction_arguments(kwargs: dict[str, Any], warning: str, value: Any) -> None:
    out, log = caught(lambda: F.mse_loss(torch.zeros(2, 3), torch.ones(2, 3), **kwargs))
    assert log == [
        f"UserWarning: size_average and reduce args will be deprecated, please use {warning} "
        "instead."
    ]
    same(out, value)


def test_elementwise_mean_is_deprecated_mean() -> None:
    out, log = caught(
        lambda: F.l1_loss(torch.zeros(2), torch.ones(2), reduction="elementwise_mean")
    )
    assert log == [
        "UserWarning: reduction='elementwise_mean' is deprecated. Please use reduction='mean' "
        "instead."
    ]
    same(out, 1.0)


# ---- torch's messages ---------------------------------------------------------------------------

ERRORS: list[tuple[str, Callable[[], Any], type[BaseException], str]] = [
    (
        "ce_oob",
        lambda: F.cross_entropy(torch.ones(2, 3), longs([0, 3])),
        IndexError,
        "Target 3 is out of bounds.",
    ),
    (
        "ce_negative",
        lambda: F.cross_entropy(torch.ones(2, 3), longs([0, -1])),
        IndexError,
        "Target -1 is out of bounds.",
    ),
    (
        "ce_float_target",
        lambda: F.cross_entropy(torch.ones(2, 3), torch.tensor([0.0, 1.0])),
        RuntimeError,
        "expected target dtype to be Long or Byte, but got Float",
    ),
    (
        "nll_int32_target",
        lambda: F.nll_loss(torch.ones(2, 3), torch.tensor([0, 1], dtype=torch.int32)),
        RuntimeError,
        "expected target dtype to be Long or Byte, but got Int",
    ),
    (
        "ce_batch",
        lambda: F.cross_entropy(torch.ones(2, 3), longs([0, 1, 2])),
        ValueError,
        "Expected input batch_size (2) to match target batch_size (3).",
    ),
    (
        "ce_multi_target",
        lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 4)),
        RuntimeError,
        "0D or 1D target tensor expected, multi-target not supported",
    ),
    (
        "ce_kd_target",
        lambda: F.cross_entropy(torch.ones(2, 3, 4), longs([[0, 1, 2], [1, 1, 1]])),
        RuntimeError,
        "Expected target size [2, 4], got [2, 3]",
    ),
    (
        "ce_long_probs",
        lambda: F.cross_entropy(torch.ones(2, 3), longs([[1, 2, 0], [1, 1, 1]])),
        RuntimeError,
        "Expected floating point type for target with class probabilities, got Long",
    ),
    (
        "ce_0d",
        lambda: F.cross_entropy(torch.tensor(1.0), longs(0)),
        RuntimeError,
        "Expected floating point type for target with class probabilities, got Long",
    ),
    (
        "ce_weight_shape",
        lambda: F.cross_entropy(torch.ones(2, 3), longs([0, 1]), weight=torch.ones(2)),
        RuntimeError,
        "weight tensor should be defined either for all 3 classes or no classes but got weight "
        "tensor of shape: [2]",
    ),
    (
        "ce_probs_weight_shape",
        lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3), weight=torch.ones(2)),
        RuntimeError,
        "cross_entropy: weight tensor should be defined either for all 3 classes or no classes "
        "but got weight tensor of shape: [2]",
    ),
    (
        "ce_weight_dtype",
        lambda: F.cross_entropy(
            torch.ones(2, 3, dtype=torch.float64), longs([0, 1]), weight=torch.ones(3)
        ),
        RuntimeError,
        "expected scalar type Double but found Float",
    ),
    (
        "ce_smoothing",
        lambda: F.cross_entropy(torch.ones(2, 3), longs([0, 1]), label_smoothing=1.5),
        RuntimeError,
        "label_smoothing must be between 0.0 and 1.0. Got: 1.5",
    ),
    (
        "ce_probs_ignore",
        lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3), ignore_index=1),
        RuntimeError,
        "ignore_index is not supported for floating point target",
    ),
    (
        "ce_reduction",
        lambda: F.cross_entropy(torch.ones(2, 3), longs([0, 1]), reduction="foo"),
        ValueError,
        "foo is not a valid value for reduction",
    ),
    (
        "ce_long_input",
        lambda: F.cross_entropy(torch.ones(2, 3, dtype=torch.int64), longs([1, 2])),
        NotImplementedError,
        "\"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'",
    ),
    (
        "nll_0d",
        lambda: F.nll_loss(torch.tensor(1.0), longs(0)),
        ValueError,
        "Expected 1 or more dimensions (got 0)",
    ),
    (
        "nll_1d_target",
        lambda: F.nll_loss(torch.ones(3), longs([0, 1])),
        ValueError,
        "For 1D input, 1D target must have size 1, but got target size: 2",
    ),
    (
        "nll_4d_target_dim",
        lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 4, dtype=torch.int64)),
        RuntimeError,
        "only batches of spatial targets supported (3D tensors) but got targets of dimension: 2",
    ),
    (
        "nll_4d_size",
        lambda: F.nll_loss(torch.ones(2, 3, 4, 5), torch.zeros(2, 4, 4, dtype=torch.int64)),
        RuntimeError,
        "size mismatch (got input: [2, 3, 4, 5] , target: [2, 4, 4]",
    ),
    (
        "nll_weight_grad",
        lambda: F.nll_loss(torch.ones(2, 3), longs([0, 1]), weight=leaf([1.0, 2.0, 3.0])),
        RuntimeError,
        "The function 'nll_loss_forward' is not differentiable with respect to argument "
        "'weight'. This input cannot have requires_grad True.",
    ),
    (
        "nll_long_input",
        lambda: F.nll_loss(torch.ones(2, 3, dtype=torch.int64), longs([1, 2])),
        NotImplementedError,
        "\"nll_loss_out_frame\" not implemented for 'Long'",
    ),
    (
        "bce_range",
        lambda: F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0])),
        RuntimeError,
        "all elements of input should be between 0 and 1",
    ),
    (
        "bce_nan",
        lambda: F.binary_cross_entropy(torch.tensor([NAN]), torch.tensor([1.0])),
        RuntimeError,
        "all elements of input should be between 0 and 1",
    ),
    (
        "bce_target_range",
        lambda: F.binary_cross_entropy(torch.tensor([0.5]), torch.tensor([2.0])),
        RuntimeError,
        "all elements of target should be between 0 and 1",
    ),
    (
        "bce_target_dtype",
        lambda: F.binary_cross_entropy(
            torch.tensor([0.5]), torch.tensor([1.0], dtype=torch.float64)
        ),
        RuntimeError,
        "Found dtype Double but expected Float",
    ),
    (
        "bce_size",
        lambda: F.binary_cross_entropy(leaf([0.2, 0.7]), torch.tensor([[0.0], [1.0]])),
        ValueError,
        "Using a target size (torch.Size([2, 1])) that is different to the input size "
        "(torch.Size([2])) is deprecated. Please ensure they have the same size.",
    ),
    (
        "bce_weight_grad",
        lambda: F.binary_cross_entropy(leaf([0.2]), torch.tensor([0.0]), weight=leaf([1.0])),
        RuntimeError,
        "The function 'binary_cross_entropy' is not differentiable with respect to argument "
        "'weight'. This input cannot have requires_grad True.",
    ),
    (
        "bce_logits_size",
        lambda: F.binary_cross_entropy_with_logits(leaf([0.2, 0.7]), torch.tensor([[0.0], [1.0]])),
        ValueError,
        "Target size (torch.Size([2, 1])) must be the same as input size (torch.Size([2]))",
    ),
    (
        "bce_logits_long_target",
        lambda: F.binary_cross_entropy_with_logits(torch.tensor([0.5]), longs([1])),
        RuntimeError,
        "result type Float can't be cast to the desired output type Long",
    ),
    (
        "bce_logits_weight_shape",
        lambda: F.binary_cross_entropy_with_logits(
            torch.ones(2, 2), torch.ones(2, 2), weight=torch.ones(2, 2, 2)
        ),
        RuntimeError,
        "output with shape [2, 2] doesn't match the broadcast shape [2, 2, 2]",
    ),
    (
        "bce_logits_pos_weight_grad",
        lambda: F.binary_cross_entropy_with_logits(
            leaf([0.2]), torch.tensor([0.0]), pos_weight=leaf([1.0])
        ),
        RuntimeError,
        "The function 'binary_cross_entropy_with_logits' is not differentiable with respect to "
        "argument 'pos_weight'. This input cannot have requires_grad True.",
    ),
    (
        "mse_reduction",
        lambda: F.mse_loss(torch.ones(3), torch.ones(3), reduction="foo"),
        ValueError,
        "foo is not a valid value for reduction",
    ),
    (
        "mse_long",
        lambda: F.mse_loss(longs([1]), longs([2])),
        NotImplementedError,
        "\"mse_cpu\" not implemented for 'Long'",
    ),
    (
        "mse_weight_size",
        lambda: F.mse_loss(torch.ones(3), torch.ones(3), weight=torch.ones(2)),
        ValueError,
        "Weights and input must have the same size.",
    ),
    (
        "gelu_approximate",
        lambda: F.gelu(torch.ones(2), approximate="foo"),
        RuntimeError,
        "approximate argument must be either none or tanh.",
    ),
    (
        "hardtanh_bounds",
        lambda: F.hardtanh(torch.ones(2), 2, 1),
        ValueError,
        "min_val cannot be greater than max_val",
    ),
    (
        "relu6_bool",
        lambda: F.relu6(torch.tensor([True])),
        RuntimeError,
        "Bool inputs not supported for hardtanh",
    ),
    (
        "leaky_relu_long",
        lambda: F.leaky_relu(longs([-1, 2])),
        NotImplementedError,
        "\"leaky_relu_cpu\" not implemented for 'Long'",
    ),
    (
        "elu_long",
        lambda: F.elu(longs([-1, 2])),
        NotImplementedError,
        "\"elu_cpu\" not implemented for 'Long'",
    ),
    (
        "gelu_long",
        lambda: F.gelu(longs([-1, 2])),
        NotImplementedError,
        "\"GeluKernelImpl\" not implemented for 'Long'",
    ),
    (
        "silu_bool",
        lambda: F.silu(torch.tensor([True])),
        NotImplementedError,
        "\"silu_cpu\" not implemented for 'Bool'",
    ),
    (
        "softmax_dim",
        lambda: F.softmax(torch.ones(2, 3), dim=2),
        IndexError,
        "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    ),
    (
        "log_softmax_dim",
        lambda: F.log_softmax(torch.ones(2, 3), dim=-3),
        IndexError,
        "Dimension out of range (expected to be in range of [-2, 1], but got -3)",
    ),
    (
        "softmax_long_lastdim",
        lambda: torch.softmax(longs([1, 2]), 0),
        NotImplementedError,
        "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'",
    ),
    (
        "log_softmax_long",
        lambda: torch.log_softmax(longs([[1, 2]]), 0),
        NotImplementedError,
        "\"log_softmax_kernel_impl\" not implemented for 'Long'",
    ),
    (
        "softmax_dtype_long",
        lambda: F.softmax(torch.ones(2, 3), 1, dtype=torch.int64),
        NotImplementedError,
        "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'",
    ),
]


@pytest.mark.parametrize(("name", "fn", "exc", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_messages(name: str, fn: Callable[[], Any], exc: type[BaseException], message: str) -> None:
    with raises(exc, message):
        fn()


def test_1d_input_with_size_1_target() -> None:
    """Measured torch quirk: the forward gives a 0-d loss, the 'none' backward refuses it."""
    x = leaf([1.0, 2.0, 3.0])
    same(F.cross_entropy(x, longs([1])), 1.407606)
    loss = F.cross_entropy(x, longs([1]), reduction="none")
    assert loss.shape == torch.Size([])
    with raises(RuntimeError, "size mismatch (got input: [3], target: [1])"):
        loss.backward()


def test_uint8_targets_are_accepted() -> None:
    x = torch.ones(2, 3)
    same(F.cross_entropy(x, torch.tensor([0, 1], dtype=torch.uint8)), 1.098612)


def test_empty_batches() -> None:
    same(F.mse_loss(torch.ones(0), torch.ones(0)), NAN)
    same(F.l1_loss(torch.ones(0), torch.ones(0)), NAN)
    same(F.cross_entropy(torch.ones(0, 3), torch.tensor([], dtype=torch.int64)), NAN)
    same(F.cross_entropy(torch.ones(0, 3), torch.ones(0, 3)), NAN)
    same(F.binary_cross_entropy(torch.ones(0), torch.ones(0)), NAN)
    same(F.binary_cross_entropy_with_logits(torch.ones(0), torch.ones(0)), NAN)
    out = F.cross_entropy(
        leaf(np.ones((2, 3, 0))), torch.zeros(2, 0, dtype=torch.int64), reduction="none"
    )
    assert out.shape == torch.Size([2, 0])


def test_namespaces() -> None:
    """Activations and losses live in F; softmax/log_softmax also on torch and Tensor."""
    for name in ("hardtanh", "relu6", "leaky_relu", "gelu", "softplus", "elu", "silu", "mse_loss"):
        assert hasattr(F, name) and not hasattr(torch.Tensor, name)
    for name in ("relu", "sigmoid", "tanh", "softmax", "log_softmax"):
        assert hasattr(F, name) and hasattr(torch, name) and hasattr(torch.Tensor, name)
    # torch.binary_cross_entropy_with_logits exists in torch with another positional order
    # (weight, pos_weight, reduction); only the F form is offered.
    assert not hasattr(torch, "binary_cross_entropy_with_logits")


# ---- property: the pointwise losses unbroadcast their gradients -----------------------------------


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["mse", "l1"]),
    st.lists(st.integers(1, 3), min_size=1, max_size=3),
    st.data(),
)
def test_pointwise_loss_gradients_come_back_in_input_shapes(
    name: str, full: list[int], data: Any
) -> None:
    target_shape = tuple(
        d if data.draw(st.booleans()) else 1
        for d in full[data.draw(st.integers(0, len(full) - 1)) :]
    )
    rng = np.random.default_rng(len(full))
    a = torch.tensor(rng.uniform(-1, 1, tuple(full)), requires_grad=True)
    b = torch.tensor(rng.uniform(-1, 1, target_shape), requires_grad=True)
    fn = F.mse_loss if name == "mse" else F.l1_loss
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = fn(a, b, reduction="sum")
    out.backward()
    assert a.grad.shape == a.shape and b.grad.shape == b.shape


# ---- create_graph: piecewise-linear first derivatives stay connected, as in torch ---------------

CONNECTED: list[tuple[str, Callable[[Tensor], Tensor], str]] = [
    ("relu", lambda x: x.relu(), "ThresholdBackwardBackward0"),
    ("F.relu", F.relu, "ThresholdBackwardBackward0"),
    ("hardtanh", F.hardtanh, "HardtanhBackwardBackward0"),
    ("relu6", F.relu6, "HardtanhBackwardBackward0"),
    ("leaky_relu", lambda x: F.leaky_relu(x, 0.2), "LeakyReluBackwardBackward0"),
    ("nll_loss", lambda x: F.nll_loss(x.view(1, 3), longs([1])), "ViewBackward0"),
    (
        "nll_loss_none",
        lambda x: F.nll_loss(x.view(1, 3), longs([1]), reduction="none"),
        "ViewBackward0",
    ),
]


@pytest.mark.parametrize(("name", "fn", "node"), CONNECTED, ids=[c[0] for c in CONNECTED])
def test_first_derivative_keeps_a_graph(
    name: str, fn: Callable[[Tensor], Tensor], node: str
) -> None:
    """torch: grad(relu(x)) under create_graph has a grad_fn; its own derivative is zeros."""
    x = leaf([1.5, -1.2, 0.3])
    (g,) = torch.autograd.grad(fn(x).sum(), x, create_graph=True)
    assert g.requires_grad and g.grad_fn.name() == node
    (h,) = torch.autograd.grad((g * torch.tensor([1.0, 2.0, 3.0])).sum(), x)
    same(h, [0.0, 0.0, 0.0])


def test_nll_double_backward_node_and_upstream_derivative() -> None:
    """NllLossBackwardBackward0: differentiating w.r.t. the upstream gradient gathers again."""
    x = leaf([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])
    up = torch.tensor([2.0, 3.0], requires_grad=True)
    loss = F.nll_loss(x, longs([2, 0]), weight=torch.tensor([1.0, 2.0, 4.0]), reduction="none")
    (g,) = torch.autograd.grad(loss, x, grad_outputs=up, create_graph=True)
    assert graph(g) == ["NllLossBackwardBackward0"]
    same(g, [[0, 0, -8], [-3, 0, 0]])
    (h,) = torch.autograd.grad(g.sum(), up)
    same(h, [-4.0, -1.0])
