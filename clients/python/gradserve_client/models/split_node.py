from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SplitNode")


@_attrs_define
class SplitNode:
    """`split(tensor: 'Tensor', split_size_or_sections: 'int | Sequence[int]', dim: 'int' = 0) -> 'tuple[Tensor, ...]'` —
    Pieces of `split_size` along dim (the last may be smaller), or of the listed sizes.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['split']): `split`
            inputs (list[float | int | str]): Positional operands: tensor
            split_size_or_sections (int | list[int]):
            dim (int | None | Unset):  Default: 0.
    """

    id: str
    op: Literal["split"]
    inputs: list[float | int | str]
    split_size_or_sections: int | list[int]
    dim: int | None | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        split_size_or_sections: int | list[int]
        if isinstance(self.split_size_or_sections, list):
            split_size_or_sections = self.split_size_or_sections

        else:
            split_size_or_sections = self.split_size_or_sections

        dim: int | None | Unset
        if isinstance(self.dim, Unset):
            dim = UNSET
        else:
            dim = self.dim

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "split_size_or_sections": split_size_or_sections,
            }
        )
        if dim is not UNSET:
            field_dict["dim"] = dim

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["split"], d.pop("op"))
        if op != "split":
            raise ValueError(f"op must match const 'split', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_split_size_or_sections(data: object) -> int | list[int]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                split_size_or_sections_type_1 = cast(list[int], data)

                return split_size_or_sections_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[int], data)

        split_size_or_sections = _parse_split_size_or_sections(d.pop("split_size_or_sections"))

        def _parse_dim(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dim = _parse_dim(d.pop("dim", UNSET))

        split_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            split_size_or_sections=split_size_or_sections,
            dim=dim,
        )

        return split_node
