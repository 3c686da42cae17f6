from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ZeroGradRequest")


@_attrs_define
class ZeroGradRequest:
    """
    Attributes:
        tensors (list[str] | None | Unset): Whose `.grad` to set to None (default: every named tensor).
    """

    tensors: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        tensors: list[str] | None | Unset
        if isinstance(self.tensors, Unset):
            tensors = UNSET
        elif isinstance(self.tensors, list):
            tensors = self.tensors

        else:
            tensors = self.tensors

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if tensors is not UNSET:
            field_dict["tensors"] = tensors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_tensors(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tensors_type_0 = cast(list[str], data)

                return tensors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tensors = _parse_tensors(d.pop("tensors", UNSET))

        zero_grad_request = cls(
            tensors=tensors,
        )

        return zero_grad_request
