"""Day 9 · Label-smoothing cross-entropy from logits.

Write ``label_smoothing_cross_entropy(logits, target, eps, ignore_index=-100)``, returning the
same number as ``F.cross_entropy(logits, target, label_smoothing=eps, ignore_index=ignore_index)``
(reduction='mean').

Label smoothing replaces the one-hot target of each sample by a softened distribution over the
K classes, with eps spread uniformly over *all* K classes (the true one included):

    q[k] = (1 - eps) * [k == target] + eps / K
    loss_i = -sum_k q[k] * log_softmax(logits_i)[k]
           = (1 - eps) * (-log p[target_i]) + eps * mean_k(-log p[k])

Why: with hard targets the loss keeps pushing the correct logit further up, long after the
prediction is right, and the model becomes over-confident. Smoothing gives that a floor, a
standard regulariser for image classifiers and transformers that often improves calibration.

``ignore_index`` marks targets that do not count (padding tokens, unlabelled pixels): those
samples contribute nothing, and the mean divides by the number of targets that are *not*
ignored. ignore_index may be negative (-100, the default, is not a valid index for gather) or a
real class such as 0 (a padding class).

Shapes: logits (N, K) float, target (N,) int64 class indices → a 0-dim tensor (the mean loss)
of the logits' dtype, with gradients flowing back to logits. logits may be non-contiguous.

Rules: no ``F.cross_entropy`` / ``F.nll_loss`` (or their nn modules) and no Python loops; use
``torch.log_softmax`` (or logits minus ``logsumexp``): ``log(softmax(x))`` underflows to -inf
for confident logits.

Checked: the loss and its gradient w.r.t. logits against the reference, for plain and smoothed
targets, ignored targets, a batch of one, float64, non-contiguous and very confident logits.
"""

import torch


def label_smoothing_cross_entropy(logits: torch.Tensor, target: torch.Tensor, eps: float,
                                  ignore_index: int = -100) -> torch.Tensor:
    raise NotImplementedError
