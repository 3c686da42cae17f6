from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FlattenNode")


@_attrs_define
class FlattenNode:
    """`flatten(input: 'Tensor', start_dim: 'int' = 0, end_dim: 'int' = -1) -> 'Tensor'` — Merge dims start_dim..end_dim
    into one; returns input itself when nothing merges.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['flatten']): `flatten`
            inputs (list[float | int | str]): Positional operands: input
            start_dim (int | None | Unset):  Default: 0.
            end_dim (int | None | Unset):  Default: -1.
    """

    id: str
    op: Literal["flatten"]
    inputs: list[float | int | str]
    start_dim: int | None | Unset = 0
    end_dim: int | None | Unset = -1

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        start_dim: int | None | Unset
        if isinstance(self.start_dim, Unset):
            start_dim = UNSET
        else:
            start_dim = self.start_dim

        end_dim: int | None | Unset
        if isinstance(self.end_dim, Unset):
            end_dim = UNSET
        else:
            end_dim = self.end_dim

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if start_dim is not UNSET:
            field_dict["start_dim"] = start_dim
        if end_dim is not UNSET:
            field_dict["end_dim"] = end_dim

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["flatten"], d.pop("op"))
        if op != "flatten":
            raise ValueError(f"op must match const 'flatten', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_start_dim(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        start_dim = _parse_start_dim(d.pop("start_dim", UNSET))

        def _parse_end_dim(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        end_dim = _parse_end_dim(d.pop("end_dim", UNSET))

        flatten_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            start_dim=start_dim,
            end_dim=end_dim,
        )

        return flatten_node
