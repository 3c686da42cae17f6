from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ZeroGradResponse")


@_attrs_define
class ZeroGradResponse:
    """
    Attributes:
        cleared (list[str]): The names whose `.grad` was set and is now None.
    """

    cleared: list[str]

    def to_dict(self) -> dict[str, Any]:
        cleared = self.cleared

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cleared": cleared,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cleared = cast(list[str], d.pop("cleared"))

        zero_grad_response = cls(
            cleared=cleared,
        )

        return zero_grad_response
