from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VarNode")


@_attrs_define
class VarNode:
    """`var(input: 'Tensor', dim: 'int | Sequence[int] | None' = None, unbiased: 'bool | None' = None, keepdim: 'bool' =
    False, *, correction: 'float | None' = None) -> 'Tensor'` — Variance over all elements or `dim`, unbiased
    (correction=1) unless told otherwise.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['var']): `var`
            inputs (list[float | int | str]): Positional operands: input
            dim (int | list[int] | None | Unset):
            unbiased (bool | None | Unset):
            keepdim (bool | None | Unset):  Default: False.
            correction (float | None | Unset):
    """

    id: str
    op: Literal["var"]
    inputs: list[float | int | str]
    dim: int | list[int] | None | Unset = UNSET
    unbiased: bool | None | Unset = UNSET
    keepdim: bool | None | Unset = False
    correction: float | None | Unset = UNSET

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

        unbiased: bool | None | Unset
        if isinstance(self.unbiased, Unset):
            unbiased = UNSET
        else:
            unbiased = self.unbiased

        keepdim: bool | None | Unset
        if isinstance(self.keepdim, Unset):
            keepdim = UNSET
        else:
            keepdim = self.keepdim

        correction: float | None | Unset
        if isinstance(self.correction, Unset):
            correction = UNSET
        else:
            correction = self.correction

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
        if unbiased is not UNSET:
            field_dict["unbiased"] = unbiased
        if keepdim is not UNSET:
            field_dict["keepdim"] = keepdim
        if correction is not UNSET:
            field_dict["correction"] = correction

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["var"], d.pop("op"))
        if op != "var":
            raise ValueError(f"op must match const 'var', got '{op}'")

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

        def _parse_unbiased(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        unbiased = _parse_unbiased(d.pop("unbiased", UNSET))

        def _parse_keepdim(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        keepdim = _parse_keepdim(d.pop("keepdim", UNSET))

        def _parse_correction(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        correction = _parse_correction(d.pop("correction", UNSET))

        var_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            unbiased=unbiased,
            keepdim=keepdim,
            correction=correction,
        )

        return var_node
