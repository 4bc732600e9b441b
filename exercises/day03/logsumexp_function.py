"""Day 3 · A numerically stable LogSumExp as a custom ``torch.autograd.Function``.

Write ``LogSumExp``, a ``torch.autograd.Function`` that reduces the last dimension:

    out[...] = log(sum_j exp(x[..., j]))

with your own ``forward`` *and* ``backward``. It is used as ``LogSumExp.apply(x)``.

Why: logsumexp is inside every softmax, cross-entropy and log-likelihood. Computed naively,
``exp(x)`` overflows to ``inf`` in float32 as soon as an entry passes ~88, so real code shifts
by the maximum first: ``logsumexp(x) = m + log(sum(exp(x - m)))`` with ``m = max(x)``. Writing
the backward yourself is how you teach autograd an operation (a fused kernel, a stable formula,
a straight-through trick) and it shows the chain rule at work: autograd hands you
``grad_out = dL/d out`` and you return ``dL/d x``.

Shapes: x (..., d) → out (...): the last dimension is reduced, any leading dimensions stay.
        backward receives grad_out with the shape of out and returns a gradient shaped like x.
Math:   d out / d x[..., j] = exp(x[..., j] - out[...])   (the softmax of x along the last dim)

Rules:
- ``forward(ctx, x)`` computes the result (autograd is switched off inside it) and stores what
  ``backward`` needs with ``ctx.save_for_backward(...)``.
- ``backward(ctx, grad_out)`` reads ``ctx.saved_tensors`` and returns dL/dx.
- No ``torch.logsumexp`` and no ``log_softmax``.

Checked: the output (also for large entries such as 1000, where the naive formula overflows, for
a batch of one, a last dimension of size 1, float64 and non-contiguous input), the gradient
w.r.t. x for a random upstream gradient, and ``torch.autograd.gradcheck`` in float64, which
compares your backward with finite differences of your forward.
"""

import torch


class LogSumExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    @staticmethod
    def backward(ctx, grad_out: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
