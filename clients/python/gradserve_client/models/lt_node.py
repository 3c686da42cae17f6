from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="LtNode")


@_attrs_define
class LtNode:
    """`lt(input: 'Tensor', other: 'Any') -> 'Tensor'` — Element-wise <, a bool tensor.

    Attributes:
        id (str): The name this node's result is bound to.
        op (Literal['lt']): `lt`
        inputs (list[float | int | str]): Positional operands: input, other
    """

    id: str
    op: Literal["lt"]
    inputs: list[float | int | str]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["lt"], d.pop("op"))
        if op != "lt":
            raise ValueError(f"op must match const 'lt', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        lt_node = cls(
            id=id,
            op=op,
            inputs=inputs,
        )

        return lt_node
