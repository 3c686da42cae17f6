from typing import Literal

GetTensorEncoding = Literal["base64", "json"]

GET_TENSOR_ENCODING_VALUES: set[GetTensorEncoding] = {
    "base64",
    "json",
}


def check_get_tensor_encoding(value: str) -> GetTensorEncoding:
    if value in GET_TENSOR_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_TENSOR_ENCODING_VALUES!r}")
