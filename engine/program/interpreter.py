"""Run a compiled program against a namespace of tensors: atomically, within limits.

One interpreter for both forms. It evaluates the IR with Python's semantics, but every value
reaches the program through a whitelist (`catalogue`), every plain-Python operation goes through
a size guard (`safety`), and the whole run sits inside `engine.journal.transaction()` and
`engine.limits.limited()`: if anything fails, every journalled change (grads, freed graph
buffers, requires_grad flags), the RNG and grad mode are restored and the namespace is untouched.
This is stricter than torch on purpose: a backward that fails halfway in torch keeps the
gradients it had already accumulated (facts §2.5); a failed gradserve program keeps nothing.
"""

from __future__ import annotations

import builtins
import operator
import threading
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from engine import creation, errors, journal
from engine import limits as engine_limits
from engine.errors import TorchError
from engine.grad_mode import _state as grad_state
from engine.limits import LimitExceeded, TooLarge
from engine.tensor import Tensor

from . import safety
from .catalogue import (
    CONTEXT_MANAGERS,
    SETTABLE_TENSOR_ATTRIBUTES,
    Catalogue,
    Namespace,
    allowed_attribute,
    catalogue,
    type_name,
)
from .model import (
    Assign,
    Attr,
    AttrTarget,
    BinOp,
    BoolOp,
    Call,
    Compare,
    Const,
    Delete,
    Expr,
    ExprStmt,
    FString,
    IfExp,
    Limits,
    Location,
    Name,
    NameTarget,
    Pass,
    Program,
    ProgramError,
    RunResult,
    Seq,
    Slice,
    Stmt,
    Subscript,
    Target,
    UnaryOp,
    UnpackTarget,
    WarningRecord,
    With,
)
from .pyerrors import from_exception, python_error
from .source import PRINT

_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "is": operator.is_,
    "is not": operator.is_not,
}
_UNARY: dict[str, Callable[[Any], Any]] = {
    "-": operator.neg,
    "+": operator.pos,
    "~": operator.invert,
    "not": operator.not_,
}


def run(
    program: Program,
    namespace: dict[str, Tensor],
    limits: Limits | None = None,
    *,
    generator: Any = None,
) -> RunResult:
    """Run `program` against `namespace` (updated in place only if the run succeeds).

    `generator` (a numpy Generator, e.g. a session's) is what torch.rand/randn/manual_seed use
    during the run; without it the thread's current generator is used. Raises ProgramError,
    TorchError (torch's class and message, with `line`/`column` or `pointer` of the statement)
    or LimitExceeded; after any of them the namespace, gradients, graph buffers, requires_grad
    flags and the generator's state are exactly as before.
    """
    limits = limits or Limits()
    if not isinstance(program, Program):
        raise TypeError("run() expects a Program from compile_source() or compile_nodes()")
    missing = [(n, at) for n, at in program.free_names if n not in namespace]
    if missing:
        raise _reference_error(program, *missing[0])
    cat = catalogue()
    previous_generator = creation._random.generator
    if generator is not None:
        creation.set_generator(generator)
    gen = creation.default_generator()
    rng_state = gen.bit_generator.state
    grad_mode = grad_state.enabled
    interp = _Interpreter(program, dict(namespace), limits, cat)
    _warnings_install()
    outer_sink = _capture.sink
    _capture.sink = interp.warning_sink
    try:
        with (
            journal.transaction(),
            engine_limits.limited(limits.max_elements, limits.time_limit_seconds),
            np.errstate(all="ignore"),  # torch computes 1/0, log(0) silently, in any thread
        ):
            interp.execute()
    except BaseException:
        gen.bit_generator.state = rng_state
        creation.set_generator(gen)
        raise
    finally:
        _capture.sink = outer_sink
        _capture.loc = None
        grad_state.enabled = grad_mode
        if generator is not None:
            creation.set_generator(previous_generator)
    namespace.clear()
    namespace.update({k: v for k, v in interp.env.items() if isinstance(v, Tensor)})
    return interp.result()


def _reference_error(program: Program, name: str, at: str) -> ProgramError:
    later = None
    for i, stmt in enumerate(program.body):
        if isinstance(stmt, Assign) and any(
            isinstance(t, NameTarget) and t.id == name for t in stmt.targets
        ):
            later = i
            break
    if later is not None:
        return ProgramError(
            f"forward reference to '{name}' (defined later, at /nodes/{later})", pointer=at
        )
    return ProgramError(f"unknown reference '{name}'", pointer=at)


# ---- warnings: captured per thread, never printed ----------------------------------------------


class _Capture(threading.local):
    sink: Callable[[type[Warning], str], None] | None = None
    loc: Location | None = None


_capture = _Capture()
_install_lock = threading.Lock()
_previous_showwarning: list[Any] = [warnings.showwarning]
_FILTER_MODULE = r"engine(\.|$)"


def _showwarning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """Route warnings raised while this thread runs a program into the run's result."""
    sink = _capture.sink
    if sink is None:
        _previous_showwarning[0](message, category, filename, lineno, file, line)
        return
    sink(category, str(message))


def _warnings_install() -> None:
    """Install the capturing hook and an "always" filter for the engine's own UserWarnings.

    Done per run (cheaply) rather than once, because test harnesses and applications replace
    `warnings.showwarning` and `warnings.filters` wholesale. Never `catch_warnings`: it swaps
    process-global state and is not safe with programs running in several threads.
    """
    if warnings.showwarning is _showwarning and _has_filter():
        return
    with _install_lock:
        if warnings.showwarning is not _showwarning:
            _previous_showwarning[0] = warnings.showwarning
            warnings.showwarning = _showwarning
        if not _has_filter():
            warnings.filterwarnings("always", category=UserWarning, module=_FILTER_MODULE)


def _has_filter() -> bool:
    for action, _message, category, module, _lineno in warnings.filters:
        if (
            action == "always"
            and category is UserWarning
            and module is not None
            and module.pattern == _FILTER_MODULE
        ):
            return True
    return False


# ---- the interpreter ------------------------------------------------------------------------


class _Interpreter:
    def __init__(
        self, program: Program, env: dict[str, Any], limits: Limits, cat: Catalogue
    ) -> None:
        self.program = program
        self.env = env
        self.limits = limits
        self.cat = cat
        self.sizer = safety.Sizer(limits)
        self.meter = safety.MemoryMeter(limits.max_bytes)
        self.assigned: dict[str, None] = {}
        self.stdout: list[str] = []
        self.output_bytes = 0
        self.display: str | None = None
        self.warnings: list[WarningRecord] = []
        self._seen_warnings: set[tuple[str, str, Location | None]] = set()
        self.loc: Location | None = None

    # -- results --
    def result(self) -> RunResult:
        assigned = {n: self.env[n] for n in self.assigned if isinstance(self.env.get(n), Tensor)}
        return RunResult(assigned, "".join(self.stdout), self.display, self.warnings)

    def warning_sink(self, category: type[Warning], message: str) -> None:
        if not issubclass(category, UserWarning):
            return  # e.g. numpy RuntimeWarnings: torch shows nothing for these
        key = (category.__name__, message, self.loc)
        if key in self._seen_warnings:  # once per statement, like Python's per-call-site rule
            return
        self._seen_warnings.add(key)
        line, _, pointer = self.loc or (None, None, None)
        self.warnings.append(WarningRecord(category.__name__, message, line, pointer))

    def write(self, text: str) -> None:
        self.output_bytes += len(text.encode("utf-8", errors="replace"))
        if self.output_bytes > self.limits.max_output_bytes:
            raise LimitExceeded(
                f"the program's output exceeds the limit of {self.limits.max_output_bytes} bytes",
                "output",
            )

    def budget(self, value: Any) -> None:
        """Refuse to print a value whose text would not fit in the output limit."""
        if self.output_bytes + self.sizer.width(value) > self.limits.max_output_bytes * 4:
            raise LimitExceeded(
                f"the program's output exceeds the limit of {self.limits.max_output_bytes} bytes",
                "output",
            )

    # -- statements --
    def execute(self) -> None:
        body = self.program.body
        for i, stmt in enumerate(body):
            last = i == len(body) - 1
            self.statement(stmt, display=last and self.program.display_last)

    def statement(self, stmt: Stmt, display: bool = False) -> None:
        self.loc = stmt.loc
        _capture.loc = stmt.loc
        try:
            engine_limits.check_deadline()
            self.dispatch(stmt, display)
        except ProgramError as e:
            _locate(e, stmt.loc)
            raise
        except TorchError as e:
            _locate(e, stmt.loc)
            raise
        except RecursionError as e:
            err = LimitExceeded("the program is too deeply nested", "depth")
            raise _locate(err, stmt.loc) from e
        except MemoryError as e:
            err = TooLarge("the program ran out of memory", "memory")
            raise _locate(err, stmt.loc) from e

    def dispatch(self, stmt: Stmt, display: bool) -> None:
        if isinstance(stmt, Assign):
            value = self.eval(stmt.value)
            for target in stmt.targets:
                self.bind(target, value)
            self.meter.add(value)
        elif isinstance(stmt, ExprStmt):
            value = self.eval(stmt.value)
            if display and value is not None:
                self.budget(value)
                text = _python(repr, value)
                self.write(text)
                self.display = text
        elif isinstance(stmt, With):
            manager = self.eval(stmt.context)
            if not isinstance(manager, CONTEXT_MANAGERS):
                raise ProgramError("`with` supports only torch.no_grad() and torch.enable_grad()")
            _python(manager.__enter__)
            try:
                for inner in stmt.body:
                    self.statement(inner)
            finally:
                manager.__exit__(None, None, None)
                self.loc = stmt.loc
                _capture.loc = stmt.loc
        elif isinstance(stmt, Delete):
            for target in stmt.names:
                if target.id not in self.env:
                    raise _name_error(target.id)
                del self.env[target.id]
                self.assigned.pop(target.id, None)
        elif isinstance(stmt, Pass):
            pass
        else:  # pragma: no cover - the compilers produce nothing else
            raise ProgramError(f"unknown statement {type(stmt).__name__}")

    def bind(self, target: Target, value: Any) -> None:
        if isinstance(target, NameTarget):
            self.env[target.id] = value
            self.assigned[target.id] = None
        elif isinstance(target, UnpackTarget):
            items = self.unpack(value, len(target.elts))
            for t, v in zip(target.elts, items):
                self.bind(t, v)
        elif isinstance(target, AttrTarget):
            obj = self.eval(target.value)
            if not isinstance(obj, Tensor) or target.attr not in SETTABLE_TENSOR_ATTRIBUTES:
                raise ProgramError(
                    f"assignment to `.{target.attr}` of a {type_name(obj)} is not supported"
                )
            _python(setattr, obj, target.attr, value)

    def unpack(self, value: Any, n: int) -> list[Any]:
        """Python's unpacking (messages included), without iterating anything large."""
        if isinstance(value, Tensor):
            if value.ndim == 0:
                raise errors.TypeError("iteration over a 0-d tensor")
            length = value.shape[0]
            items = None
        elif isinstance(value, (tuple, list, str)):
            length = len(value)
            items = list(value)
        else:
            raise python_error(TypeError, f"cannot unpack non-iterable {type_name(value)} object")
        if length > n:
            raise python_error(ValueError, f"too many values to unpack (expected {n})")
        if length < n:
            raise python_error(
                ValueError, f"not enough values to unpack (expected {n}, got {length})"
            )
        if items is None:
            return [_python(operator.getitem, value, i) for i in range(n)]
        return items

    # -- expressions --
    def eval(self, e: Expr) -> Any:
        if isinstance(e, Const):
            return e.value
        if isinstance(e, Name):
            try:
                return self.env[e.id]
            except KeyError:
                raise _name_error(e.id) from None
        if isinstance(e, Attr):
            return self.attribute(self.eval(e.value), e.attr)
        if isinstance(e, Call):
            return self.call(e)
        if isinstance(e, BinOp):
            left = self.eval(e.left)
            right = self.eval(e.right)
            engine_limits.check_deadline()  # comparing or joining big lists takes time too
            return _python(safety.binary, e.op, left, right, self.sizer)
        if isinstance(e, UnaryOp):
            return _python(_UNARY[e.op], self.eval(e.operand))
        if isinstance(e, Compare):
            return self.compare(e)
        if isinstance(e, BoolOp):
            value: Any = None
            for part in e.values:
                value = self.eval(part)
                if _python(bool, value) == (e.op == "or"):
                    return value
            return value
        if isinstance(e, IfExp):
            test = _python(bool, self.eval(e.test))
            return self.eval(e.body) if test else self.eval(e.orelse)
        if isinstance(e, Seq):
            items = [self.eval(x) for x in e.elts]
            return self.sizer.admit(tuple(items) if e.kind == "tuple" else items)
        if isinstance(e, Subscript):
            obj = self.eval(e.value)
            index = self.eval(e.index)
            if isinstance(obj, Namespace):
                raise python_error(TypeError, "'module' object is not subscriptable")
            return _python(operator.getitem, obj, index)
        if isinstance(e, Slice):
            parts = (e.lower, e.upper, e.step)
            lower, upper, step = (None if p is None else self.eval(p) for p in parts)
            return _python(slice, lower, upper, step)
        if isinstance(e, FString):
            return self.fstring(e)
        raise ProgramError(f"unknown expression {type(e).__name__}")  # pragma: no cover

    def attribute(self, obj: Any, attr: str) -> Any:
        if isinstance(obj, Namespace):
            if attr not in obj.members:
                raise ProgramError(f"`{obj.path}.{attr}` is not supported in a program")
            return obj.members[attr]
        if not allowed_attribute(obj, attr, self.cat):
            raise ProgramError(
                f"attribute `.{attr}` of a {type_name(obj)} value is not supported in a program"
            )
        if attr == "tolist" and isinstance(obj, Tensor):
            return self.tolist(obj)
        try:
            return _python(getattr, obj, attr)
        except AttributeError:
            raise python_error(
                AttributeError, f"'{type_name(obj)}' object has no attribute '{attr}'"
            ) from None

    def tolist(self, tensor: Tensor) -> Callable[[], Any]:
        limit = self.limits.max_sequence_length

        def tolist() -> Any:
            if tensor.numel() > limit:
                raise TooLarge(
                    f"tolist() of a tensor of {tensor.numel()} elements exceeds the limit of "
                    f"{limit} elements",
                    "sequence_length",
                )
            return tensor.tolist()

        return tolist

    def call(self, e: Call) -> Any:
        func = self.eval(e.func)
        args = [self.eval(a) for a in e.args]
        kwargs = {}
        for name, value in e.kwargs:
            if name in kwargs:
                raise python_error(
                    TypeError, f"keyword argument repeated: {name}"
                )  # pragma: no cover - ast rejects it
            kwargs[name] = self.eval(value)
        engine_limits.check_deadline()
        if func is PRINT:
            return self.print(args, kwargs)
        if not callable(func) or isinstance(func, (Tensor, Namespace)):
            raise python_error(TypeError, f"'{type_name(func)}' object is not callable")
        try:
            checks = self.cat.tensor_args.get(func)
        except TypeError:  # an unhashable callable is not an op
            checks = None
        if checks:
            _check_tensor_args(checks, args, kwargs)
        if func is creation.tensor and args:
            # torch.tensor([x] * 1000) would expand every tensor in the list: count first.
            self.sizer.check_leaves(self.sizer.elements(args[0]))
        result = _python(func, *args, **kwargs)
        if isinstance(result, (list, tuple, str)):
            self.sizer.admit(result)
        return result

    def print(self, args: list[Any], kwargs: dict[str, Any]) -> None:
        sep = kwargs.get("sep", " ")
        end = kwargs.get("end", "\n")
        for name, value in (("sep", sep), ("end", end)):
            if value is not None and not isinstance(value, str):
                raise python_error(
                    TypeError, f"{name} must be None or a string, not {type(value).__name__}"
                )
        parts = []
        for a in args:
            self.budget(a)
            parts.append(_python(str, a))
        text = (" " if sep is None else sep).join(parts) + ("\n" if end is None else end)
        self.write(text)
        self.stdout.append(text)

    def compare(self, e: Compare) -> Any:
        left = self.eval(e.left)
        result: Any = True
        for i, (op, right_expr) in enumerate(zip(e.ops, e.comparators)):
            right = self.eval(right_expr)
            engine_limits.check_deadline()
            if op in ("in", "not in"):
                if not isinstance(right, (list, tuple, str)):
                    raise ProgramError(
                        f"`{op}` is supported for lists, tuples and strings, not for a "
                        f"{type_name(right)}"
                    )
                if isinstance(right, str) and not isinstance(left, str):
                    raise python_error(
                        TypeError,
                        f"'in <string>' requires string as left operand, not {type(left).__name__}",
                    )
                found = _python(operator.contains, right, left)
                result = found if op == "in" else not found
            else:
                result = _python(_COMPARE[op], left, right)
            if i < len(e.ops) - 1 and not _python(bool, result):
                return result
            left = right
        return result

    def fstring(self, e: FString) -> str:
        pieces: list[str] = []
        total = 0
        for part in e.parts:
            if isinstance(part, str):
                text = part
            else:
                expr, conversion, spec = part
                value = self.eval(expr)
                if self.sizer.width(value) > self.limits.max_sequence_length:
                    raise safety.too_long("a formatted value", self.sizer.width(value), self.limits)
                if conversion == "r":
                    value = _python(repr, value)
                elif conversion == "s":
                    value = _python(str, value)
                elif conversion == "a":
                    value = _python(ascii, value)
                text = _python(format, value, spec)
            total += len(text)
            if total > self.limits.max_sequence_length:
                raise safety.too_long("a string", total, self.limits)
            pieces.append(text)
        return "".join(pieces)


def _name_error(name: str) -> TorchError:
    """Python's NameError, with a hint when the name is one of Python's builtins."""
    message = f"name '{name}' is not defined"
    if hasattr(builtins, name):
        message += " (Python's builtins are not available in a program)"
    return python_error(NameError, message)


def _python(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call into Python or the engine on a program's behalf.

    What it raises that is not already a TorchError (numpy's or Python's own exceptions for bad
    arguments) is the program's error: reported with Python's class and message. Exceptions
    anywhere else in the interpreter are bugs and propagate unchanged.
    """
    try:
        return fn(*args, **kwargs)
    except (TorchError, ProgramError, RecursionError, MemoryError):
        raise
    except Exception as e:
        raise from_exception(e) from e


def _check_tensor_args(
    checks: tuple[str, tuple[tuple[int, str], ...]], args: list[Any], kwargs: dict[str, Any]
) -> None:
    """torch's argument check for a tensor parameter given something else."""
    op, params = checks
    for position, name in params:
        if position < len(args):
            value = args[position]
        elif name in kwargs:
            value = kwargs[name]
        else:
            continue
        if not isinstance(value, Tensor):
            raise errors.TypeError(
                f"{op}(): argument '{name}' (position {position + 1}) must be Tensor, not "
                f"{type(value).__name__}"
            )


def _locate(err: Any, loc: Location | None) -> Any:
    """Attach the statement's location to an error that does not have one yet."""
    if loc is None:
        return err
    line, column, pointer = loc
    if getattr(err, "line", None) is None and getattr(err, "pointer", None) is None:
        err.line = line
        err.column = column
        err.pointer = pointer
    return err
