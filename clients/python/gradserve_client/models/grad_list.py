from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.tensor_out import TensorOut


T = TypeVar("T", bound="GradList")


@_attrs_define
class GradList:
    """
    Attributes:
        grads (list[None | TensorOut]):
    """

    grads: list[None | TensorOut]

    def to_dict(self) -> dict[str, Any]:
        from ..models.tensor_out import TensorOut  # noqa: PLC0415

        grads = []
        for grads_item_data in self.grads:
            grads_item: dict[str, Any] | None
            if isinstance(grads_item_data, TensorOut):
                grads_item = grads_item_data.to_dict()
            else:
                grads_item = grads_item_data
            grads.append(grads_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grads": grads,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tensor_out import TensorOut  # noqa: PLC0415

        d = dict(src_dict)
        grads = []
        _grads = d.pop("grads")
        for grads_item_data in _grads:

            def _parse_grads_item(data: object) -> None | TensorOut:
                if data is None:
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    grads_item_type_0 = TensorOut.from_dict(data)

                    return grads_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(None | TensorOut, data)

            grads_item = _parse_grads_item(grads_item_data)

            grads.append(grads_item)

        grad_list = cls(
            grads=grads,
        )

        return grad_list
