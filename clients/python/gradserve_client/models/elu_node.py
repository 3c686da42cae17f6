from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EluNode")


@_attrs_define
class EluNode:
    """`elu(input: 'Tensor', alpha: 'float' = 1.0, inplace: 'bool' = False) -> 'Tensor'` — x for x > 0, alpha·(exp(x) - 1)
    otherwise.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['elu']): `elu`
            inputs (list[float | int | str]): Positional operands: input
            alpha (float | None | Unset):  Default: 1.0.
            inplace (bool | None | Unset):  Default: False.
    """

    id: str
    op: Literal["elu"]
    inputs: list[float | int | str]
    alpha: float | None | Unset = 1.0
    inplace: bool | None | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        alpha: float | None | Unset
        if isinstance(self.alpha, Unset):
            alpha = UNSET
        else:
            alpha = self.alpha

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
        if alpha is not UNSET:
            field_dict["alpha"] = alpha
        if inplace is not UNSET:
            field_dict["inplace"] = inplace

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["elu"], d.pop("op"))
        if op != "elu":
            raise ValueError(f"op must match const 'elu', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_alpha(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        alpha = _parse_alpha(d.pop("alpha", UNSET))

        def _parse_inplace(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        inplace = _parse_inplace(d.pop("inplace", UNSET))

        elu_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            alpha=alpha,
            inplace=inplace,
        )

        return elu_node
