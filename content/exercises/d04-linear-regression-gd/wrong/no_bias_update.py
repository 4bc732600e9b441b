# expect: `b after 1 step`: values differ
# Updates the weights but never the bias, so b stays 0 and w has to make up for it.
import torch


def fit_linear_regression(X, y, lr, steps):
    n, d = X.shape
    w = torch.zeros(d, dtype=X.dtype, device=X.device)
    b = torch.zeros((), dtype=X.dtype, device=X.device)
    for _ in range(steps):
        r = X @ w + b - y
        w = w - lr * 2 * (X.T @ r) / n
    return w, b
