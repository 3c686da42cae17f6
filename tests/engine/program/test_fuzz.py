"""Fuzz: random token soup, random syntax trees and random node lists never raise anything but
the documented program errors (ProgramError, TorchError, LimitExceeded), and never hang."""

from __future__ import annotations

import ast
import contextlib
import os
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine as torch
from engine.errors import TorchError
from engine.program import Limits, ProgramError, compile_nodes, compile_source, node_specs, run
from engine.tensor import Tensor

# Hypothesis builds the repr of these (recursive, composed) strategies when labelling them and
# warns that it is large; that is about the tool's bookkeeping, not about the code under test.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

LIMITS = Limits(
    max_elements=100_000,
    time_limit_seconds=2.0,
    max_sequence_length=10_000,
    max_output_bytes=100_000,
    max_int_bits=2_048,
)
FUZZ = settings(
    # GRADSERVE_FUZZ_EXAMPLES=20000 for a longer hunt; the default keeps `make test` quick.
    max_examples=int(os.environ.get("GRADSERVE_FUZZ_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

NAMES = ["x", "y", "z", "g", "torch", "F", "print", "open", "eval", "__import__", "sum", "input"]
ATTRS = [
    "grad",
    "backward",
    "sum",
    "shape",
    "tensor",
    "ones",
    "zeros",
    "exp",
    "view",
    "grad_fn",
    "next_functions",
    "name",
    "requires_grad",
    "autograd",
    "nn",
    "functional",
    "relu",
    "__class__",
    "__dict__",
    "_data",
    "load",
    "float64",
    "T",
    "item",
    "tolist",
    "values",
    "no_grad",
    "detach",
    "retain_grad",
]
TOKENS = [
    *NAMES,
    *(f".{a}" for a in ATTRS),
    "0",
    "1",
    "2.",
    "3",
    "-1",
    "10",
    "9",
    "1e308",
    "100000",
    "'a'",
    '"sum"',
    "f'{x}'",
    "None",
    "True",
    "False",
    "...",
    "+",
    "-",
    "*",
    "/",
    "//",
    "%",
    "**",
    "@",
    "<<",
    ">>",
    "&",
    "|",
    "^",
    "~",
    "==",
    "<",
    ">=",
    "!=",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "=",
    ";",
    "\n",
    "\n    ",
    "not",
    "and",
    "or",
    "in",
    "is",
    "if",
    "else",
    "for",
    "while",
    "def",
    "lambda",
    "import",
    "with",
    "del",
    "class",
    "return",
    "global",
    "*",
    "**",
    "requires_grad=True",
    "dim=0",
    "gradient=",
]


def namespace() -> dict[str, Tensor]:
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    return {"x": x, "y": (x * 2).sum(), "z": torch.tensor([[1, 2], [3, 4]])}


def check(run_it: Any) -> None:
    """Run a fuzz case: only documented errors, in bounded time."""
    start = time.monotonic()
    with contextlib.suppress(ProgramError, TorchError):
        run_it()
    assert time.monotonic() - start < 10.0


def run_source(text: str) -> None:
    def go() -> None:
        ns = namespace()
        run(compile_source(text, LIMITS), ns, LIMITS)

    check(go)


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_token_soup(tokens: list[str]) -> None:
    run_source(" ".join(tokens))


@FUZZ
@given(st.text(max_size=200))
def test_arbitrary_text(text: str) -> None:
    run_source(text)


# ---- random syntax trees ------------------------------------------------------------------------

_BINOPS = [
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.FloorDiv,
    ast.Mod,
    ast.Pow,
    ast.MatMult,
    ast.LShift,
    ast.RShift,
    ast.BitAnd,
    ast.BitOr,
    ast.BitXor,
]
_CMPOPS = [ast.Eq, ast.NotEq, ast.Lt, ast.GtE, ast.Is, ast.IsNot, ast.In, ast.NotIn]
_UNARY = [ast.USub, ast.UAdd, ast.Invert, ast.Not]

constants = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 1, 2, 3, 10, 10**6, 2**63]),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["a", "sum", "mean", "float64", "", "ij->i"]),
    st.sampled_from([None, True, False, Ellipsis]),
).map(lambda v: ast.Constant(value=v))
names = st.sampled_from(NAMES).map(lambda n: ast.Name(id=n, ctx=ast.Load()))


CALLABLES = [
    "torch.tensor",
    "torch.ones",
    "torch.zeros",
    "torch.arange",
    "torch.rand",
    "torch.autograd.grad",
    "torch.exp",
    "torch.cat",
    "F.relu",
    "F.cross_entropy",
    "print",
    "x.sum",
    "x.backward",
    "x.view",
    "x.expand",
    "x.max",
    "y.backward",
    "x.grad.zero_",
    "torch.no_grad",
]
callables = st.sampled_from(CALLABLES).map(lambda text: ast.parse(text, mode="eval").body)


def _extend(
    children: st.SearchStrategy[ast.expr], hostile_too: bool
) -> st.SearchStrategy[ast.expr]:
    small = st.lists(children, max_size=3)
    keywords = st.lists(
        st.builds(
            ast.keyword,
            arg=st.sampled_from(["dim", "requires_grad", "gradient", "dtype", "keepdim", "sep"]),
            value=children,
        ),
        max_size=2,
        unique_by=lambda k: k.arg,
    )
    safe = st.one_of(
        st.builds(
            ast.BinOp, left=children, op=st.sampled_from(_BINOPS).map(lambda o: o()), right=children
        ),
        st.builds(ast.UnaryOp, op=st.sampled_from(_UNARY).map(lambda o: o()), operand=children),
        st.builds(
            lambda left, op, right: ast.Compare(left=left, ops=[op()], comparators=[right]),
            children,
            st.sampled_from(_CMPOPS),
            children,
        ),
        st.builds(
            lambda v, a: ast.Attribute(value=v, attr=a, ctx=ast.Load()),
            children,
            st.sampled_from(ATTRS),
        ),
        st.builds(ast.Call, func=st.one_of(callables, children), args=small, keywords=keywords),
        st.builds(
            lambda v, s: ast.Subscript(value=v, slice=s, ctx=ast.Load()),
            children,
            st.one_of(
                children, st.builds(ast.Slice, lower=children, upper=st.none(), step=st.none())
            ),
        ),
        small.map(lambda e: ast.Tuple(elts=e, ctx=ast.Load())),
        small.map(lambda e: ast.List(elts=e, ctx=ast.Load())),
        st.builds(lambda a, b: ast.BoolOp(op=ast.And(), values=[a, b]), children, children),
        st.builds(ast.IfExp, test=children, body=children, orelse=children),
    )
    hostile = st.one_of(
        children.map(
            lambda b: ast.Lambda(
                args=ast.arguments(
                    posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]
                ),
                body=b,
            )
        ),
        children.map(lambda v: ast.JoinedStr(values=[ast.FormattedValue(value=v, conversion=-1)])),
        children.map(lambda v: ast.Starred(value=v, ctx=ast.Load())),
    )
    # one_of picks branches uniformly: mostly constructs of the subset, some hostile ones.
    return st.one_of(safe, safe, safe, safe, safe, hostile) if hostile_too else safe


leaves = st.one_of(constants, names, callables)
# deferred, here and below: composed strategies have reprs of hundreds of kB, which hypothesis
# computes (and warns about) when it reports.
exprs = st.deferred(
    lambda: st.recursive(leaves, lambda c: _extend(c, hostile_too=True), max_leaves=12)
)
subset_exprs = st.deferred(
    lambda: st.recursive(leaves, lambda c: _extend(c, hostile_too=False), max_leaves=12)
)
targets = st.one_of(
    st.sampled_from(["x", "y", "w", "torch", "sum"]).map(lambda n: ast.Name(id=n, ctx=ast.Store())),
    st.sampled_from(["grad", "requires_grad", "data"]).map(
        lambda a: ast.Attribute(value=ast.Name(id="x", ctx=ast.Load()), attr=a, ctx=ast.Store())
    ),
    st.just(
        ast.Tuple(
            elts=[ast.Name(id="p", ctx=ast.Store()), ast.Name(id="q", ctx=ast.Store())],
            ctx=ast.Store(),
        )
    ),
)


def _statements(depth: int) -> st.SearchStrategy[ast.stmt]:
    simple = st.one_of(
        exprs.map(lambda v: ast.Expr(value=v)),
        st.builds(lambda t, v: ast.Assign(targets=[t], value=v), targets, exprs),
        st.sampled_from(["torch", "os", "torch.nn.functional"]).map(
            lambda n: ast.Import(names=[ast.alias(name=n)])
        ),
        st.builds(
            lambda t, v: ast.AugAssign(target=t, op=ast.Add(), value=v),
            st.just(ast.Name(id="x", ctx=ast.Store())),
            exprs,
        ),
        st.just(ast.Delete(targets=[ast.Name(id="y", ctx=ast.Del())])),
        st.just(ast.Pass()),
    )
    if depth == 0:
        return simple
    body = st.lists(_statements(depth - 1), min_size=1, max_size=3)
    return st.one_of(
        simple,
        st.builds(lambda c, b: ast.With(items=[ast.withitem(context_expr=c)], body=b), exprs, body),
        st.builds(
            lambda i, b: ast.For(
                target=ast.Name(id="i", ctx=ast.Store()), iter=i, body=b, orelse=[]
            ),
            exprs,
            body,
        ),
        st.builds(lambda t, b: ast.If(test=t, body=b, orelse=[]), exprs, body),
    )


modules = st.deferred(
    lambda: st.lists(_statements(2), min_size=1, max_size=6).map(
        lambda body: ast.fix_missing_locations(ast.Module(body=body, type_ignores=[]))
    )
)


@FUZZ
@given(modules)
def test_random_syntax_trees(module: ast.Module) -> None:
    try:
        text = ast.unparse(module)
    except Exception:  # a tree the unparser cannot print is not a program anyone can send
        return
    run_source(text)


@FUZZ
@given(subset_exprs)
def test_random_expressions_with_tutorial_prefix(expr: ast.expr) -> None:
    try:
        text = ast.unparse(expr)
    except Exception:
        return
    run_source("import torch\nw = torch.tensor([2., 3.], requires_grad=True)\nq = w * 3\n" + text)


# ---- random node lists --------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=5),
    st.floats(allow_nan=False, width=32),
    st.sampled_from(["x", "y", "z", "n0", "n1", "x.grad", "x.values", "nope", "float64", "sum"]),
)
json_values = st.recursive(json_scalars, lambda c: st.lists(c, max_size=3), max_leaves=6)
ops = st.sampled_from([*sorted(node_specs()), "nope", "__init__"])
field_names = st.sampled_from(
    ["dim", "keepdim", "shape", "sizes", "alpha", "dtype", "dim0", "dim1", "rounding_mode", "foo"]
)
random_nodes = st.lists(
    st.builds(
        lambda i, op, inputs, fields: {"id": i, "op": op, "inputs": inputs, **fields},
        st.sampled_from(["n0", "n1", "n2", "n0", "n1", "n2", "x", "1bad", "__x"]),
        ops,
        st.lists(
            st.one_of(st.sampled_from(["x", "y", "z", "n0", "n1", "x.grad"]), json_scalars),
            max_size=3,
        ),
        st.dictionaries(field_names, json_values, max_size=2),
    ),
    max_size=6,
)


@FUZZ
@given(st.one_of(random_nodes, random_nodes, random_nodes, json_values))
def test_random_node_lists(nodes: Any) -> None:
    def go() -> None:
        ns = namespace()
        run(compile_nodes(nodes, LIMITS), ns, LIMITS)

    check(go)
