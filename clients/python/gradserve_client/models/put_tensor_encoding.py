from typing import Literal

PutTensorEncoding = Literal["base64", "json"]

PUT_TENSOR_ENCODING_VALUES: set[PutTensorEncoding] = {
    "base64",
    "json",
}


def check_put_tensor_encoding(value: str) -> PutTensorEncoding:
    if value in PUT_TENSOR_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PUT_TENSOR_ENCODING_VALUES!r}")
