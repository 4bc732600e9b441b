"""Day 2 · Device-agnostic code: pick the device, move the model and a nested batch to it.

Write three functions:

``pick_device(override=None) -> torch.device``
    If ``override`` is a string such as "cpu", "cuda:1" or "mps", return ``torch.device(override)``
    (the user asked for it: no detection). Otherwise return the best available device:
    "cuda" if ``torch.cuda.is_available()``, else "mps" if ``torch.backends.mps.is_available()``
    (Apple silicon), else "cpu".

``move_to(obj, device)``
    Return ``obj`` with every tensor moved to ``device``, walking through nested dicts, lists and
    tuples and keeping their types (a tuple stays a tuple). Anything that is not a tensor
    (strings, numbers, None) is kept as it is. Moving never changes a tensor's dtype or shape:
    int64 labels stay int64, bool masks stay bool.

``prepare(model, batch, override=None) -> (device, model, batch)``
    Pick the device, move the model (parameters *and* buffers) and the batch to it, and return
    all three.

Why: the same script should run on a laptop, a Mac and a GPU server without edits. Writing
``device = pick_device()`` once and ``.to(device)`` everywhere is the habit; the classic bugs are
forgetting that ``tensor.to(device)`` returns a new tensor (``module.to`` works in place, tensors
do not), crashing on the non-tensor parts of a batch (ids, file names), and casting labels to
float while moving them.

Checked: ``pick_device`` on simulated machines (CUDA, Apple silicon, CPU only) and with
overrides; ``prepare`` with override "meta" (PyTorch's data-less device, so a CPU-only machine
can see that everything really moved) on a model with a BatchNorm layer and a nested batch:
the device, dtype and shape of every tensor, the type of every container, every other value.
"""

import torch
from torch import nn


def pick_device(override: str | None = None) -> torch.device:
    raise NotImplementedError


def move_to(obj, device):
    raise NotImplementedError


def prepare(model: nn.Module, batch: dict, override: str | None = None) -> tuple[torch.device, nn.Module, dict]:
    raise NotImplementedError
