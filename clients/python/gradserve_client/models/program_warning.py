from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProgramWarning")


@_attrs_define
class ProgramWarning:
    """A warning torch would have printed (a UserWarning), reported instead of printed.

    Attributes:
        category (str):
        message (str):
        line (int | None | Unset):
        pointer (None | str | Unset):
    """

    category: str
    message: str
    line: int | None | Unset = UNSET
    pointer: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        message = self.message

        line: int | None | Unset
        if isinstance(self.line, Unset):
            line = UNSET
        else:
            line = self.line

        pointer: None | str | Unset
        if isinstance(self.pointer, Unset):
            pointer = UNSET
        else:
            pointer = self.pointer

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "message": message,
            }
        )
        if line is not UNSET:
            field_dict["line"] = line
        if pointer is not UNSET:
            field_dict["pointer"] = pointer

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category = d.pop("category")

        message = d.pop("message")

        def _parse_line(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        line = _parse_line(d.pop("line", UNSET))

        def _parse_pointer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pointer = _parse_pointer(d.pop("pointer", UNSET))

        program_warning = cls(
            category=category,
            message=message,
            line=line,
            pointer=pointer,
        )

        return program_warning
