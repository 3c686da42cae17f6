from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evaluate_response_tensors import EvaluateResponseTensors
    from ..models.program_warning import ProgramWarning


T = TypeVar("T", bound="EvaluateResponse")


@_attrs_define
class EvaluateResponse:
    """
    Attributes:
        tensors (EvaluateResponseTensors): Every tensor of the namespace at the end, with its `.grad`.
        stdout (str):
        display (None | str):
        warnings (list[ProgramWarning] | Unset): torch's UserWarnings, in the order raised.
    """

    tensors: EvaluateResponseTensors
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
        from ..models.evaluate_response_tensors import EvaluateResponseTensors  # noqa: PLC0415
        from ..models.program_warning import ProgramWarning  # noqa: PLC0415

        d = dict(src_dict)
        tensors = EvaluateResponseTensors.from_dict(d.pop("tensors"))

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

        evaluate_response = cls(
            tensors=tensors,
            stdout=stdout,
            display=display,
            warnings=warnings,
        )

        return evaluate_response
