from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RoundNode")


@_attrs_define
class RoundNode:
    """`round(input: 'Tensor', *, decimals: 'int' = 0) -> 'Tensor'` — Round half to even (optionally to `decimals` places);
    gradient 0.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['round']): `round`
            inputs (list[float | int | str]): Positional operands: input
            decimals (int | None | Unset):  Default: 0.
    """

    id: str
    op: Literal["round"]
    inputs: list[float | int | str]
    decimals: int | None | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        decimals: int | None | Unset
        if isinstance(self.decimals, Unset):
            decimals = UNSET
        else:
            decimals = self.decimals

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if decimals is not UNSET:
            field_dict["decimals"] = decimals

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["round"], d.pop("op"))
        if op != "round":
            raise ValueError(f"op must match const 'round', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_decimals(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        decimals = _parse_decimals(d.pop("decimals", UNSET))

        round_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            decimals=decimals,
        )

        return round_node
