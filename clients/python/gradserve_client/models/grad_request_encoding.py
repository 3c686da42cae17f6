from typing import Literal

GradRequestEncoding = Literal["base64", "json"]

GRAD_REQUEST_ENCODING_VALUES: set[GradRequestEncoding] = {
    "base64",
    "json",
}


def check_grad_request_encoding(value: str) -> GradRequestEncoding:
    if value in GRAD_REQUEST_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GRAD_REQUEST_ENCODING_VALUES!r}")
