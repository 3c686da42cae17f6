from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SqueezeNode")


@_attrs_define
class SqueezeNode:
    """`squeeze(input: 'Tensor', dim: 'int | Sequence[int] | None' = None) -> 'Tensor'` — Remove size-1 dims: all of them,
    or those of `dim` (others are left alone, silently).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['squeeze']): `squeeze`
            inputs (list[float | int | str]): Positional operands: input
            dim (int | list[int] | None | Unset):
    """

    id: str
    op: Literal["squeeze"]
    inputs: list[float | int | str]
    dim: int | list[int] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim: int | list[int] | None | Unset
        if isinstance(self.dim, Unset):
            dim = UNSET
        elif isinstance(self.dim, list):
            dim = self.dim

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

        op = cast(Literal["squeeze"], d.pop("op"))
        if op != "squeeze":
            raise ValueError(f"op must match const 'squeeze', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_dim(data: object) -> int | list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dim_type_1 = cast(list[int], data)

                return dim_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[int] | None | Unset, data)

        dim = _parse_dim(d.pop("dim", UNSET))

        squeeze_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
        )

        return squeeze_node
