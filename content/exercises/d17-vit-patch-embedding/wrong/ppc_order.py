# expect: flattens the conv weight as (C, P, P)
# Cuts the patches with reshape/permute but moves the channels last, (P, P, C), as in an
# HWC image library, while the conv weight flattens channel first.
import torch
import torch.nn.functional as F


def _check(images, patch):
    if images.shape[-2] % patch or images.shape[-1] % patch:
        raise ValueError(f"size {tuple(images.shape[-2:])} not divisible by {patch}")


def patchify_linear(images, weight, bias, patch):
    _check(images, patch)
    b, c, h, w = images.shape
    x = images.reshape(b, c, h // patch, patch, w // patch, patch).permute(0, 2, 4, 3, 5, 1)
    return x.reshape(b, -1, c * patch * patch) @ weight.reshape(weight.shape[0], -1).T + bias


def patchify_conv(images, weight, bias, patch):
    _check(images, patch)
    return F.conv2d(images, weight, bias, stride=patch).flatten(2).transpose(1, 2)



def embed(images, weight, bias, patch, cls_token, pos_embed):
    tokens = patchify_conv(images, weight, bias, patch)
    return torch.cat([cls_token.expand(tokens.shape[0], -1, -1), tokens], dim=1) + pos_embed

