from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SwapdimsNode")


@_attrs_define
class SwapdimsNode:
    """`swapdims(input: 'Tensor', dim0: 'int', dim1: 'int') -> 'Tensor'` — Alias of transpose.

    Attributes:
        id (str): The name this node's result is bound to.
        op (Literal['swapdims']): `swapdims`
        inputs (list[float | int | str]): Positional operands: input
        dim0 (int):
        dim1 (int):
    """

    id: str
    op: Literal["swapdims"]
    inputs: list[float | int | str]
    dim0: int
    dim1: int

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim0 = self.dim0

        dim1 = self.dim1

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "dim0": dim0,
                "dim1": dim1,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["swapdims"], d.pop("op"))
        if op != "swapdims":
            raise ValueError(f"op must match const 'swapdims', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dim0 = d.pop("dim0")

        dim1 = d.pop("dim1")

        swapdims_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim0=dim0,
            dim1=dim1,
        )

        return swapdims_node
