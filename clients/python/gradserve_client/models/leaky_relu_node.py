from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LeakyReluNode")


@_attrs_define
class LeakyReluNode:
    """`leaky_relu(input: 'Tensor', negative_slope: 'float' = 0.01, inplace: 'bool' = False) -> 'Tensor'` — x for x > 0,
    negative_slope·x otherwise (the slope side includes 0).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['leaky_relu']): `leaky_relu`
            inputs (list[float | int | str]): Positional operands: input
            negative_slope (float | None | Unset):  Default: 0.01.
            inplace (bool | None | Unset):  Default: False.
    """

    id: str
    op: Literal["leaky_relu"]
    inputs: list[float | int | str]
    negative_slope: float | None | Unset = 0.01
    inplace: bool | None | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        negative_slope: float | None | Unset
        if isinstance(self.negative_slope, Unset):
            negative_slope = UNSET
        else:
            negative_slope = self.negative_slope

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
        if negative_slope is not UNSET:
            field_dict["negative_slope"] = negative_slope
        if inplace is not UNSET:
            field_dict["inplace"] = inplace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["leaky_relu"], d.pop("op"))
        if op != "leaky_relu":
            raise ValueError(f"op must match const 'leaky_relu', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_negative_slope(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        negative_slope = _parse_negative_slope(d.pop("negative_slope", UNSET))

        def _parse_inplace(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        inplace = _parse_inplace(d.pop("inplace", UNSET))

        leaky_relu_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            negative_slope=negative_slope,
            inplace=inplace,
        )

        return leaky_relu_node
