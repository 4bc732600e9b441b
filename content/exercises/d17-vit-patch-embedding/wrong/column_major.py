# expect: column-major order
# Flattens the patch grid column by column (the grid transposed), in both paths.
import torch
import torch.nn.functional as F


def _check(images, patch):
    if images.shape[-2] % patch or images.shape[-1] % patch:
        raise ValueError(f"size {tuple(images.shape[-2:])} not divisible by {patch}")


def patchify_linear(images, weight, bias, patch):
    _check(images, patch)
    b, c, h, w = images.shape
    x = images.reshape(b, c, h // patch, patch, w // patch, patch).permute(0, 4, 2, 1, 3, 5)
    return x.reshape(b, -1, c * patch * patch) @ weight.reshape(weight.shape[0], -1).T + bias


def patchify_conv(images, weight, bias, patch):
    _check(images, patch)
    return F.conv2d(images, weight, bias, stride=patch).transpose(2, 3).flatten(2).transpose(1, 2)


def embed(images, weight, bias, patch, cls_token, pos_embed):
    tokens = patchify_conv(images, weight, bias, patch)
    return torch.cat([cls_token.expand(tokens.shape[0], -1, -1), tokens], dim=1) + pos_embed

