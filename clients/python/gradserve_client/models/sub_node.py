from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SubNode")


@_attrs_define
class SubNode:
    """`sub(input: 'Any', other: 'Any', *, alpha: 'Any' = 1) -> 'Tensor'` — Element-wise input - alpha * other, with
    broadcasting.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['sub']): `sub`
            inputs (list[float | int | str]): Positional operands: input, other
            alpha (Any | None | Unset):  Default: 1.
    """

    id: str
    op: Literal["sub"]
    inputs: list[float | int | str]
    alpha: Any | None | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        alpha: Any | None | Unset
        if isinstance(self.alpha, Unset):
            alpha = UNSET
        else:
            alpha = self.alpha

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if alpha is not UNSET:
            field_dict["alpha"] = alpha

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["sub"], d.pop("op"))
        if op != "sub":
            raise ValueError(f"op must match const 'sub', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_alpha(data: object) -> Any | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Any | None | Unset, data)

        alpha = _parse_alpha(d.pop("alpha", UNSET))

        sub_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            alpha=alpha,
        )

        return sub_node
