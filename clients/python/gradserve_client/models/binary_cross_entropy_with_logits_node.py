from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BinaryCrossEntropyWithLogitsNode")


@_attrs_define
class BinaryCrossEntropyWithLogitsNode:
    """`binary_cross_entropy_with_logits(input: 'Tensor', target: 'Tensor', weight: 'Tensor | None' = None, size_average:
    'bool | None' = None, reduce: 'bool | None' = None, reduction: 'str' = 'mean', pos_weight: 'Tensor | None' = None)
    -> 'Tensor'` — Sigmoid + binary cross-entropy in one stable node (finite for logits of any size).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['binary_cross_entropy_with_logits']): `binary_cross_entropy_with_logits`
            inputs (list[float | int | str]): Positional operands: input, target
            weight (None | str | Unset):
            size_average (bool | None | Unset):
            reduce (bool | None | Unset):
            reduction (None | str | Unset):  Default: 'mean'.
            pos_weight (None | str | Unset):
    """

    id: str
    op: Literal["binary_cross_entropy_with_logits"]
    inputs: list[float | int | str]
    weight: None | str | Unset = UNSET
    size_average: bool | None | Unset = UNSET
    reduce: bool | None | Unset = UNSET
    reduction: None | str | Unset = "mean"
    pos_weight: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        weight: None | str | Unset
        if isinstance(self.weight, Unset):
            weight = UNSET
        else:
            weight = self.weight

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

        pos_weight: None | str | Unset
        if isinstance(self.pos_weight, Unset):
            pos_weight = UNSET
        else:
            pos_weight = self.pos_weight

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if weight is not UNSET:
            field_dict["weight"] = weight
        if size_average is not UNSET:
            field_dict["size_average"] = size_average
        if reduce is not UNSET:
            field_dict["reduce"] = reduce
        if reduction is not UNSET:
            field_dict["reduction"] = reduction
        if pos_weight is not UNSET:
            field_dict["pos_weight"] = pos_weight

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["binary_cross_entropy_with_logits"], d.pop("op"))
        if op != "binary_cross_entropy_with_logits":
            raise ValueError(f"op must match const 'binary_cross_entropy_with_logits', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_weight(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        weight = _parse_weight(d.pop("weight", UNSET))

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

        def _parse_pos_weight(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pos_weight = _parse_pos_weight(d.pop("pos_weight", UNSET))

        binary_cross_entropy_with_logits_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            weight=weight,
            size_average=size_average,
            reduce=reduce,
            reduction=reduction,
            pos_weight=pos_weight,
        )

        return binary_cross_entropy_with_logits_node
