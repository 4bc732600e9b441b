"""Day 3 · Pairwise distances by broadcasting.

Given points ``x`` of shape (n, d) and ``y`` of shape (m, d), return the (n, m) matrix of
Euclidean distances: ``out[i, j] = ||x[i] - y[j]||``.

Why: distance matrices appear everywhere (k-NN, clustering, contrastive losses, attention), and
computing one with broadcasting instead of two Python loops is the first big speed-up a PyTorch
user learns: one vectorised kernel instead of n·m tiny ones.

Rules: no Python loops or comprehensions, and no ``torch.cdist`` / ``torch.pdist``.
Shapes: x (n, d), y (m, d) → (n, m), same dtype and device as the inputs.
Gradients must flow to both x and y.
"""

import torch


def pairwise_distances(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
