from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SoftplusNode")


@_attrs_define
class SoftplusNode:
    """`softplus(input: 'Tensor', beta: 'float' = 1.0, threshold: 'float' = 20.0) -> 'Tensor'` — log(1 + exp(β·x))/β, and x
    itself where β·x > threshold (no overflow).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['softplus']): `softplus`
            inputs (list[float | int | str]): Positional operands: input
            beta (float | None | Unset):  Default: 1.0.
            threshold (float | None | Unset):  Default: 20.0.
    """

    id: str
    op: Literal["softplus"]
    inputs: list[float | int | str]
    beta: float | None | Unset = 1.0
    threshold: float | None | Unset = 20.0

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        beta: float | None | Unset
        if isinstance(self.beta, Unset):
            beta = UNSET
        else:
            beta = self.beta

        threshold: float | None | Unset
        if isinstance(self.threshold, Unset):
            threshold = UNSET
        else:
            threshold = self.threshold

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if beta is not UNSET:
            field_dict["beta"] = beta
        if threshold is not UNSET:
            field_dict["threshold"] = threshold

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["softplus"], d.pop("op"))
        if op != "softplus":
            raise ValueError(f"op must match const 'softplus', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_beta(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        beta = _parse_beta(d.pop("beta", UNSET))

        def _parse_threshold(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        threshold = _parse_threshold(d.pop("threshold", UNSET))

        softplus_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            beta=beta,
            threshold=threshold,
        )

        return softplus_node
