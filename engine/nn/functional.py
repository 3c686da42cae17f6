"""`torch.nn.functional` (imported as `F`): every registry op declared with functional=True."""

from engine.ops.registry import OPS

globals().update({name: info.func for name, info in OPS.items() if info.functional})
