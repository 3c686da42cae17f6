"""`torch.nn` subset: only `functional` (as `F`)."""
