from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tensor_in_data_type_3 import TensorInDataType3, check_tensor_in_data_type_3
from ..models.tensor_in_dtype_type_0 import TensorInDtypeType0, check_tensor_in_dtype_type_0
from ..types import UNSET, Unset

T = TypeVar("T", bound="TensorIn")


@_attrs_define
class TensorIn:
    """A tensor sent by a client, in one of three forms.

    * `{"data": [[1, 2], [3, 4]]}` — a number or nested lists, shape and dtype inferred as
      `torch.tensor` does (any float → float32, all ints → int64, all bools → bool);
    * `{"data": [1, 2, 3, 4], "shape": [2, 2]}` — flat row-major values with an explicit shape;
    * `{"b64": "...", "shape": [2, 2], "dtype": "float64"}` — base64 of the raw little-endian
      C-order bytes (dtype defaults to float32, shape to one dimension).

    Non-finite floats are the strings "NaN", "Infinity", "-Infinity".

        Attributes:
            data (bool | float | int | list[Any] | None | TensorInDataType3 | Unset):
            b64 (None | str | Unset):
            shape (list[int] | None | Unset):
            dtype (None | TensorInDtypeType0 | Unset):
            requires_grad (bool | Unset):  Default: False.
    """

    data: bool | float | int | list[Any] | None | TensorInDataType3 | Unset = UNSET
    b64: None | str | Unset = UNSET
    shape: list[int] | None | Unset = UNSET
    dtype: None | TensorInDtypeType0 | Unset = UNSET
    requires_grad: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        data: bool | float | int | list[Any] | None | str | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, str):
            data = self.data
        elif isinstance(self.data, list):
            data = self.data

        else:
            data = self.data

        b64: None | str | Unset
        if isinstance(self.b64, Unset):
            b64 = UNSET
        else:
            b64 = self.b64

        shape: list[int] | None | Unset
        if isinstance(self.shape, Unset):
            shape = UNSET
        elif isinstance(self.shape, list):
            shape = self.shape

        else:
            shape = self.shape

        dtype: None | str | Unset
        if isinstance(self.dtype, Unset):
            dtype = UNSET
        elif isinstance(self.dtype, str):
            dtype = self.dtype
        else:
            dtype = self.dtype

        requires_grad = self.requires_grad

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if b64 is not UNSET:
            field_dict["b64"] = b64
        if shape is not UNSET:
            field_dict["shape"] = shape
        if dtype is not UNSET:
            field_dict["dtype"] = dtype
        if requires_grad is not UNSET:
            field_dict["requires_grad"] = requires_grad

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_data(data: object) -> bool | float | int | list[Any] | None | TensorInDataType3 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                data_type_3 = check_tensor_in_data_type_3(data)

                return data_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                data_type_4 = cast(list[Any], data)

                return data_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | float | int | list[Any] | None | TensorInDataType3 | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        def _parse_b64(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        b64 = _parse_b64(d.pop("b64", UNSET))

        def _parse_shape(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                shape_type_0 = cast(list[int], data)

                return shape_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        shape = _parse_shape(d.pop("shape", UNSET))

        def _parse_dtype(data: object) -> None | TensorInDtypeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dtype_type_0 = check_tensor_in_dtype_type_0(data)

                return dtype_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TensorInDtypeType0 | Unset, data)

        dtype = _parse_dtype(d.pop("dtype", UNSET))

        requires_grad = d.pop("requires_grad", UNSET)

        tensor_in = cls(
            data=data,
            b64=b64,
            shape=shape,
            dtype=dtype,
            requires_grad=requires_grad,
        )

        return tensor_in
