from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MinNode")


@_attrs_define
class MinNode:
    """`min(input: 'Tensor', dim: 'int | Tensor | None' = None, keepdim: 'bool' = False, *, other: 'Tensor | None' = None)
    -> 'Any'` — The smallest element; with `dim`, (values, indices) along it; with a tensor, minimum.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['min']): `min`
            inputs (list[float | int | str]): Positional operands: input
            dim (int | None | str | Unset):
            keepdim (bool | None | Unset):  Default: False.
            other (None | str | Unset):
    """

    id: str
    op: Literal["min"]
    inputs: list[float | int | str]
    dim: int | None | str | Unset = UNSET
    keepdim: bool | None | Unset = False
    other: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim: int | None | str | Unset
        if isinstance(self.dim, Unset):
            dim = UNSET
        else:
            dim = self.dim

        keepdim: bool | None | Unset
        if isinstance(self.keepdim, Unset):
            keepdim = UNSET
        else:
            keepdim = self.keepdim

        other: None | str | Unset
        if isinstance(self.other, Unset):
            other = UNSET
        else:
            other = self.other

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if dim is not UNSET:
            field_dict["dim"] = dim
        if keepdim is not UNSET:
            field_dict["keepdim"] = keepdim
        if other is not UNSET:
            field_dict["other"] = other

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["min"], d.pop("op"))
        if op != "min":
            raise ValueError(f"op must match const 'min', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_dim(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        dim = _parse_dim(d.pop("dim", UNSET))

        def _parse_keepdim(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        keepdim = _parse_keepdim(d.pop("keepdim", UNSET))

        def _parse_other(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        other = _parse_other(d.pop("other", UNSET))

        min_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            keepdim=keepdim,
            other=other,
        )

        return min_node
