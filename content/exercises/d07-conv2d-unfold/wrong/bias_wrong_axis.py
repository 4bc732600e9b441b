# expect: must match the size of tensor b (4) at non-singleton dimension 2
# Added the bias as-is: a (O,) bias broadcasts against the last axis of (N, O, L), the output
# positions, not the channels. It crashes (or, when L == O, silently adds the wrong bias).
import torch
import torch.nn.functional as F


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    n, _, h, w = x.shape
    out_c, _, kh, kw = weight.shape
    (sh, sw), (ph, pw), (dh, dw) = _pair(stride), _pair(padding), _pair(dilation)
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    cols = F.unfold(x, (kh, kw), dilation=dilation, padding=padding, stride=stride)
    out = weight.reshape(out_c, -1) @ cols
    if bias is not None:
        out = out + bias
    return out.reshape(n, out_c, h_out, w_out)
