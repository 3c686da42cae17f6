from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LogsumexpNode")


@_attrs_define
class LogsumexpNode:
    """`logsumexp(input: 'Tensor', dim: 'int | Sequence[int]', keepdim: 'bool' = False) -> 'Tensor'` — log(sum(exp(input)))
    over `dim`, computed stably; integers compute in the default float.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['logsumexp']): `logsumexp`
            inputs (list[float | int | str]): Positional operands: input
            dim (int | list[int]):
            keepdim (bool | None | Unset):  Default: False.
    """

    id: str
    op: Literal["logsumexp"]
    inputs: list[float | int | str]
    dim: int | list[int]
    keepdim: bool | None | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim: int | list[int]
        if isinstance(self.dim, list):
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
                "dim": dim,
            }
        )
        if keepdim is not UNSET:
            field_dict["keepdim"] = keepdim

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["logsumexp"], d.pop("op"))
        if op != "logsumexp":
            raise ValueError(f"op must match const 'logsumexp', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_dim(data: object) -> int | list[int]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dim_type_1 = cast(list[int], data)

                return dim_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[int], data)

        dim = _parse_dim(d.pop("dim"))

        def _parse_keepdim(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        keepdim = _parse_keepdim(d.pop("keepdim", UNSET))

        logsumexp_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            keepdim=keepdim,
        )

        return logsumexp_node
