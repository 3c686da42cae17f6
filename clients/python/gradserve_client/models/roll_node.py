from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RollNode")


@_attrs_define
class RollNode:
    """`roll(input: 'Tensor', shifts: 'int | Sequence[int]', dims: 'int | Sequence[int] | None' = None) -> 'Tensor'` —
    Shift elements circularly along `dims` (of the flattened tensor when dims is None).

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['roll']): `roll`
            inputs (list[float | int | str]): Positional operands: input
            shifts (int | list[int]):
            dims (int | list[int] | None | Unset):
    """

    id: str
    op: Literal["roll"]
    inputs: list[float | int | str]
    shifts: int | list[int]
    dims: int | list[int] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        shifts: int | list[int]
        if isinstance(self.shifts, list):
            shifts = self.shifts

        else:
            shifts = self.shifts

        dims: int | list[int] | None | Unset
        if isinstance(self.dims, Unset):
            dims = UNSET
        elif isinstance(self.dims, list):
            dims = self.dims

        else:
            dims = self.dims

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "op": op,
                "inputs": inputs,
                "shifts": shifts,
            }
        )
        if dims is not UNSET:
            field_dict["dims"] = dims

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["roll"], d.pop("op"))
        if op != "roll":
            raise ValueError(f"op must match const 'roll', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_shifts(data: object) -> int | list[int]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                shifts_type_1 = cast(list[int], data)

                return shifts_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[int], data)

        shifts = _parse_shifts(d.pop("shifts"))

        def _parse_dims(data: object) -> int | list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dims_type_1 = cast(list[int], data)

                return dims_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | list[int] | None | Unset, data)

        dims = _parse_dims(d.pop("dims", UNSET))

        roll_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            shifts=shifts,
            dims=dims,
        )

        return roll_node
