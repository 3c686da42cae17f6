from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.grad_request_encoding import GradRequestEncoding, check_grad_request_encoding
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tensor_in import TensorIn


T = TypeVar("T", bound="GradRequest")


@_attrs_define
class GradRequest:
    """
    Attributes:
        outputs (list[str]):
        inputs (list[str]):
        grad_outputs (list[None | TensorIn] | None | Unset):
        retain_graph (bool | None | Unset):
        create_graph (bool | Unset):  Default: False.
        allow_unused (bool | None | Unset):
        store_as (list[str] | None | Unset): Names to bind the results to (one per input), for higher-order derivatives;
            a None result unbinds its name.
        encoding (GradRequestEncoding | Unset):  Default: 'json'.
    """

    outputs: list[str]
    inputs: list[str]
    grad_outputs: list[None | TensorIn] | None | Unset = UNSET
    retain_graph: bool | None | Unset = UNSET
    create_graph: bool | Unset = False
    allow_unused: bool | None | Unset = UNSET
    store_as: list[str] | None | Unset = UNSET
    encoding: GradRequestEncoding | Unset = "json"

    def to_dict(self) -> dict[str, Any]:
        from ..models.tensor_in import TensorIn  # noqa: PLC0415

        outputs = self.outputs

        inputs = self.inputs

        grad_outputs: list[dict[str, Any] | None] | None | Unset
        if isinstance(self.grad_outputs, Unset):
            grad_outputs = UNSET
        elif isinstance(self.grad_outputs, list):
            grad_outputs = []
            for grad_outputs_type_0_item_data in self.grad_outputs:
                grad_outputs_type_0_item: dict[str, Any] | None
                if isinstance(grad_outputs_type_0_item_data, TensorIn):
                    grad_outputs_type_0_item = grad_outputs_type_0_item_data.to_dict()
                else:
                    grad_outputs_type_0_item = grad_outputs_type_0_item_data
                grad_outputs.append(grad_outputs_type_0_item)

        else:
            grad_outputs = self.grad_outputs

        retain_graph: bool | None | Unset
        if isinstance(self.retain_graph, Unset):
            retain_graph = UNSET
        else:
            retain_graph = self.retain_graph

        create_graph = self.create_graph

        allow_unused: bool | None | Unset
        if isinstance(self.allow_unused, Unset):
            allow_unused = UNSET
        else:
            allow_unused = self.allow_unused

        store_as: list[str] | None | Unset
        if isinstance(self.store_as, Unset):
            store_as = UNSET
        elif isinstance(self.store_as, list):
            store_as = self.store_as

        else:
            store_as = self.store_as

        encoding: str | Unset = UNSET
        if not isinstance(self.encoding, Unset):
            encoding = self.encoding

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outputs": outputs,
                "inputs": inputs,
            }
        )
        if grad_outputs is not UNSET:
            field_dict["grad_outputs"] = grad_outputs
        if retain_graph is not UNSET:
            field_dict["retain_graph"] = retain_graph
        if create_graph is not UNSET:
            field_dict["create_graph"] = create_graph
        if allow_unused is not UNSET:
            field_dict["allow_unused"] = allow_unused
        if store_as is not UNSET:
            field_dict["store_as"] = store_as
        if encoding is not UNSET:
            field_dict["encoding"] = encoding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tensor_in import TensorIn  # noqa: PLC0415

        d = dict(src_dict)
        outputs = cast(list[str], d.pop("outputs"))

        inputs = cast(list[str], d.pop("inputs"))

        def _parse_grad_outputs(data: object) -> list[None | TensorIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                grad_outputs_type_0 = []
                _grad_outputs_type_0 = data
                for grad_outputs_type_0_item_data in _grad_outputs_type_0:

                    def _parse_grad_outputs_type_0_item(data: object) -> None | TensorIn:
                        if data is None:
                            return data
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            grad_outputs_type_0_item_type_0 = TensorIn.from_dict(data)

                            return grad_outputs_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(None | TensorIn, data)

                    grad_outputs_type_0_item = _parse_grad_outputs_type_0_item(grad_outputs_type_0_item_data)

                    grad_outputs_type_0.append(grad_outputs_type_0_item)

                return grad_outputs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[None | TensorIn] | None | Unset, data)

        grad_outputs = _parse_grad_outputs(d.pop("grad_outputs", UNSET))

        def _parse_retain_graph(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        retain_graph = _parse_retain_graph(d.pop("retain_graph", UNSET))

        create_graph = d.pop("create_graph", UNSET)

        def _parse_allow_unused(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        allow_unused = _parse_allow_unused(d.pop("allow_unused", UNSET))

        def _parse_store_as(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                store_as_type_0 = cast(list[str], data)

                return store_as_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        store_as = _parse_store_as(d.pop("store_as", UNSET))

        _encoding = d.pop("encoding", UNSET)
        encoding: GradRequestEncoding | Unset
        if isinstance(_encoding, Unset):
            encoding = UNSET
        else:
            encoding = check_grad_request_encoding(_encoding)

        grad_request = cls(
            outputs=outputs,
            inputs=inputs,
            grad_outputs=grad_outputs,
            retain_graph=retain_graph,
            create_graph=create_graph,
            allow_unused=allow_unused,
            store_as=store_as,
            encoding=encoding,
        )

        return grad_request
