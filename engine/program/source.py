"""`source`: the PyTorch subset of Python (API.md §2), parsed with `ast` against a whitelist.

Nothing is ever evaluated by Python: the text is size-checked, scanned token by token for
nesting (the C parser and `ast` recurse, so a deeply nested expression must be refused before
`ast.parse` sees it), parsed, depth- and statement-counted by an iterative walk, and then
translated node by node into the program IR. Anything not explicitly handled here is rejected
with the construct's name, line and column.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import Any, NoReturn

from engine.limits import LimitExceeded

from . import catalogue as cat_mod
from .catalogue import CONTEXT_MANAGERS, SETTABLE_TENSOR_ATTRIBUTES, Catalogue, Namespace
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
    Seq,
    Slice,
    Stmt,
    Subscript,
    Target,
    UnaryOp,
    UnpackTarget,
    With,
)


class Print:
    """The `print` builtin as a program sees it (the interpreter writes to the run's stdout)."""

    def __repr__(self) -> str:
        return "<built-in function print>"


PRINT = Print()

_BINOPS: dict[type[ast.operator], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
}
_UNARY: dict[type[ast.unaryop], str] = {
    ast.USub: "-",
    ast.UAdd: "+",
    ast.Invert: "~",
    ast.Not: "not",
}
_CMPOPS: dict[type[ast.cmpop], str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}

# How an unsupported construct is named in the error.
_CONSTRUCTS: dict[type[ast.AST], str] = {
    ast.For: "`for` loops are",
    ast.AsyncFor: "`async for` loops are",
    ast.While: "`while` loops are",
    ast.If: "`if` statements are",
    ast.FunctionDef: "function definitions (`def`) are",
    ast.AsyncFunctionDef: "function definitions (`async def`) are",
    ast.ClassDef: "class definitions are",
    ast.Return: "`return` is",
    ast.Global: "`global` is",
    ast.Nonlocal: "`nonlocal` is",
    ast.Raise: "`raise` is",
    ast.Try: "`try` is",
    ast.Assert: "`assert` is",
    ast.Break: "`break` is",
    ast.Continue: "`continue` is",
    ast.AsyncWith: "`async with` is",
    ast.AugAssign: "augmented assignment (`x += ...`; write `x = x + ...`) is",
    ast.AnnAssign: "annotated assignment is",
    ast.Lambda: "lambda expressions are",
    ast.ListComp: "list comprehensions are",
    ast.SetComp: "set comprehensions are",
    ast.DictComp: "dict comprehensions are",
    ast.GeneratorExp: "generator expressions are",
    ast.Dict: "dict displays are",
    ast.Set: "set displays are",
    ast.NamedExpr: "assignment expressions (`:=`) are",
    ast.Await: "`await` is",
    ast.Yield: "`yield` is",
    ast.YieldFrom: "`yield from` is",
    ast.Starred: "starred expressions (`*x`) are",
}
if hasattr(ast, "Match"):
    _CONSTRUCTS[ast.Match] = "`match` statements are"
if hasattr(ast, "TryStar"):
    _CONSTRUCTS[ast.TryStar] = "`try` is"

_WORD_OPERATORS = frozenset({"not", "and", "or", "if", "else", "in", "is", "lambda", "await"})
_RESETTING = frozenset({",", ";", "=", ":", ":="})
_INSIGNIFICANT = frozenset(
    {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}
)
_FORMAT_SPEC = re.compile(
    r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d+)?[_,]?(?:\.(?P<precision>\d+))?[bcdeEfFgGnosxX%]?\Z",
    re.DOTALL,
)
_MAX_FORMAT_WIDTH = 1000


def compile_source(text: str, limits: Limits | None = None) -> Program:
    """Compile `source` text into a Program, or raise ProgramError / LimitExceeded."""
    limits = limits or Limits()
    if not isinstance(text, str):
        raise ProgramError("source must be a string")
    _check_size(text, limits)
    _scan_tokens(text, limits)
    tree = _parse(text)
    _check_tree(tree, limits)
    return _Compiler(text, cat_mod.catalogue(), limits).program(tree)


# ---- before parsing: size, lines, nesting ------------------------------------------------------


def _limit(
    message: str, limit: str, line: int | None = None, column: int | None = None
) -> LimitExceeded:
    err = LimitExceeded(message, limit)
    err.line, err.column = line, column
    return err


def _check_size(text: str, limits: Limits) -> None:
    if len(text) > limits.max_source_bytes:
        raise _limit(
            f"the source is longer than the limit of {limits.max_source_bytes} bytes",
            "source_bytes",
        )
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as e:
        raise ProgramError("the source is not valid Unicode text", exception="SyntaxError") from e
    if size > limits.max_source_bytes:
        raise _limit(
            f"the source is {size} bytes, over the limit of {limits.max_source_bytes} bytes",
            "source_bytes",
        )
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ProgramError(
            "source code cannot contain null bytes", line=line, column=0, exception="SyntaxError"
        )
    for i, line in enumerate(text.splitlines(), start=1):
        if len(line) > limits.max_line_length:
            raise _limit(
                f"line {i} is {len(line)} characters long, over the limit of "
                f"{limits.max_line_length}",
                "line_length",
                i,
                0,
            )


def _scan_tokens(text: str, limits: Limits) -> None:
    """Refuse expressions nested deeper than max_depth, reading tokens (no recursion).

    For each bracket level it counts the operators since the last separator: an expression's
    syntax tree is at most about as deep as the open brackets plus those operator chains, so
    this bounds the recursion of Python's parser and of the compiler before either runs.
    """
    levels = [0]
    depth = 0  # len(levels) - 1 + sum(levels), kept up to date in O(1) per token
    cap = limits.max_depth
    trailer_ok = False  # whether a "(" or "[" here would be a call or subscript
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            kind, s = tok.type, tok.string
            if kind in _INSIGNIFICANT:
                continue
            if kind == tokenize.OP:
                if s in "([{":
                    if trailer_ok and s != "{":
                        levels[-1] += 1  # f(...)(...) and x[0][0] nest in the syntax tree
                        depth += 1
                    levels.append(0)
                    depth += 1
                elif s in ")]}":
                    if len(levels) > 1:
                        depth -= 1 + levels.pop()
                elif s in _RESETTING:
                    depth -= levels[-1]
                    levels[-1] = 0
                else:
                    levels[-1] += 1
                    depth += 1
                trailer_ok = s in ")]}"
            elif kind == tokenize.NAME and s in _WORD_OPERATORS:
                levels[-1] += 1
                depth += 1
                trailer_ok = False
            elif kind == tokenize.NEWLINE:
                levels = [0]
                depth = 0
                trailer_ok = False
                continue
            elif kind == tokenize.STRING and _is_fstring(s):
                if _fstring_depth(s) + depth + 1 > cap:
                    raise _too_deep(limits, tok.start[0], tok.start[1])
                trailer_ok = True
                continue
            else:
                trailer_ok = kind in (tokenize.NAME, tokenize.NUMBER, tokenize.STRING)
                continue
            if depth > cap:
                raise _too_deep(limits, tok.start[0], tok.start[1])
    except tokenize.TokenError as e:
        message, (line, column) = e.args[0], e.args[1]
        if line <= text.count("\n") + 1 and "EOF" not in message:
            raise ProgramError(message, line=line, column=column, exception="SyntaxError") from e
        # Unterminated bracket or string at the end: every token was scanned; ast.parse reports
        # it with Python's own message.
    except SyntaxError as e:  # IndentationError and friends, raised mid-stream
        raise ProgramError(
            e.msg, line=e.lineno, column=max((e.offset or 1) - 1, 0), exception="SyntaxError"
        ) from e


def _too_deep(limits: Limits, line: int, column: int) -> LimitExceeded:
    return _limit(
        f"expression nested too deeply (the limit is {limits.max_depth} levels)",
        "depth",
        line,
        column,
    )


def _is_fstring(token: str) -> bool:
    prefix = token[: len(token) - len(token.lstrip("rRbBuUfF"))]
    return "f" in prefix.lower()


def _fstring_depth(token: str) -> int:
    """Nesting inside an f-string's replacement fields, measured like `_scan_tokens` does (3.11
    tokenizes an f-string as one token, but the parser still recurses into its expressions):
    brackets, plus operator characters since the last separator at each bracket level."""
    levels: list[int] = []
    current = worst = 0  # current == len(levels) + sum(levels), kept up to date in O(1)
    i = 0
    while i < len(token):
        ch = token[i]
        if not levels and token[i : i + 2] in ("{{", "}}"):
            i += 2
            continue
        if ch in "([{":
            if levels:
                levels[-1] += 1
                current += 1
            levels.append(0)
            current += 1
        elif ch in ")]}":
            if levels:
                current -= 1 + levels.pop()
        elif levels and ch in ",:":
            current -= levels[-1]
            levels[-1] = 0
        elif levels and ch in ".+-*/%@<>&|^~!=":
            levels[-1] += 1
            current += 1
        worst = max(worst, current)
        i += 1
    return worst


def _parse(text: str) -> ast.Module:
    try:
        return ast.parse(text, mode="exec")
    except SyntaxError as e:
        column = max((e.offset or 1) - 1, 0)
        raise ProgramError(
            e.msg or "invalid syntax", line=e.lineno, column=column, exception="SyntaxError"
        ) from e
    except (ValueError, OverflowError) as e:
        raise ProgramError(str(e), exception="SyntaxError") from e
    except (RecursionError, MemoryError) as e:  # defence in depth: the scan should prevent this
        raise _limit("the source is too deeply nested to parse", "depth") from e


def _check_tree(tree: ast.Module, limits: Limits) -> None:
    """Count statements and measure depth (statements and expressions) without recursion."""
    statements = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (ast.stmt, ast.expr)):
            depth += 1
            if depth > limits.max_depth:
                raise _limit(
                    f"expression nested too deeply (the limit is {limits.max_depth} levels)",
                    "depth",
                    getattr(node, "lineno", None),
                    getattr(node, "col_offset", None),
                )
        if isinstance(node, ast.stmt):
            statements += 1
            if statements > limits.max_statements:
                raise _limit(
                    f"the program has more than the limit of {limits.max_statements} statements",
                    "statements",
                    node.lineno,
                    node.col_offset,
                )
        children = list(ast.iter_child_nodes(node))
        stack.extend((child, depth) for child in reversed(children))  # visit in source order


# ---- translation --------------------------------------------------------------------------------


class _Compiler:
    def __init__(self, text: str, cat: Catalogue, limits: Limits) -> None:
        self.lines = text.splitlines()
        self.cat = cat
        self.limits = limits

    # -- locations and errors --
    def loc(self, node: ast.AST) -> Location:
        line = getattr(node, "lineno", None)
        offset = getattr(node, "col_offset", None)
        if line is None or offset is None:
            return (line, offset, None)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if not text.isascii():  # ast columns are UTF-8 byte offsets; report characters
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        return (line, offset, None)

    def reject(self, node: ast.AST, message: str) -> NoReturn:
        line, column, _ = self.loc(node)
        raise ProgramError(message, line=line, column=column)

    def unsupported(self, node: ast.AST) -> NoReturn:
        what = _CONSTRUCTS.get(type(node), f"`{type(node).__name__}` syntax is")
        self.reject(node, f"{what} not supported in a program")

    # -- statements --
    def program(self, tree: ast.Module) -> Program:
        body = self.block(tree.body)
        last = tree.body[-1] if tree.body else None
        return Program(form="source", body=body, display_last=isinstance(last, ast.Expr))

    def block(self, stmts: list[ast.stmt]) -> tuple[Stmt, ...]:
        out: list[Stmt] = []
        for node in stmts:
            compiled = self.stmt(node)
            if compiled is not None:
                out.append(compiled)
        return tuple(out)

    def stmt(self, node: ast.stmt) -> Stmt | None:
        loc = self.loc(node)
        if isinstance(node, ast.Expr):
            return ExprStmt(self.expr(node.value), loc)
        if isinstance(node, ast.Assign):
            targets = tuple(self.target(t) for t in node.targets)
            return Assign(targets, self.expr(node.value), loc)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self.check_import(node)
            return Pass(loc)
        if isinstance(node, ast.With):
            return self.with_(node)
        if isinstance(node, ast.Delete):
            names = []
            for t in node.targets:
                if not isinstance(t, ast.Name):
                    self.reject(t, "`del` is supported for names only")
                names.append(NameTarget(self.binding_name(t), self.loc(t)))
            return Delete(tuple(names), loc)
        if isinstance(node, ast.Pass):
            return Pass(loc)
        self.unsupported(node)

    def check_import(self, node: ast.Import | ast.ImportFrom) -> None:
        allowed = "only `import torch` and `import torch.nn.functional as F` are supported"
        if isinstance(node, ast.ImportFrom):
            if (
                node.level == 0
                and node.module == "torch.nn"
                and len(node.names) == 1
                and node.names[0].name == "functional"
                and node.names[0].asname in ("F", None)
            ):
                return
            self.reject(node, f"`from {node.module or '.'} import ...`: {allowed}")
        for alias in node.names:
            ok = (alias.name == "torch" and alias.asname in (None, "torch")) or (
                alias.name == "torch.nn.functional" and alias.asname in (None, "F")
            )
            if not ok:
                shown = alias.name + (f" as {alias.asname}" if alias.asname else "")
                self.reject(node, f"`import {shown}`: {allowed}")

    def with_(self, node: ast.With) -> With:
        if len(node.items) != 1 or node.items[0].optional_vars is not None:
            self.reject(node, "`with` supports exactly `with torch.no_grad():` (or enable_grad)")
        context = self.expr(node.items[0].context_expr)
        func = context.func if isinstance(context, Call) else None
        if not (isinstance(func, Const) and func.value in CONTEXT_MANAGERS):
            self.reject(
                node,
                "`with` supports only torch.no_grad(), torch.enable_grad() and "
                "torch.set_grad_enabled(...)",
            )
        return With(context, self.block(node.body), self.loc(node))

    def binding_name(self, node: ast.Name) -> str:
        name = node.id
        if name in cat_mod.RESERVED_NAMES:
            self.reject(node, f"`{name}` cannot be rebound in a program")
        self.check_name(node)
        return name

    def check_name(self, node: ast.Name) -> None:
        name = node.id
        if name.startswith("__") or name in cat_mod.FORBIDDEN_NAMES:
            self.reject(node, f"name `{name}` is not available in a program")

    def target(self, node: ast.expr) -> Target:
        if isinstance(node, ast.Name):
            return NameTarget(self.binding_name(node), self.loc(node))
        if isinstance(node, (ast.Tuple, ast.List)):
            return UnpackTarget(tuple(self.target(e) for e in node.elts), self.loc(node))
        if isinstance(node, ast.Attribute):
            if node.attr not in SETTABLE_TENSOR_ATTRIBUTES:
                self.reject(
                    node,
                    f"assignment to `.{node.attr}` is not supported (only `.grad` and "
                    "`.requires_grad` can be set)",
                )
            return AttrTarget(self.expr(node.value), node.attr, self.loc(node))
        if isinstance(node, ast.Subscript):
            self.reject(node, "item assignment (`x[...] = ...`) is not supported in a program")
        if isinstance(node, ast.Starred):
            self.reject(node, "starred assignment (`a, *b = ...`) is not supported in a program")
        self.unsupported(node)

    # -- expressions --
    def expr(self, node: ast.expr) -> Expr:
        loc = self.loc(node)
        if isinstance(node, ast.Constant):
            return Const(self.constant(node), loc)
        if isinstance(node, ast.Name):
            return self.name(node, loc)
        if isinstance(node, ast.Attribute):
            return self.attribute(node, loc)
        if isinstance(node, ast.Call):
            return self.call(node, loc)
        if isinstance(node, ast.BinOp):
            op = _BINOPS[type(node.op)]
            return BinOp(op, self.expr(node.left), self.expr(node.right), loc)
        if isinstance(node, ast.UnaryOp):
            return UnaryOp(_UNARY[type(node.op)], self.expr(node.operand), loc)
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            return BoolOp(op, tuple(self.expr(v) for v in node.values), loc)
        if isinstance(node, ast.Compare):
            ops = tuple(_CMPOPS[type(o)] for o in node.ops)
            comparators = tuple(self.expr(c) for c in node.comparators)
            return Compare(self.expr(node.left), ops, comparators, loc)
        if isinstance(node, ast.IfExp):
            return IfExp(self.expr(node.test), self.expr(node.body), self.expr(node.orelse), loc)
        if isinstance(node, (ast.Tuple, ast.List)):
            kind = "tuple" if isinstance(node, ast.Tuple) else "list"
            return Seq(kind, tuple(self.expr(e) for e in node.elts), loc)
        if isinstance(node, ast.Subscript):
            return Subscript(self.expr(node.value), self.expr(node.slice), loc)
        if isinstance(node, ast.Slice):
            parts = (node.lower, node.upper, node.step)
            lower, upper, step = (None if p is None else self.expr(p) for p in parts)
            return Slice(lower, upper, step, loc)
        if isinstance(node, ast.JoinedStr):
            return self.fstring(node, loc)
        self.unsupported(node)

    def constant(self, node: ast.Constant) -> Any:
        value = node.value
        if value is None or value is Ellipsis or isinstance(value, (bool, float, str)):
            return value
        if isinstance(value, int):
            if value.bit_length() > self.limits.max_int_bits:
                line, column, _ = self.loc(node)
                raise _limit(
                    f"an integer literal of {value.bit_length()} bits exceeds the limit of "
                    f"{self.limits.max_int_bits} bits",
                    "int_bits",
                    line,
                    column,
                )
            return value
        kind = "bytes" if isinstance(value, bytes) else type(value).__name__
        self.reject(node, f"{kind} literals are not supported in a program")

    def name(self, node: ast.Name, loc: Location) -> Expr:
        if node.id == "torch":
            return Const(self.cat.torch, loc)
        if node.id == "F":
            return Const(self.cat.functional, loc)
        if node.id == "print":
            return Const(PRINT, loc)
        self.check_name(node)
        return Name(node.id, loc)

    def attribute(self, node: ast.Attribute, loc: Location) -> Expr:
        attr = node.attr
        if attr.startswith("_"):
            self.reject(node, f"attribute `.{attr}` is not allowed in a program")
        value = self.expr(node.value)
        if isinstance(value, Const) and isinstance(value.value, Namespace):
            space = value.value
            if attr not in space.members:
                self.reject(node, f"`{space.path}.{attr}` is not supported in a program")
            return Const(space.members[attr], loc)
        if attr not in self.cat.all_attributes:
            self.reject(node, f"attribute `.{attr}` is not supported in a program")
        return Attr(value, attr, loc)

    def call(self, node: ast.Call, loc: Location) -> Expr:
        func = self.expr(node.func)
        args = []
        for a in node.args:
            if isinstance(a, ast.Starred):
                self.reject(a, "`*args` in a call is not supported in a program")
            args.append(self.expr(a))
        kwargs = []
        for kw in node.keywords:
            if kw.arg is None:
                self.reject(kw.value, "`**kwargs` in a call is not supported in a program")
            if kw.arg.startswith("_"):
                self.reject(kw.value, f"keyword `{kw.arg}` is not allowed in a program")
            kwargs.append((kw.arg, self.expr(kw.value)))
        if isinstance(func, Const) and func.value is PRINT:
            for name, _ in kwargs:
                if name not in ("sep", "end", "flush"):
                    self.reject(node, f"print(..., {name}=...) is not supported in a program")
        return Call(func, tuple(args), tuple(kwargs), loc)

    def fstring(self, node: ast.JoinedStr, loc: Location) -> FString:
        parts: list[str | tuple[Expr, str | None, str]] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
                continue
            assert isinstance(value, ast.FormattedValue)
            for sub in ast.walk(value.value):  # depth already bounded by _check_tree
                if isinstance(sub, ast.Call):
                    self.reject(sub, "calls inside f-strings are not supported in a program")
            conversion = {-1: None, 115: "s", 114: "r", 97: "a"}[value.conversion]
            spec = ""
            if value.format_spec is not None:
                spec = self.format_spec(value.format_spec)
            parts.append((self.expr(value.value), conversion, spec))
        return FString(tuple(parts), loc)

    def format_spec(self, node: ast.expr) -> str:
        if not isinstance(node, ast.JoinedStr) or not all(
            isinstance(v, ast.Constant) for v in node.values
        ):
            self.reject(node, "f-string format specs must be constant in a program")
        spec = "".join(str(v.value) for v in node.values)  # type: ignore[attr-defined]
        match = _FORMAT_SPEC.match(spec)
        if match is None:
            self.reject(node, f"unsupported f-string format spec {spec!r}")
        for group in ("width", "precision"):
            digits = match.group(group)
            if digits is not None and int(digits) > _MAX_FORMAT_WIDTH:
                self.reject(node, f"f-string format {group} {digits} is over the limit of 1000")
        return spec
