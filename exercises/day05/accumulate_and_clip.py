"""Day 5 · Gradient accumulation with clipping: k micro-batches, one optimizer step.

Write ``train_step(model, optimizer, micro_batches, max_norm)``: one optimizer step whose
gradient is the gradient of the large batch made of all the ``micro_batches``, computed one
micro-batch at a time, clipped to total norm ``max_norm``, then applied.

Why: the batch you want often does not fit in memory. Gradient accumulation runs k small
forward/backward passes and sums their gradients in ``.grad`` (backward *adds* into ``.grad``),
so peak memory is that of one micro-batch while the update is the large-batch update.
Gradient clipping (``torch.nn.utils.clip_grad_norm_``) guards against exploding gradients by
rescaling the whole gradient when its total norm exceeds ``max_norm``; it is meant for the
gradient you actually apply, so it must see the complete, accumulated gradient.

Inputs:
    model          an ``nn.Module`` mapping x (b, d_in) to predictions (b, d_out)
    optimizer      a ``torch.optim`` optimizer over ``model.parameters()`` (SGD in the checks)
    micro_batches  a list of k pairs ``(x, y)``, x (b, d_in), y (b, d_out); all the same size b
    max_norm       float, the largest allowed total gradient norm
Returns the loss of the whole large batch as a Python float (the mean of the k micro-batch
losses), computed before the update.

The loss of a micro-batch is the mean squared error ``F.mse_loss(model(x), y)``. The loss of
the large batch (k·b samples) is the mean of the k micro-batch losses, so its gradient is the
sum over micro-batches of ``grad(loss_j / k)``.

Rules (the order is the lesson):
  * Start from clean gradients: ``optimizer.zero_grad()`` (the same model is trained for
    several steps in a row, so last step's gradients are still in ``.grad``).
  * One forward and one ``backward()`` per micro-batch, inside the loop: don't concatenate the
    micro-batches and don't sum the losses into one graph (that defeats the memory saving).
  * Clip once, after the last micro-batch, over all parameters together:
    ``torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)``.
  * Then exactly one ``optimizer.step()``.

What is checked, over two consecutive steps on the same model: how many times
``optimizer.step()`` and ``backward()`` ran, the returned loss, every parameter's gradient at the
moment ``optimizer.step()`` ran (it must equal the clipped large-batch gradient), and the
parameters after each step. Cases: clipping inactive and active, a single micro-batch (k = 1),
micro-batches of one sample in float64 with momentum, and a non-contiguous x with d_out = 1.
"""

import torch
import torch.nn.functional as F
from torch import nn


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer,
               micro_batches: list[tuple[torch.Tensor, torch.Tensor]], max_norm: float) -> float:
    raise NotImplementedError
