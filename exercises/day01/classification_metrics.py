"""Day 1 · Classification metrics from a confusion matrix.

Given integer class predictions ``preds`` and true labels ``targets`` (both 1-D int64 tensors
of length N, values in 0 … K-1) and the number of classes ``num_classes`` (K), return a dict:

    "confusion"  (K, K) int64    confusion[i, j] = how many samples of true class i were
                                  predicted as class j (rows: truth, columns: prediction)
    "precision"  (K,)   float32  TP / (TP + FP): of the samples predicted as class k, the share
                                  that really is k  (diagonal / column sums)
    "recall"     (K,)   float32  TP / (TP + FN): of the samples that really are class k, the
                                  share found  (diagonal / row sums)
    "f1"         (K,)   float32  harmonic mean of precision and recall = 2·TP / (2·TP + FP + FN)
    "macro_f1"   ()     float32  the plain mean of the K per-class F1 scores (a 0-d tensor)

The zero-division rule: whenever a denominator is 0 (a class never predicted, never present,
or both), that metric is 0, never NaN. A class that appears nowhere still counts in the macro
average, with F1 = 0 (this is scikit-learn's ``zero_division=0`` with ``labels=range(K)``).

Why: accuracy hides what matters on imbalanced data (fraud, disease, defects). Precision tells
you how trustworthy a positive prediction is, recall how many positives you catch, and macro-F1
weighs every class equally however rare it is. All of them are ratios of the counts in one
confusion matrix, so you build that matrix once and read everything off it.

Rules: no Python loops or comprehensions, and no library metric functions (scikit-learn,
torchmetrics). Hint: ``torch.bincount`` counts integers; give each (target, prediction) pair
its own integer.

Checked: every entry of the dict, on several seeded cases: random labels, classes that are
never predicted or never present, a single sample, one class only (K = 1), and a
non-contiguous (strided) input. Shapes and dtypes first, then values.
"""

import torch


def classification_metrics(preds: torch.Tensor, targets: torch.Tensor, num_classes: int) -> dict[str, torch.Tensor]:
    raise NotImplementedError
