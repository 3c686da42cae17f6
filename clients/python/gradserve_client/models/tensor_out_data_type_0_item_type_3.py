from typing import Literal

TensorOutDataType0ItemType3 = Literal["-Infinity", "Infinity", "NaN"]

TENSOR_OUT_DATA_TYPE_0_ITEM_TYPE_3_VALUES: set[TensorOutDataType0ItemType3] = {
    "-Infinity",
    "Infinity",
    "NaN",
}


def check_tensor_out_data_type_0_item_type_3(value: str) -> TensorOutDataType0ItemType3:
    if value in TENSOR_OUT_DATA_TYPE_0_ITEM_TYPE_3_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENSOR_OUT_DATA_TYPE_0_ITEM_TYPE_3_VALUES!r}")
