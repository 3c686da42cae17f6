from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConcatNode")


@_attrs_define
class ConcatNode:
    """`concat(tensors: 'Sequence[Tensor]', dim: 'int' = 0) -> 'Tensor'` — Alias of cat.

    Attributes:
        id (str): The name this node's result is bound to.
        op (Literal['concat']): `concat`
        inputs (list[float | int | str]): Positional operands: *tensors
        dim (int | None | Unset):  Default: 0.
    """

    id: str
    op: Literal["concat"]
    inputs: list[float | int | str]
    dim: int | None | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim: int | None | Unset
        if isinstance(self.dim, Unset):
            dim = UNSET
        else:
            dim = self.dim

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if dim is not UNSET:
            field_dict["dim"] = dim

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["concat"], d.pop("op"))
        if op != "concat":
            raise ValueError(f"op must match const 'concat', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_dim(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dim = _parse_dim(d.pop("dim", UNSET))

        concat_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
        )

        return concat_node
