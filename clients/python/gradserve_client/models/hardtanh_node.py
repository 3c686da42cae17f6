from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HardtanhNode")


@_attrs_define
class HardtanhNode:
    """`hardtanh(input: 'Tensor', min_val: 'float' = -1.0, max_val: 'float' = 1.0, inplace: 'bool' = False) -> 'Tensor'` —
    Clamp to [min_val, max_val]; gradient 1 strictly inside, 0 at and beyond the bounds.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['hardtanh']): `hardtanh`
            inputs (list[float | int | str]): Positional operands: input
            min_val (float | None | Unset):  Default: -1.0.
            max_val (float | None | Unset):  Default: 1.0.
            inplace (bool | None | Unset):  Default: False.
    """

    id: str
    op: Literal["hardtanh"]
    inputs: list[float | int | str]
    min_val: float | None | Unset = -1.0
    max_val: float | None | Unset = 1.0
    inplace: bool | None | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        min_val: float | None | Unset
        if isinstance(self.min_val, Unset):
            min_val = UNSET
        else:
            min_val = self.min_val

        max_val: float | None | Unset
        if isinstance(self.max_val, Unset):
            max_val = UNSET
        else:
            max_val = self.max_val

        inplace: bool | None | Unset
        if isinstance(self.inplace, Unset):
            inplace = UNSET
        else:
            inplace = self.inplace

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if min_val is not UNSET:
            field_dict["min_val"] = min_val
        if max_val is not UNSET:
            field_dict["max_val"] = max_val
        if inplace is not UNSET:
            field_dict["inplace"] = inplace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["hardtanh"], d.pop("op"))
        if op != "hardtanh":
            raise ValueError(f"op must match const 'hardtanh', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_min_val(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        min_val = _parse_min_val(d.pop("min_val", UNSET))

        def _parse_max_val(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        max_val = _parse_max_val(d.pop("max_val", UNSET))

        def _parse_inplace(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        inplace = _parse_inplace(d.pop("inplace", UNSET))

        hardtanh_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            min_val=min_val,
            max_val=max_val,
            inplace=inplace,
        )

        return hardtanh_node
