"""Day 8 · A ResNet BasicBlock with identity and projection shortcuts.

Build the two-convolution residual block of ResNet-18/34. Instead of learning a mapping H(x)
directly, the block learns a residual F(x) and adds the input back:

    out = ReLU( F(x) + shortcut(x) ),   F(x) = bn2(conv2( ReLU(bn1(conv1(x))) ))

Why it matters: the addition gives gradients a path that skips the convolutions, so very deep
networks still train (a block that has nothing to add can learn F ≈ 0 and pass x through).
It only works if both terms of the sum have the same shape, which is what the shortcut is for:

- identity shortcut (``nn.Identity()``, no parameters) when ``stride == 1`` and
  ``in_channels == out_channels``;
- projection shortcut otherwise: a 1×1 conv with the same stride, then a BatchNorm, so that it
  changes the channels and the spatial size exactly as the main path does.

Shapes: x (N, in_channels, H, W) → (N, out_channels, H', W') with H' = (H - 1) // stride + 1
(likewise W'). Only conv1 and the shortcut conv use ``stride``; conv2 always has stride 1.

Layers (the names and shapes are checked; they match ``torchvision.models.resnet.BasicBlock``,
so a pretrained state dict would load into your block):

    conv1        Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
    bn1          BatchNorm2d(out_channels)
    conv2        Conv2d(out_channels, out_channels, 3, stride=1, padding=1, bias=False)
    bn2          BatchNorm2d(out_channels)
    downsample   nn.Sequential(Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                               BatchNorm2d(out_channels))    when a projection is needed,
                 nn.Identity()                                otherwise (or None, if you test it)

No conv has a bias: the BatchNorm right after it subtracts the mean, which cancels any bias.

What the checks do: build ``BasicBlock(in_channels, out_channels, stride)``, compare its
``state_dict()`` names and shapes with the expected ones, load seeded weights and BatchNorm
statistics into it, then compare the shape coming out of conv1, whether the output is
non-negative (the last ReLU), the output in training mode (BatchNorm uses the batch
statistics), the gradient w.r.t. x, and the output in eval mode (running statistics). Cases
include identity and projection shortcuts, a stride-2 block that keeps its channels, a batch of
one, a 1×1 image, float64 and a non-contiguous input.
"""

import torch
import torch.nn.functional as F
from torch import nn


class BasicBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1) -> None:
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
