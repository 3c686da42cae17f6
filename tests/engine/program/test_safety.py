"""Everything outside the subset, and every resource limit, gets a clear error — before it runs."""

from __future__ import annotations

import time

import pytest

import engine as torch
from engine.limits import LimitExceeded, TooLarge
from engine.program import Limits, ProgramError, compile_source, run
from engine.tensor import Tensor

LIMITS = Limits()


def rejected(text: str, limits: Limits = LIMITS) -> ProgramError:
    """The ProgramError compiling `text` raises (so nothing of it ever runs)."""
    with pytest.raises(ProgramError) as info:
        compile_source(text, limits)
    return info.value


def run_error(text: str, limits: Limits = LIMITS) -> BaseException:
    """The error running `text` raises; the namespace must come back untouched."""
    ns: dict[str, Tensor] = {"x": torch.tensor([1.0, 2.0])}
    before = dict(ns)
    with pytest.raises(Exception) as info:
        run(compile_source(text, limits), ns, limits)
    assert ns == before
    return info.value


# ---- names, attributes, calls outside the subset ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("__import__('os')", "name `__import__` is not available in a program", 0),
        ("open('/etc/passwd')", "name `open` is not available in a program", 0),
        ("eval('1+1')", "name `eval` is not available in a program", 0),
        ("exec('x = 1')", "name `exec` is not available in a program", 0),
        ("getattr(x, 'grad')", "name `getattr` is not available in a program", 0),
        ("compile('1', 'f', 'eval')", "name `compile` is not available in a program", 0),
        ("globals()", "name `globals` is not available in a program", 0),
        ("type(x)", "name `type` is not available in a program", 0),
        ("y = 1 + __builtins__", "name `__builtins__` is not available in a program", 8),
        ("().__class__.__mro__", "attribute `.__mro__` is not allowed in a program", 0),
        ("().__class__", "attribute `.__class__` is not allowed in a program", 0),
        ("x.__dict__", "attribute `.__dict__` is not allowed in a program", 0),
        ("x._data", "attribute `._data` is not allowed in a program", 0),
        ("x.grad_fn._saved_self", "attribute `._saved_self` is not allowed in a program", 0),
        ("torch.load('model.pt')", "`torch.load` is not supported in a program", 0),
        ("torch.save(x, 'x.pt')", "`torch.save` is not supported in a program", 0),
        ("torch.from_file('x.bin')", "`torch.from_file` is not supported in a program", 0),
        ("torch.ops", "`torch.ops` is not supported in a program", 0),
        ("torch.autograd.Function", "`torch.autograd.Function` is not supported in a program", 0),
        ("F.os", "`torch.nn.functional.os` is not supported in a program", 0),
        ("x.numpy()", "attribute `.numpy` is not supported in a program", 0),
        ("x.register_hook(print)", "attribute `.register_hook` is not supported in a program", 0),
        ("lambda: 1", "lambda expressions are not supported in a program", 0),
        ("f = lambda g: g * 10", "lambda expressions are not supported in a program", 4),
        ("[v for v in x]", "list comprehensions are not supported in a program", 0),
        ("(v for v in x)", "generator expressions are not supported in a program", 0),
        ("{k: 1 for k in 'ab'}", "dict comprehensions are not supported in a program", 0),
        ("for v in x:\n    print(v)", "`for` loops are not supported in a program", 0),
        ("while True:\n    pass", "`while` loops are not supported in a program", 0),
        ("if x:\n    pass", "`if` statements are not supported in a program", 0),
        ("def f():\n    pass", "function definitions (`def`) are not supported in a program", 0),
        ("class A:\n    pass", "class definitions are not supported in a program", 0),
        ("global x", "`global` is not supported in a program", 0),
        ("try:\n    x\nexcept Exception:\n    pass", "`try` is not supported in a program", 0),
        ("raise ValueError('no')", "`raise` is not supported in a program", 0),
        ("print(*x)", "`*args` in a call is not supported in a program", 6),
        ("torch.zeros(**k)", "`**kwargs` in a call is not supported in a program", 14),
        (
            "a, *b = [1, 2, 3]",
            "starred assignment (`a, *b = ...`) is not supported in a program",
            3,
        ),
        ("[*x]", "starred expressions (`*x`) are not supported in a program", 1),
        ("f'{open(1)}'", "calls inside f-strings are not supported in a program", 3),
        ("f'{x.sum()}'", "calls inside f-strings are not supported in a program", 3),
        ("y = (z := 3)", "assignment expressions (`:=`) are not supported in a program", 5),
        (
            "x += 1",
            "augmented assignment (`x += ...`; write `x = x + ...`) is not supported in a program",
            0,
        ),
        ("x[0] = 5.", "item assignment (`x[...] = ...`) is not supported in a program", 0),
        (
            "x.grad_fn = None",
            "assignment to `.grad_fn` is not supported (only `.grad` and `.requires_grad` can be set)",
            0,
        ),
        ("torch = 1", "`torch` cannot be rebound in a program", 0),
        (
            "import os",
            "`import os`: only `import torch` and `import torch.nn.functional as F` are supported",
            0,
        ),
        (
            "import torch as t",
            "`import torch as t`: only `import torch` and `import torch.nn.functional as F` are supported",
            0,
        ),
        (
            "from os import path",
            "`from os import ...`: only `import torch` and `import torch.nn.functional as F` are supported",
            0,
        ),
        (
            "with open('f') as fh:\n    pass",
            "`with` supports exactly `with torch.no_grad():` (or enable_grad)",
            0,
        ),
        (
            "with x:\n    pass",
            "`with` supports only torch.no_grad(), torch.enable_grad() and torch.set_grad_enabled(...)",
            0,
        ),
        ("print(1, file=x)", "print(..., file=...) is not supported in a program", 0),
        ("{1: 2}", "dict displays are not supported in a program", 0),
        ("b'raw'", "bytes literals are not supported in a program", 0),
        ("1j", "complex literals are not supported in a program", 0),
        ("f'{1:>100000}'", "f-string format width 100000 is over the limit of 1000", 0),
    ],
)
def test_construct_outside_the_subset_is_rejected_before_running(
    text: str, message: str, column: int
) -> None:
    err = rejected("x = torch.ones(2)\n" + text)
    assert err.message == message
    assert (err.line, err.column) == (2, column)
    assert err.pointer is None


def test_rejection_names_the_line_of_a_later_statement_and_nothing_runs() -> None:
    ns: dict[str, Tensor] = {}
    with pytest.raises(ProgramError) as info:
        run(compile_source("a = torch.ones(2)\nprint(a)\n\nb = eval('a')", LIMITS), ns, LIMITS)
    assert (info.value.line, info.value.column) == (4, 4)
    assert ns == {}


def test_syntax_error_is_a_program_error_with_pythons_message() -> None:
    err = rejected("y = (1 +\nprint(y)")
    assert err.exception == "SyntaxError"
    assert err.message == "'(' was never closed"
    assert err.line == 1


def test_column_counts_characters_not_utf8_bytes() -> None:
    err = rejected("s = 'é' + open('x')")
    assert (err.line, err.column) == (1, 10)


def test_attribute_depending_on_the_value_type_is_rejected_at_run_time() -> None:
    # `.grad` is a tensor attribute; on an int it is outside the subset.
    err = run_error("n = 3\ny = n.grad")
    assert isinstance(err, ProgramError)
    assert err.message == "attribute `.grad` of a int value is not supported in a program"
    assert (err.line, err.column) == (2, 0)
    err = run_error("s = x.shape\ns.grad_fn")
    assert isinstance(err, ProgramError)
    assert err.message == "attribute `.grad_fn` of a torch.Size value is not supported in a program"


def test_attribute_of_a_missing_grad_fn_is_rejected_at_run_time() -> None:
    err = run_error("x.sum().grad_fn.name()")  # x does not require grad: grad_fn is None
    assert isinstance(err, ProgramError)
    assert err.message == "attribute `.name` of a NoneType value is not supported in a program"
    err = run_error("w = torch.ones(1, requires_grad=True)\n(w * 2).grad_fn.variable")
    assert isinstance(err, ProgramError)  # `.variable` exists on AccumulateGrad nodes only
    assert err.message == (
        "attribute `.variable` of a MulBackward0 value is not supported in a program"
    )


def test_python_errors_keep_pythons_class_and_message() -> None:
    err = run_error("1 / 0")
    assert type(err).__name__ == "ZeroDivisionError"
    assert err.exception == "ZeroDivisionError"  # type: ignore[attr-defined]
    assert str(err) == "division by zero"
    err = run_error("y = undefined + 1")
    assert err.exception == "NameError"  # type: ignore[attr-defined]
    assert str(err) == "name 'undefined' is not defined"
    err = run_error("n = len([1, 2])")
    assert str(err) == (
        "name 'len' is not defined (Python's builtins are not available in a program)"
    )
    err = run_error("a, b = 1, 2, 3")
    assert err.exception == "ValueError"  # type: ignore[attr-defined]
    assert str(err) == "too many values to unpack (expected 2)"
    err = run_error("'%s' % 1")
    assert err.exception == "TypeError"  # type: ignore[attr-defined]
    assert str(err) == "string formatting with % is not supported in a program"


def test_torch_argument_type_error() -> None:
    err = run_error("torch.exp(3)")
    assert err.exception == "TypeError"  # type: ignore[attr-defined]
    assert str(err) == "exp(): argument 'input' (position 1) must be Tensor, not int"


# ---- plain Python arithmetic that explodes --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("10**10**10", "int_bits"),
        ("9**9**9**9", "int_bits"),
        ("2**100000000", "int_bits"),
        ("n = 2**8000\nn * n", "int_bits"),
        ("1 << 10**9", "int_bits"),
        ("(1 << 8000) << 8000", "int_bits"),
        ("'a' * 10**9", "sequence_length"),
        ("10**9 * 'ab'", "sequence_length"),
        ("[0] * 10**9", "sequence_length"),
        ("(0,) * 10**7", "sequence_length"),
        ("s = 'a' * 10**6\ns + s", "sequence_length"),
        ("[0] * torch.tensor(10**9)", "sequence_length"),
        ("[[0] * 1000] * 1000 * 1000", "elements"),
        ("a = [[0] * 1000] * 1000\nb = [a] * 100", "elements"),
        ("s = 'a' * 10**6\nf'{s}{s}'", "sequence_length"),
    ],
)
def test_python_number_and_sequence_explosions_are_refused_before_computing(
    text: str, limit: str
) -> None:
    start = time.monotonic()
    err = run_error(text)
    assert isinstance(err, LimitExceeded)
    assert err.limit == limit
    assert err.line is not None
    assert time.monotonic() - start < 2.0


def test_numbers_below_the_limits_are_computed_exactly() -> None:
    result = run(compile_source("print(2**64, 10**100 // 10**98, 1 << 70, 'ab' * 3)"), {})
    assert result.stdout == f"{2**64} 100 {1 << 70} ababab\n"


def test_float_overflow_is_pythons_overflow_error() -> None:
    err = run_error("10.0 ** 400")
    assert err.exception == "OverflowError"  # type: ignore[attr-defined]


# ---- allocations over the element limit -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "torch.zeros(10**10)",
        "torch.ones(100000, 100000)",
        "torch.full((100000, 100000), 1.)",
        "torch.rand(10**5, 10**5)",
        "torch.ones(100000, 1) + torch.ones(1, 100000)",
        "torch.ones(100000, 1) * torch.ones(1, 100000)",
        "torch.ones(1).expand(10**9)",
        "torch.ones(10).repeat(10**9)",
        "torch.arange(10**10)",
        "torch.arange(0., 1., 1e-12)",
        "torch.linspace(0, 1, 10**10)",
        "torch.eye(10**6)",
        "torch.tensor([[[0.] * 1000] * 1000] * 1000)",
    ],
)
def test_allocation_over_the_element_limit_is_refused_before_numpy_allocates(text: str) -> None:
    start = time.monotonic()
    err = run_error(text)
    assert isinstance(err, TooLarge)
    assert err.limit == "elements"
    assert time.monotonic() - start < 2.0


def test_element_limit_is_the_callers_setting() -> None:
    small = Limits(max_elements=100)
    err = run_error("torch.ones(101)", small)
    assert isinstance(err, TooLarge)
    assert str(err) == "a tensor of 101 elements exceeds the limit of 100 elements per tensor"
    run(compile_source("torch.ones(100)", small), {}, small)


def test_tolist_of_a_huge_tensor_is_refused() -> None:
    limits = Limits(max_sequence_length=10)
    err = run_error("torch.ones(11).tolist()", limits)
    assert isinstance(err, TooLarge)


def test_printing_more_than_the_output_limit_is_refused() -> None:
    limits = Limits(max_output_bytes=100)
    err = run_error("print('a' * 60)\nprint('b' * 60)", limits)
    assert isinstance(err, LimitExceeded)
    assert err.limit == "output"
    assert err.line == 2


# ---- source size, statements, nesting, line length, time --------------------------------------------


def test_source_over_the_size_limit() -> None:
    with pytest.raises(LimitExceeded) as info:
        compile_source("x = 1\n" * 20, Limits(max_source_bytes=100))
    assert info.value.limit == "source_bytes"
    with pytest.raises(LimitExceeded) as info:
        compile_source("s = '" + "é" * 60 + "'", Limits(max_source_bytes=100))  # 126 bytes
    assert str(info.value) == "the source is 126 bytes, over the limit of 100 bytes"


def test_more_statements_than_the_limit() -> None:
    with pytest.raises(LimitExceeded) as info:
        compile_source("x = 1\n" * 11, Limits(max_statements=10))
    assert info.value.limit == "statements"
    assert info.value.line == 11
    compile_source("x = 1\n" * 10, Limits(max_statements=10))


def test_statements_inside_with_blocks_count() -> None:
    text = "with torch.no_grad():\n" + "    x = 1\n" * 10
    with pytest.raises(LimitExceeded) as info:
        compile_source(text, Limits(max_statements=10))
    assert info.value.limit == "statements"


def test_very_long_line() -> None:
    with pytest.raises(LimitExceeded) as info:
        compile_source("x = 1\ny = [" + "1, " * 400 + "]", Limits(max_line_length=1000))
    assert info.value.limit == "line_length"
    assert info.value.line == 2


@pytest.mark.parametrize(
    "text",
    [
        "(" * 100_000 + ")" * 100_000,
        "[" * 100_000 + "]" * 100_000,
        "-" * 100_000 + "1",
        "not " * 50_000 + "1",
        "1" + " + 1" * 50_000,
        "x" + ".y" * 50_000,
        "x" + "[0]" * 50_000,
        "x" + "()" * 50_000,
        "1 if 1 else " * 20_000 + "1",
        "f'{" + "(" * 50_000 + "1" + ")" * 50_000 + "}'",
        "x = " + "[" * 150 + "]" * 150,
    ],
)
def test_deeply_nested_expressions_are_refused_before_parsing(text: str) -> None:
    limits = Limits(max_source_bytes=10**6, max_line_length=10**6)
    start = time.monotonic()
    with pytest.raises(LimitExceeded) as info:
        compile_source(text, limits)
    assert info.value.limit == "depth"
    assert str(info.value) == "expression nested too deeply (the limit is 100 levels)"
    assert time.monotonic() - start < 5.0


def test_nesting_within_the_limit_works() -> None:
    result = run(compile_source("(" * 90 + "2" + ")" * 90 + " + 1"), {})
    assert result.display == "3"
    result = run(compile_source("print(" + " + ".join(["1"] * 80) + ")"), {})
    assert result.stdout == "80\n"


def test_deep_list_built_across_statements_fails_cleanly() -> None:
    text = "a = [1]\n" + "a = [a]\n" * 990 + "print(a)"
    err = run_error(text, Limits(max_statements=2000))
    assert isinstance(err, LimitExceeded)


def test_compute_time_limit_is_checked_between_ops() -> None:
    limits = Limits(time_limit_seconds=0.2)
    text = "x = torch.rand(2000000)\n" + "x = (x * 1.0001).exp().log()\n" * 400
    start = time.monotonic()
    err = run_error(text, limits)
    elapsed = time.monotonic() - start
    assert isinstance(err, LimitExceeded)
    assert err.limit == "time"
    assert str(err) == "the program exceeded the compute-time limit of 0.2 s"
    assert err.line is not None and err.line > 2
    assert elapsed < 2.0


def test_sequences_of_big_tensors_are_fine_until_something_expands_them() -> None:
    limits = Limits(max_elements=1000)
    ns: dict[str, Tensor] = {}
    result = run(
        compile_source(
            "x = torch.ones(600)\ny = torch.zeros(600)\nt = (x, y)\nlen_ok = t[1]", limits
        ),
        ns,
        limits,
    )
    assert repr(result.assigned["len_ok"]).startswith("tensor([0., 0.,")
    err = run_error("x = torch.ones(600)\ntorch.tensor([x, x])", limits)
    assert isinstance(err, TooLarge)
    assert str(err) == "a nested sequence of 1200 elements exceeds the limit of 1000 elements"


def test_memory_bound_by_a_run_is_capped_across_statements() -> None:
    limits = Limits(max_elements=1000, max_bytes=20_000)
    text = "".join(f"a{i} = torch.ones(1000)\n" for i in range(10))  # 4000 bytes each
    err = run_error(text, limits)
    assert isinstance(err, TooLarge)
    assert err.limit == "memory"
    assert err.line == 6  # five of them are exactly the limit; the sixth goes over
    assert str(err) == (
        "the program's tensors, gradients and saved graphs would hold 24000 bytes, over the "
        "limit of 20000 bytes"
    )
    # Rebinding one name to views of the same buffer counts the buffer once.
    run(compile_source("a = torch.ones(1000)\n" + "b = a.view(10, 100)\n" * 20, limits), {}, limits)


def test_memory_cap_counts_what_is_alive_not_what_was_ever_bound() -> None:
    limits = Limits(max_elements=1000, max_bytes=20_000)
    # 200 rebindings of a 4000-byte tensor: only the current one (and the next) are alive.
    text = "x = torch.ones(1000)\n" + "x = (x * 1.5).exp()\n" * 200
    result = run(compile_source(text, limits), {}, limits)
    assert list(result.assigned) == ["x"]
    # With a graph behind it, every step keeps its saved tensors: that is real memory.
    err = run_error("x = torch.ones(1000, requires_grad=True)\n" + "x = x.exp()\n" * 10, limits)
    assert isinstance(err, TooLarge)
    assert err.limit == "memory"


def test_long_f_string_with_many_fields_is_not_deep() -> None:
    fields = " ".join("{x.shape}" for _ in range(150))
    result = run(compile_source(f"x = torch.ones(2)\nf'{fields}'"), {})
    assert result.display == "'" + " ".join(["torch.Size([2])"] * 150) + "'"
