"""`Tensor`: an ndarray plus torch's autograd state, with torch's attribute rules and messages.

Invariant the rest of the engine relies on: an ndarray wrapped by a Tensor is never written in
place. State changes rebind attributes (through `journal.record`), so a failed program can be
rolled back and arrays can be shared between tensors without copies.
"""

from __future__ import annotations

import builtins
import warnings
import weakref
from typing import TYPE_CHECKING, Any

import numpy as np

from engine import dtypes, errors, journal
from engine.autograd import NON_LEAF_GRAD_WARNING, Node
from engine.dtypes import DType

if TYPE_CHECKING:
    from engine.autograd import AccumulateGrad


class Size(tuple):
    """torch.Size: a tuple that prints as `torch.Size([2, 3])`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "torch.Size([" + ", ".join(str(d) for d in self) + "])"

    __str__ = __repr__

    def numel(self) -> int:
        n = 1
        for d in self:
            n *= d
        return n


_FLOAT_ONLY_FACTORY = "Only Tensors of floating point and complex dtype can require gradients"
_FLOAT_ONLY_METHOD = "only Tensors of floating point dtype can require gradients"
_FLOAT_ONLY_SETTER = "only Tensors of floating point and complex dtype can require gradients"
_LEAF_ONLY_LONG = (
    "you can only change requires_grad flags of leaf variables. If you want to use a computed "
    "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."
)
_LEAF_ONLY_SHORT = "you can only change requires_grad flags of leaf variables."
_SCALAR_WARNING = (
    "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\n"
    "Consider using tensor.detach() first."
)
_scalar_warned = False  # torch warns once per process


class Tensor:
    """A numpy-backed tensor with torch.autograd semantics."""

    __slots__ = (
        "__weakref__",
        "_acc",
        "_data",
        "_grad",
        "_grad_fn",
        "_requires_grad",
        "_retains_grad",
        "_shares",  # set only on tensors `.data`/`.detach()` made aliases of: see `zero_`
    )

    _data: np.ndarray
    _grad_fn: Node | None
    _grad: Tensor | None
    _requires_grad: bool
    _retains_grad: bool
    _acc: weakref.ReferenceType[AccumulateGrad] | None

    def __init__(self, data: Any, requires_grad: bool = False) -> None:
        from engine.creation import as_array

        arr = as_array(data, None)
        self._data = arr
        self._grad_fn = None
        self._grad = None
        self._retains_grad = False
        self._acc = None
        self._requires_grad = False
        if requires_grad:
            _check_float(arr, _FLOAT_ONLY_FACTORY)
            self._requires_grad = True

    @classmethod
    def _make(cls, data: np.ndarray, grad_fn: Node | None, requires_grad: bool = False) -> Tensor:
        """Fast constructor for the engine: no inference, no checks."""
        t = object.__new__(cls)
        t._data = data
        t._grad_fn = grad_fn
        t._grad = None
        t._retains_grad = False
        t._acc = None
        t._requires_grad = requires_grad or grad_fn is not None
        return t

    # ---- metadata -------------------------------------------------------------------------
    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    def size(self, dim: int | None = None) -> Size | int:
        if dim is None:
            return Size(self._data.shape)
        from engine.ops.registry import normalize_dim

        return self._data.shape[normalize_dim(dim, self._data.ndim)]

    @property
    def dtype(self) -> DType:
        return dtypes.from_numpy(self._data.dtype)

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def dim(self) -> int:
        return self._data.ndim

    def numel(self) -> int:
        return int(self._data.size)

    def nelement(self) -> int:
        return int(self._data.size)

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise errors.TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def is_floating_point(self) -> bool:
        return self._data.dtype.kind == "f"

    @property
    def device(self) -> str:
        return "cpu"

    # ---- autograd state -------------------------------------------------------------------
    @property
    def grad_fn(self) -> Node | None:
        return self._grad_fn

    @property
    def is_leaf(self) -> bool:
        return self._grad_fn is None

    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        if self._grad_fn is not None:
            raise errors.RuntimeError(_LEAF_ONLY_SHORT if value else _LEAF_ONLY_LONG)
        if value:
            _check_float(self._data, _FLOAT_ONLY_SETTER)
        journal.record(self, "_requires_grad", bool(value))

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        if self._grad_fn is not None:
            if not requires_grad:
                raise errors.RuntimeError(_LEAF_ONLY_LONG)
            return self
        if requires_grad:
            _check_float(self._data, _FLOAT_ONLY_METHOD)
        journal.record(self, "_requires_grad", bool(requires_grad))
        return self

    @property
    def grad(self) -> Tensor | None:
        if self._grad_fn is not None and not self._retains_grad:
            warnings.warn(NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise errors.TypeError(
                    f"assigned grad expected to be a Tensor or None but got grad of type "
                    f"{type(value).__name__}"
                )
            if value._data.dtype != self._data.dtype:
                got = dtypes.from_numpy(value._data.dtype)
                raise errors.RuntimeError(
                    f"attempting to assign a gradient with dtype '{got.c_name}' to a tensor with "
                    f"grad_dtype '{self.dtype.scalar_name}'. The gradient must match the tensor's "
                    "grad_dtype (defaults to the tensor's dtype). You can set the tensor's "
                    "grad_dtype attribute with a specific dtype, or None to allow any dtype. Set "
                    "grad_dtype with caution. Diverging the dtypes of a tensor and its gradient "
                    "may break downstream systems that assume they match."
                )
            if value._data.shape != self._data.shape:
                raise errors.RuntimeError(
                    f"attempting to assign a gradient of size '{_list_str(value._data.shape)}' to "
                    f"a tensor of size '{_list_str(self._data.shape)}'. Please ensure that the "
                    "gradient and the tensor are the same size"
                )
        journal.record(self, "_grad", value)

    @property
    def retains_grad(self) -> bool:
        return self._retains_grad

    def retain_grad(self) -> None:
        if not self._requires_grad:
            raise errors.RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self._grad_fn is None or self._retains_grad:
            return
        node = self._grad_fn
        refs = list(node._retained or ())
        refs.append(weakref.ref(self))
        journal.record(node, "_retained", tuple(refs))
        journal.record(self, "_retains_grad", True)

    def detach(self) -> Tensor:
        return self._alias()

    @property
    def data(self) -> Tensor:
        return self._alias()

    def _alias(self) -> Tensor:
        """A new tensor over the same memory, without autograd history (`.data`, `detach()`).

        The engine never writes into arrays, so sharing is free; the one in-place op programs
        can call, `zero_()`, zeroes every tensor of the group, as torch's shared storage would
        (`w.grad.data.zero_()` clears `w.grad`).
        """
        alias = Tensor._make(self._data, None)
        group: list[weakref.ReferenceType[Tensor]] | None = getattr(self, "_shares", None)
        if group is None:
            group = self._shares = [weakref.ref(self)]
        elif len(group) > 8:  # `w.grad.data` every step: forget the aliases that are gone
            group[:] = [ref for ref in group if ref() is not None]
        group.append(weakref.ref(alias))
        alias._shares = group
        return alias

    def backward(
        self,
        gradient: Tensor | None = None,
        retain_graph: bool | None = None,
        create_graph: bool = False,
        inputs: Any = None,
    ) -> None:
        from engine import autograd

        autograd.backward(
            self,
            gradient,
            retain_graph=retain_graph,
            create_graph=create_graph,
            inputs=inputs,
        )

    def zero_(self) -> Tensor:
        if self._requires_grad and self._grad_fn is None:
            from engine.grad_mode import is_grad_enabled

            if is_grad_enabled():
                raise errors.RuntimeError(
                    "a leaf Variable that requires grad is being used in an in-place operation."
                )
        data = self._data
        zeros = np.zeros_like(data)
        group = getattr(self, "_shares", None)
        members = [self] if group is None else [ref() for ref in group]
        for t in members:
            if t is not None and t._data is data:  # still over the same memory
                journal.record(t, "_data", zeros)
        return self

    # ---- conversion -------------------------------------------------------------------------
    def item(self) -> builtins.float | builtins.int | builtins.bool:
        if self._data.size != 1:
            raise errors.RuntimeError(
                f"a Tensor with {self._data.size} elements cannot be converted to Scalar"
            )
        return self._data.reshape(()).item()

    def tolist(self) -> Any:
        return self._data.tolist()

    def numpy(self) -> np.ndarray:
        if self._requires_grad:
            raise errors.RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
                "instead."
            )
        return self._data

    def __float__(self) -> builtins.float:
        global _scalar_warned
        if self._requires_grad and not _scalar_warned:
            _scalar_warned = True
            warnings.warn(_SCALAR_WARNING, UserWarning, stacklevel=2)
        return builtins.float(self.item())

    def __int__(self) -> builtins.int:
        return builtins.int(self.item())

    def __bool__(self) -> builtins.bool:
        if self._data.size != 1:
            raise errors.RuntimeError(
                "Boolean value of Tensor with more than one value is ambiguous"
                if self._data.size > 1
                else "Boolean value of Tensor with no values is ambiguous"
            )
        return builtins.bool(self._data.reshape(()).item())

    def __index__(self) -> builtins.int:
        if self._data.dtype.kind not in "iub" or self._data.size != 1:
            raise errors.TypeError(
                "only integer tensors of a single element can be converted to an index"
            )
        return builtins.int(self._data.reshape(()).item())

    __hash__ = object.__hash__

    # ---- printing ---------------------------------------------------------------------------
    def __repr__(self) -> str:
        from engine.format import format_tensor

        fn = self._grad_fn
        return format_tensor(
            self._data,
            self.dtype,
            grad_fn=fn.name() if fn is not None else None,
            requires_grad=self._requires_grad and fn is None,
        )

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        if spec and self._data.ndim == 0:
            return format(self.item(), spec)
        return repr(self)


def _list_str(shape: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]"


def _check_float(arr: np.ndarray, message: str) -> None:
    if arr.dtype.kind != "f":
        raise errors.RuntimeError(message)
