from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GeluNode")


@_attrs_define
class GeluNode:
    """`gelu(input: 'Tensor', approximate: 'str' = 'none') -> 'Tensor'` — x·Φ(x) with the exact normal CDF, or its tanh
    approximation (approximate='tanh').

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['gelu']): `gelu`
            inputs (list[float | int | str]): Positional operands: input
            approximate (None | str | Unset):  Default: 'none'.
    """

    id: str
    op: Literal["gelu"]
    inputs: list[float | int | str]
    approximate: None | str | Unset = "none"

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        approximate: None | str | Unset
        if isinstance(self.approximate, Unset):
            approximate = UNSET
        else:
            approximate = self.approximate

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if approximate is not UNSET:
            field_dict["approximate"] = approximate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["gelu"], d.pop("op"))
        if op != "gelu":
            raise ValueError(f"op must match const 'gelu', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_approximate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        approximate = _parse_approximate(d.pop("approximate", UNSET))

        gelu_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            approximate=approximate,
        )

        return gelu_node
