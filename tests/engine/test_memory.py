"""engine.memory.footprint: bytes of tensors, grads and saved buffers, each buffer counted once."""

from __future__ import annotations

import engine as torch
from engine.memory import footprint


def test_plain_tensors_count_their_data() -> None:
    a = torch.zeros(10)  # float32: 40 bytes
    b = torch.zeros(5, dtype=torch.float64)  # 40 bytes
    fp = footprint([a, b])
    assert fp.bytes == 80
    assert fp.nodes == 0


def test_empty_set_is_zero() -> None:
    assert footprint([]).bytes == 0


def test_shared_buffers_are_counted_once() -> None:
    a = torch.ones(100)
    d = a.detach()  # shares a's storage
    v = a.view(10, 10)  # a view of the same buffer
    assert footprint([a, d, v, a]).bytes == 400


def test_saved_tensors_of_the_graph_are_counted() -> None:
    m = torch.ones(100, requires_grad=True)
    x = torch.ones(100)  # not named below, but MulBackward0 saved it (to compute dm)
    y = m * x
    fp = footprint([y])
    # y's data, plus m (reached through AccumulateGrad) and the saved x: 3 buffers of 400 bytes
    assert fp.bytes == 1200
    assert fp.nodes == 2  # MulBackward0 and m's AccumulateGrad


def test_backward_frees_saved_buffers_and_adds_grads() -> None:
    m = torch.ones(100, requires_grad=True)
    x = torch.ones(100)
    y = (m * x).sum()
    before = footprint([m, y])
    assert before.bytes == 400 + 400 + 4  # m, saved x, y
    y.backward()
    after = footprint([m, y])
    # x was released by the backward, m gained a 400-byte grad
    assert after.bytes == 400 + 4 + 400


def test_saved_outputs_are_counted() -> None:
    a = torch.ones(50, requires_grad=True)
    e = a.exp()  # ExpBackward0 saves its result: e's own buffer, so it is not counted twice
    assert footprint([e]).bytes == 200 + 200
    s = e.sum()  # SumBackward0 saves nothing
    assert footprint([s]).bytes == 4 + 200 + 200  # s, then e's buffer via the saved result, a


def test_long_chains_are_walked_iteratively() -> None:
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(20_000):
        y = y + 1.0
    fp = footprint([y])
    assert fp.nodes == 20_001
