from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tensor_in import TensorIn


T = TypeVar("T", bound="EvaluateBackward")


@_attrs_define
class EvaluateBackward:
    """After the program: `tensors[tensor].backward(gradient, inputs=...)`.

    Attributes:
        tensor (str):
        gradient (None | TensorIn | Unset):
        inputs (list[str] | None | Unset):
    """

    tensor: str
    gradient: None | TensorIn | Unset = UNSET
    inputs: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.tensor_in import TensorIn  # noqa: PLC0415

        tensor = self.tensor

        gradient: dict[str, Any] | None | Unset
        if isinstance(self.gradient, Unset):
            gradient = UNSET
        elif isinstance(self.gradient, TensorIn):
            gradient = self.gradient.to_dict()
        else:
            gradient = self.gradient

        inputs: list[str] | None | Unset
        if isinstance(self.inputs, Unset):
            inputs = UNSET
        elif isinstance(self.inputs, list):
            inputs = self.inputs

        else:
            inputs = self.inputs

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tensor": tensor,
            }
        )
        if gradient is not UNSET:
            field_dict["gradient"] = gradient
        if inputs is not UNSET:
            field_dict["inputs"] = inputs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tensor_in import TensorIn  # noqa: PLC0415

        d = dict(src_dict)
        tensor = d.pop("tensor")

        def _parse_gradient(data: object) -> None | TensorIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                gradient_type_0 = TensorIn.from_dict(data)

                return gradient_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TensorIn | Unset, data)

        gradient = _parse_gradient(d.pop("gradient", UNSET))

        def _parse_inputs(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                inputs_type_0 = cast(list[str], data)

                return inputs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        inputs = _parse_inputs(d.pop("inputs", UNSET))

        evaluate_backward = cls(
            tensor=tensor,
            gradient=gradient,
            inputs=inputs,
        )

        return evaluate_backward
