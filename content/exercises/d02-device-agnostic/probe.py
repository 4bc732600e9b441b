"""Simulates machines by patching the availability checks (restored afterwards), and moves to the
"meta" device so that a CPU-only machine can tell moved tensors from unmoved ones."""

import torch
from torch import nn


class _Machine:
    def __init__(self, cuda: bool, mps: bool):
        self.cuda, self.mps = cuda, mps
        self.saved = []

    def _patch(self, owner, name, value):
        if hasattr(owner, name):
            self.saved.append((owner, name, getattr(owner, name)))
            setattr(owner, name, value)

    def __enter__(self):
        accel = torch.device("cuda") if self.cuda else torch.device("mps") if self.mps else None
        self._patch(torch.cuda, "is_available", lambda: self.cuda)
        self._patch(torch.cuda, "device_count", lambda: 1 if self.cuda else 0)
        self._patch(torch.backends.mps, "is_available", lambda: self.mps)
        self._patch(torch.backends.mps, "is_built", lambda: self.mps)
        if hasattr(torch, "accelerator"):
            self._patch(torch.accelerator, "current_accelerator", lambda check_available=False: accel)
            self._patch(torch.accelerator, "is_available", lambda: accel is not None)
        return self

    def __exit__(self, *exc):
        for owner, name, value in reversed(self.saved):
            setattr(owner, name, value)


def _as_device(value):
    try:
        return str(torch.device(value))
    except (TypeError, RuntimeError):
        return f"{type(value).__name__} {value!r}"[:80]


def _describe(value):
    if isinstance(value, torch.Tensor):
        shape = "(" + ", ".join(str(s) for s in value.shape) + ("," if value.dim() == 1 else "") + ")"
        return f"tensor {shape} {str(value.dtype).removeprefix('torch.')} on {value.device.type}"
    if isinstance(value, (dict, list, tuple)):
        return f"{type(value).__name__} of {len(value)}"
    return repr(value)


def _flatten(value, path, into):
    into[path] = _describe(value)
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{path}[{key!r}]", into)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _flatten(item, f"{path}[{i}]", into)
    return into


def _model(state):
    model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3))
    model.load_state_dict(state)
    return model


def _where(model):
    if not isinstance(model, nn.Module):
        return f"not a module: {type(model).__name__}"
    params = sorted({p.device.type for p in model.parameters()})
    buffers = sorted({b.device.type for b in model.buffers()})
    return f"parameters on {'/'.join(params)}, buffers on {'/'.join(buffers)}"


def run(solution, inputs, device):
    if inputs["kind"] == "pick":
        with _Machine(inputs["cuda"], inputs["mps"]):
            picked = solution.pick_device(inputs["override"])
        return {"device": _as_device(picked)}
    out = solution.prepare(_model(inputs["state"]), inputs["batch"], inputs["override"])
    if not isinstance(out, tuple) or len(out) != 3:
        return {"returned": _describe(out) if not isinstance(out, tuple) else f"tuple of {len(out)}"}
    picked, model, batch = out
    return {"returned": "tuple of 3", "device": _as_device(picked), "model": _where(model),
            **_flatten(batch, "batch", {})}
