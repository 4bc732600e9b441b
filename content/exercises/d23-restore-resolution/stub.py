"""Day 23 · Restoring resolution: output sizes, output_padding, and upsampling to a skip's size.

An encoder-decoder segmentation network (FCN, U-Net, SegNet) shrinks the image with strided
convolutions and must grow it back to the input size, so that every pixel gets a prediction and
each decoder map can be concatenated with the encoder map of the same size (the skip connection).
With odd sizes this breaks by one pixel: a stride-2 conv maps both 7 and 8 pixels to 4, and a
transposed conv with the same settings maps 4 back to 7. Knowing the sizes exactly fixes it.

Write, for one spatial axis (every argument is a Python int, every return a Python int):

1. ``conv_out(size, kernel, stride=1, padding=0, dilation=1)``: the output size of nn.Conv2d
   (PyTorch's documented formula; the division rounds down).
2. ``conv_transpose_out(size, kernel, stride=1, padding=0, output_padding=0, dilation=1)``: the
   output size of nn.ConvTranspose2d with these settings (see its documentation).
3. ``restoring_output_padding(in_size, kernel, stride, padding, dilation=1)``: the
   output_padding a ConvTranspose2d with the same kernel, stride, padding and dilation needs so
   that it maps conv_out(in_size, ...) back to exactly in_size. Raise ValueError if the input is
   too small for the convolution (conv_out(in_size, ...) < 1). (PyTorch only accepts an
   output_padding smaller than the stride or the dilation; work out why yours always is.)
4. ``upsample_to(x, size)``: resize a (B, C, H, W) feature map to size = (H_out, W_out) (a
   tuple or torch.Size, height first) with bilinear interpolation, align_corners=False, the way
   DeepLab and PSPNet bring logits back to the image size. If x already has that size, return x
   (the same object is fine). Do not change x in place; the result must stay differentiable.

Rules: compute sizes with arithmetic; do not build and run conv layers.

Checked: the three formulas over grids of hidden sizes, kernels, strides, paddings, dilations and
output paddings, against the shapes real nn.Conv2d / nn.ConvTranspose2d layers produce; odd input
sizes; restoring_output_padding by running conv then conv-transpose; the ValueError case; return
types; upsample_to's shape, values and gradient against F.interpolate on non-square, odd,
float64, batch-of-one and non-contiguous inputs, a map whose height already matches but whose width
does not, and that x is not modified.
"""

import torch
import torch.nn.functional as F


def conv_out(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    raise NotImplementedError


def conv_transpose_out(size: int, kernel: int, stride: int = 1, padding: int = 0, output_padding: int = 0,
                       dilation: int = 1) -> int:
    raise NotImplementedError


def restoring_output_padding(in_size: int, kernel: int, stride: int, padding: int, dilation: int = 1) -> int:
    raise NotImplementedError


def upsample_to(x: torch.Tensor, size) -> torch.Tensor:
    raise NotImplementedError
