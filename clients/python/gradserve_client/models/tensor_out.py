from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tensor_out_data_type_0_item_type_3 import (
    TensorOutDataType0ItemType3,
    check_tensor_out_data_type_0_item_type_3,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="TensorOut")


@_attrs_define
class TensorOut:
    """A tensor the service returns: flat row-major `data` (or `b64`), metadata and torch's repr.

    Attributes:
        shape (list[int]):
        dtype (str):
        requires_grad (bool):
        is_leaf (bool):
        grad_fn (None | str):
        data (list[bool | float | int | TensorOutDataType0ItemType3] | None | Unset):
        b64 (None | str | Unset):
        repr_ (None | str | Unset):
        grad (None | TensorOut | Unset):
    """

    shape: list[int]
    dtype: str
    requires_grad: bool
    is_leaf: bool
    grad_fn: None | str
    data: list[bool | float | int | TensorOutDataType0ItemType3] | None | Unset = UNSET
    b64: None | str | Unset = UNSET
    repr_: None | str | Unset = UNSET
    grad: None | TensorOut | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        shape = self.shape

        dtype = self.dtype

        requires_grad = self.requires_grad

        is_leaf = self.is_leaf

        grad_fn: None | str
        grad_fn = self.grad_fn

        data: list[bool | float | int | str] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, list):
            data = []
            for data_type_0_item_data in self.data:
                data_type_0_item: bool | float | int | str
                if isinstance(data_type_0_item_data, str):
                    data_type_0_item = data_type_0_item_data
                else:
                    data_type_0_item = data_type_0_item_data
                data.append(data_type_0_item)

        else:
            data = self.data

        b64: None | str | Unset
        if isinstance(self.b64, Unset):
            b64 = UNSET
        else:
            b64 = self.b64

        repr_: None | str | Unset
        if isinstance(self.repr_, Unset):
            repr_ = UNSET
        else:
            repr_ = self.repr_

        grad: dict[str, Any] | None | Unset
        if isinstance(self.grad, Unset):
            grad = UNSET
        elif isinstance(self.grad, TensorOut):
            grad = self.grad.to_dict()
        else:
            grad = self.grad

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "shape": shape,
                "dtype": dtype,
                "requires_grad": requires_grad,
                "is_leaf": is_leaf,
                "grad_fn": grad_fn,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data
        if b64 is not UNSET:
            field_dict["b64"] = b64
        if repr_ is not UNSET:
            field_dict["repr"] = repr_
        if grad is not UNSET:
            field_dict["grad"] = grad

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        shape = cast(list[int], d.pop("shape"))

        dtype = d.pop("dtype")

        requires_grad = d.pop("requires_grad")

        is_leaf = d.pop("is_leaf")

        def _parse_grad_fn(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        grad_fn = _parse_grad_fn(d.pop("grad_fn"))

        def _parse_data(data: object) -> list[bool | float | int | TensorOutDataType0ItemType3] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                data_type_0 = []
                _data_type_0 = data
                for data_type_0_item_data in _data_type_0:

                    def _parse_data_type_0_item(data: object) -> bool | float | int | TensorOutDataType0ItemType3:
                        try:
                            if not isinstance(data, str):
                                raise TypeError()
                            data_type_0_item_type_3 = check_tensor_out_data_type_0_item_type_3(data)

                            return data_type_0_item_type_3
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(bool | float | int | TensorOutDataType0ItemType3, data)

                    data_type_0_item = _parse_data_type_0_item(data_type_0_item_data)

                    data_type_0.append(data_type_0_item)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[bool | float | int | TensorOutDataType0ItemType3] | None | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        def _parse_b64(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        b64 = _parse_b64(d.pop("b64", UNSET))

        def _parse_repr_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        repr_ = _parse_repr_(d.pop("repr", UNSET))

        def _parse_grad(data: object) -> None | TensorOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                grad_type_0 = TensorOut.from_dict(data)

                return grad_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TensorOut | Unset, data)

        grad = _parse_grad(d.pop("grad", UNSET))

        tensor_out = cls(
            shape=shape,
            dtype=dtype,
            requires_grad=requires_grad,
            is_leaf=is_leaf,
            grad_fn=grad_fn,
            data=data,
            b64=b64,
            repr_=repr_,
            grad=grad,
        )

        return tensor_out
