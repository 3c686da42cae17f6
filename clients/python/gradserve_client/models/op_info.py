from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="OpInfo")


@_attrs_define
class OpInfo:
    """
    Attributes:
        name (str):
        signature (str): torch's Python signature, e.g. `sum(input, dim=None, keepdim=False)`.
        grad_fns (list[str]): The `grad_fn` names torch gives its results.
        differentiable (bool):
        description (str):
        function (bool): Callable as `torch.<name>(...)`.
        method (bool): Callable as `tensor.<name>(...)`.
        functional (bool): Callable as `F.<name>(...)`.
    """

    name: str
    signature: str
    grad_fns: list[str]
    differentiable: bool
    description: str
    function: bool
    method: bool
    functional: bool

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        signature = self.signature

        grad_fns = self.grad_fns

        differentiable = self.differentiable

        description = self.description

        function = self.function

        method = self.method

        functional = self.functional

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "signature": signature,
                "grad_fns": grad_fns,
                "differentiable": differentiable,
                "description": description,
                "function": function,
                "method": method,
                "functional": functional,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        signature = d.pop("signature")

        grad_fns = cast(list[str], d.pop("grad_fns"))

        differentiable = d.pop("differentiable")

        description = d.pop("description")

        function = d.pop("function")

        method = d.pop("method")

        functional = d.pop("functional")

        op_info = cls(
            name=name,
            signature=signature,
            grad_fns=grad_fns,
            differentiable=differentiable,
            description=description,
            function=function,
            method=method,
            functional=functional,
        )

        return op_info
