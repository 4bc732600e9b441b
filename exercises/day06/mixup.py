"""Day 6 · Mixup: blend pairs of examples and their labels.

Mixup (Zhang et al., 2018) trains on convex combinations of pairs of examples. With a mixing
weight ``lam`` (in training drawn from Beta(α, α) once per batch) and a permutation ``perm`` of
the batch (``torch.randperm(B)`` in training), sample i is blended with sample ``perm[i]``:

    x_mixed[i] = lam * x[i] + (1 - lam) * x[perm[i]]
    y_mixed[i] = lam * y[i] + (1 - lam) * y[perm[i]]

Why: the model sees in-between inputs with in-between targets, which smooths its decision
boundaries, calibrates its confidence and regularises it, for almost no cost. The labels must get
the *same* weights as the inputs, or the targets describe a different image than the one shown.

Build three pieces (here ``lam`` and ``perm`` are given, so every result is deterministic):

1. ``mixup(x, y, lam, perm) -> (x_mixed, y_mixed)``
   x: (B, ...) any float batch (images (B, C, H, W) or features (B, D)); y: (B, K) one-hot or
   soft labels (float, rows sum to 1); lam: a Python float in [0, 1]; perm: (B,) int64, a
   permutation of 0..B-1. Returns tensors of the same shapes and dtypes as x and y.
2. ``mixup_loss(logits, targets) -> loss``
   logits: (B, K) raw scores; targets: (B, K) soft targets such as y_mixed. Return the scalar
   (shape ()) cross-entropy with soft targets, averaged over the batch:
   mean over i of −Σ_k targets[i, k] · log_softmax(logits[i])[k].
   For one-hot labels this equals the form in the paper, lam · CE(logits, y_a) + (1 − lam) · CE(logits, y_b).
   Keep the targets soft: turning them back into class indices discards the mixing.

Rules: no Python loops or comprehensions: each piece is one vectorised expression.

What is checked: x_mixed and y_mixed (shape, dtype, values), the loss and its gradient w.r.t. the
logits, on images and feature vectors, one-hot and label-smoothed targets, a batch of one,
size-1 dims, float64 and a non-contiguous (channels-last) batch.
"""

import torch
import torch.nn.functional as F


def mixup(x: torch.Tensor, y: torch.Tensor, lam: float, perm: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError


def mixup_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
