from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MseLossNode")


@_attrs_define
class MseLossNode:
    """`mse_loss(input: 'Tensor', target: 'Tensor', size_average: 'bool | None' = None, reduce: 'bool | None' = None,
    reduction: 'str' = 'mean', weight: 'Tensor | None' = None) -> 'Tensor'` — Mean (or sum, or per-element) squared
    error; one MseLossBackward0 node saving both.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['mse_loss']): `mse_loss`
            inputs (list[float | int | str]): Positional operands: input, target
            size_average (bool | None | Unset):
            reduce (bool | None | Unset):
            reduction (None | str | Unset):  Default: 'mean'.
            weight (None | str | Unset):
    """

    id: str
    op: Literal["mse_loss"]
    inputs: list[float | int | str]
    size_average: bool | None | Unset = UNSET
    reduce: bool | None | Unset = UNSET
    reduction: None | str | Unset = "mean"
    weight: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        size_average: bool | None | Unset
        if isinstance(self.size_average, Unset):
            size_average = UNSET
        else:
            size_average = self.size_average

        reduce: bool | None | Unset
        if isinstance(self.reduce, Unset):
            reduce = UNSET
        else:
            reduce = self.reduce

        reduction: None | str | Unset
        if isinstance(self.reduction, Unset):
            reduction = UNSET
        else:
            reduction = self.reduction

        weight: None | str | Unset
        if isinstance(self.weight, Unset):
            weight = UNSET
        else:
            weight = self.weight

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if size_average is not UNSET:
            field_dict["size_average"] = size_average
        if reduce is not UNSET:
            field_dict["reduce"] = reduce
        if reduction is not UNSET:
            field_dict["reduction"] = reduction
        if weight is not UNSET:
            field_dict["weight"] = weight

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["mse_loss"], d.pop("op"))
        if op != "mse_loss":
            raise ValueError(f"op must match const 'mse_loss', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_size_average(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        size_average = _parse_size_average(d.pop("size_average", UNSET))

        def _parse_reduce(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        reduce = _parse_reduce(d.pop("reduce", UNSET))

        def _parse_reduction(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reduction = _parse_reduction(d.pop("reduction", UNSET))

        def _parse_weight(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        weight = _parse_weight(d.pop("weight", UNSET))

        mse_loss_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            size_average=size_average,
            reduce=reduce,
            reduction=reduction,
            weight=weight,
        )

        return mse_loss_node
