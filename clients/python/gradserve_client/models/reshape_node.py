from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReshapeNode")


@_attrs_define
class ReshapeNode:
    """`reshape(input: 'Tensor', *shape: 'Any') -> 'Tensor'` — The same elements with another shape (one dim may be -1);
    copies only if it must.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['reshape']): `reshape`
            inputs (list[float | int | str]): Positional operands: input
            shape (list[Any]):
    """

    id: str
    op: Literal["reshape"]
    inputs: list[float | int | str]
    shape: list[Any]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        shape = self.shape

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "shape": shape,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["reshape"], d.pop("op"))
        if op != "reshape":
            raise ValueError(f"op must match const 'reshape', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        shape = cast(list[Any], d.pop("shape"))

        reshape_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            shape=shape,
        )

        return reshape_node
