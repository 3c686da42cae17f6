from typing import Literal

TensorInDtypeType0 = Literal["bool", "float16", "float32", "float64", "int32", "int64"]

TENSOR_IN_DTYPE_TYPE_0_VALUES: set[TensorInDtypeType0] = {
    "bool",
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
}


def check_tensor_in_dtype_type_0(value: str) -> TensorInDtypeType0:
    if value in TENSOR_IN_DTYPE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENSOR_IN_DTYPE_TYPE_0_VALUES!r}")
