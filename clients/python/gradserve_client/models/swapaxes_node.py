from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SwapaxesNode")


@_attrs_define
class SwapaxesNode:
    """`swapaxes(input: 'Tensor', axis0: 'int', axis1: 'int') -> 'Tensor'` — Alias of transpose.

    Attributes:
        id (str): The name this node's result is bound to.
        op (Literal['swapaxes']): `swapaxes`
        inputs (list[float | int | str]): Positional operands: input
        axis0 (int):
        axis1 (int):
    """

    id: str
    op: Literal["swapaxes"]
    inputs: list[float | int | str]
    axis0: int
    axis1: int

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        axis0 = self.axis0

        axis1 = self.axis1

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "axis0": axis0,
                "axis1": axis1,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["swapaxes"], d.pop("op"))
        if op != "swapaxes":
            raise ValueError(f"op must match const 'swapaxes', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        axis0 = d.pop("axis0")

        axis1 = d.pop("axis1")

        swapaxes_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            axis0=axis0,
            axis1=axis1,
        )

        return swapaxes_node
