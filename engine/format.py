"""torch-exact `repr`/`str` of tensors (facts §10).

Clients compare what we print with what torch prints character for character, so every rule
here reproduces a measured torch 2.13 behaviour, including its quirks:

* one number format per tensor, chosen from the *shown* finite non-zero values only;
* the column width comes from those same values, so `nan`/`inf`/`0.` may be wider and are then
  left unpadded (`tensor([1., inf, nan, -inf])`);
* elements per line are computed from that width, not from the strings actually printed;
* suffixes (`dtype=`, `grad_fn=`, `requires_grad=`) wrap by an asymmetric rule (`_add_suffixes`).

Small tensors are on the hot path of HTTP responses, so the work is plain Python over
`tolist()` values (a few microseconds) rather than numpy's array2string machinery.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from engine.dtypes import DType

LINE_WIDTH: Final = 80
EDGE_ITEMS: Final = 3  # shown at each end of a summarised dimension
SUMMARY_THRESHOLD: Final = 1000  # more elements than this → summarised
_PREFIX: Final = "tensor("
_INDENT: Final = len(_PREFIX)
_HIDDEN_DTYPES: Final = frozenset({"float32", "int64", "bool"})  # torch's defaults: no `dtype=`

# Number modes for floating tensors.
_INT_MODE: Final = 0  # `12.`
_FIXED_MODE: Final = 1  # `12.5000`
_SCI_MODE: Final = 2  # `1.2500e+01`


def format_size(shape: tuple[int, ...]) -> str:
    """`torch.Size([2, 3])`, as `str(t.shape)` prints it."""
    return "torch.Size([" + ", ".join(str(int(n)) for n in shape) + "])"


def format_tensor(
    values: np.ndarray, dtype: DType, *, grad_fn: str | None = None, requires_grad: bool = False
) -> str:
    """What torch prints for repr(t)/str(t).

    grad_fn is the node name (e.g. 'AddBackward0') for non-leaves; requires_grad=True is shown
    only when grad_fn is None (torch never prints both).
    """
    arr = np.asarray(values, dtype=dtype.np)
    suffixes: list[str] = []
    if arr.size == 0:
        # Nothing to infer the shape or dtype from, so torch spells out both: the shape unless it
        # is (0,), and the dtype unless it is the default float32 (even int64 and bool).
        if arr.ndim != 1:
            suffixes.append(f"size={tuple(int(n) for n in arr.shape)!r}")
        if dtype.name != "float32":
            suffixes.append(f"dtype={dtype!r}")
        body = "[]"
    else:
        if dtype.name not in _HIDDEN_DTYPES:
            suffixes.append(f"dtype={dtype!r}")
        body = _format_body(arr, dtype)
    if grad_fn is not None:
        suffixes.append(f"grad_fn=<{grad_fn}>")
    elif requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(_PREFIX + body, suffixes)


def _format_body(arr: np.ndarray, dtype: DType) -> str:
    """The bracketed data of a non-empty tensor, laid out as torch lays it out."""
    summarise = arr.size > SUMMARY_THRESHOLD
    cut = tuple(summarise and n > 2 * EDGE_ITEMS for n in arr.shape)
    shown = _shown_elements(arr, cut) if summarise else arr
    flat = shown.ravel().tolist()
    cells, width = _format_floats(flat) if dtype.is_floating_point else _format_plain(flat)
    if arr.ndim == 0:
        return cells[0]
    return _layout(cells, shown.shape, cut, _INDENT, width)


def _shown_elements(arr: np.ndarray, cut: tuple[bool, ...]) -> np.ndarray:
    """The sub-array a summary prints: the first and last EDGE_ITEMS of every cut dimension.

    The number format is decided from these elements alone, so a huge value hidden in the
    middle does not switch the printout to scientific form.
    """
    index = [
        np.r_[0:EDGE_ITEMS, n - EDGE_ITEMS : n] if is_cut else np.arange(n)
        for n, is_cut in zip(arr.shape, cut)
    ]
    return arr[np.ix_(*index)]


def _format_plain(flat: list) -> tuple[list[str], int]:
    """Integer and bool cells: `str()` of each value, right-aligned to the widest of all."""
    texts = [str(v) for v in flat]
    width = max(1, *map(len, texts))
    return [t.rjust(width) for t in texts], width


def _format_floats(flat: list[float]) -> tuple[list[str], int]:
    """Floating cells, all in the one mode `_float_mode` picks, right-aligned.

    The width comes from the finite non-zero values only; zeros and non-finite values are padded
    to it but never widen it (hence `tensor([1., inf, nan, -inf])`).
    """
    nonzero_finite = [v for v in flat if v != 0 and v - v == 0]  # v - v is nan for inf/nan
    mode = _float_mode(nonzero_finite)
    if mode == _SCI_MODE:
        texts = [f"{v:.4e}" for v in flat]
        width = max((len(f"{v:.4e}") for v in nonzero_finite), default=1)
    elif mode == _FIXED_MODE:
        texts = [f"{v:.4f}" for v in flat]
        width = max(len(f"{v:.4f}") for v in nonzero_finite)
    else:
        texts = [f"{v:.0f}." if v - v == 0 else f"{v:.0f}" for v in flat]
        width = max((len(f"{v:.0f}.") for v in nonzero_finite), default=1)
    return [t.rjust(width) for t in texts], width


def _float_mode(nonzero_finite: list[float]) -> int:
    """Pick `N.`, fixed 4-decimal or scientific form from the finite non-zero values.

    Scientific when the magnitudes span more than 1000× or exceed 1e8; for non-integral values
    also when the smallest magnitude is below 1e-4 (it would print as 0.0000).
    """
    if not nonzero_finite:
        return _INT_MODE
    magnitudes = [abs(v) for v in nonzero_finite]
    smallest, largest = min(magnitudes), max(magnitudes)
    too_wide = largest / smallest > 1000.0 or largest > 1.0e8
    if all(v.is_integer() for v in nonzero_finite):
        return _SCI_MODE if too_wide else _INT_MODE
    return _SCI_MODE if too_wide or smallest < 1.0e-4 else _FIXED_MODE


def _layout(
    cells: list[str], shape: tuple[int, ...], cut: tuple[bool, ...], indent: int, width: int
) -> str:
    """Nest the formatted cells (C order over `shape`) into torch's bracketed rows.

    `indent` is the column of this block's opening bracket minus one; each nesting level adds
    one. Blocks of an n-d tensor are separated by n-1 newlines (a blank line between 3-d blocks),
    and a cut dimension shows `...` (as an element in 1-d, as a row otherwise).
    """
    if len(shape) == 1:
        return _layout_vector(cells, cut[0], indent, width)
    step = len(cells) // shape[0]
    blocks = [
        _layout(cells[i * step : (i + 1) * step], shape[1:], cut[1:], indent + 1, width)
        for i in range(shape[0])
    ]
    if cut[0]:
        blocks.insert(EDGE_ITEMS, "...")
    separator = "," + "\n" * (len(shape) - 1) + " " * (indent + 1)
    return "[" + separator.join(blocks) + "]"


def _layout_vector(cells: list[str], is_cut: bool, indent: int, width: int) -> str:
    """One innermost row, wrapped so a line holds as many `width + 2` columns as fit in 80.

    The count per line ignores the brackets and any cell wider than `width`, as torch does,
    so a printed line can exceed 80 columns.
    """
    items = [*cells[:EDGE_ITEMS], " ...", *cells[EDGE_ITEMS:]] if is_cut else cells
    per_line = max(1, (LINE_WIDTH - indent) // (width + 2))
    if len(items) <= per_line:
        return "[" + ", ".join(items) + "]"
    lines = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _add_suffixes(text: str, suffixes: list[str]) -> str:
    """Append `, suffix` items and the closing `)`, moving a suffix to its own line when too long.

    Measured asymmetry: after the data, a suffix stays on the line only if that line is at most
    78 chars before the `)` (torch counts the data's last line 2 chars longer than it is); after a
    suffix that was itself wrapped onto a new line, the next one stays while the line is at most
    80 chars before the `)`. A wrapped suffix starts a new line indented by len('tensor(') = 7.
    """
    parts = [text]
    counted = len(text) - text.rfind("\n") + 1  # the data's last line length + 2
    for suffix in suffixes:
        if counted + len(suffix) + 2 > LINE_WIDTH:
            parts.append(",\n" + " " * _INDENT + suffix)
            counted = _INDENT + len(suffix)
        else:
            parts.append(", " + suffix)
            counted += len(suffix) + 2
    parts.append(")")
    return "".join(parts)
