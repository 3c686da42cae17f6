"""Bounds on the plain Python values a program builds, checked *before* computing them.

Python happily computes `10**10**10` (hours, gigabytes) or `[0] * 10**10`; a program on a
shared server must not. Each guard predicts the size of a result from its operands and raises
`LimitExceeded` instead. A program cannot mutate a list (no methods, no item assignment), so a
sequence's logical size — leaves counted through shared references, a tensor by its element
count — is fixed once built and is cached by identity.
"""

from __future__ import annotations

import operator
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

from engine.autograd import AccumulateGrad, Node, _SavedOutput
from engine.limits import LimitExceeded, TooLarge
from engine.tensor import Tensor

from .model import Limits
from .pyerrors import python_error

BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
    "@": operator.matmul,
    "<<": operator.lshift,
    ">>": operator.rshift,
    "&": operator.and_,
    "|": operator.or_,
    "^": operator.xor,
}


def _is_seq(x: Any) -> bool:
    return isinstance(x, (str, list, tuple))


def _leaf_width(value: Any) -> int:
    """An upper bound on the printed width of a non-sequence value."""
    if isinstance(value, str):
        return 2 + 4 * len(value)  # repr may escape each character
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return 2 + value.bit_length() // 3
    if isinstance(value, Tensor):
        data = value._data
        shown = 1
        for d in data.shape:
            shown *= min(d, 6) if data.size > 1000 else d
        return 120 + (30 + 2 * data.ndim) * shown
    return 120  # floats, dtypes, sizes' ints, grad_fn reprs, ...


class Sizer:
    """Sizes of the sequences one program run builds (cached: programs cannot mutate them).

    Two leaf counts per sequence: `leaves` counts a tensor as one item (what Python holds —
    `(x, y)` of two big tensors is a small tuple), `elements` counts its elements (what
    `torch.tensor([x] * 1000)` would expand the list into).
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        # id -> (kept alive, leaves, elements, printed width)
        self._cache: dict[int, tuple[Any, int, int, int]] = {}

    def _measure(self, value: Any) -> tuple[int, int, int]:
        """(leaves, elements, printed width) of a nested list/tuple, walked iteratively."""
        hit = self._cache.get(id(value))
        if hit is not None:
            return hit[1], hit[2], hit[3]
        stack: list[tuple[Any, bool]] = [(value, False)]
        while stack:
            item, children_done = stack.pop()
            if id(item) in self._cache:
                continue
            if children_done:
                leaves = elements = 0
                width = 2
                for child in item:
                    if isinstance(child, (list, tuple)):
                        _, n, e, w = self._cache[id(child)]
                    else:
                        n = 1
                        e = child._data.size if isinstance(child, Tensor) else 1
                        w = _leaf_width(child)
                    leaves += n
                    elements += e
                    width += w + 2
                self._cache[id(item)] = (item, leaves, elements, width)
                continue
            stack.append((item, True))
            for child in item:
                if isinstance(child, (list, tuple)) and id(child) not in self._cache:
                    stack.append((child, False))
        _, leaves, elements, width = self._cache[id(value)]
        return leaves, elements, width

    def leaves(self, value: Any) -> int:
        """Items of a nested sequence (a tensor is one item)."""
        if isinstance(value, (list, tuple)):
            return self._measure(value)[0]
        return 1

    def elements(self, value: Any) -> int:
        """Numbers a nested sequence stands for (a tensor counts its elements)."""
        if isinstance(value, Tensor):
            return int(value._data.size)
        if isinstance(value, (list, tuple)):
            return self._measure(value)[1]
        return 1

    def width(self, value: Any) -> int:
        """An upper bound on len(str(value)) and len(repr(value)), without building them."""
        if isinstance(value, (list, tuple)):
            return self._measure(value)[2]
        return _leaf_width(value)

    def admit(self, value: Any) -> Any:
        """Check a str/list/tuple a program just built against the limits; return it."""
        if isinstance(value, str):
            if len(value) > self.limits.max_sequence_length:
                raise too_long("a string", len(value), self.limits)
        elif isinstance(value, (list, tuple)):
            if len(value) > self.limits.max_sequence_length:
                raise too_long("a sequence", len(value), self.limits)
            self.check_leaves(self.leaves(value))
        return value

    def check_leaves(self, n: int) -> None:
        if n > self.limits.max_elements:
            raise TooLarge(
                f"a nested sequence of {n} elements exceeds the limit of "
                f"{self.limits.max_elements} elements",
                "elements",
            )


def too_long(what: str, n: int, limits: Limits) -> LimitExceeded:
    return LimitExceeded(
        f"{what} of length {n} exceeds the limit of {limits.max_sequence_length}",
        "sequence_length",
    )


def int_too_big(bits: int, limits: Limits) -> LimitExceeded:
    return LimitExceeded(
        f"an integer of at least {bits} bits exceeds the limit of {limits.max_int_bits} bits",
        "int_bits",
    )


def binary(op: str, a: Any, b: Any, sizer: Sizer) -> Any:
    """`a <op> b` with Python's semantics, refusing results that would be too large to build."""
    limits = sizer.limits
    if op == "*":
        if _is_seq(a) and not _is_seq(b):
            return _repeat(a, b, sizer)
        if _is_seq(b) and not _is_seq(a):
            return _repeat(b, a, sizer)
    elif op == "+" and _is_seq(a) and _is_seq(b) and type(a) is type(b):
        if len(a) + len(b) > limits.max_sequence_length:
            raise too_long("a sequence", len(a) + len(b), limits)
        if not isinstance(a, str):
            sizer.check_leaves(sizer.leaves(a) + sizer.leaves(b))
    elif op == "%" and isinstance(a, str):
        raise python_error(TypeError, "string formatting with % is not supported in a program")
    if isinstance(a, int) and isinstance(b, int):
        _check_int_op(op, a, b, limits)
    result = BINARY[op](a, b)
    if isinstance(result, int):
        check_int(result, limits)
    return sizer.admit(result)


def _repeat(seq: Any, n: Any, sizer: Sizer) -> Any:
    """`seq * n` (n may be anything with __index__, such as a one-element int tensor)."""
    limits = sizer.limits
    try:
        count = operator.index(n)
    except TypeError:
        raise python_error(
            TypeError, f"can't multiply sequence by non-int of type '{type(n).__name__}'"
        ) from None
    count = max(count, 0)
    if len(seq) * count > limits.max_sequence_length:
        what = "a string" if isinstance(seq, str) else "a sequence"
        raise too_long(what, len(seq) * count, limits)
    if not isinstance(seq, str):
        sizer.check_leaves(sizer.leaves(seq) * count)
    return seq * count


def _check_int_op(op: str, a: int, b: int, limits: Limits) -> None:
    cap = limits.max_int_bits
    la, lb = a.bit_length(), b.bit_length()
    if op in ("+", "-") and max(la, lb) + 1 > cap:
        raise int_too_big(max(la, lb) + 1, limits)
    if op == "*" and la + lb - 1 > cap:
        raise int_too_big(la + lb - 1, limits)
    if op == "**" and b > 0 and abs(a) > 1:
        # |a| >= 2**(la-1), so a**b has more than (la-1)*b bits: refuse before computing it.
        bits = (la - 1) * b + 1
        if bits > cap:
            raise int_too_big(bits, limits)
    if op == "<<" and b > 0 and a != 0 and la + b > cap:
        raise int_too_big(la + b, limits)


def check_int(value: int, limits: Limits) -> int:
    bits = value.bit_length()
    if bits > limits.max_int_bits:
        raise int_too_big(bits, limits)
    return value


class MemoryMeter:
    """The memory held by the values a run binds, checked after every statement.

    Each statement can allocate tensors up to the element limit; a thousand statements could
    hold a thousand of them before the service measures the session afterwards. After each
    assignment the meter walks what was bound (tensors, their grads and the graphs behind them,
    inside tuples and lists too) and counts each array buffer it has not counted yet. Buffers
    and graph objects are tracked through weak references only: the meter keeps nothing alive,
    a buffer that is freed (say `x = x * 2` rebinding `x`) stops counting, and everything seen
    once is not walked again, so a run costs about one walk of the graphs it reaches.
    """

    def __init__(self, max_bytes: int | None) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._buffers: dict[int, weakref.ref[np.ndarray]] = {}
        self._seen: dict[int, weakref.ref[Any]] = {}

    def add(self, value: Any) -> None:
        """Count what `value` holds that is not counted yet; raise if over the cap."""
        if self.max_bytes is None:
            return
        stack: list[Any] = [value]
        while stack:
            item = stack.pop()
            if item is None or isinstance(item, (bool, int, float, str)):
                continue
            if isinstance(item, (list, tuple)):
                stack.extend(item)  # no weak references to these: walk them each time
                continue
            if isinstance(item, np.ndarray):
                self._array(item)
                continue
            if isinstance(item, _SavedOutput):
                self._array(item.data)
                continue
            if not isinstance(item, (Tensor, Node)) or not self._first_visit(item):
                continue
            if isinstance(item, Tensor):
                self._array(item._data)
                stack.append(item._grad)
                stack.append(item._grad_fn)
            elif isinstance(item, AccumulateGrad):
                stack.append(item.variable)
            else:
                stack.extend(item._saved.values())
                stack.extend(item._attrs.values())
                stack.extend(item._next)
        if self.bytes > self.max_bytes:
            raise TooLarge(
                f"the program's tensors, gradients and saved graphs would hold {self.bytes} "
                f"bytes, over the limit of {self.max_bytes} bytes",
                "memory",
            )

    def _first_visit(self, obj: Any) -> bool:
        key = id(obj)
        ref = self._seen.get(key)
        if ref is not None and ref() is obj:
            return False
        self._seen[key] = weakref.ref(obj, lambda _, key=key: self._seen.pop(key, None))
        return True

    def _array(self, arr: np.ndarray) -> None:
        if not isinstance(arr, np.ndarray):
            return  # a numpy scalar (0-d results): a few bytes, and not weakly referenceable
        root = arr
        while isinstance(root.base, np.ndarray):
            root = root.base
        key = id(root)
        ref = self._buffers.get(key)
        if ref is not None and ref() is root:
            return
        nbytes = root.nbytes
        self.bytes += nbytes
        self._buffers[key] = weakref.ref(root, lambda _, key=key, n=nbytes: self._forget(key, n))

    def _forget(self, key: int, nbytes: int) -> None:
        """A counted buffer was freed."""
        if self._buffers.pop(key, None) is not None:
            self.bytes -= nbytes
