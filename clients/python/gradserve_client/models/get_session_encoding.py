from typing import Literal

GetSessionEncoding = Literal["base64", "json"]

GET_SESSION_ENCODING_VALUES: set[GetSessionEncoding] = {
    "base64",
    "json",
}


def check_get_session_encoding(value: str) -> GetSessionEncoding:
    if value in GET_SESSION_ENCODING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_SESSION_ENCODING_VALUES!r}")
