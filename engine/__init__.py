"""gradserve's engine: reverse-mode autodiff on numpy with torch.autograd's semantics.

The package mirrors the `torch` namespace, so `import engine as torch` runs torch code:
`torch.tensor`, `torch.exp`, `Tensor.backward`, `torch.autograd.grad`, `torch.no_grad`, ...
Every public op of the registry is exported here (and on `Tensor`, and in `engine.nn.functional`
for the `F.` ones).
"""

import numpy as _np

from engine import autograd, ops

# torch computes 1/0, log(0), inf*0 silently; numpy would warn on each. The engine owns its
# numerics, so floating-point warnings are off in the importing thread's context (inherited by
# asyncio tasks and anyio worker threads); engine.program.run turns them off for its own run in
# any thread.
_np.seterr(all="ignore")
from engine.creation import (
    arange,
    empty,
    eye,
    full,
    full_like,
    linspace,
    manual_seed,
    ones,
    ones_like,
    rand,
    randn,
    tensor,
    zeros,
    zeros_like,
)
from engine.dtypes import (
    DType as dtype,
)
from engine.dtypes import (
    bool_ as bool,
)
from engine.dtypes import (
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    long,
    short,
    uint8,
)
from engine.dtypes import (
    float as float,
)
from engine.dtypes import (
    int as int,
)
from engine.grad_mode import enable_grad, is_grad_enabled, no_grad, set_grad_enabled
from engine.ops.registry import OPS
from engine.tensor import Size, Tensor


def is_tensor(obj: object) -> "builtins.bool":  # noqa: F821
    """True for engine tensors."""
    return isinstance(obj, Tensor)


def get_default_dtype() -> dtype:
    return float32


globals().update({name: info.func for name, info in OPS.items() if info.function})

from engine import nn
from engine.nn import functional as _functional

__all__ = [
    "Size",
    "Tensor",
    "arange",
    "autograd",
    "dtype",
    "empty",
    "enable_grad",
    "eye",
    "full",
    "full_like",
    "get_default_dtype",
    "is_grad_enabled",
    "is_tensor",
    "linspace",
    "manual_seed",
    "nn",
    "no_grad",
    "ones",
    "ones_like",
    "ops",
    "rand",
    "randn",
    "set_grad_enabled",
    "tensor",
    "zeros",
    "zeros_like",
]
