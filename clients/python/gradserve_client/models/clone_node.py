from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CloneNode")


@_attrs_define
class CloneNode:
    """`clone(input: 'Tensor', *, memory_format: 'Any' = None) -> 'Tensor'` — A copy of input (keeping its memory layout,
    like torch.preserve_format).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['clone']): `clone`
            inputs (list[float | int | str]): Positional operands: input
            memory_format (Any | None | Unset):
    """

    id: str
    op: Literal["clone"]
    inputs: list[float | int | str]
    memory_format: Any | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        memory_format: Any | None | Unset
        if isinstance(self.memory_format, Unset):
            memory_format = UNSET
        else:
            memory_format = self.memory_format

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
            }
        )
        if memory_format is not UNSET:
            field_dict["memory_format"] = memory_format

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["clone"], d.pop("op"))
        if op != "clone":
            raise ValueError(f"op must match const 'clone', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_memory_format(data: object) -> Any | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Any | None | Unset, data)

        memory_format = _parse_memory_format(d.pop("memory_format", UNSET))

        clone_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            memory_format=memory_format,
        )

        return clone_node
