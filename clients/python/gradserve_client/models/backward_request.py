from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.backward_request_encoding import BackwardRequestEncoding, check_backward_request_encoding
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tensor_in import TensorIn


T = TypeVar("T", bound="BackwardRequest")


@_attrs_define
class BackwardRequest:
    """
    Attributes:
        tensor (str):
        gradient (None | TensorIn | Unset):
        retain_graph (bool | None | Unset):
        create_graph (bool | Unset):  Default: False.
        inputs (list[str] | None | Unset):
        encoding (BackwardRequestEncoding | Unset):  Default: 'json'.
    """

    tensor: str
    gradient: None | TensorIn | Unset = UNSET
    retain_graph: bool | None | Unset = UNSET
    create_graph: bool | Unset = False
    inputs: list[str] | None | Unset = UNSET
    encoding: BackwardRequestEncoding | Unset = "json"

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

        retain_graph: bool | None | Unset
        if isinstance(self.retain_graph, Unset):
            retain_graph = UNSET
        else:
            retain_graph = self.retain_graph

        create_graph = self.create_graph

        inputs: list[str] | None | Unset
        if isinstance(self.inputs, Unset):
            inputs = UNSET
        elif isinstance(self.inputs, list):
            inputs = self.inputs

        else:
            inputs = self.inputs

        encoding: str | Unset = UNSET
        if not isinstance(self.encoding, Unset):
            encoding = self.encoding

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tensor": tensor,
            }
        )
        if gradient is not UNSET:
            field_dict["gradient"] = gradient
        if retain_graph is not UNSET:
            field_dict["retain_graph"] = retain_graph
        if create_graph is not UNSET:
            field_dict["create_graph"] = create_graph
        if inputs is not UNSET:
            field_dict["inputs"] = inputs
        if encoding is not UNSET:
            field_dict["encoding"] = encoding

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

        def _parse_retain_graph(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        retain_graph = _parse_retain_graph(d.pop("retain_graph", UNSET))

        create_graph = d.pop("create_graph", UNSET)

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

        _encoding = d.pop("encoding", UNSET)
        encoding: BackwardRequestEncoding | Unset
        if isinstance(_encoding, Unset):
            encoding = UNSET
        else:
            encoding = check_backward_request_encoding(_encoding)

        backward_request = cls(
            tensor=tensor,
            gradient=gradient,
            retain_graph=retain_graph,
            create_graph=create_graph,
            inputs=inputs,
            encoding=encoding,
        )

        return backward_request
