# expect: prepend the class token to the N patch tokens
# Forgets the class token: the (1, 1 + N, D) positions no longer fit the N patch tokens.
import torch
import torch.nn.functional as F


def _check(images, patch):
    if images.shape[-2] % patch or images.shape[-1] % patch:
        raise ValueError(f"size {tuple(images.shape[-2:])} not divisible by {patch}")



def patchify_linear(images, weight, bias, patch):
    _check(images, patch)
    cols = F.unfold(images, kernel_size=patch, stride=patch)
    return cols.transpose(1, 2) @ weight.reshape(weight.shape[0], -1).T + bias



def patchify_conv(images, weight, bias, patch):
    _check(images, patch)
    return F.conv2d(images, weight, bias, stride=patch).flatten(2).transpose(1, 2)


def embed(images, weight, bias, patch, cls_token, pos_embed):
    return patchify_conv(images, weight, bias, patch) + pos_embed
