from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LinearNode")


@_attrs_define
class LinearNode:
    """`linear(input: 'Tensor', weight: 'Tensor', bias: 'Tensor | None' = None) -> 'Tensor'` — input @ weight.T + bias, as
    torch computes it (addmm for 2-D inputs with a bias).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['linear']): `linear`
            inputs (list[float | int | str]): Positional operands: input, weight
            bias (None | str | Unset):
    """

    id: str
    op: Literal["linear"]
    inputs: list[float | int | str]
    bias: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        bias: None | str | Unset
        if isinstance(self.bias, Unset):
            bias = UNSET
        else:
            bias = self.bias

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if bias is not UNSET:
            field_dict["bias"] = bias

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["linear"], d.pop("op"))
        if op != "linear":
            raise ValueError(f"op must match const 'linear', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_bias(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bias = _parse_bias(d.pop("bias", UNSET))

        linear_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            bias=bias,
        )

        return linear_node
