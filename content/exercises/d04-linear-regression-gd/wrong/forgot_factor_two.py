# expect: `w after 1 step`: values differ
# Differentiates r² as r instead of 2r: every step is half as long as it should be.
import torch


def fit_linear_regression(X, y, lr, steps):
    n, d = X.shape
    w = torch.zeros(d, dtype=X.dtype, device=X.device)
    b = torch.zeros((), dtype=X.dtype, device=X.device)
    for _ in range(steps):
        r = X @ w + b - y
        w = w - lr * (X.T @ r) / n
        b = b - lr * r.mean()
    return w, b
