from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GatherNode")


@_attrs_define
class GatherNode:
    """`gather(input: 'Tensor', dim: 'int', index: 'Tensor', *, sparse_grad: 'bool' = False) -> 'Tensor'` — out[i][j] =
    input[index[i][j]][j] (for dim 0): values picked along `dim`.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['gather']): `gather`
            inputs (list[float | int | str]): Positional operands: input, index
            dim (int):
            sparse_grad (bool | None | Unset):  Default: False.
    """

    id: str
    op: Literal["gather"]
    inputs: list[float | int | str]
    dim: int
    sparse_grad: bool | None | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        dim = self.dim

        sparse_grad: bool | None | Unset
        if isinstance(self.sparse_grad, Unset):
            sparse_grad = UNSET
        else:
            sparse_grad = self.sparse_grad

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "dim": dim,
            }
        )
        if sparse_grad is not UNSET:
            field_dict["sparse_grad"] = sparse_grad

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["gather"], d.pop("op"))
        if op != "gather":
            raise ValueError(f"op must match const 'gather', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        dim = d.pop("dim")

        def _parse_sparse_grad(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sparse_grad = _parse_sparse_grad(d.pop("sparse_grad", UNSET))

        gather_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            dim=dim,
            sparse_grad=sparse_grad,
        )

        return gather_node
