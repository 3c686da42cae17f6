from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="FlipNode")


@_attrs_define
class FlipNode:
    """`flip(input: 'Tensor', *dims: 'Any') -> 'Tensor'` — Reverse the order of elements along `dims` (a copy).

    Attributes:
        id (str): The name this node's result is bound to.
        op (Literal['flip']): `flip`
        inputs (list[float | int | str]): Positional operands: input
        dims (list[Any]):
    """

    id: str
    op: Literal["flip"]
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

        op = cast(Literal["flip"], d.pop("op"))
        if op != "flip":
            raise ValueError(f"op must match const 'flip', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dims = cast(list[Any], d.pop("dims"))

        flip_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dims=dims,
        )

        return flip_node
