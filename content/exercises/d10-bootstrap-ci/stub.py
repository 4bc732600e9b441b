"""Day 10 · A percentile bootstrap confidence interval for any metric, vectorised.

Write ``bootstrap_ci(metric, preds, targets, n_resamples=1000, alpha=0.05, *, generator)``,
returning the two-sided ``1 - alpha`` percentile bootstrap interval of ``metric`` as a tensor
``[low, high]``.

Why: a test accuracy of 0.81 on 200 samples is one draw from a noisy process; another test set
of the same size could give 0.76 or 0.86. The bootstrap estimates that spread from the one test
set you have: resample it n times *with replacement*, recompute the metric on each resample, and
read the interval off the quantiles of those values. It works for metrics with no textbook
formula (F1, a difference between two models, a Brier score), and its width tells you whether a
test set is large enough to separate two models.

The algorithm (Efron's percentile interval):

1. Draw all resamples at once, with exactly one call:
   ``idx = torch.randint(0, n, (n_resamples, n), generator=generator, device=preds.device)``.
   Row b holds the n indices of resample b, so some samples appear twice and others not at all.
2. Index the predictions and the targets with the *same* ``idx`` (a resample keeps whole
   (prediction, target) pairs) and call ``metric`` once on the whole batch:
   ``metric(preds[idx], targets[idx])`` returns one value per resample, shape (n_resamples,).
3. Return ``torch.quantile(stats, q)`` with ``q = [alpha / 2, 1 - alpha / 2]`` as a tensor of the
   stats' dtype (0.025 and 0.975 for a 95 % interval; the default linear interpolation).

``metric(p, t)`` takes p of shape (B, n, ...) and t of shape (B, n) and returns (B,); for example
accuracy is ``lambda p, t: (p == t).float().mean(dim=1)``. preds may have extra dimensions after
the first, e.g. (n, 2) for the predictions of two models on the same samples, whose metric is
the difference of their accuracies (a *paired* bootstrap: both models see the same resamples).

Shapes: preds (n, ...) and targets (n,) (any dtype the metric accepts; preds may be a
non-contiguous view), n >= 1, n_resamples >= 1 → a tensor of shape (2,) with the metric's dtype
on preds' device. ``generator`` is a ``torch.Generator`` on that device: with the same seed the
interval must come out the same, so draw from it, never from the global RNG.

Rules: no Python loops or comprehensions (one batched call of the metric does all the work), and
don't change the inputs.

Checked against the reference (same generator seed, so the same resamples) on accuracy, MAE of
heavy-tailed float64 errors around 1e6, a paired accuracy difference, a binary F1 of a rare
class, a Brier score on a non-contiguous view, n = 1 and n_resamples = 1: the interval (shape,
dtype, values), one call of the metric with preds of shape (n_resamples, n, ...), the generator's
state afterwards (one draw of the right size), the global RNG and the inputs untouched.
"""

import torch


def bootstrap_ci(metric, preds: torch.Tensor, targets: torch.Tensor, n_resamples: int = 1000,
                 alpha: float = 0.05, *, generator: torch.Generator) -> torch.Tensor:
    raise NotImplementedError
