from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CumsumNode")


@_attrs_define
class CumsumNode:
    """`cumsum(input: 'Tensor', dim: 'int', *, dtype: 'Any' = None) -> 'Tensor'` — Running sums along `dim`; integers
    accumulate as int64.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['cumsum']): `cumsum`
            inputs (list[float | int | str]): Positional operands: input
            dim (int):
            dtype (Any | None | Unset):
    """

    id: str
    op: Literal["cumsum"]
    inputs: list[float | int | str]
    dim: int
    dtype: Any | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim = self.dim

        dtype: Any | None | Unset
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
                "dim": dim,
            }
        )
        if dtype is not UNSET:
            field_dict["dtype"] = dtype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["cumsum"], d.pop("op"))
        if op != "cumsum":
            raise ValueError(f"op must match const 'cumsum', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dim = d.pop("dim")

        def _parse_dtype(data: object) -> Any | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Any | None | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        cumsum_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            dtype=dtype,
        )

        return cumsum_node
