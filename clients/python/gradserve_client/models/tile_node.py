from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TileNode")


@_attrs_define
class TileNode:
    """`tile(input: 'Tensor', *dims: 'Any') -> 'Tensor'` — `repeat` with `dims` padded by leading 1s to input's number of
    dims.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['tile']): `tile`
            inputs (list[float | int | str]): Positional operands: input
            dims (list[Any]):
    """

    id: str
    op: Literal["tile"]
    inputs: list[float | int | str]
    dims: list[Any]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dims = self.dims

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "dims": dims,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["tile"], d.pop("op"))
        if op != "tile":
            raise ValueError(f"op must match const 'tile', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dims = cast(list[Any], d.pop("dims"))

        tile_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dims=dims,
        )

        return tile_node
