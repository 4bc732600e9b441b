import torch
import torch.nn.functional as F


def _pair(v) -> tuple[int, int]:
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_unfold(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                  stride=1, padding=0, dilation=1) -> torch.Tensor:
    n, _, h, w = x.shape
    out_c, _, kh, kw = weight.shape
    (sh, sw), (ph, pw), (dh, dw) = _pair(stride), _pair(padding), _pair(dilation)
    h_out = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    # (N, C·kh·kw, L): one column per output position, rows ordered channel-major like weight
    cols = F.unfold(x, (kh, kw), dilation=dilation, padding=padding, stride=stride)
    out = weight.reshape(out_c, -1) @ cols  # (O, C·kh·kw) @ (N, C·kh·kw, L) -> (N, O, L)
    if bias is not None:
        out = out + bias[:, None]  # (O, 1) broadcasts over the L positions
    return out.reshape(n, out_c, h_out, w_out)
