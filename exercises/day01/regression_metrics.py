"""Day 1 · Regression metrics for a batch of series: MAE, MSE, RMSE and R².

``pred`` and ``target`` have shape (B, T): B independent series (sensors, stores, patients) of
T values each. Return a dict with one value per series, every entry of shape (B,) and of the
inputs' dtype (float32 in, float32 out; float64 in, float64 out):

    "mae"   mean absolute error      mean_t |pred - target|
    "mse"   mean squared error       mean_t (pred - target)²
    "rmse"  root mean squared error  sqrt(MSE), in the units of the target
    "r2"    coefficient of determination  1 - SS_res / SS_tot, where
              SS_res = Σ_t (target - pred)²  and  SS_tot = Σ_t (target - mean_t(target))²

The zero-division rule for R²: when a series' target is constant (SS_tot = 0), R² is 1.0 if the
prediction is perfect (SS_res = 0) and 0.0 otherwise (scikit-learn's ``force_finite`` rule).
Never return NaN or ±inf.

Why: MAE is robust and easy to explain, MSE is what most models minimise, RMSE puts the error
back in the target's units, and R² compares the model with always predicting the mean (1 is
perfect, 0 is no better than the mean, negative is worse). Computing them for a whole batch in
one go (a reduction over ``dim=-1``) is the first habit of vectorised evaluation.

Rules: no Python loops or comprehensions. Careful: ``torch.var`` divides by T - 1 by default.

Checked: every entry, on seeded cases: several series, a batch of one, float64, non-contiguous
(transposed) inputs, constant targets (perfect and imperfect predictions) and one-step series
(T = 1, where every target is constant). Shape and dtype first, then values.
"""

import torch


def regression_metrics(pred: torch.Tensor, target: torch.Tensor) -> dict[str, torch.Tensor]:
    raise NotImplementedError
