# expect: keep the inputs' dtype
# Casts the sequence to float32, as if every model ran in float32.
import torch
import torch.nn.functional as F


def _check_sizes(images: torch.Tensor, patch: int) -> None:
    h, w = images.shape[-2:]
    if h % patch or w % patch:
        raise ValueError(f"image size {h}x{w} is not divisible by the patch size {patch}")


def patchify_linear(images: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, patch: int) -> torch.Tensor:
    _check_sizes(images, patch)
    cols = F.unfold(images, kernel_size=patch, stride=patch)  # (B, C*P*P, N), (C, P, P) order, row-major
    return cols.transpose(1, 2) @ weight.reshape(weight.shape[0], -1).T + bias  # (B, N, D)


def patchify_conv(images: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, patch: int) -> torch.Tensor:
    _check_sizes(images, patch)
    grid = F.conv2d(images, weight, bias, stride=patch)  # (B, D, H/P, W/P)
    return grid.flatten(2).transpose(1, 2)  # (B, N, D), token = row * (W/P) + col


def embed(images: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, patch: int,
          cls_token: torch.Tensor, pos_embed: torch.Tensor) -> torch.Tensor:
    tokens = patchify_conv(images, weight, bias, patch)
    cls = cls_token.expand(tokens.shape[0], -1, -1)  # a view: gradients flow back to cls_token
    return (torch.cat([cls, tokens], dim=1) + pos_embed).float()
