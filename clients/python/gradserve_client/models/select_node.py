from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SelectNode")


@_attrs_define
class SelectNode:
    """`select(input: 'Tensor', dim: 'int', index: 'int') -> 'Tensor'` — The slice at `index` of `dim`, with that dim
    removed (a view).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['select']): `select`
            inputs (list[float | int | str]): Positional operands: input
            dim (int):
            index (int):
    """

    id: str
    op: Literal["select"]
    inputs: list[float | int | str]
    dim: int
    index: int

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim = self.dim

        index = self.index

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "dim": dim,
                "index": index,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["select"], d.pop("op"))
        if op != "select":
            raise ValueError(f"op must match const 'select', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dim = d.pop("dim")

        index = d.pop("index")

        select_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            index=index,
        )

        return select_node
