from typing import Literal

BackwardRequestEncoding = Literal["base64", "json"]

BACKWARD_REQUEST_ENCODING_VALUES: set[BackwardRequestEncoding] = {
    "base64",
    "json",
}


def check_backward_request_encoding(value: str) -> BackwardRequestEncoding:
    if value in BACKWARD_REQUEST_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BACKWARD_REQUEST_ENCODING_VALUES!r}")
