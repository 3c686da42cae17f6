"""What both program forms compile to, and what running one returns.

`source` and `nodes` are compiled to the same small instruction set (statements over expression
trees), so one interpreter gives both forms identical semantics. Every IR node carries where it
came from — a line/column for source, a JSON pointer for nodes — so any error can name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from engine.tensor import Tensor


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for one program; the service passes its own settings.

    Every default is safe for a shared server: a program that hits one stops with a clear
    `LimitExceeded`/`TooLarge` (or `ProgramError`), never a hang, a crash or a huge allocation.
    """

    max_source_bytes: int = 100_000
    max_line_length: int = 10_000
    max_statements: int = 1_000
    max_nodes: int = 10_000
    max_depth: int = 100  # bracket/operator nesting of one expression, and AST depth
    max_elements: int = 10_000_000  # elements of any one tensor (checked before allocating)
    time_limit_seconds: float = 10.0  # compute time per run, checked between ops
    max_int_bits: int = 8_192  # size of a Python int a program may compute
    max_sequence_length: int = 1_000_000  # length of a str/list/tuple a program may build
    max_output_bytes: int = 1_000_000  # stdout plus display
    # Memory the values a run binds keep alive (tensors, grads, saved graphs), checked after
    # each statement; None disables it (the service also measures the session afterwards).
    max_bytes: int | None = 1 << 30


Location = tuple[int | None, int | None, str | None]  # (line, column, JSON pointer)


class ProgramError(Exception):
    """A program outside the supported subset, malformed, or referring to what is not there.

    Raised before anything runs (compile time) or, for checks that depend on a value's type, at
    the statement that needed it. Carries `line`/`column` (0-based column, as Python's ast) for
    `source`, or a JSON `pointer` (`/nodes/3/inputs/1`) for `nodes`. `exception` is
    "SyntaxError" when the source is not Python at all, else None.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        pointer: str | None = None,
        exception: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.pointer = pointer
        self.exception = exception

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}, column {self.column}")
        if self.pointer is not None:
            where.append(self.pointer)
        return f"{self.message} ({'; '.join(where)})" if where else self.message


# ---- expressions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Const:
    value: Any
    loc: Location


@dataclass(frozen=True, slots=True)
class Name:
    """A variable: the program's own bindings, then the namespace."""

    id: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Attr:
    """`value.attr`, checked against the whitelist of `value`'s type when it runs."""

    value: Expr
    attr: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Call:
    func: Expr
    args: tuple[Expr, ...]
    kwargs: tuple[tuple[str, Expr], ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str  # "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^"
    left: Expr
    right: Expr
    loc: Location


@dataclass(frozen=True, slots=True)
class UnaryOp:
    op: str  # "-", "+", "~", "not"
    operand: Expr
    loc: Location


@dataclass(frozen=True, slots=True)
class Compare:
    """`a < b <= c`: Python's chained comparison."""

    left: Expr
    ops: tuple[str, ...]  # "==", "!=", "<", "<=", ">", ">=", "is", "is not", "in", "not in"
    comparators: tuple[Expr, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # "and", "or"
    values: tuple[Expr, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class IfExp:
    test: Expr
    body: Expr
    orelse: Expr
    loc: Location


@dataclass(frozen=True, slots=True)
class Seq:
    kind: Literal["tuple", "list"]
    elts: tuple[Expr, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class Subscript:
    value: Expr
    index: Expr
    loc: Location


@dataclass(frozen=True, slots=True)
class Slice:
    lower: Expr | None
    upper: Expr | None
    step: Expr | None
    loc: Location


@dataclass(frozen=True, slots=True)
class FString:
    """An f-string: literal parts (str) and formatted values (expr, conversion, spec)."""

    parts: tuple[str | tuple[Expr, str | None, str], ...]
    loc: Location


Expr = (
    Const
    | Name
    | Attr
    | Call
    | BinOp
    | UnaryOp
    | Compare
    | BoolOp
    | IfExp
    | Seq
    | Subscript
    | Slice
    | FString
)


# ---- statements --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameTarget:
    id: str
    loc: Location


@dataclass(frozen=True, slots=True)
class UnpackTarget:
    elts: tuple[Target, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class AttrTarget:
    """`t.grad = ...` / `t.requires_grad = ...` (the only settable attributes)."""

    value: Expr
    attr: str
    loc: Location


Target = NameTarget | UnpackTarget | AttrTarget


@dataclass(frozen=True, slots=True)
class Assign:
    targets: tuple[Target, ...]  # `a = b = value` assigns to each, left to right
    value: Expr
    loc: Location


@dataclass(frozen=True, slots=True)
class ExprStmt:
    value: Expr
    loc: Location


@dataclass(frozen=True, slots=True)
class With:
    """`with torch.no_grad():` (or enable_grad / set_grad_enabled)."""

    context: Expr
    body: tuple[Stmt, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class Delete:
    names: tuple[NameTarget, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class Pass:
    loc: Location


Stmt = Assign | ExprStmt | With | Delete | Pass


@dataclass(frozen=True, slots=True)
class Program:
    """A compiled program. `display_last`: show the last top-level expression, as a notebook."""

    form: Literal["source", "nodes"]
    body: tuple[Stmt, ...]
    display_last: bool
    # Names a `nodes` program reads from the namespace (checked before it runs), with pointers.
    free_names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class WarningRecord:
    """A warning the program raised (torch's UserWarnings), instead of printing it."""

    category: str
    message: str
    line: int | None
    pointer: str | None = None


@dataclass(slots=True)
class RunResult:
    """What a successful run reports.

    `assigned`: each name the program bound to a tensor, in the order first bound, with its final
    value (these are also in the namespace now). `stdout`: what `print` wrote. `display`: the repr
    of the last top-level expression statement (None if there is none or it is None).
    """

    assigned: dict[str, Tensor] = field(default_factory=dict)
    stdout: str = ""
    display: str | None = None
    warnings: list[WarningRecord] = field(default_factory=list)
