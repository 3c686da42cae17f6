from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.grads_by_name_grads import GradsByNameGrads


T = TypeVar("T", bound="GradsByName")


@_attrs_define
class GradsByName:
    """
    Attributes:
        grads (GradsByNameGrads): Every named tensor whose `.grad` is set after the call.
    """

    grads: GradsByNameGrads

    def to_dict(self) -> dict[str, Any]:
        grads = self.grads.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grads": grads,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.grads_by_name_grads import GradsByNameGrads  # noqa: PLC0415

        d = dict(src_dict)
        grads = GradsByNameGrads.from_dict(d.pop("grads"))

        grads_by_name = cls(
            grads=grads,
        )

        return grads_by_name
