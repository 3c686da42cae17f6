from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ArgminNode")


@_attrs_define
class ArgminNode:
    """`argmin(input: 'Tensor', dim: 'int | None' = None, keepdim: 'bool' = False) -> 'Tensor'` — Index of the smallest
    element (of the flattened input without `dim`), as int64.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['argmin']): `argmin`
            inputs (list[float | int | str]): Positional operands: input
            dim (int | None | Unset):
            keepdim (bool | None | Unset):  Default: False.
    """

    id: str
    op: Literal["argmin"]
    inputs: list[float | int | str]
    dim: int | None | Unset = UNSET
    keepdim: bool | None | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim: int | None | Unset
        if isinstance(self.dim, Unset):
            dim = UNSET
        else:
            dim = self.dim

        keepdim: bool | None | Unset
        if isinstance(self.keepdim, Unset):
            keepdim = UNSET
        else:
            keepdim = self.keepdim

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["argmin"], d.pop("op"))
        if op != "argmin":
            raise ValueError(f"op must match const 'argmin', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_dim(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dim = _parse_dim(d.pop("dim", UNSET))

        def _parse_keepdim(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        keepdim = _parse_keepdim(d.pop("keepdim", UNSET))

        argmin_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            keepdim=keepdim,
        )

        return argmin_node
