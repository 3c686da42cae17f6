from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LogSoftmaxNode")


@_attrs_define
class LogSoftmaxNode:
    """`log_softmax(input: 'Tensor', dim: 'int | None' = None, dtype: 'DType | None' = None) -> 'Tensor'` — x -
    logsumexp(x) along dim, stable for large and -inf entries; saves its result.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['log_softmax']): `log_softmax`
            inputs (list[float | int | str]): Positional operands: input
            dim (int | None | Unset):
            dtype (None | str | Unset):
    """

    id: str
    op: Literal["log_softmax"]
    inputs: list[float | int | str]
    dim: int | None | Unset = UNSET
    dtype: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim: int | None | Unset
        if isinstance(self.dim, Unset):
            dim = UNSET
        else:
            dim = self.dim

        dtype: None | str | Unset
        if isinstance(self.dtype, Unset):
            dtype = UNSET
        else:
            dtype = self.dtype

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if dim is not UNSET:
            field_dict["dim"] = dim
        if dtype is not UNSET:
            field_dict["dtype"] = dtype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["log_softmax"], d.pop("op"))
        if op != "log_softmax":
            raise ValueError(f"op must match const 'log_softmax', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_dim(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dim = _parse_dim(d.pop("dim", UNSET))

        def _parse_dtype(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        log_softmax_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            dtype=dtype,
        )

        return log_softmax_node
