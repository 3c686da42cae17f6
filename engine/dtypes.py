"""torch's dtypes over numpy ones, and torch's type-promotion rule (facts §7).

A `DType` prints as torch prints it (`torch.float32`) and carries the names torch uses in its
messages, so errors can be reproduced verbatim.
"""

from __future__ import annotations

import builtins
from typing import Final

import numpy as np


class DType:
    """A torch dtype: `torch.float32` etc., backed by a numpy dtype."""

    __slots__ = (
        "c_name",
        "category",
        "is_floating_point",
        "name",
        "np",
        "scalar_name",
        "type_name",
    )

    def __init__(
        self,
        name: str,
        np_dtype: type,
        category: int,
        c_name: str,
        scalar_name: str,
        type_name: str,
    ) -> None:
        self.name = name
        self.np = np.dtype(np_dtype)
        self.category = category  # 0 bool, 1 integer, 2 floating
        self.is_floating_point = category == 2
        self.c_name = c_name  # "float", "long int": torch's C++ type name in grad-assignment errors
        self.scalar_name = scalar_name  # "Float", "Long": torch's ScalarType name
        self.type_name = type_name  # "torch.FloatTensor": the legacy tensor type name

    @property
    def itemsize(self) -> int:
        return self.np.itemsize

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    __str__ = __repr__

    def __reduce__(self) -> str:
        return self.name


BOOL_CATEGORY: Final = 0
INT_CATEGORY: Final = 1
FLOAT_CATEGORY: Final = 2

float16 = DType("float16", np.float16, 2, "c10::Half", "Half", "torch.HalfTensor")
float32 = DType("float32", np.float32, 2, "float", "Float", "torch.FloatTensor")
float64 = DType("float64", np.float64, 2, "double", "Double", "torch.DoubleTensor")
uint8 = DType("uint8", np.uint8, 1, "unsigned char", "Byte", "torch.ByteTensor")
int8 = DType("int8", np.int8, 1, "signed char", "Char", "torch.CharTensor")
int16 = DType("int16", np.int16, 1, "short int", "Short", "torch.ShortTensor")
int32 = DType("int32", np.int32, 1, "int", "Int", "torch.IntTensor")
int64 = DType("int64", np.int64, 1, "long int", "Long", "torch.LongTensor")
bool_ = DType("bool", np.bool_, 0, "bool", "Bool", "torch.BoolTensor")

# torch's aliases
half = float16
float = float32
double = float64
short = int16
int = int32
long = int64

ALL: Final[tuple[DType, ...]] = (float16, float32, float64, uint8, int8, int16, int32, int64, bool_)
BY_NAME: Final[dict[str, DType]] = {d.name: d for d in ALL}
_BY_NP: Final[dict[np.dtype, DType]] = {d.np: d for d in ALL}

DEFAULT_FLOAT: Final = float32
DEFAULT_INT: Final = int64


def from_numpy(np_dtype: np.dtype) -> DType:
    """The DType of a numpy dtype; raises TypeError for dtypes torch has no equivalent of."""
    try:
        return _BY_NP[np.dtype(np_dtype)]
    except KeyError:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{np.dtype(np_dtype).name}."
        ) from None


def from_name(name: str) -> DType:
    """Look up `float32`, `torch.float32`, `float`, `long`... (the names a client may send)."""
    key = name.removeprefix("torch.")
    aliases = {
        "float": float32,
        "double": float64,
        "half": float16,
        "long": int64,
        "int": int32,
        "short": int16,
        "bool": bool_,
    }
    if key in aliases:
        return aliases[key]
    try:
        return BY_NAME[key]
    except KeyError:
        raise TypeError(f"unsupported dtype {name!r}") from None


def scalar_category(value: object) -> int:
    """Category of a Python number: bool, int or float."""
    if isinstance(value, (bool, np.bool_)):
        return BOOL_CATEGORY
    if isinstance(value, (builtins.int, np.integer)):
        return INT_CATEGORY
    return FLOAT_CATEGORY


def _promote_same_kind(dtypes: list[DType]) -> DType:
    """numpy's promotion among dtypes (torch agrees for the dtypes we support)."""
    result = np.result_type(*[d.np for d in dtypes])
    return _BY_NP[np.dtype(result)]


def _default_for(category: int) -> DType:
    return {BOOL_CATEGORY: bool_, INT_CATEGORY: DEFAULT_INT, FLOAT_CATEGORY: DEFAULT_FLOAT}[
        category
    ]


def result_type(dimensioned: list[DType], zero_dim: list[DType], scalars: list[int]) -> DType:
    """torch.result_type: dimensioned tensors > 0-d tensors > Python scalars, by category.

    The highest category present wins; within it the highest-priority group decides the dtype,
    so `float32[2] * float64 0-d` is float32 but `int64[2] * float64 0-d` is float64.
    """
    top = max(
        [d.category for d in dimensioned] + [d.category for d in zero_dim] + list(scalars),
        default=FLOAT_CATEGORY,
    )
    for group in (dimensioned, zero_dim):
        members = [d for d in group if d.category == top]
        if members:
            return _promote_same_kind(members)
    return _default_for(top)
