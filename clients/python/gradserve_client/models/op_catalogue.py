from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.op_info import OpInfo


T = TypeVar("T", bound="OpCatalogue")


@_attrs_define
class OpCatalogue:
    """
    Attributes:
        ops (list[OpInfo]):
    """

    ops: list[OpInfo]

    def to_dict(self) -> dict[str, Any]:
        ops = []
        for ops_item_data in self.ops:
            ops_item = ops_item_data.to_dict()
            ops.append(ops_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ops": ops,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.op_info import OpInfo  # noqa: PLC0415

        d = dict(src_dict)
        ops = []
        _ops = d.pop("ops")
        for ops_item_data in _ops:
            ops_item = OpInfo.from_dict(ops_item_data)

            ops.append(ops_item)

        op_catalogue = cls(
            ops=ops,
        )

        return op_catalogue
