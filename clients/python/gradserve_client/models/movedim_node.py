from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MovedimNode")


@_attrs_define
class MovedimNode:
    """`movedim(input: 'Tensor', source: 'int | Sequence[int]', destination: 'int | Sequence[int]') -> 'Tensor'` — Move
    dims `source` to positions `destination` (a permute).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['movedim']): `movedim`
            inputs (list[float | int | str]): Positional operands: input
            source (int | list[int]):
            destination (int | list[int]):
    """

    id: str
    op: Literal["movedim"]
    inputs: list[float | int | str]
    source: int | list[int]
    destination: int | list[int]

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        source: int | list[int]
        if isinstance(self.source, list):
            source = self.source

        else:
            source = self.source

        destination: int | list[int]
        if isinstance(self.destination, list):
            destination = self.destination

        else:
            destination = self.destination

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "source": source,
                "destination": destination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["movedim"], d.pop("op"))
        if op != "movedim":
            raise ValueError(f"op must match const 'movedim', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_source(data: object) -> int | list[int]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                source_type_1 = cast(list[int], data)

                return source_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[int], data)

        source = _parse_source(d.pop("source"))

        def _parse_destination(data: object) -> int | list[int]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                destination_type_1 = cast(list[int], data)

                return destination_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[int], data)

        destination = _parse_destination(d.pop("destination"))

        movedim_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            source=source,
            destination=destination,
        )

        return movedim_node
