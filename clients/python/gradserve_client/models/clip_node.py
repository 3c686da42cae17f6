from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ClipNode")


@_attrs_define
class ClipNode:
    """`clip(input: 'Tensor', min: 'Tensor | float | None' = None, max: 'Tensor | float | None' = None) -> 'Tensor'` —
    Alias of clamp.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['clip']): `clip`
            inputs (list[float | int | str]): Positional operands: input
            min_ (float | None | str | Unset):
            max_ (float | None | str | Unset):
    """

    id: str
    op: Literal["clip"]
    inputs: list[float | int | str]
    min_: float | None | str | Unset = UNSET
    max_: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        min_: float | None | str | Unset
        if isinstance(self.min_, Unset):
            min_ = UNSET
        else:
            min_ = self.min_

        max_: float | None | str | Unset
        if isinstance(self.max_, Unset):
            max_ = UNSET
        else:
            max_ = self.max_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if min_ is not UNSET:
            field_dict["min"] = min_
        if max_ is not UNSET:
            field_dict["max"] = max_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["clip"], d.pop("op"))
        if op != "clip":
            raise ValueError(f"op must match const 'clip', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_min_(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        min_ = _parse_min_(d.pop("min", UNSET))

        def _parse_max_(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        max_ = _parse_max_(d.pop("max", UNSET))

        clip_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            min_=min_,
            max_=max_,
        )

        return clip_node
