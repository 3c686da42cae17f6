from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MaskedSelectNode")


@_attrs_define
class MaskedSelectNode:
    """`masked_select(input: 'Tensor', mask: 'Tensor') -> 'Tensor'` — The elements where the (broadcast) bool mask is True,
    as a 1-D tensor.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['masked_select']): `masked_select`
            inputs (list[float | int | str]): Positional operands: input, mask
    """

    id: str
    op: Literal["masked_select"]
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

        op = cast(Literal["masked_select"], d.pop("op"))
        if op != "masked_select":
            raise ValueError(f"op must match const 'masked_select', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        masked_select_node = cls(
            id=id,
            op=op,
            inputs=inputs,
        )

        return masked_select_node
