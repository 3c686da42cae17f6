"""Programs: PyTorch-syntax `source` and JSON `nodes`, compiled to one form and interpreted.

Interface used by the service (app/) — implementation in this package's modules:

    limits = Limits(...)                       # every limit is an argument (the service passes settings)
    program = compile_source(text, limits)     # ast-parsed against a whitelist; never eval/exec
    program = compile_nodes(nodes, limits)     # nodes: list of dicts {"id", "op", "inputs", **params}
    result = run(program, namespace, limits)   # namespace: dict[str, Tensor], updated in place
                                               # only on success (atomic); RunResult(assigned,
                                               # stdout, display, warnings)
    specs = node_specs()                       # per-op parameter specs, for the service's schema

Errors: `ProgramError` (construct outside the subset, bad node; carries line/column or a JSON
pointer), `engine.errors.TorchError` subclasses (what torch raises, with line/column set), and
`engine.limits.LimitExceeded` (element, statement/node, size, depth or time limits).
"""
