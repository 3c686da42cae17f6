from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.session_detail_tensors import SessionDetailTensors


T = TypeVar("T", bound="SessionDetail")


@_attrs_define
class SessionDetail:
    """
    Attributes:
        id (str):
        created_at (datetime.datetime):
        expires_at (datetime.datetime):
        memory_bytes (int): Bytes of the session's tensors, gradients and saved graph buffers.
        tensors (SessionDetailTensors):
    """

    id: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    memory_bytes: int
    tensors: SessionDetailTensors

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        memory_bytes = self.memory_bytes

        tensors = self.tensors.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "expires_at": expires_at,
                "memory_bytes": memory_bytes,
                "tensors": tensors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_detail_tensors import SessionDetailTensors  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        memory_bytes = d.pop("memory_bytes")

        tensors = SessionDetailTensors.from_dict(d.pop("tensors"))

        session_detail = cls(
            id=id,
            created_at=created_at,
            expires_at=expires_at,
            memory_bytes=memory_bytes,
            tensors=tensors,
        )

        return session_detail
