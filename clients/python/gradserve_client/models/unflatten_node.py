from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="UnflattenNode")


@_attrs_define
class UnflattenNode:
    """`unflatten(input: 'Tensor', dim: 'int', sizes: 'Sequence[int]') -> 'Tensor'` — Split dim into `sizes` (one entry may
    be -1).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['unflatten']): `unflatten`
            inputs (list[float | int | str]): Positional operands: input
            dim (int):
            sizes (list[int]):
    """

    id: str
    op: Literal["unflatten"]
    inputs: list[float | int | str]
    dim: int
    sizes: list[int]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim = self.dim

        sizes = self.sizes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "dim": dim,
                "sizes": sizes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["unflatten"], d.pop("op"))
        if op != "unflatten":
            raise ValueError(f"op must match const 'unflatten', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dim = d.pop("dim")

        sizes = cast(list[int], d.pop("sizes"))

        unflatten_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            sizes=sizes,
        )

        return unflatten_node
