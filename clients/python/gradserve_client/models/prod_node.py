from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProdNode")


@_attrs_define
class ProdNode:
    """`prod(input: 'Tensor', dim: 'int | None' = None, keepdim: 'bool' = False, *, dtype: 'Any' = None) -> 'Tensor'` —
    Product of all elements, or over one dim; integers multiply as int64.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['prod']): `prod`
            inputs (list[float | int | str]): Positional operands: input
            dim (int | None | Unset):
            keepdim (bool | None | Unset):  Default: False.
            dtype (Any | None | Unset):
    """

    id: str
    op: Literal["prod"]
    inputs: list[float | int | str]
    dim: int | None | Unset = UNSET
    keepdim: bool | None | Unset = False
    dtype: Any | None | Unset = UNSET

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

        dtype: Any | None | Unset
        if isinstance(self.dtype, Unset):
            dtype = UNSET
        else:
            dtype = self.dtype

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
        if dtype is not UNSET:
            field_dict["dtype"] = dtype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["prod"], d.pop("op"))
        if op != "prod":
            raise ValueError(f"op must match const 'prod', got '{op}'")

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

        def _parse_dtype(data: object) -> Any | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Any | None | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        prod_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            keepdim=keepdim,
            dtype=dtype,
        )

        return prod_node
