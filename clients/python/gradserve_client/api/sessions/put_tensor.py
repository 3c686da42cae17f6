from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.put_tensor_encoding import PutTensorEncoding
from ...models.tensor_in import TensorIn
from ...models.tensor_out import TensorOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    name: str,
    *,
    body: TensorIn,
    encoding: PutTensorEncoding | Unset = "json",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_encoding: str | Unset = UNSET
    if not isinstance(encoding, Unset):
        json_encoding = encoding

    params["encoding"] = json_encoding

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/sessions/{session_id}/tensors/{name}".format(
            session_id=quote(str(session_id), safe=""),
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TensorOut | None:
    if response.status_code == 200:
        response_200 = TensorOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TensorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: TensorIn,
    encoding: PutTensorEncoding | Unset = "json",
) -> Response[Problem | TensorOut]:
    """Put Tensor

     Create or rebind a leaf tensor (like `name = torch.tensor(...)`).

    Args:
        session_id (str): The session's id.
        name (str): The tensor's name.
        encoding (PutTensorEncoding | Unset): `base64` to get tensors as `b64` instead of `data`.
            Default: 'json'.
        body (TensorIn): A tensor sent by a client, in one of three forms.

            * `{"data": [[1, 2], [3, 4]]}` — a number or nested lists, shape and dtype inferred as
              `torch.tensor` does (any float → float32, all ints → int64, all bools → bool);
            * `{"data": [1, 2, 3, 4], "shape": [2, 2]}` — flat row-major values with an explicit
            shape;
            * `{"b64": "...", "shape": [2, 2], "dtype": "float64"}` — base64 of the raw little-endian
              C-order bytes (dtype defaults to float32, shape to one dimension).

            Non-finite floats are the strings "NaN", "Infinity", "-Infinity".

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TensorOut]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        name=name,
        body=body,
        encoding=encoding,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: TensorIn,
    encoding: PutTensorEncoding | Unset = "json",
) -> Problem | TensorOut | None:
    """Put Tensor

     Create or rebind a leaf tensor (like `name = torch.tensor(...)`).

    Args:
        session_id (str): The session's id.
        name (str): The tensor's name.
        encoding (PutTensorEncoding | Unset): `base64` to get tensors as `b64` instead of `data`.
            Default: 'json'.
        body (TensorIn): A tensor sent by a client, in one of three forms.

            * `{"data": [[1, 2], [3, 4]]}` — a number or nested lists, shape and dtype inferred as
              `torch.tensor` does (any float → float32, all ints → int64, all bools → bool);
            * `{"data": [1, 2, 3, 4], "shape": [2, 2]}` — flat row-major values with an explicit
            shape;
            * `{"b64": "...", "shape": [2, 2], "dtype": "float64"}` — base64 of the raw little-endian
              C-order bytes (dtype defaults to float32, shape to one dimension).

            Non-finite floats are the strings "NaN", "Infinity", "-Infinity".

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TensorOut
    """

    return sync_detailed(
        session_id=session_id,
        name=name,
        client=client,
        body=body,
        encoding=encoding,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: TensorIn,
    encoding: PutTensorEncoding | Unset = "json",
) -> Response[Problem | TensorOut]:
    """Put Tensor

     Create or rebind a leaf tensor (like `name = torch.tensor(...)`).

    Args:
        session_id (str): The session's id.
        name (str): The tensor's name.
        encoding (PutTensorEncoding | Unset): `base64` to get tensors as `b64` instead of `data`.
            Default: 'json'.
        body (TensorIn): A tensor sent by a client, in one of three forms.

            * `{"data": [[1, 2], [3, 4]]}` — a number or nested lists, shape and dtype inferred as
              `torch.tensor` does (any float → float32, all ints → int64, all bools → bool);
            * `{"data": [1, 2, 3, 4], "shape": [2, 2]}` — flat row-major values with an explicit
            shape;
            * `{"b64": "...", "shape": [2, 2], "dtype": "float64"}` — base64 of the raw little-endian
              C-order bytes (dtype defaults to float32, shape to one dimension).

            Non-finite floats are the strings "NaN", "Infinity", "-Infinity".

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TensorOut]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        name=name,
        body=body,
        encoding=encoding,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    name: str,
    *,
    client: AuthenticatedClient,
    body: TensorIn,
    encoding: PutTensorEncoding | Unset = "json",
) -> Problem | TensorOut | None:
    """Put Tensor

     Create or rebind a leaf tensor (like `name = torch.tensor(...)`).

    Args:
        session_id (str): The session's id.
        name (str): The tensor's name.
        encoding (PutTensorEncoding | Unset): `base64` to get tensors as `b64` instead of `data`.
            Default: 'json'.
        body (TensorIn): A tensor sent by a client, in one of three forms.

            * `{"data": [[1, 2], [3, 4]]}` — a number or nested lists, shape and dtype inferred as
              `torch.tensor` does (any float → float32, all ints → int64, all bools → bool);
            * `{"data": [1, 2, 3, 4], "shape": [2, 2]}` — flat row-major values with an explicit
            shape;
            * `{"b64": "...", "shape": [2, 2], "dtype": "float64"}` — base64 of the raw little-endian
              C-order bytes (dtype defaults to float32, shape to one dimension).

            Non-finite floats are the strings "NaN", "Infinity", "-Infinity".

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TensorOut
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            name=name,
            client=client,
            body=body,
            encoding=encoding,
        )
    ).parsed
