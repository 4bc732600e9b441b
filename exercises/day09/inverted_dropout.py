"""Day 9 · Inverted dropout as an nn.Module.

Build ``InvertedDropout(p)``, a layer that behaves like ``nn.Dropout(p)``:

- training mode (``layer.train()``, the default): zero each element of ``x`` independently
  with probability ``p`` and multiply the elements that survive by ``1 / (1 - p)``;
- eval mode (``layer.eval()``): return ``x`` unchanged.

Why: dropout stops units from relying on particular other units (co-adaptation), a cheap and
strong regulariser. Scaling the survivors by 1 / (1 - p) *during training* keeps the expected
value of every activation equal to its input, so the next layer sees the same scale in training
and at test time, and eval mode needs no change at all. This "inverted" form is what PyTorch's
``nn.Dropout`` does. A layer that still drops in eval mode, or scales there, makes validation
numbers noisy or wrongly scaled, which is why ``model.eval()`` matters.

Shapes: ``x`` may have any shape; the output has x's shape, dtype and device. Gradients flow
through the kept elements (times 1 / (1 - p)) and are zero for the dropped ones.
Edge cases: ``p = 0`` keeps everything (output equals x); ``p = 1`` drops everything, so the
output must be all zeros, not NaN (1 / (1 - p) is infinite there).

Rules: no ``nn.Dropout``, ``F.dropout`` or any other built-in dropout: draw the mask yourself
(``torch.rand_like(x)`` gives one uniform number per element, on x's device). Read the mode from
``self.training``, which ``.train()`` and ``.eval()`` set.

Checked: the mask is random, so the checks look at properties rather than exact values: the
fraction of zeros is about p, kept elements equal x / (1 - p), mean(output / x) is about 1, each
call and each sample draw a new mask, gradients, eval returns x exactly, p = 0 and p = 1.
"""

import torch
from torch import nn


class InvertedDropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
