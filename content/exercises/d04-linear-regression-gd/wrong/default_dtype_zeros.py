# expect: must have the same dtype
# Creates w with torch.zeros(d): float32 by default, which clashes with a float64 X.
import torch


def fit_linear_regression(X, y, lr, steps):
    n, d = X.shape
    w = torch.zeros(d)
    b = torch.zeros(())
    for _ in range(steps):
        r = X @ w + b - y
        w = w - lr * 2 * (X.T @ r) / n
        b = b - lr * 2 * r.mean()
    return w, b
