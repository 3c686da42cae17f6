from typing import Literal

EvaluateRequestEncoding = Literal["base64", "json"]

EVALUATE_REQUEST_ENCODING_VALUES: set[EvaluateRequestEncoding] = {
    "base64",
    "json",
}


def check_evaluate_request_encoding(value: str) -> EvaluateRequestEncoding:
    if value in EVALUATE_REQUEST_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EVALUATE_REQUEST_ENCODING_VALUES!r}")
