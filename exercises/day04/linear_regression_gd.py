"""Day 4 · Linear regression by hand-written gradient descent.

Fit ``y ≈ X @ w + b`` by minimising the mean squared error

    L(w, b) = mean((X @ w + b - y) ** 2)

with plain (full-batch) gradient descent whose gradient *you* derive and code: no autograd, no
``torch.optim``. Start from zeros, take ``steps`` steps of size ``lr``, return ``(w, b)``.

Why: this is what ``loss.backward()`` and ``optimizer.step()`` do for you in every training
loop. Deriving dL/dw once by hand, and watching the iterates land on the answer that linear
algebra gives in closed form, makes those two calls much less magic, and it is the first
debugging skill for any model: a gradient that is off by a factor or a sign is a silent bug.

Shapes: X (n, d), y (n,)  →  w (d,) and b () (a 0-dim tensor), both with X's dtype and device.
Math:   r = X @ w + b - y              (residuals, shape (n,))
        dL/dw = (2 / n) · Xᵀ r         dL/db = (2 / n) · sum(r)
        w ← w - lr · dL/dw             b ← b - lr · dL/db      (both from the same r)

Rules: start from w = 0 and b = 0; no ``.backward()``, ``torch.autograd.grad`` or optimizers,
and no closed-form solvers (``lstsq``, ``pinv``, ``solve``, ``inv``). A Python loop over the
steps is expected; the work inside each step is vectorised.

Checked: w and b after a single step (that is your gradient formula), the distance from the
least-squares solution (computed in closed form) after ``steps`` steps, and w and b themselves.
The cases include one feature (d = 1), a single sample (n = 1: the problem is underdetermined,
and gradient descent from zero lands on the minimum-norm solution), float64 and a
non-contiguous X.
"""

import torch


def fit_linear_regression(X: torch.Tensor, y: torch.Tensor, lr: float, steps: int) -> tuple[torch.Tensor, torch.Tensor]:
    raise NotImplementedError
