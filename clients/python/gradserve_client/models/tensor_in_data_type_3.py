from typing import Literal

TensorInDataType3 = Literal["-Infinity", "Infinity", "NaN"]

TENSOR_IN_DATA_TYPE_3_VALUES: set[TensorInDataType3] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_tensor_in_data_type_3(value: str) -> TensorInDataType3:
    if value in TENSOR_IN_DATA_TYPE_3_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENSOR_IN_DATA_TYPE_3_VALUES!r}")
