from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ToNode")


@_attrs_define
class ToNode:
    """`to(input: 'Tensor', *args: 'Any', dtype: 'Any' = None, **kwargs: 'Any') -> 'Tensor'` — Convert to a dtype
    (`t.to(torch.float64)`); returns input itself if nothing changes.

        Attributes:
            id (str): The name this node's result is bound to.
            op (Literal['to']): `to`
            inputs (list[float | int | str]): Positional operands: input
            args (list[Any] | None | Unset):
            dtype (Any | None | Unset):
    """

    id: str
    op: Literal["to"]
    inputs: list[float | int | str]
    args: list[Any] | None | Unset = UNSET
    dtype: Any | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        op = self.op

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item: float | int | str
            inputs_item = inputs_item_data
            inputs.append(inputs_item)

        args: list[Any] | None | Unset
        if isinstance(self.args, Unset):
            args = UNSET
        elif isinstance(self.args, list):
            args = self.args

        else:
            args = self.args

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
        if args is not UNSET:
            field_dict["args"] = args
        if dtype is not UNSET:
            field_dict["dtype"] = dtype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        op = cast(Literal["to"], d.pop("op"))
        if op != "to":
            raise ValueError(f"op must match const 'to', got '{op}'")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:

            def _parse_inputs_item(data: object) -> float | int | str:
                return cast(float | int | str, data)

            inputs_item = _parse_inputs_item(inputs_item_data)

            inputs.append(inputs_item)

        def _parse_args(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                args_type_0 = cast(list[Any], data)

                return args_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        args = _parse_args(d.pop("args", UNSET))

        def _parse_dtype(data: object) -> Any | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Any | None | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        to_node = cls(
            id=id,
            op=op,
            inputs=inputs,
            args=args,
            dtype=dtype,
        )

        return to_node
