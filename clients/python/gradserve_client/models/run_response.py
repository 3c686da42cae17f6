from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.program_warning import ProgramWarning
    from ..models.run_response_tensors import RunResponseTensors


T = TypeVar("T", bound="RunResponse")


@_attrs_define
class RunResponse:
    """
    Attributes:
        tensors (RunResponseTensors): Every name the program assigned a tensor to, with its final value.
        stdout (str):
        display (None | str): The repr of the last statement, if it is an expression (as a notebook).
        warnings (list[ProgramWarning] | Unset): torch's UserWarnings, in the order raised.
    """

    tensors: RunResponseTensors
    stdout: str
    display: None | str
    warnings: list[ProgramWarning] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        tensors = self.tensors.to_dict()

        stdout = self.stdout

        display: None | str
        display = self.display

        warnings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = []
            for warnings_item_data in self.warnings:
                warnings_item = warnings_item_data.to_dict()
                warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tensors": tensors,
                "stdout": stdout,
                "display": display,
            }
        )
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.program_warning import ProgramWarning  # noqa: PLC0415
        from ..models.run_response_tensors import RunResponseTensors  # noqa: PLC0415

        d = dict(src_dict)
        tensors = RunResponseTensors.from_dict(d.pop("tensors"))

        stdout = d.pop("stdout")

        def _parse_display(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display = _parse_display(d.pop("display"))

        _warnings = d.pop("warnings", UNSET)
        warnings: list[ProgramWarning] | Unset = UNSET
        if _warnings is not UNSET:
            warnings = []
            for warnings_item_data in _warnings:
                warnings_item = ProgramWarning.from_dict(warnings_item_data)

                warnings.append(warnings_item)

        run_response = cls(
            tensors=tensors,
            stdout=stdout,
            display=display,
            warnings=warnings,
        )

        return run_response
