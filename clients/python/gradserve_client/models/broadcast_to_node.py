from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="BroadcastToNode")


@_attrs_define
class BroadcastToNode:
    """`broadcast_to(input: 'Tensor', size: 'Sequence[int]') -> 'Tensor'` — `input.expand(size)`.

    Attributes:
        id (str): The name this node's result is bound to.
        op (Literal['broadcast_to']): `broadcast_to`
        inputs (list[float | int | str]): Positional operands: input
        size (list[int]):
    """

    id: str
    op: Literal["broadcast_to"]
    inputs: list[float | int | str]
    size: list[int]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        size = self.size

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "size": size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["broadcast_to"], d.pop("op"))
        if op != "broadcast_to":
            raise ValueError(f"op must match const 'broadcast_to', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        size = cast(list[int], d.pop("size"))

        broadcast_to_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            size=size,
        )

        return broadcast_to_node
