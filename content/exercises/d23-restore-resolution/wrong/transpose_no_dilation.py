# expect: without dilation
# Uses kernel - 1 without scaling it by the dilation.
import torch
import torch.nn.functional as F


def conv_out(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def conv_transpose_out(size: int, kernel: int, stride: int = 1, padding: int = 0, output_padding: int = 0,
                       dilation: int = 1) -> int:
    return (size - 1) * stride - 2 * padding + (kernel - 1) + output_padding + 1


def restoring_output_padding(in_size: int, kernel: int, stride: int, padding: int, dilation: int = 1) -> int:
    down = conv_out(in_size, kernel, stride, padding, dilation)
    if down < 1:
        raise ValueError(f"a {in_size}-pixel input is too small for this convolution (output size {down})")
    # what the floor division of conv_out threw away; always in [0, stride)
    return in_size - conv_transpose_out(down, kernel, stride, padding, 0, dilation)


def upsample_to(x: torch.Tensor, size) -> torch.Tensor:
    size = tuple(size)
    if tuple(x.shape[-2:]) == size:
        return x
    return F.interpolate(x, size=size, mode="bilinear", align_corners=False)
