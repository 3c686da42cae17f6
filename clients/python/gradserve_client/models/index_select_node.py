from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="IndexSelectNode")


@_attrs_define
class IndexSelectNode:
    """`index_select(input: 'Tensor', dim: 'int', index: 'Tensor') -> 'Tensor'` — The entries of `index` along `dim` (a
    copy; repeated indices repeat).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['index_select']): `index_select`
            inputs (list[float | int | str]): Positional operands: input, index
            dim (int):
    """

    id: str
    op: Literal["index_select"]
    inputs: list[float | int | str]
    dim: int

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim = self.dim

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "dim": dim,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["index_select"], d.pop("op"))
        if op != "index_select":
            raise ValueError(f"op must match const 'index_select', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dim = d.pop("dim")

        index_select_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
        )

        return index_select_node
