from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DivNode")


@_attrs_define
class DivNode:
    """`div(input: 'Any', other: 'Any', *, rounding_mode: 'str | None' = None) -> 'Tensor'` — Element-wise true division
    (integers divide as floats); rounding_mode 'floor'/'trunc'.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['div']): `div`
            inputs (list[float | int | str]): Positional operands: input, other
            rounding_mode (None | str | Unset):
    """

    id: str
    op: Literal["div"]
    inputs: list[float | int | str]
    rounding_mode: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        rounding_mode: None | str | Unset
        if isinstance(self.rounding_mode, Unset):
            rounding_mode = UNSET
        else:
            rounding_mode = self.rounding_mode

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if rounding_mode is not UNSET:
            field_dict["rounding_mode"] = rounding_mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["div"], d.pop("op"))
        if op != "div":
            raise ValueError(f"op must match const 'div', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_rounding_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rounding_mode = _parse_rounding_mode(d.pop("rounding_mode", UNSET))

        div_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            rounding_mode=rounding_mode,
        )

        return div_node
