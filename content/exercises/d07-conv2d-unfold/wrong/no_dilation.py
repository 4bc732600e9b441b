# expect: output: expected shape (1, 4, 10, 10), got (1, 4, 12, 12)
# Forgot dilation everywhere: unfold takes dense patches and the size formula uses kh instead of
# dilation*(kh - 1) + 1. Right whenever dilation is 1, wrong shape as soon as it is not.
import torch
import torch.nn.functional as F


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    n, _, h, w = x.shape
    out_c, _, kh, kw = weight.shape
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    cols = F.unfold(x, (kh, kw), padding=padding, stride=stride)
    out = weight.reshape(out_c, -1) @ cols
    if bias is not None:
        out = out + bias[:, None]
    return out.reshape(n, out_c, h_out, w_out)
