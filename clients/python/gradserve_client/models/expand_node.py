from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ExpandNode")


@_attrs_define
class ExpandNode:
    """`expand(input: 'Tensor', *sizes: 'Any') -> 'Tensor'` — A broadcast view of input with the given sizes (-1 keeps a
    dim).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['expand']): `expand`
            inputs (list[float | int | str]): Positional operands: input
            sizes (list[Any]):
    """

    id: str
    op: Literal["expand"]
    inputs: list[float | int | str]
    sizes: list[Any]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        sizes = self.sizes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "sizes": sizes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["expand"], d.pop("op"))
        if op != "expand":
            raise ValueError(f"op must match const 'expand', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        sizes = cast(list[Any], d.pop("sizes"))

        expand_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            sizes=sizes,
        )

        return expand_node
