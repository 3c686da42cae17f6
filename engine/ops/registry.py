"""The op table, in the spirit of PyTorch's derivatives.yaml.

Two kinds of entries, each declared once, next to each other in its family file:

* `Primitive` — an autograd function: torch's grad_fn name, a numpy forward, and one
  `Derivative` per tensor input (its formula, written with differentiable Tensor ops, and the
  names of the tensors it needs saved). What a node saves is the union of the `saves` of the
  inputs that require grad, exactly as torch decides it — which is what makes a second backward
  fail or not.
* `OpInfo` — a public PyTorch function (`torch.sum`, `Tensor.sum`, `F.relu`), registered with
  `@op`. It validates arguments with torch's messages and calls one or more primitives (or other
  public ops, for torch's composite functions such as `l1_loss`). The program compiler and the
  HTTP catalogue derive their node models from these entries' signatures.
"""

from __future__ import annotations

import inspect
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine import autograd, dtypes, errors, limits
from engine.autograd import _FREED, Node, _SavedOutput, accumulator, node_class
from engine.grad_mode import _state as _grad_state
from engine.tensor import Tensor

Formula = Callable[[Tensor, Node], Tensor | None]
FastFormula = Callable[[np.ndarray, Node], np.ndarray | None]


@dataclass(frozen=True, slots=True)
class Derivative:
    """d(output)/d(one input): `formula(grad, node)` and the saved names it reads from `node`.

    `fast`, where given, is the same derivative on raw arrays, used by backward when no graph of
    the derivative is needed (create_graph=False): no Tensor objects, no dispatch. It may return
    None to defer to `formula` (e.g. when dtypes differ and the promotion rules matter).
    """

    formula: Formula
    saves: tuple[str, ...] = ()
    fast: FastFormula | None = None


def backward_of(
    prim: Primitive,
    saved: str,
    attrs: Callable[[Node], dict[str, Any]] = lambda c: c._attrs,
    also_saves: tuple[str, ...] = (),
) -> Derivative:
    """A derivative that is a primitive of its own applied to (grad, one saved tensor).

    torch's `threshold_backward`, `nll_loss_backward`, ...: under create_graph the gradient is
    recorded as that primitive's node (so it stays connected to the saved tensor); otherwise its
    numpy forward runs on the arrays directly. `attrs(node)` gives the primitive's attributes
    (by default the forward node's own); `also_saves` names other saved tensors it reads.
    """
    return Derivative(
        lambda g, c: apply(prim, (g, getattr(c, saved)), attrs(c)),
        (saved, *also_saves),
        fast=lambda g, c: prim.forward(g, getattr(c, saved)._data, **attrs(c)),
    )


NOT_DIFFERENTIABLE = Derivative(lambda g, c: None)
# the engine's sum_to/cast bring g to the input's shape/dtype
IDENTITY = Derivative(lambda g, c: g, fast=lambda g, c: g)


@dataclass(slots=True)
class Primitive:
    name: str
    grad_fn: str
    inputs: tuple[str, ...]
    forward: Callable[..., Any]
    derivatives: tuple[Derivative, ...]
    node_class: type[Node] = field(init=False)
    saves_anything: bool = field(init=False)
    _save_plan: dict[int, tuple[tuple[str, str, int], ...]] = field(
        init=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self.node_class = _node_class_for(self)
        self.saves_anything = any(d.saves for d in self.derivatives)

    def save_plan(self, mask: int) -> tuple[tuple[str, str, int], ...]:
        """Which names to save when the inputs in bit `mask` require grad (memoised).

        Each entry is (name, node slot, index): index >= 0 saves that input, -1 the output, -2 a
        named auxiliary output of the forward (such as `indices`).
        """
        plan = self._save_plan.get(mask)
        if plan is None:
            names: list[str] = []
            for i, deriv in enumerate(self.derivatives):
                if mask >> i & 1:
                    names.extend(n for n in deriv.saves if n not in names)
            entries = []
            for n in names:
                if n == "result":
                    entries.append((n, _slot(n), -1))
                elif n in self.inputs:
                    entries.append((n, _slot(n), self.inputs.index(n)))
                else:
                    entries.append((n, _slot(n), -2))
            plan = tuple(entries)
            self._save_plan[mask] = plan
        return plan


PRIMITIVES: dict[str, Primitive] = {}


def _attr_names(forward: Callable[..., Any], n_inputs: int) -> tuple[str, ...]:
    """Keyword parameters of a forward beyond its tensor inputs: the node's attributes."""
    try:
        params = list(inspect.signature(forward).parameters.values())
    except (TypeError, ValueError):  # numpy ufuncs have no signature
        return ()
    return tuple(p.name for p in params[n_inputs:] if p.kind is not p.VAR_KEYWORD)


def _saved_property(attr: str, slot: str) -> property:
    """`node.<attr>`: a saved tensor as formulas read it (`other`) or as torch names it
    (`_saved_other`)."""
    read = operator.attrgetter(slot)

    def get(node: Node) -> Any:
        try:
            value = read(node)
        except AttributeError:  # this node did not save it
            raise AttributeError(f"'{node.name()}' object has no attribute '{attr}'") from None
        if value is _FREED:
            raise errors.graph_freed_error()
        if type(value) is _SavedOutput:
            return value.unpack(node)
        return value

    return property(get)


def _attr_property(name: str) -> property:
    return property(lambda node: node._attrs[name])


def _node_class_for(prim: Primitive) -> type[Node]:
    """A Node subclass named after the grad_fn, with fast properties for what formulas read.

    Formulas read saved tensors and attributes as `node.other`, `node.dim`; properties make
    those plain attribute lookups instead of a failed lookup plus `__getattr__`.
    """
    names: list[str] = []
    for deriv in prim.derivatives:
        names.extend(n for n in deriv.saves if n not in names)
    slots = tuple((n, _slot(n)) for n in names)
    namespace: dict[str, Any] = {"__slots__": ()}
    if slots:
        namespace["__slots__"] = ("_saved_plan", *(slot for _, slot in slots))
    for n, slot in slots:
        namespace[n] = _saved_property(n, slot)
        namespace[f"_saved_{n}"] = _saved_property(f"_saved_{n}", slot)
    for n in _attr_names(prim.forward, len(prim.inputs)):
        if n not in namespace:
            namespace[n] = _attr_property(n)
    if len(namespace) == 1:
        return node_class(prim.grad_fn)
    return type(prim.grad_fn, (Node,), namespace)


def _slot(name: str) -> str:
    """The node slot holding saved tensor `name`."""
    return "_s_" + name


def primitive(
    name: str,
    grad_fn: str,
    inputs: Sequence[str],
    forward: Callable[..., Any],
    derivatives: Sequence[Derivative],
) -> Primitive:
    """Declare an autograd primitive (one derivatives.yaml entry)."""
    if len(derivatives) != len(inputs):
        raise ValueError(f"{name}: one derivative per input")
    if name in PRIMITIVES:
        raise ValueError(f"primitive {name} declared twice")
    prim = Primitive(name, grad_fn, tuple(inputs), forward, tuple(derivatives))
    PRIMITIVES[name] = prim
    return prim


_seq = autograd._seq


_NO_ATTRS: dict[str, Any] = {}


def apply(
    prim: Primitive,
    inputs: tuple[Tensor, ...],
    attrs: dict[str, Any] | None = None,
    compute: np.dtype | None = None,
) -> Any:
    """Run a primitive forward and, if any input requires grad, record its node.

    `compute` casts the input arrays before the numpy forward (type promotion); the graph still
    records the original inputs, so each input's gradient comes back in its own dtype.
    This is the engine's hot path: keep it free of avoidable allocations and calls.
    """
    if _limit_state.deadline is not None:
        limits.check_deadline()
    if len(inputs) == 2:  # binary ops are most of a graph: no list, no comprehension frame
        x0, x1 = inputs[0]._data, inputs[1]._data
        # builtin dtypes are singletons: identity is the cheap test, astype the rare path
        if compute is not None:
            if x0.dtype is not compute:
                x0 = x0.astype(compute)
            if x1.dtype is not compute:
                x1 = x1.astype(compute)
        out = prim.forward(x0, x1, **attrs) if attrs else prim.forward(x0, x1)
    elif len(inputs) == 1:
        x0 = inputs[0]._data
        if compute is not None and x0.dtype is not compute:
            x0 = x0.astype(compute)
        out = prim.forward(x0, **attrs) if attrs else prim.forward(x0)
    else:
        if compute is None:
            arrays = [t._data for t in inputs]
        else:
            arrays = [
                t._data if t._data.dtype is compute else t._data.astype(compute) for t in inputs
            ]
        out = prim.forward(*arrays, **attrs) if attrs else prim.forward(*arrays)
    if attrs is None:
        attrs = _NO_ATTRS
    extras: dict[str, np.ndarray] | None = None
    if type(out) is tuple:
        out, extras = out
    if type(out) is not np.ndarray:  # numpy returns scalars for 0-d results; keep arrays
        out = np.asarray(out)
    if not _grad_state.enabled:
        return _no_graph(out, extras)
    # Where each input's gradient goes (see Node._n0/_n1/_more) and its shape and dtype.
    if len(inputs) == 2:  # most ops: binary, then unary; the rest take the general loop
        a, b = inputs
        da, db = a._data, b._data
        key: tuple[Any, ...] = (da.shape, da.dtype, db.shape, db.dtype)
        mask = 0
        n0 = n1 = more = None
        if a._requires_grad:
            mask = 1
            n0 = a._grad_fn or accumulator(a)
        if b._requires_grad:
            mask |= 2
            n1 = b._grad_fn or accumulator(b)
    elif len(inputs) == 1:
        a = inputs[0]
        if not a._requires_grad:
            return _no_graph(out, extras)
        da = a._data
        key = (da.shape, da.dtype)
        mask, n0, n1, more = 1, a._grad_fn or accumulator(a), None, None
    else:
        key, mask, nexts = _inputs_meta(inputs)
        n0 = nexts[0] if nexts else None
        n1 = nexts[1] if len(nexts) > 1 else None
        more = tuple(nexts[2:]) if len(nexts) > 2 else None
    if not mask:
        return _no_graph(out, extras)
    node = _new(prim.node_class)
    node._prim = prim
    node._attrs = attrs
    node._seq = next(_seq)
    node._freed = False
    node._retained = None
    node._n0 = n0
    node._n1 = n1
    node._more = more
    meta = _metas.get(key)
    if meta is None:
        if len(_metas) >= _METAS_MAX:
            _metas.clear()
        meta = _metas[key] = key
    node._meta = meta
    if prim.saves_anything:
        plan = prim._save_plan.get(mask)
        if plan is None:
            plan = prim.save_plan(mask)
        node._saved_plan = plan
        for name, slot, index in plan:
            if index >= 0:
                setattr(node, slot, inputs[index])
            elif index == -1:
                setattr(node, slot, _SavedOutput(out))
            else:
                assert extras is not None
                setattr(node, slot, Tensor._make(extras[name], None))
    # Tensor._make, inlined: this line runs once per recorded op
    t = _new(Tensor)
    t._data = out
    t._grad_fn = node
    t._grad = None
    t._retains_grad = False
    t._acc = None
    t._requires_grad = True
    return t if extras is None else (t, extras)


_new = object.__new__


def _no_graph(out: np.ndarray, extras: dict[str, np.ndarray] | None) -> Any:
    t = Tensor._make(out, None)
    return t if extras is None else (t, extras)


def _inputs_meta(inputs: tuple[Tensor, ...]) -> tuple[tuple[Any, ...], int, list[Node | None]]:
    """(flat shapes and dtypes, requires-grad bit mask, next node per input) of any arity."""
    meta: list[Any] = []
    nexts: list[Node | None] = []
    mask = 0
    for i, t in enumerate(inputs):
        data = t._data
        meta.append(data.shape)
        meta.append(data.dtype)
        if t._requires_grad:
            mask |= 1 << i
            nexts.append(t._grad_fn or accumulator(t))
        else:
            nexts.append(None)
    return tuple(meta), mask, nexts


# Interned Node._meta tuples: graphs repeat a few (shape, dtype) combinations, and a shared tuple
# is one allocation fewer per recorded op for the cyclic collector to count and traverse.
_metas: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_METAS_MAX = 4096
_limit_state = limits._state


def apply_named(name: str, inputs: tuple[Tensor, ...], attrs: dict[str, Any]) -> Tensor:
    return apply(PRIMITIVES[name], inputs, attrs)


# --------------------------------------------------------------------------------------------
# Public ops


@dataclass(frozen=True, slots=True)
class OpInfo:
    """A public torch function: its name, implementation and catalogue facts."""

    name: str
    func: Callable[..., Any]
    grad_fns: tuple[str, ...]
    differentiable: bool
    method: bool
    function: bool
    functional: bool
    doc: str
    signature: inspect.Signature


OPS: dict[str, OpInfo] = {}


def op(
    name: str | None = None,
    *,
    grad_fn: str | Sequence[str] = (),
    method: bool | Callable[..., Any] = True,
    function: bool = True,
    functional: bool = False,
    differentiable: bool = True,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a public op: `torch.<name>`, `Tensor.<name>` and/or `F.<name>`.

    `method` may be a callable when the Tensor method binds `self` to another parameter than
    the function's first (`x.where(cond, y)` is `torch.where(cond, x, y)`).
    """

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        op_name = name or func.__name__.rstrip("_")
        fns = (grad_fn,) if isinstance(grad_fn, str) else tuple(grad_fn)
        doc = (inspect.getdoc(func) or "").strip().splitlines()
        info = OpInfo(
            name=op_name,
            func=func,
            grad_fns=fns,
            differentiable=differentiable and bool(fns),
            method=bool(method),
            function=function,
            functional=functional,
            doc=doc[0] if doc else "",
            signature=inspect.signature(func),
        )
        if op_name in OPS:
            raise ValueError(f"op {op_name} registered twice")
        OPS[op_name] = info
        if method:
            setattr(Tensor, op_name, func if method is True else method)
        return func

    return register


# --------------------------------------------------------------------------------------------
# Argument helpers shared by the families


_wrapped: dict[np.dtype, dict[Any, Tensor]] = {}
_WRAPPED_MAX = 4096  # memoised numbers per dtype
_finite = math.isfinite


def wrap(value: Any, dtype: np.dtype | None = None) -> Tensor:
    """A Python number as a 0-d tensor (torch's "wrapped number"); tensors pass through.

    Wrapped numbers never require grad and are never written, so they are memoised per dtype
    (1, 1.0 and True are one value once cast): a program multiplying by the same constant a
    million times allocates it once.
    """
    if type(value) is Tensor:
        return value
    if isinstance(value, (bool, int, float, np.number, np.bool_)):
        if dtype is None:
            dtype = dtypes._default_for(dtypes.scalar_category(value)).np
        tv = type(value)
        if tv is not float and tv is not int and tv is not bool:
            return Tensor._make(np.asarray(value, dtype=dtype), None)
        # Only Python's own numbers are memoised: equal ones give equal arrays once cast (numpy
        # scalars compare after casting the other side: np.float16(inf) == 314159.0 holds, and
        # Python hashes inf as 314159). -0.0 (== 0.0), inf and nan are never stored, so no
        # lookup can find another value's entry.
        cache = _wrapped.get(dtype)
        if cache is not None:
            t = cache.get(value)
            if t is not None:
                return t
        t = Tensor._make(np.asarray(value, dtype=dtype), None)
        if value != 0 and (tv is not float or _finite(value)):
            if cache is None:
                cache = _wrapped[dtype] = {}
            elif len(cache) >= _WRAPPED_MAX:
                cache.clear()
            cache[value] = t
        return t
    if isinstance(value, Tensor):
        return value
    raise errors.TypeError(
        f"expected Tensor as element 0 in argument 0, but got {type(value).__name__}"
    )


def check_tensor(fname: str, value: Any, name: str = "input", position: int = 1) -> Tensor:
    """torch's argument-parser error for a Tensor parameter given something else."""
    if not isinstance(value, Tensor):
        raise errors.TypeError(
            f"{fname}(): argument '{name}' (position {position}) must be Tensor, not "
            f"{type(value).__name__}"
        )
    return value


def check_tensors(fname: str, **args: Any) -> None:
    """`check_tensor` for each keyword argument in order, the first at position 1."""
    for position, (name, value) in enumerate(args.items(), start=1):
        check_tensor(fname, value, name, position)


def not_implemented(kernel: str, input: Tensor) -> errors.NotImplementedError:
    """torch's dispatch error for a dtype a CPU kernel has no implementation for."""
    return errors.NotImplementedError(
        f"\"{kernel}\" not implemented for '{input.dtype.scalar_name}'"
    )


def promote(*operands: Any) -> np.dtype:
    """torch.result_type over tensors and Python numbers."""
    if len(operands) == 2:
        fast = _promote_pair(operands[0], operands[1])
        if fast is not None:
            return fast
    dimensioned: list[dtypes.DType] = []
    zero_dim: list[dtypes.DType] = []
    scalars: list[int] = []
    for x in operands:
        if isinstance(x, Tensor):
            d = dtypes.from_numpy(x._data.dtype)
            (dimensioned if x._data.ndim else zero_dim).append(d)
        else:
            scalars.append(dtypes.scalar_category(x))
    return dtypes.result_type(dimensioned, zero_dim, scalars).np


def _promote_pair(x: Any, y: Any) -> np.dtype | None:
    """The common cases of result_type without the general machinery (None: not common)."""
    if type(x) is not Tensor:
        return None
    dx = x._data.dtype
    ty = type(y)
    if ty is Tensor:
        return dx if y._data.dtype == dx else None
    if ty is float:
        return dx if dx.kind == "f" else None
    if ty is int:
        return dx if dx.kind in "fiu" else None
    return None


def normalize_dim(dim: int, ndim: int) -> int:
    """A dim in [-ndim, ndim-1] as a non-negative index, with torch's IndexError otherwise."""
    lo, hi = (-ndim, ndim - 1) if ndim > 0 else (-1, 0)
    if not (lo <= dim <= hi):
        raise errors.IndexError(
            f"Dimension out of range (expected to be in range of [{lo}, {hi}], but got {dim})"
        )
    return dim % ndim if ndim > 0 else 0


def normalize_dims(dim: int | Sequence[int], ndim: int) -> tuple[int, ...]:
    dims = (dim,) if isinstance(dim, (int, np.integer)) else tuple(dim)
    out = tuple(normalize_dim(int(d), ndim) for d in dims)
    if len(set(out)) != len(out):
        repeated = next(d for d in out if out.count(d) > 1)
        raise errors.RuntimeError(f"dim {repeated} appears multiple times in the list of dims")
    return out


def broadcast_shapes(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    """Broadcast shapes with torch's message on a mismatch (dims counted from the left).

    Like torch's infer_size, dims are checked from the right, so the first mismatch reported is
    the rightmost one: (2,3) * (3,2) names dimension 1.
    """
    ndim = max(len(s) for s in shapes)
    padded = [(1,) * (ndim - len(s)) + tuple(s) for s in shapes]
    result = [1] * ndim
    for i in reversed(range(ndim)):
        size = 1
        for s in padded:
            d = s[i]
            if d != 1:
                if size != 1 and d != size:
                    raise errors.RuntimeError(
                        f"The size of tensor a ({padded[0][i]}) must match the size of tensor b "
                        f"({padded[1][i]}) at non-singleton dimension {i}"
                    )
                size = d
        result[i] = size
    return tuple(result)
