"""Programs: PyTorch-syntax `source` and JSON `nodes`, compiled to one form and interpreted.

Interface used by the service (app/):

    limits = Limits(...)                       # every limit is an argument (the service passes settings)
    program = compile_source(text, limits)     # ast-parsed against a whitelist; never eval/exec
    program = compile_nodes(nodes, limits)     # nodes: list of dicts {"id", "op", "inputs", **params}
    result = run(program, namespace, limits)   # namespace: dict[str, Tensor], updated in place
                                               # only on success (atomic); RunResult(assigned,
                                               # stdout, display, warnings)
    specs = node_specs()                       # {op name: NodeSpec}, for the service's schema

`run(program, namespace, limits, *, generator=None)`: `generator` is a numpy Generator used by
torch.rand/randn/manual_seed during the run (a session's own); its state is restored on failure.

RunResult: `assigned` {name: Tensor} — every name the program bound to a tensor (order of first
binding); `stdout` str; `display` str | None — repr of the last top-level expression statement,
None when there is none or it is None (a notebook shows nothing); `warnings` [WarningRecord
(category, message, line, pointer)] — torch's UserWarnings, once per statement, never printed.
Names a program binds to non-tensors (numbers, tuples, ...) live only during the run: after it,
the namespace holds exactly the program's tensor-valued names (a name rebound to a number or
deleted with `del` is gone from it).

NodeSpec (one per registry op): `op`, `inputs` [InputSpec(name, variadic, as_list)] — the
positional operands, each a tensor name or a number (`cat`'s tensor list is one variadic input,
given as the node's whole `inputs` list); `params` [ParamSpec(name, type, required, default,
annotation, variadic, tensor, dtype)] — every other torch parameter as a named field with torch's
name and default (`*shape`-style parameters become a list field: `"shape": [2, 3]`; `type` is a
JSON-level Python type usable in a pydantic model; `tensor` fields also accept a tensor name,
`dtype` fields a dtype name such as "float64"); `min_inputs`/`max_inputs`; `grad_fns`;
`differentiable`; `doc`; `signature`. An input or tensor field may read an attribute of a named
value: "m.values", "m.indices", "x.grad", "x.T", "x.mT", "x.data". Input numbers keep their JSON
type (3 is an int, 3.0 a float — as in torch, that decides an integer tensor's result dtype), so
a schema should type `inputs` as `list[str | int | float]` with ints first.

Errors:
- `ProgramError` — a construct outside the subset, malformed source (`exception` =
  "SyntaxError"), a bad node, or an unknown/forward node reference; raised before anything runs
  where that can be decided statically, else at the statement that needed it. Carries `message`,
  `line`/`column` (1-based line, 0-based column) for source or `pointer` ("/nodes/3/inputs/1").
- `engine.errors.TorchError` subclasses — what torch (or Python, for plain-Python operations such
  as `1/0` or an undefined name) raises: `exception` is the class name, `message` the text; with
  `line`/`column` of the statement (source) or an extra `pointer` attribute ("/nodes/3") naming
  the node (nodes; `line` is then None).
- `engine.limits.LimitExceeded` (a TorchError; `limit` names which one: "source_bytes",
  "line_length", "statements", "nodes", "depth", "time", "int_bits", "sequence_length", "output")
  and its subclass `TooLarge` ("elements": a tensor or nested list over `max_elements`;
  "memory": what the run's bindings hold over `max_bytes`): a program over a resource limit.

Limits (all arguments of compile/run, defaults safe for a shared server): max_source_bytes
100_000, max_line_length 10_000, max_statements 1_000 (nested ones included), max_nodes 10_000,
max_depth 100 (expression nesting, checked on the tokens before parsing and on the tree after),
max_elements 10_000_000 per tensor (checked before numpy allocates), time_limit_seconds 10.0
(checked between ops and statements), max_int_bits 8_192 and max_sequence_length 1_000_000
(plain Python ints, strings, lists built by a program; checked before computing them),
max_output_bytes 1_000_000 (stdout + display), max_bytes 1 GiB (see safety.MemoryMeter).

A program that fails changes nothing: namespace, leaf gradients, freed graph buffers,
requires_grad flags, the RNG state and grad mode are exactly as before it ran. (Stricter than
torch, whose failing backward keeps partial accumulation.)
"""

from engine.limits import LimitExceeded, TooLarge

from .catalogue import InputSpec, NodeSpec, ParamSpec, node_specs
from .interpreter import run
from .model import Limits, Program, ProgramError, RunResult, WarningRecord
from .nodes import compile_nodes
from .source import compile_source

__all__ = [
    "InputSpec",
    "LimitExceeded",
    "Limits",
    "NodeSpec",
    "ParamSpec",
    "Program",
    "ProgramError",
    "RunResult",
    "TooLarge",
    "WarningRecord",
    "compile_nodes",
    "compile_source",
    "node_specs",
    "run",
]
