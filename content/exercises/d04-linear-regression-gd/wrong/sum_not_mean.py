# expect: `w after 1 step`: values differ
# Uses the gradient of the *sum* of squared errors: steps n times too long, so it diverges.
import torch


def fit_linear_regression(X, y, lr, steps):
    n, d = X.shape
    w = torch.zeros(d, dtype=X.dtype, device=X.device)
    b = torch.zeros((), dtype=X.dtype, device=X.device)
    for _ in range(steps):
        r = X @ w + b - y
        w = w - lr * 2 * (X.T @ r)
        b = b - lr * 2 * r.sum()
    return w, b
