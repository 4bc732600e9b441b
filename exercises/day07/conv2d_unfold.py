"""Day 7 · 2-D convolution as one matrix multiply (im2col with ``F.unfold``).

Build ``conv2d_unfold(x, weight, bias, stride, padding, dilation)`` that returns exactly what
``F.conv2d(x, weight, bias, stride=stride, padding=padding, dilation=dilation)`` returns
(groups=1), without calling any convolution.

Why: this is how convolution is really computed in many libraries ("im2col + GEMM"). Copy every
receptive-field patch of the input into a column, and the whole convolution becomes one matrix
product between the flattened filters and the columns. Writing it yourself makes the output-size
formula, the role of stride / padding / dilation and the layout of ``weight`` concrete.

Shapes:
    x       (N, C, H, W)               any float dtype, possibly non-contiguous
    weight  (O, C, kh, kw)             O filters, each looking at all C input channels
    bias    (O,) or None
    stride, padding, dilation          an int (same for both axes) or a pair (along H, along W)
    return  (N, O, H_out, W_out), same dtype as x, where along each axis
            H_out = (H + 2*padding - dilation*(kh - 1) - 1) // stride + 1

The tool: ``F.unfold(x, kernel_size, dilation=..., padding=..., stride=...)`` returns
(N, C*kh*kw, L): column l holds the patch under output position l (L = H_out * W_out, in
row-major order), its rows ordered channel first, then kernel row, then kernel column, which is
the same order as ``weight[o].reshape(-1)``.

Rules: no ``conv2d`` / ``nn.Conv2d`` / ``convolution`` calls. Loops are allowed but not needed.

Checked: the output and the gradients w.r.t. x, weight and bias (from a random upstream
gradient) against the reference, on cases with stride, padding, dilation (ints and pairs),
non-square images and kernels, 1x1 kernels, a batch of one, no bias, float64 and a
non-contiguous input.
"""

import torch
import torch.nn.functional as F


def conv2d_unfold(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                  stride=1, padding=0, dilation=1) -> torch.Tensor:
    raise NotImplementedError
