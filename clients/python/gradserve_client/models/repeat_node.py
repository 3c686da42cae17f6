from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="RepeatNode")


@_attrs_define
class RepeatNode:
    """`repeat(input: 'Tensor', *repeats: 'Any') -> 'Tensor'` — Tile input `repeats[i]` times along each dim (leading
    repeats add dims).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['repeat']): `repeat`
            inputs (list[float | int | str]): Positional operands: input
            repeats (list[Any]):
    """

    id: str
    op: Literal["repeat"]
    inputs: list[float | int | str]
    repeats: list[Any]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        repeats = self.repeats

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "repeats": repeats,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["repeat"], d.pop("op"))
        if op != "repeat":
            raise ValueError(f"op must match const 'repeat', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        repeats = cast(list[Any], d.pop("repeats"))

        repeat_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            repeats=repeats,
        )

        return repeat_node
