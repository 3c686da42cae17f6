"""Linear algebra: mm, bmm, dot, mv, addmm (primitives) and the composites torch builds on them —
matmul / `@`, F.linear, outer, einsum — each reproducing torch's own decomposition, so the graph
a user walks (`a @ b` for 1-D @ 2-D is SqueezeBackward4 → MmBackward0 → UnsqueezeBackward0) and
what a second backward does are torch's.

None of these promote dtypes: mixed float32/float64 operands are torch's errors. Which matmul
path runs depends on requires_grad and strides (torch's `should_fold`); numpy arrays carry the
same strides torch's tensors would (see shape.py), so the same decisions are taken here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine import errors
from engine.limits import check_numel
from engine.ops.elementwise import add, mul
from engine.ops.reduce import sum as _sum
from engine.ops.registry import (
    Derivative,
    apply,
    broadcast_shapes,
    check_tensor,
    check_tensors,
    not_implemented,
    op,
    primitive,
)
from engine.ops.shape import (
    _expand_shape,
    is_contiguous,
    movedim,
    permute,
    squeeze_dim_inplace,
    unsafe_view,
    unsqueeze,
)
from engine.tensor import Tensor

# ---- argument checks ---------------------------------------------------------------------------


def _not_implemented_for_bool(kernel: str, input: Tensor) -> None:
    if input._data.dtype == np.bool_:
        raise not_implemented(kernel, input)


def _scalar_name(t: Tensor) -> str:
    return t.dtype.scalar_name


def _matmul_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.matmul(a, b)


# ---- mm ----------------------------------------------------------------------------------------

MM = primitive(
    "mm",
    "MmBackward0",
    ("self", "mat2"),
    _matmul_forward,
    (
        Derivative(
            lambda g, c: g.mm(c.mat2.t()),
            saves=("mat2",),
            fast=lambda g, c: _matmul_forward(g, c.mat2._data.T),
        ),
        Derivative(
            lambda g, c: c.self.t().mm(g),
            saves=("self",),
            fast=lambda g, c: _matmul_forward(c.self._data.T, g),
        ),
    ),
)


@op(grad_fn="MmBackward0")
def mm(input: Tensor, mat2: Tensor) -> Tensor:
    """Matrix product of two 2-D tensors (no broadcasting, no type promotion)."""
    check_tensors("mm", input=input, mat2=mat2)
    if input._data.ndim != 2:
        raise errors.RuntimeError("self must be a matrix")
    if mat2._data.ndim != 2:
        raise errors.RuntimeError("mat2 must be a matrix")
    (n, k), (k2, m) = input._data.shape, mat2._data.shape
    if k != k2:
        raise errors.RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})"
        )
    if input._data.dtype != mat2._data.dtype:
        raise errors.RuntimeError(
            "expected m1 and m2 to have the same dtype, but got: "
            f"{input.dtype.c_name} != {mat2.dtype.c_name}"
        )
    _not_implemented_for_bool("addmm_impl_cpu_", input)
    check_numel((n, m))
    return apply(MM, (input, mat2))


# ---- bmm ---------------------------------------------------------------------------------------

BMM = primitive(
    "bmm",
    "BmmBackward0",
    ("self", "mat2"),
    _matmul_forward,
    (
        Derivative(lambda g, c: g.bmm(c.mat2.transpose(1, 2)), saves=("mat2",)),
        Derivative(lambda g, c: c.self.transpose(1, 2).bmm(g), saves=("self",)),
    ),
)


@op(grad_fn="BmmBackward0")
def bmm(input: Tensor, mat2: Tensor) -> Tensor:
    """Batched matrix product of two 3-D tensors with the same batch size."""
    check_tensors("bmm", input=input, mat2=mat2)
    if input._data.ndim != 3:
        raise errors.RuntimeError("batch1 must be a 3D tensor")
    if mat2._data.ndim != 3:
        raise errors.RuntimeError("batch2 must be a 3D tensor")
    (b, n, k), (b2, k2, m) = input._data.shape, mat2._data.shape
    if (b2, k2) != (b, k):
        raise errors.RuntimeError(
            "Expected size for first two dimensions of batch2 tensor to be: "
            f"[{b}, {k}] but got: [{b2}, {k2}]."
        )
    if input._data.dtype != mat2._data.dtype:
        raise errors.RuntimeError(
            f"expected scalar type {_scalar_name(input)} but found {_scalar_name(mat2)}"
        )
    _not_implemented_for_bool("bmm", input)
    check_numel((b, n, m))
    return apply(BMM, (input, mat2))


# ---- dot ---------------------------------------------------------------------------------------


def _dot_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(np.dot(a, b))


DOT = primitive(
    "dot",
    "DotBackward0",
    ("self", "tensor"),
    _dot_forward,
    (
        Derivative(lambda g, c: g * c.tensor, saves=("tensor",)),
        Derivative(lambda g, c: g * c.self, saves=("self",)),
    ),
)


@op(grad_fn="DotBackward0")
def dot(input: Tensor, tensor: Tensor) -> Tensor:
    """Inner product of two 1-D tensors of the same size and dtype."""
    check_tensors("dot", input=input, tensor=tensor)
    if input._data.ndim != 1 or tensor._data.ndim != 1:
        raise errors.RuntimeError(
            f"1D tensors expected, but got {input._data.ndim}D and {tensor._data.ndim}D tensors"
        )
    if input._data.dtype != tensor._data.dtype:
        raise errors.RuntimeError(
            "dot : expected both vectors to have same dtype, but found "
            f"{_scalar_name(input)} and {_scalar_name(tensor)}"
        )
    n, n2 = input._data.shape[0], tensor._data.shape[0]
    if n != n2:
        raise errors.RuntimeError(
            f"inconsistent tensor size, expected tensor [{n}] and src [{n2}] to have the same "
            f"number of elements, but got {n} and {n2} elements respectively"
        )
    _not_implemented_for_bool("dot", input)
    return apply(DOT, (input, tensor))


# ---- mv ----------------------------------------------------------------------------------------

MV = primitive(
    "mv",
    "MvBackward0",
    ("self", "vec"),
    _matmul_forward,
    (
        Derivative(lambda g, c: outer(g, c.vec), saves=("vec",)),
        Derivative(lambda g, c: c.self.t().mv(g), saves=("self",)),
    ),
)


@op(grad_fn="MvBackward0")
def mv(input: Tensor, vec: Tensor) -> Tensor:
    """Matrix-vector product of a 2-D and a 1-D tensor."""
    check_tensors("mv", input=input, vec=vec)
    if input._data.ndim != 2 or vec._data.ndim != 1:
        raise errors.RuntimeError(
            f"vector + matrix @ vector expected, got 1, {input._data.ndim}, {vec._data.ndim}"
        )
    (n, k), k2 = input._data.shape, vec._data.shape[0]
    if k != k2:
        raise errors.RuntimeError(f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({k2})")
    if input._data.dtype != vec._data.dtype:
        raise errors.RuntimeError(
            "addmv input tensors must have the same dtype, but got "
            f"{_scalar_name(vec)}, {_scalar_name(input)}, and {_scalar_name(vec)}"
        )
    _not_implemented_for_bool("addmv_impl_cpu", input)
    return apply(MV, (input, vec))


# ---- addmm -------------------------------------------------------------------------------------


def _addmm_forward(
    bias: np.ndarray, a: np.ndarray, b: np.ndarray, beta: Any, alpha: Any
) -> np.ndarray:
    """beta * input + alpha * (mat1 @ mat2); beta = 0 ignores input (NaN included), as BLAS."""
    with np.errstate(all="ignore"):
        prod = np.matmul(a, b)
        if alpha != 1:
            prod = prod * np.asarray(alpha, dtype=prod.dtype)
        if beta == 0:
            return np.ascontiguousarray(prod)
        term = bias if beta == 1 else bias * np.asarray(beta, dtype=bias.dtype)
        return np.asarray(prod + term, dtype=prod.dtype)


def _scaled(g: Tensor, factor: Any) -> Tensor:
    """torch's maybe_multiply: no node for a factor of 1."""
    return g if factor == 1 else g * factor


ADDMM = primitive(
    "addmm",
    "AddmmBackward0",
    ("self", "mat1", "mat2"),
    _addmm_forward,
    (
        Derivative(lambda g, c: _scaled(g, c.beta)),
        Derivative(lambda g, c: _scaled(g.mm(c.mat2.t()), c.alpha), saves=("mat2",)),
        Derivative(lambda g, c: _scaled(c.mat1.t().mm(g), c.alpha), saves=("mat1",)),
    ),
)


@op(grad_fn="AddmmBackward0")
def addmm(input: Tensor, mat1: Tensor, mat2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
    """beta * input + alpha * (mat1 @ mat2), with input broadcast to the product's shape."""
    check_tensors("addmm", input=input, mat1=mat1, mat2=mat2)
    for name, t in (("mat1", mat1), ("mat2", mat2)):
        if t._data.ndim != 2:
            raise errors.RuntimeError(f"{name} must be a matrix, got {t._data.ndim}-D tensor")
    (n, k), (k2, m) = mat1._data.shape, mat2._data.shape
    if k != k2:
        raise errors.RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})"
        )
    _expand_shape(input._data.shape, (n, m), input.dtype.type_name)
    if input._data.dtype != mat2._data.dtype:
        raise errors.RuntimeError(
            "self and mat2 must have the same dtype, but got "
            f"{_scalar_name(input)} and {_scalar_name(mat2)}"
        )
    if mat1._data.dtype != mat2._data.dtype:
        raise errors.RuntimeError(
            "mat1 and mat2 must have the same dtype, but got "
            f"{_scalar_name(mat1)} and {_scalar_name(mat2)}"
        )
    _not_implemented_for_bool("addmm_impl_cpu_", mat1)
    check_numel((n, m))
    return apply(ADDMM, (input, mat1, mat2), {"beta": beta, "alpha": alpha})


# ---- matmul ------------------------------------------------------------------------------------


def _strides(t: Tensor) -> tuple[int, ...]:
    """torch-style strides (in elements) of the tensor's array."""
    size = t._data.itemsize
    return tuple(s // size for s in t._data.strides)


def _should_fold(tensor1: Tensor, tensor2: Tensor) -> bool:
    """torch's should_fold: compute an N-D @ 1/2-D product with one mm/mv instead of bmm.

    It folds when the small operand requires grad (so its gradient is not materialised per batch)
    or when the large one's batch dims can be flattened without a copy.
    """
    larger_first = tensor1._data.ndim >= tensor2._data.ndim
    t1 = tensor1 if larger_first else tensor2.mT
    dim_t2 = tensor2._data.ndim if larger_first else tensor1._data.ndim
    dim_t1 = t1._data.ndim
    if not (dim_t1 >= 3 and dim_t2 <= 2):
        return False
    small = tensor2 if larger_first else tensor1
    if small._requires_grad:
        return True
    if tensor1._data.ndim == 2:
        return False
    if t1._data.size == 0:
        return True
    shape, strides = t1._data.shape, _strides(t1)
    return all(strides[i] == strides[i + 1] * shape[i + 1] for i in range(dim_t1 - 2))


def _matmul(tensor1: Tensor, tensor2: Tensor) -> Tensor:
    """torch's _matmul_impl, branch for branch (see the module docstring)."""
    dim1, dim2 = tensor1._data.ndim, tensor2._data.ndim
    if dim1 == 0 or dim2 == 0:
        raise errors.RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {dim1}D and {dim2}D"
        )
    if dim1 == 1 and dim2 == 1:
        return dot(tensor1, tensor2)
    if dim1 == 2 and dim2 == 1:
        return mv(tensor1, tensor2)
    if dim1 == 1 and dim2 == 2:
        return squeeze_dim_inplace(mm(unsqueeze(tensor1, 0), tensor2), 0)
    if dim1 == 2 and dim2 == 2:
        return mm(tensor1, tensor2)
    if _should_fold(tensor1, tensor2):
        return _matmul_folded(tensor1, tensor2)
    return _matmul_batched(tensor1, tensor2)


def _matmul_folded(tensor1: Tensor, tensor2: Tensor) -> Tensor:
    """Fold the batch dims of the larger operand into one matrix dim: one mm (or mv)."""
    dim1, dim2 = tensor1._data.ndim, tensor2._data.ndim
    transpose = dim2 > dim1
    t1 = tensor2.mT if transpose else tensor1
    if not transpose:
        t2 = tensor2
    else:
        t2 = tensor1.t() if dim1 == 2 else tensor1
    sizes1 = t1._data.shape
    output_shape = list(sizes1[:-1])
    folded = int(np.prod(output_shape, dtype=np.int64))
    t1_folded = t1.reshape(folded, sizes1[-1])
    if t2._data.ndim == 2:
        output_shape.append(t2._data.shape[1])
        output = unsafe_view(mm(t1_folded, t2), output_shape)
        return output.mT.contiguous() if transpose else output
    return unsafe_view(mv(t1_folded, t2), output_shape)


def _matmul_batched(tensor1: Tensor, tensor2: Tensor) -> Tensor:
    """Broadcast the batch dims, flatten them, and run one bmm."""
    dim1, dim2 = tensor1._data.ndim, tensor2._data.ndim
    s1, s2 = tensor1._data.shape, tensor2._data.shape
    n = s1[-2] if dim1 > 1 else 1
    m1 = s1[-1]
    batch1 = s1[: max(dim1 - 2, 0)]
    m2 = s2[-2] if dim2 > 1 else s2[0]
    p = s2[-1] if dim2 > 1 else 1
    batch2 = s2[: max(dim2 - 2, 0)]

    # If one 3-D operand has a batch of 1 and needs grad, drop that dim so it goes through the
    # folded path (its gradient would otherwise be computed per batch and summed).
    if dim1 == 3 and dim2 == 3 and batch1[0] != batch2[0]:
        if batch1[0] == 1 and tensor1._requires_grad:
            return _matmul(tensor1.squeeze(0), tensor2)
        if batch2[0] == 1 and tensor2._requires_grad:
            return _matmul(tensor1, tensor2.squeeze(0))

    batch = broadcast_shapes(batch1, batch2)
    batch_product = int(np.prod(batch, dtype=np.int64))
    check_numel((batch_product, n, m1))
    check_numel((batch_product, m2, p))
    check_numel((batch_product, n, p))
    expanded1 = tensor1.expand(*batch, n, m1).reshape(batch_product, n, m1)
    vector_rhs = dim2 == 1
    if vector_rhs:
        expanded2 = tensor2.expand(*batch, m2).reshape(batch_product, m2).unsqueeze(2)
    else:
        expanded2 = tensor2.expand(*batch, m2, p).reshape(batch_product, m2, p)
    output_shape = list(batch)
    if dim1 > 1:
        output_shape.append(n)
    if dim2 > 1:
        output_shape.append(p)
    result = bmm(expanded1, expanded2)
    if vector_rhs:
        result = result.squeeze(-1)
    return unsafe_view(result, output_shape)


@op(
    grad_fn=(
        "DotBackward0",
        "MvBackward0",
        "MmBackward0",
        "SqueezeBackward4",
        "UnsafeViewBackward0",
        "CloneBackward0",
    )
)
def matmul(input: Tensor, other: Tensor) -> Tensor:
    """Matrix product with torch's rules for 1-D operands and broadcast batch dims (`a @ b`)."""
    check_tensors("matmul", input=input, other=other)
    return _matmul(input, other)


def _matmul_operator(self: Tensor, other: Any) -> Any:
    if not isinstance(other, Tensor):
        return NotImplemented
    return _matmul(self, other)


def _rmatmul_operator(self: Tensor, other: Any) -> Any:
    if not isinstance(other, Tensor):
        return NotImplemented
    return _matmul(other, self)


Tensor.__matmul__ = _matmul_operator  # type: ignore[attr-defined]
Tensor.__rmatmul__ = _rmatmul_operator  # type: ignore[attr-defined]


# ---- linear ------------------------------------------------------------------------------------


def _flatten_nd_linear(input: Tensor, weight: Tensor, bias: Tensor) -> Tensor:
    """Linear over a contiguous N-D input as one addmm: (prod(batch), in) -> (..., out)."""
    sizes = input._data.shape
    folded = int(np.prod(sizes[:-1], dtype=np.int64))
    result = addmm(bias, input.reshape(folded, sizes[-1]), weight.t())
    return result.view((*sizes[:-1], result._data.shape[1]))


@op(
    grad_fn=("AddmmBackward0", "ViewBackward0", "MmBackward0"),
    functional=True,
    method=False,
    function=False,
)
def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """input @ weight.T + bias, as torch computes it (addmm for 2-D inputs with a bias)."""
    check_tensors("linear", input=input, weight=weight)
    dim_in, dim_w = input._data.ndim, weight._data.ndim
    if dim_in == 0 or dim_w == 0:
        raise errors.RuntimeError(
            f"both arguments to linear need to be at least 1D, but they are {dim_in}D and {dim_w}D"
        )
    if bias is not None:
        check_tensor("linear", bias, "bias", 3)
        if dim_in == 2:
            return addmm(bias, input, weight.t())
        squeezed_1d = int(np.count_nonzero(np.asarray(bias._data.shape) != 1)) <= 1
        fusable = (bias._data.ndim == 1 or squeezed_1d) and is_contiguous(bias._data)
        if fusable and is_contiguous(input._data):
            return _flatten_nd_linear(input, weight, bias)
    output = _matmul(input, weight.t())
    if bias is not None:
        output = add(output, bias)
    return output


# ---- outer -------------------------------------------------------------------------------------


@op(grad_fn="MulBackward0")
def outer(input: Tensor, vec2: Tensor) -> Tensor:
    """Outer product of two 1-D tensors (a column view times a row, as torch does it)."""
    check_tensors("outer", input=input, vec2=vec2)
    for name, t in (("self", input), ("vec2", vec2)):
        if t._data.ndim != 1:
            raise errors.RuntimeError(
                f"outer: Expected 1-D argument {name}, but got {t._data.ndim}-D"
            )
    return mul(input.reshape(input._data.shape[0], 1), vec2)


@op(grad_fn="MulBackward0")
def ger(input: Tensor, vec2: Tensor) -> Tensor:
    """Alias of outer."""
    return outer(input, vec2)


# ---- diagonal (for einsum's repeated subscripts) -----------------------------------------------
# TODO(shape family): replace with the public `diagonal` op once engine/ops/shape.py has one.


def _diagonal_forward(a: np.ndarray, dim1: int, dim2: int) -> np.ndarray:
    return np.diagonal(a, 0, dim1, dim2)


def _diagonal_backward_forward(
    g: np.ndarray, shape: tuple[int, ...], dim1: int, dim2: int
) -> np.ndarray:
    """Zeros of the input's shape with `g` written on the (dim1, dim2) diagonal."""
    out = np.zeros(shape, dtype=g.dtype)
    idx = np.arange(g.shape[-1])
    np.moveaxis(out, (dim1, dim2), (-2, -1))[..., idx, idx] = g
    return out


DIAGONAL = primitive(
    "diagonal",
    "DiagonalBackward0",
    ("self",),
    _diagonal_forward,
    (
        Derivative(
            lambda g, c: _diagonal_backward(g, c.input_shape(0), c.dim1, c.dim2),
        ),
    ),
)

DIAGONAL_BACKWARD = primitive(
    "diagonal_backward",
    "DiagonalBackwardBackward0",
    ("grad_output",),
    _diagonal_backward_forward,
    (Derivative(lambda g, c: _diagonal(g, c.dim1, c.dim2)),),
)


def _diagonal(input: Tensor, dim1: int, dim2: int) -> Tensor:
    return apply(DIAGONAL, (input,), {"dim1": dim1, "dim2": dim2})


def _diagonal_backward(g: Tensor, shape: tuple[int, ...], dim1: int, dim2: int) -> Tensor:
    return apply(DIAGONAL_BACKWARD, (g,), {"shape": shape, "dim1": dim1, "dim2": dim2})


# ---- einsum ------------------------------------------------------------------------------------

_ELLIPSIS = -1


def _subscript(label: str) -> int:
    """torch's label order: A-Z (0-25), then a-z (26-51)."""
    return ord(label) - ord("A") if label.isupper() else ord(label) - ord("a") + 26


def _label(s: int) -> str:
    return chr(s + ord("A")) if s < 26 else chr(s - 26 + ord("a"))


def _parse_operand_labels(lhs: str, num_ops: int) -> list[list[int]]:
    op_labels: list[list[int]] = [[] for _ in range(num_ops)]
    current = 0
    ellipsis_seen = False
    i = 0
    while i < len(lhs):
        ch = lhs[i]
        if ch == " ":
            pass
        elif ch == ".":
            if ellipsis_seen:
                raise errors.RuntimeError(
                    f"einsum(): found '.' for operand {current} for which an ellipsis was "
                    "already found"
                )
            if lhs[i + 1 : i + 3] != "..":
                raise errors.RuntimeError(
                    f"einsum(): found '.' for operand {current} that is not part of any ellipsis"
                )
            i += 2
            op_labels[current].append(_ELLIPSIS)
            ellipsis_seen = True
        elif ch == ",":
            current += 1
            if current >= num_ops:
                raise errors.RuntimeError(
                    "einsum(): fewer operands were provided than specified in the equation"
                )
            ellipsis_seen = False
        elif ch.isascii() and ch.isalpha():
            op_labels[current].append(_subscript(ch))
        else:
            raise errors.RuntimeError(
                f"einsum(): invalid subscript given at index {i} in the equation string, "
                "subscripts must be in [a-zA-Z]"
            )
        i += 1
    if current != num_ops - 1:
        raise errors.RuntimeError(
            "einsum(): more operands were provided than specified in the equation"
        )
    return op_labels


def _sumproduct_pair(left: Tensor, right: Tensor, sum_dims: list[int]) -> Tensor:
    """torch's sumproduct_pair with keepdim: (left * right).sum(sum_dims) via one bmm."""
    if not sum_dims:
        return mul(left, right)
    ndim = left._data.ndim
    lro: list[int] = []
    lo: list[int] = []
    ro: list[int] = []
    lro_size = lo_size = ro_size = sum_size = 1
    for i in range(ndim):
        sl = left._data.shape[i] != 1
        sr = right._data.shape[i] != 1
        if i in sum_dims:
            if sl and sr:
                if left._data.shape[i] != right._data.shape[i]:
                    raise errors.RuntimeError("non-broadcast dimensions must match")
                sum_size *= left._data.shape[i]
            elif sl:
                left = _sum(left, i, keepdim=True)
            elif sr:
                right = _sum(right, i, keepdim=True)
        elif sl and sr:
            if left._data.shape[i] != right._data.shape[i]:
                raise errors.RuntimeError("non-broadcast dimensions must match")
            lro.append(i)
            lro_size *= left._data.shape[i]
        elif sl:
            lo.append(i)
            lo_size *= left._data.shape[i]
        else:
            ro.append(i)
            ro_size *= right._data.shape[i]
    out_size = (
        [left._data.shape[d] for d in lro]
        + [left._data.shape[d] for d in lo]
        + [1] * len(sum_dims)
        + [right._data.shape[d] for d in ro]
    )
    lperm = lro + lo + sum_dims + ro
    rperm = lro + sum_dims + ro + lo
    operm = [0] * len(out_size)
    for i, d in enumerate(lro + lo + sum_dims + ro):
        operm[d] = i
    left = permute(left, *lperm).reshape(lro_size, lo_size, sum_size)
    right = permute(right, *rperm).reshape(lro_size, sum_size, ro_size)
    result = bmm(left, right)
    return permute(result.view(tuple(out_size)), *operm)


@op(grad_fn=("ViewBackward0", "MulBackward0", "PermuteBackward0", "SumBackward1"), method=False)
def einsum(equation: str, *operands: Tensor) -> Tensor:
    """Einstein summation, decomposed as torch does it: diagonals, permutes and pairwise bmm.

    Operands are contracted left to right (torch's order without opt_einsum), so the graph, the
    saved tensors and the gradients follow torch's.
    """
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    if not operands:
        raise errors.RuntimeError("einsum(): must provide at least one operand")
    ops_in = [check_tensor("einsum", t, "operands", i + 2) for i, t in enumerate(operands)]
    num_ops = len(ops_in)
    arrow = equation.find("->")
    lhs = equation if arrow < 0 else equation[:arrow]
    op_labels = _parse_operand_labels(lhs, num_ops)

    label_count = [0] * 52
    ell_num_dim = 0
    for i, (t, labels) in enumerate(zip(ops_in, op_labels)):
        ndims = t._data.ndim
        nlabels = len(labels)
        has_ellipsis = _ELLIPSIS in labels
        if has_ellipsis:
            nlabels -= 1
            ell_num_dim = max(ell_num_dim, ndims - nlabels)
        for s in labels:
            if s != _ELLIPSIS:
                label_count[s] += 1
        if (nlabels > ndims) if has_ellipsis else (nlabels != ndims):
            relation = "is more than" if has_ellipsis else "does not match"
            tail = "" if has_ellipsis else " and no ellipsis was given"
            raise errors.RuntimeError(
                f"einsum(): the number of subscripts in the equation ({nlabels}) {relation} the "
                f"number of dimensions ({ndims}) for operand {i}{tail}"
            )

    label_perm_index = [-1] * 52
    perm_index = 0
    ell_index = 0
    ell_in_output = False
    if arrow < 0:
        perm_index = ell_num_dim
        ell_in_output = True
        for s in range(52):
            if label_count[s] == 1:
                label_perm_index[s] = perm_index
                perm_index += 1
    else:
        rhs = equation[arrow + 2 :]
        i = 0
        while i < len(rhs):
            ch = rhs[i]
            if ch == " ":
                pass
            elif ch == ".":
                if ell_in_output:
                    raise errors.RuntimeError(
                        "einsum(): found '.' for output but an ellipsis (...) was already found"
                    )
                if rhs[i + 1 : i + 3] != "..":
                    raise errors.RuntimeError(
                        "einsum(): found '.' for output that is not part of any ellipsis (...)"
                    )
                i += 2
                ell_index = perm_index
                perm_index += ell_num_dim
                ell_in_output = True
            elif ch.isascii() and ch.isalpha():
                s = _subscript(ch)
                if not (label_count[s] > 0 and label_perm_index[s] == -1):
                    problem = (
                        "appears more than once in the output"
                        if label_perm_index[s] > -1
                        else "does not appear in the equation for any input operand"
                    )
                    raise errors.RuntimeError(f"einsum(): output subscript {ch} {problem}")
                label_perm_index[s] = perm_index
                perm_index += 1
            else:
                raise errors.RuntimeError(
                    f"einsum(): invalid subscript given at index {len(lhs) + 2 + i} in the "
                    "equation string, subscripts must be in [a-zA-Z]"
                )
            i += 1

    out_num_dim = perm_index
    if not ell_in_output:
        ell_index = perm_index
        perm_index += ell_num_dim
    for s in range(52):
        if label_count[s] > 0 and label_perm_index[s] == -1:
            label_perm_index[s] = perm_index
            perm_index += 1

    # Diagonals for repeated labels, unsqueezes for missing ones, one permute per operand.
    label_size = [1] * 52
    ell_sizes = [1] * ell_num_dim
    dim_counts = [0] * perm_index
    ops: list[Tensor] = []
    for i, (t, labels) in enumerate(zip(ops_in, op_labels)):
        operand = t
        permutation = [-1] * perm_index
        dim = 0
        for s in labels:
            if s == _ELLIPSIS:
                ndim = t._data.ndim - (len(labels) - 1)
                for j in range(ell_num_dim - ndim, ell_num_dim):
                    size = operand._data.shape[dim]
                    if size != 1:
                        if ell_sizes[j] not in (1, size):
                            raise errors.RuntimeError(
                                f"einsum(): dimension {dim} covered by ellipsis in operand {i}"
                                f"has size {size} which does not broadcast with previously seen "
                                f"ellipsis with size {ell_sizes[j]} for the respective dimension"
                            )
                        ell_sizes[j] = size
                        dim_counts[ell_index + j] += 1
                    permutation[ell_index + j] = dim
                    dim += 1
            elif permutation[label_perm_index[s]] == -1:
                size = operand._data.shape[dim]
                if size != 1:
                    if label_size[s] not in (1, size):
                        raise errors.RuntimeError(
                            f"einsum(): subscript {_label(s)} has size {size} for operand {i} "
                            f"which does not broadcast with previously seen size {label_size[s]}"
                        )
                    label_size[s] = size
                    dim_counts[label_perm_index[s]] += 1
                permutation[label_perm_index[s]] = dim
                dim += 1
            else:
                prev = permutation[label_perm_index[s]]
                size, prev_size = operand._data.shape[dim], operand._data.shape[prev]
                if size != prev_size:
                    raise errors.RuntimeError(
                        f"einsum(): subscript {_label(s)} is repeated for operand {i} but the "
                        f"sizes don't match, {size} != {prev_size}"
                    )
                operand = movedim(_diagonal(operand, prev, dim), -1, prev)
        for k, val in enumerate(permutation):
            if val == -1:
                operand = unsqueeze(operand, dim)
                permutation[k] = dim
                dim += 1
        ops.append(permute(operand, *permutation))

    # Contract left to right.
    while len(ops) > 1:
        a, b = ops[0], ops[1]
        del ops[:2]
        sum_dims: list[int] = []
        a_dims: list[int] = []
        b_dims: list[int] = []
        for d in range(out_num_dim, perm_index):
            a_big, b_big = a._data.shape[d] != 1, b._data.shape[d] != 1
            if a_big and b_big:
                dim_counts[d] -= 1
                if dim_counts[d] == 1:
                    sum_dims.append(d)
                    dim_counts[d] = 0
            elif dim_counts[d] == 1:
                if a_big:
                    a_dims.append(d)
                    dim_counts[d] = 0
                elif b_big:
                    b_dims.append(d)
                    dim_counts[d] = 0
        if a_dims:
            a = _sum(a, a_dims, keepdim=True)
        if b_dims:
            b = _sum(b, b_dims, keepdim=True)
        ops.insert(0, _sumproduct_pair(a, b, sum_dims))

    result = ops[0]
    if perm_index - out_num_dim > 0:
        if num_ops > 1:
            return result.view(tuple(result._data.shape[:out_num_dim]))
        return _sum(result, list(range(out_num_dim, perm_index)))
    return result
