from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="NarrowNode")


@_attrs_define
class NarrowNode:
    """`narrow(input: 'Tensor', dim: 'int', start: 'int', length: 'int') -> 'Tensor'` — `length` elements of `dim` from
    `start` (a view).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['narrow']): `narrow`
            inputs (list[float | int | str]): Positional operands: input
            dim (int):
            start (int):
            length (int):
    """

    id: str
    op: Literal["narrow"]
    inputs: list[float | int | str]
    dim: int
    start: int
    length: int

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim = self.dim

        start = self.start

        length = self.length

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "dim": dim,
                "start": start,
                "length": length,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["narrow"], d.pop("op"))
        if op != "narrow":
            raise ValueError(f"op must match const 'narrow', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dim = d.pop("dim")

        start = d.pop("start")

        length = d.pop("length")

        narrow_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            start=start,
            length=length,
        )

        return narrow_node
