"""Day 6 · Per-channel normalisation statistics over a stream of batches.

Build the two halves of ``transforms.Normalize(mean, std)``: first measure the statistics, then
apply them.

1. ``channel_stats(batches)``: ``batches`` yields image batches of shape (N, C, H, W) (N may
   differ from batch to batch). Return ``(mean, std)``, each of shape (C,): the mean and the
   **population** standard deviation (divide by the count, not count − 1, i.e. ``correction=0``)
   of every pixel value of each channel over the whole dataset, in the batches' dtype.
2. ``normalize(x, mean, std)``: return ``(x - mean) / std`` per channel, for ``x`` of shape
   (C, H, W) or (N, C, H, W) and ``mean``, ``std`` of shape (C,). Don't modify ``x`` in place.

Why: inputs with zero mean and unit variance per channel keep activations and gradients in a good
range from the first step. The statistics must come from the training set only (using validation
data here leaks it into preprocessing), and a real training set does not fit in memory: you see
it one DataLoader batch at a time, once.

Rules:
- Stream. ``batches`` is a one-shot iterable (like a generator reading from disk): iterate it
  exactly once, and don't keep the batches (no ``list(batches)``, no ``torch.cat`` of everything,
  no appending batches to a list). Keep running per-channel totals instead.
- The std of the whole dataset is not the average of the per-batch stds, and the mean is not the
  average of the per-batch means when batches differ in size. Combine totals, not summaries.
- Mind precision: E[x²] − E[x]² in float32 cancels catastrophically when the mean is large and the
  spread small (think temperatures in kelvin, 300 ± 0.5). Accumulate in float64, or merge
  per-batch (count, mean, M2) with Chan's formula.

What is checked: ``mean`` and ``std`` (shape (C,), dtype, values) on several streams (unequal
batch sizes, a batch of one, 1×1 images, float64, non-contiguous batches, a large offset); how
many batches your code kept alive at once; ``normalize`` on its own (given mean and std, a single
(C, H, W) image among the cases, non-contiguous input) and that it leaves ``x`` unchanged.
"""

from collections.abc import Iterable

import torch


def channel_stats(batches: Iterable[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError


def normalize(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
