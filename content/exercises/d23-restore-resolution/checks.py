"""Hidden cases: size formulas over grids of hidden settings (checked against real nn.Conv2d and
nn.ConvTranspose2d), the output_padding that restores a size (checked by running conv then
conv-transpose), and upsample_to against F.interpolate."""

import math
import random

import torch
import torch.nn.functional as F

from quizzer.practice.compare import compare_value

NAMES = {"conv": ("conv_out", ("size", "kernel", "stride", "padding", "dilation")),
         "transpose": ("conv_transpose_out", ("size", "kernel", "stride", "padding", "output_padding", "dilation")),
         "restore": ("restoring_output_padding", ("in_size", "kernel", "stride", "padding", "dilation"))}


def _conv(n, k, s, p, d):
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def _grids(rng):
    conv, transpose, restore = [], [], []
    while len(conv) < 40:
        g = (rng.randint(1, 24), rng.choice([1, 2, 3, 4, 5, 7]), rng.choice([1, 2, 3]), rng.randint(0, 3),
             rng.choice([1, 1, 2, 3]))
        if _conv(*g) >= 1:
            conv.append(g)
    while len(transpose) < 40:
        n, k, s, p, d = rng.randint(1, 12), rng.choice([1, 2, 3, 4, 5]), rng.choice([1, 2, 3]), rng.randint(0, 2), rng.choice([1, 1, 2, 3])
        g = (n, k, s, p, rng.randrange(max(s, d)), d)
        if (n - 1) * s - 2 * p + d * (k - 1) + g[4] + 1 >= 1:
            transpose.append(g)
    while len(restore) < 30:
        g = (rng.randint(5, 33), rng.choice([2, 3, 4, 5]), rng.choice([2, 3]), rng.randint(0, 2), rng.choice([1, 1, 2]))
        if _conv(*g) >= 1:
            restore.append(g)
    return conv, transpose, restore


def cases(device):
    conv, transpose, restore = _grids(random.Random(23))
    unet = [(7, 3, 2, 1, 1), (8, 3, 2, 1, 1), (7, 2, 2, 0, 1), (9, 4, 2, 1, 1), (11, 3, 3, 1, 1), (13, 3, 2, 2, 2)]

    def up(name, x, size):
        out_shape = tuple(x.shape[:2]) + tuple(size)
        return (name, {"kind": "upsample", "x": x, "size": size,
                       "upstream": torch.randn(out_shape, dtype=x.dtype, device=device)})

    return [
        ("conv_out: odd sizes, stride 2, kernel 3, padding 1 (the U-Net off-by-one)",
         {"kind": "conv", "grid": [(n, 3, 2, 1, 1) for n in (1, 2, 3, 7, 8, 15, 16, 17)]}),
        ("conv_out: 40 hidden settings of size, kernel, stride, padding and dilation",
         {"kind": "conv", "grid": conv}),
        ("conv_transpose_out: stride 2, kernel 4, padding 1, and kernel 3 with output_padding 1",
         {"kind": "transpose", "grid": [(n, 4, 2, 1, 0, 1) for n in (1, 4, 7)] + [(n, 3, 2, 1, 1, 1) for n in (1, 4, 7)]}),
        ("conv_transpose_out: 40 hidden settings, output_padding and dilation included",
         {"kind": "transpose", "grid": transpose}),
        ("restoring_output_padding: odd and even U-Net sizes", {"kind": "restore", "grid": unet}),
        ("restoring_output_padding: 30 hidden settings, dilation included", {"kind": "restore", "grid": restore}),
        ("restoring_output_padding: inputs too small for the kernel raise ValueError (the last one is just large enough)",
         {"kind": "restore", "grid": [(2, 5, 1, 0, 1), (3, 7, 2, 1, 1), (4, 3, 2, 0, 3), (5, 5, 2, 1, 1)]}),
        up("upsample_to: (2, 3, 5, 7) up to an odd, non-square (11, 15)", torch.randn(2, 3, 5, 7, device=device), (11, 15)),
        up("upsample_to: batch of one, float64, to (6, 10) given as a torch.Size",
           torch.randn(1, 2, 3, 5, dtype=torch.float64, device=device), torch.Size([6, 10])),
        up("upsample_to: non-contiguous (channels-last view) input, down to (4, 3)",
           torch.randn(2, 9, 7, 4, device=device).permute(0, 3, 1, 2), (4, 3)),
        up("upsample_to: same height, only the width grows (6, 11) -> (6, 15)",
           torch.randn(2, 3, 6, 11, device=device), (6, 15)),
        up("upsample_to: already the requested size", torch.randn(2, 4, 6, 8, device=device), (6, 8)),
    ]


def _real(kind, g):
    """The size real torch layers give (not the formulas)."""
    with torch.no_grad():
        if kind == "conv":
            n, k, s, p, d = g
            return torch.nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)(torch.zeros(1, 1, n, n)).shape[-1]
        n, k, s, p, op, d = g
        layer = torch.nn.ConvTranspose2d(1, 1, k, stride=s, padding=p, output_padding=op, dilation=d)
        return layer(torch.zeros(1, 1, n, n)).shape[-1]


def _round_trip(g, op):
    """in_size -> Conv2d -> ConvTranspose2d(output_padding=op): the size that comes back, or the error."""
    n, k, s, p, d = g
    try:
        return _real("transpose", (_conv(n, k, s, p, d), k, s, p, op, d))
    except RuntimeError as exc:
        return str(exc).split(",")[0]


def _variants(kind, g):
    if kind == "conv":
        n, k, s, p, d = g
        return {"with ceil instead of floor division": -(-(n + 2 * p - d * (k - 1) - 1) // s) + 1,
                "without the - 1 term": (n + 2 * p - d * (k - 1)) // s + 1,
                "without dilation (kernel - 1 must be scaled by dilation)": (n + 2 * p - (k - 1) - 1) // s + 1,
                "with padding counted once (it is added on both sides: 2*padding)": (n + p - d * (k - 1) - 1) // s + 1}
    if kind == "transpose":
        n, k, s, p, op, d = g
        return {"without output_padding (it is added once, at the end)": (n - 1) * s - 2 * p + d * (k - 1) + 1,
                "without dilation (kernel - 1 must be scaled by dilation)": (n - 1) * s - 2 * p + (k - 1) + op + 1,
                "with n * stride instead of (n - 1) * stride": n * s - 2 * p + d * (k - 1) + op + 1,
                "with padding counted once (it is removed on both sides: 2*padding)": (n - 1) * s - p + d * (k - 1) + op + 1}
    n, k, s, p, d = g
    return {"as stride - 1 always; the padding needed depends on what the floor division discarded, "
            "(in_size + 2*padding - dilation*(kernel - 1) - 1) % stride": s - 1,
            "without dilation (kernel - 1 must be scaled by dilation)": (n + 2 * p - (k - 1) - 1) % s,
            "as 0 always; an odd input loses a pixel on the way down": 0}


FORMULAS = {"conv": "out = (size + 2*padding - dilation*(kernel - 1) - 1) // stride + 1",
            "transpose": "out = (size - 1)*stride - 2*padding + dilation*(kernel - 1) + output_padding + 1",
            "restore": "output_padding = in_size - conv_transpose_out(conv_out(in_size), ...), always < stride"}


def _compare_grid(kind, inputs, expected, actual):
    fn, params = NAMES[kind]
    got_all = actual.get("sizes")
    for g, exp in zip(inputs["grid"], expected["sizes"]):
        if kind != "restore":
            assert exp == _real(kind, g), (kind, g)  # guards the reference itself
        elif isinstance(exp, int):
            assert _round_trip(g, exp) == g[0], g
    for g, exp, got in zip(inputs["grid"], expected["sizes"], got_all):
        call = f"{fn}(" + ", ".join(f"{a}={v}" for a, v in zip(params, g)) + ")"
        if isinstance(exp, str):
            if not (isinstance(got, str) and got.startswith("ValueError")):
                return (f"{call}: expected a ValueError (conv_out would be {_conv(*g)}: the input is smaller than "
                        f"the kernel's span, PyTorch refuses such a convolution), got {got!r}")
            continue
        if isinstance(got, str):
            return f"{call}: expected {exp}, but it raised {got}"
        if isinstance(got, bool) or not isinstance(got, int):
            return (f"{call}: should return a Python int, got {type(got).__name__} {got!r}"
                    + (" (use // for floor division)" if isinstance(got, float) else ""))
        if got != exp:
            layer = {"conv": "what nn.Conv2d returns", "transpose": "what nn.ConvTranspose2d returns",
                     "restore": "the padding that maps conv_out(in_size) back to in_size"}[kind]
            message = f"{call}: expected {exp} ({layer}), got {got}"
            if kind == "restore":
                message += f"; Conv2d then ConvTranspose2d(output_padding={got}) gives {_round_trip(g, got)}, not {g[0]}"
            for what, value in _variants(kind, g).items():
                if got == value:
                    return f"{message} — this matches the formula {what}; {FORMULAS[kind]}"
            return f"{message}; {FORMULAS[kind]}"
    return None


def _compare_upsample(inputs, expected, actual):
    out, exp = actual.get("output"), expected["output"]
    if not actual.get("x unchanged", True):
        return "upsample_to changed x in place: return a new tensor (or x itself, untouched)"
    if isinstance(out, torch.Tensor) and isinstance(exp, torch.Tensor) and out.shape != exp.shape \
            and tuple(out.shape[-2:]) == tuple(exp.shape[-2:])[::-1]:
        return (f"output: expected shape {tuple(exp.shape)}, got {tuple(out.shape)} — size is (H, W), "
                f"height first, the order of x.shape[-2:]")
    if isinstance(out, torch.Tensor) and isinstance(exp, torch.Tensor) and out.shape != exp.shape:
        return (f"output: expected shape {tuple(exp.shape)}, got {tuple(out.shape)} — pass size=(H, W) to "
                "F.interpolate (not a scale_factor, whose floor(in * scale) can lose a pixel), and return x "
                "unchanged only when BOTH its height and width already match")
    problem = compare_value("output", exp, out, None, None)
    if problem:
        x = inputs["x"].detach().cpu()
        tips = {"align_corners=True": F.interpolate(x, size=tuple(inputs["size"]), mode="bilinear", align_corners=True),
                "mode='nearest'": F.interpolate(x, size=tuple(inputs["size"]), mode="nearest"),
                "mode='bicubic'": F.interpolate(x, size=tuple(inputs["size"]), mode="bicubic", align_corners=False),
                "antialias=True": F.interpolate(x, size=tuple(inputs["size"]), mode="bilinear", antialias=True)}
        for what, value in tips.items():
            if isinstance(out, torch.Tensor) and out.shape == value.shape and torch.allclose(out.double(), value.double(), atol=1e-5):
                return (f"{problem} — this matches F.interpolate with {what}; use mode='bilinear', "
                        "align_corners=False (the default alignment, pixel centres at half-pixel offsets)")
        return problem
    if "grad:x" not in actual:
        return "the output is not connected to x's autograd graph: upsampling must stay differentiable"
    return compare_value("grad:x", expected["grad:x"], actual["grad:x"], 1e-5, 1e-5)


def compare(name, inputs, expected, actual):
    if inputs["kind"] == "upsample":
        return _compare_upsample(inputs, expected, actual)
    return _compare_grid(inputs["kind"], inputs, expected, actual)
