from typing import Literal

RunRequestEncoding = Literal["base64", "json"]

RUN_REQUEST_ENCODING_VALUES: set[RunRequestEncoding] = {
    "base64",
    "json",
}


def check_run_request_encoding(value: str) -> RunRequestEncoding:
    if value in RUN_REQUEST_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RUN_REQUEST_ENCODING_VALUES!r}")
