"""Day 17 · ViT patch embedding, done two ways that must agree, plus the class token and positions.

A Vision Transformer turns an image into a sequence: it cuts the (C, H, W) image into
non-overlapping P x P patches, flattens each patch to a vector of C·P·P numbers and maps it
linearly to D features. With N = (H / P) · (W / P) patches, one image becomes N tokens of size D.
That linear map on non-overlapping patches is exactly a convolution with kernel_size = stride = P,
which is why real implementations (timm's PatchEmbed, torchvision's ViT) use a strided Conv2d.

Write three functions, all for images of shape (B, C, H, W) and one set of parameters:
weight (D, C, P, P) (a Conv2d weight), bias (D,), patch = P.

1. ``patchify_linear(images, weight, bias, patch)``: cut the patches yourself with ``F.unfold``
   (or reshape/permute), flatten each one and apply the linear map ``weight.reshape(D, -1)``.
   Each patch must be flattened in the (C, P, P) order that the conv weight uses.
2. ``patchify_conv(images, weight, bias, patch)``: the same result with ``F.conv2d`` and
   ``stride=patch``, the (B, D, H/P, W/P) grid flattened into tokens.
   Both return (B, N, D), tokens in row-major order: patch (row, col) of the grid is token
   ``row * (W // P) + col``. The two paths must agree (to about 1e-5 in float32).
   If H or W is not a multiple of P, both raise ``ValueError`` with a message: conv and unfold
   would silently crop the border, and the model would never see it.
3. ``embed(images, weight, bias, patch, cls_token, pos_embed)``: the ViT input sequence. Prepend
   the learnable class token cls_token (1, 1, D), expanded over the batch, to the N patch
   tokens, then add the learnable positions pos_embed (1, 1 + N, D) to every token (the class
   token has a position too). Returns (B, 1 + N, D). Gradients must reach cls_token and
   pos_embed (no .detach(), .data, torch.tensor(...) copies).

Contract: outputs keep the dtype and device of the inputs; the inputs (images, weight, bias,
cls_token, pos_embed) are never modified in place; they may be non-contiguous.

Checked on hidden shapes: both paths against the reference (float32 and float64), row-major
patch order, non-square images, C = 1 and C = 3, patch = 1 and patch = H, a batch of one,
large pixel values, non-contiguous images and weight, the ValueError when the sizes do not
divide, the embedded sequence and its gradients w.r.t. cls_token, pos_embed and weight, and
that no input was changed.
"""

import torch
import torch.nn.functional as F


def patchify_linear(images: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, patch: int) -> torch.Tensor:
    raise NotImplementedError


def patchify_conv(images: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, patch: int) -> torch.Tensor:
    raise NotImplementedError


def embed(images: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, patch: int,
          cls_token: torch.Tensor, pos_embed: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
