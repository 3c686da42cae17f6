"""The op library: importing this package registers every op (see registry.py)."""

from engine.ops import elementwise, indexing, linalg, nn, reduce, shape  # noqa: F401 - registration
from engine.ops.registry import OPS, PRIMITIVES, OpInfo, Primitive

__all__ = ["OPS", "PRIMITIVES", "OpInfo", "Primitive"]
