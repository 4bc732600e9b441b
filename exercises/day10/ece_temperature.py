"""Day 10 · Expected calibration error, and temperature scaling to fix it.

Part 1. Write ``expected_calibration_error(probs, labels, n_bins=15)``.

A classifier is *calibrated* when its confidence means what it says: of all the predictions
made with confidence 0.8, about 80 % are right. The expected calibration error (ECE, Guo et al.
2017) measures the gap. Each prediction has a confidence, the top probability
``probs.max(dim=1)``, and is correct or not (its argmax equals the label). Split [0, 1] into
``n_bins`` equal-width bins B_1 … B_M, bin m being the interval ((m - 1) / M, m / M]: closed on the
right, so a confidence of exactly 0.5 falls in the bin that ends at 0.5, and 1.0 in the last bin.
Then

    ECE = sum_m |B_m| / N * |acc(B_m) - conf(B_m)|

where acc(B_m) is the accuracy and conf(B_m) the mean confidence of the predictions in bin m.
An empty bin contributes 0 (its 0/0 is never computed). This is the number a reliability
diagram shows: the bar heights are acc(B_m), and the ECE is their weighted distance from the
diagonal.

Shapes: probs (N, K) float (each row sums to 1; may be non-contiguous), labels (N,) int64,
N >= 1 → a 0-dim tensor of probs' dtype on probs' device.

Part 2. Write ``fit_temperature(logits, labels)``.

Modern networks are often over-confident. Temperature scaling (Guo et al. 2017) fixes that
after training with one number T > 0: the calibrated probabilities are softmax(logits / T).
T > 1 softens over-confident predictions, T < 1 sharpens under-confident ones, and the argmax,
hence the accuracy, never changes. T is fitted on held-out (validation) logits by minimising
the negative log-likelihood

    NLL(T) = mean_i -log softmax(logits_i / T)[labels_i]     (F.cross_entropy(logits / T, labels))

Return the fitted T as a plain Python float. The model is fixed: only T is learned, and the
caller's logits must not change. The best T can be far from 1 (0.5, or 20 for a badly
over-confident model), so optimise until the NLL stops falling; optimising log T instead of T
keeps T positive. The labels always contain some mistakes, so a finite best T exists.

Shapes: logits (N, K) float32 or float64 (may be non-contiguous, may be shifted by large
constants per row, which leaves the softmax unchanged, and may still require grad, as logits
straight from ``model(x)`` do), labels (N,) int64 → a float.

Rules: none beyond the contracts: no input may be changed in place, and ``fit_temperature`` must
work on any device (create new tensors on ``logits.device``).

Checked: the ECE against the reference on several seeded cases (over- and under-confident models,
confidences exactly on bin edges, mostly empty bins, confidences that round to 1.0, float64, a
single prediction, one bin, non-contiguous input) and its return type; the fitted T against the
optimum of the NLL (within 1 %) on hidden miscalibrated models (best T near 0.5, 1, 2.5 and 20,
shifted logits, float64, a small validation set, logits that require grad) and its type; that no
gradient reaches the model that made the logits; the inputs after each call.
"""

import torch
import torch.nn.functional as F


def expected_calibration_error(probs: torch.Tensor, labels: torch.Tensor, n_bins: int = 15) -> torch.Tensor:
    raise NotImplementedError


def fit_temperature(logits: torch.Tensor, labels: torch.Tensor) -> float:
    raise NotImplementedError
