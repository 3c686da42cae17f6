from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="PermuteNode")


@_attrs_define
class PermuteNode:
    """`permute(input: 'Tensor', *dims: 'Any') -> 'Tensor'` — Reorder the dims (a view): `x.permute(1, 0)` or
    `x.permute((1, 0))`.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['permute']): `permute`
            inputs (list[float | int | str]): Positional operands: input
            dims (list[Any]):
    """

    id: str
    op: Literal["permute"]
    inputs: list[float | int | str]
    dims: list[Any]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dims = self.dims

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "dims": dims,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["permute"], d.pop("op"))
        if op != "permute":
            raise ValueError(f"op must match const 'permute', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dims = cast(list[Any], d.pop("dims"))

        permute_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dims=dims,
        )

        return permute_node
