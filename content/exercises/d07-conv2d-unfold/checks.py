import torch
import torch.nn.functional as F


def _case(name, x, out_c, kernel, bias=True, stride=1, padding=0, dilation=1):
    kh, kw = (kernel, kernel) if isinstance(kernel, int) else kernel
    weight = torch.randn(out_c, x.shape[1], kh, kw, dtype=x.dtype, device=x.device)
    b = torch.randn(out_c, dtype=x.dtype, device=x.device) if bias else None
    # the upstream gradient has the shape F.conv2d gives, so a wrong output size shows up as a shape message
    shape = F.conv2d(x, weight, b, stride=stride, padding=padding, dilation=dilation).shape
    return name, {"x": x, "weight": weight, "bias": b, "stride": stride, "padding": padding, "dilation": dilation,
                  "upstream": torch.randn(shape, dtype=x.dtype, device=x.device)}


def cases(device):
    f64 = dict(dtype=torch.float64, device=device)
    return [
        _case("3x3 kernel, stride 1, no padding", torch.randn(2, 3, 8, 8, device=device), 4, 3),
        _case("stride 2, padding 1, 7x9 image", torch.randn(2, 3, 7, 9, device=device), 5, 3, stride=2, padding=1),
        _case("batch of one, dilation 2, padding 2", torch.randn(1, 2, 10, 10, device=device), 4, 3,
              padding=2, dilation=2),
        _case("2x3 kernel, stride (2, 1), padding (1, 0), dilation (1, 2), no bias",
              torch.randn(3, 2, 6, 11, device=device), 3, (2, 3), bias=False, stride=(2, 1), padding=(1, 0),
              dilation=(1, 2)),
        _case("1x1 kernel on a 1-pixel-high image, one output channel", torch.randn(2, 4, 1, 5, device=device), 1, 1),
        _case("float64, channels-last (non-contiguous) input, stride 3, dilation 2",
              torch.randn(2, 9, 8, 3, **f64).permute(0, 3, 1, 2), 2, 3, stride=3, padding=1, dilation=2),
    ]


# a matmul over C·kh·kw terms in a different order than the reference: looser than elementwise
RTOL, ATOL = 1e-4, 1e-5
