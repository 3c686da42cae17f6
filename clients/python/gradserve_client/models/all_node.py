from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AllNode")


@_attrs_define
class AllNode:
    """`all(input: 'Tensor', dim: 'int | Sequence[int] | None' = None, keepdim: 'bool' = False) -> 'Tensor'` — True if
    every element (over `dim`) is non-zero.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['all']): `all`
            inputs (list[float | int | str]): Positional operands: input
            dim (int | list[int] | None | Unset):
            keepdim (bool | None | Unset):  Default: False.
    """

    id: str
    op: Literal["all"]
    inputs: list[float | int | str]
    dim: int | list[int] | None | Unset = UNSET
    keepdim: bool | None | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim: int | list[int] | None | Unset
        if isinstance(self.dim, Unset):
            dim = UNSET
        elif isinstance(self.dim, list):
            dim = self.dim

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

        op = cast(Literal["all"], d.pop("op"))
        if op != "all":
            raise ValueError(f"op must match const 'all', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_dim(data: object) -> int | list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dim_type_1 = cast(list[int], data)

                return dim_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[int] | None | Unset, data)

        dim = _parse_dim(d.pop("dim", UNSET))

        def _parse_keepdim(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        keepdim = _parse_keepdim(d.pop("keepdim", UNSET))

        all_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            keepdim=keepdim,
        )

        return all_node
