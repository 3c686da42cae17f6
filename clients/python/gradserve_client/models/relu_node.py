from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReluNode")


@_attrs_define
class ReluNode:
    """`relu(input: 'Tensor', inplace: 'bool' = False) -> 'Tensor'` — max(input, 0) (torch.relu, Tensor.relu, F.relu);
    gradient 0 at 0, saves its result.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['relu']): `relu`
            inputs (list[float | int | str]): Positional operands: input
            inplace (bool | None | Unset):  Default: False.
    """

    id: str
    op: Literal["relu"]
    inputs: list[float | int | str]
    inplace: bool | None | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

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
        if inplace is not UNSET:
            field_dict["inplace"] = inplace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["relu"], d.pop("op"))
        if op != "relu":
            raise ValueError(f"op must match const 'relu', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_inplace(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        inplace = _parse_inplace(d.pop("inplace", UNSET))

        relu_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            inplace=inplace,
        )

        return relu_node
