"""Anchors and codes are compared to 1e-5 in float32 and 1e-10 in float64. Wrong results are
matched against the usual mistakes, recomputed in float64 on the CPU, to name the one made."""

import math

import torch

from quizzer.practice.compare import compare_value

CLIP = math.log(1000.0 / 16)
TOL = {torch.float32: (1e-5, 1e-5), torch.float64: (1e-10, 1e-10)}


def _anchor_case(h, w, stride, sizes, ratios, dtype="float32"):
    return {"kind": "anchors", "feature_h": h, "feature_w": w, "stride": stride, "sizes": sizes, "ratios": ratios,
            "dtype": dtype}


def _boxes(shape, device, dtype=torch.float32):
    xy = 100 * torch.rand(*shape, 2, dtype=dtype, device=device)
    wh = 4 + 60 * torch.rand(*shape, 2, dtype=dtype, device=device)
    return torch.cat([xy, xy + wh], dim=-1)


def _coding_case(boxes, anchors, deltas, weights=None):
    return {"kind": "coding", "boxes": boxes, "anchors": anchors, "deltas": deltas, "weights": weights}


def cases(device):
    f64 = torch.float64
    hand_box = torch.tensor([[5.0, 5.0, 25.0, 15.0], [0.0, 0.0, 10.0, 10.0]], device=device)
    hand_anchor = torch.tensor([[0.0, 0.0, 10.0, 10.0], [0.0, 0.0, 10.0, 10.0]], device=device)
    hand_deltas = torch.tensor([[10.0, 5.0, 5 * math.log(2), 0.0], [0.0, 0.0, 0.0, 0.0]], device=device)
    huge = torch.tensor([[0.0, 0.0, 500.0, 5.0], [1.0, -2.0, 50.0, 500.0], [0.0, 0.0, -500.0, -500.0]],
                        device=device)
    wide = _boxes((6,), device)
    nc_boxes = wide.t().contiguous().t()
    nc_anchors = _boxes((6,), device).t().contiguous().t()
    return [
        ("anchors on a 3 x 2 grid (H != W), stride 16, size 32, ratio 1", _anchor_case(3, 2, 16, [32.0], [1.0])),
        ("anchors on a 2 x 3 grid, stride 8, sizes 16 and 32, ratios 0.5, 1, 2",
         _anchor_case(2, 3, 8, [16.0, 32.0], [0.5, 1.0, 2.0])),
        ("anchors on a 1 x 1 grid, stride 32, sizes 32, 64, 128, ratios 0.5, 1, 2",
         _anchor_case(1, 1, 32, [32.0, 64.0, 128.0], [0.5, 1.0, 2.0])),
        ("anchors on a 1 x 4 grid, stride 10, sizes 20 and 40, ratio 2", _anchor_case(1, 4, 10, [20.0, 40.0], [2.0])),
        ("anchors on a 3 x 3 grid with an odd stride 5, size 10, ratios 0.5 and 2",
         _anchor_case(3, 3, 5, [10.0], [0.5, 2.0])),
        ("anchors in float64 on a 4 x 5 grid, stride 4, size 8, ratios 0.25, 1, 3",
         _anchor_case(4, 5, 4, [8.0], [0.25, 1.0, 3.0], dtype="float64")),
        ("hand-computed deltas: box centre (15, 10), 20 x 10 on anchor centre (5, 5), 10 x 10",
         _coding_case(hand_box, hand_anchor, hand_deltas)),
        ("8 boxes, one anchor each, default weights (10, 10, 5, 5)",
         _coding_case(_boxes((8,), device), _boxes((8,), device), 0.5 * torch.randn(8, 4, device=device))),
        ("custom weights (1, 2, 3, 4)", _coding_case(_boxes((5,), device), _boxes((5,), device),
                                                     torch.randn(5, 4, device=device), weights=(1.0, 2.0, 3.0, 4.0))),
        ("one (1, 4) anchor for 6 boxes", _coding_case(_boxes((6,), device), _boxes((1,), device),
                                                       torch.randn(6, 4, device=device))),
        ("boxes (2, 5, 4) against anchors (5, 4)", _coding_case(_boxes((2, 5), device), _boxes((5,), device),
                                                                torch.randn(2, 5, 4, device=device))),
        ("float64", _coding_case(_boxes((7,), device, f64), _boxes((7,), device, f64),
                                 torch.randn(7, 4, dtype=f64, device=device))),
        ("non-contiguous boxes and anchors", _coding_case(nc_boxes, nc_anchors, torch.randn(4, 6, device=device).t())),
        ("huge and very negative dw, dh (decode must clamp at log(1000 / 16))",
         _coding_case(_boxes((3,), device), _boxes((3,), device), huge)),
        ("dw = 10 after the weights (clamped to log(1000 / 16))",
         _coding_case(_boxes((2,), device), _boxes((2,), device),
                      torch.tensor([[0.0, 0.0, 50.0, 0.0], [0.0, 0.0, 0.0, 50.0]], device=device))),
    ]


# ---- the usual mistakes, recomputed in float64 on the CPU ----------------------------------

def _anchors(inputs, half=0.5, w_over_h=False, col_major=False, ratios_outer=False, size_is_width=False,
             floor_half=False):
    sizes = torch.tensor(inputs["sizes"], dtype=torch.float64)
    ratios = torch.tensor(inputs["ratios"], dtype=torch.float64)
    if w_over_h:
        ratios = 1 / ratios
    if size_is_width:
        w, h = sizes[:, None].expand(-1, len(ratios)), sizes[:, None] * ratios[None, :]
    else:
        w, h = sizes[:, None] / ratios.sqrt()[None, :], sizes[:, None] * ratios.sqrt()[None, :]
    if ratios_outer:
        w, h = w.t(), h.t()
    w, h = w.reshape(-1), h.reshape(-1)
    off = torch.stack([-w, -h, w, h], 1) / 2
    cy = (torch.arange(inputs["feature_h"], dtype=torch.float64) + half) * inputs["stride"]
    cx = (torch.arange(inputs["feature_w"], dtype=torch.float64) + half) * inputs["stride"]
    if floor_half:  # j * stride + stride // 2
        cy = torch.arange(inputs["feature_h"], dtype=torch.float64) * inputs["stride"] + inputs["stride"] // 2
        cx = torch.arange(inputs["feature_w"], dtype=torch.float64) * inputs["stride"] + inputs["stride"] // 2
    yy, xx = torch.meshgrid(cy, cx, indexing="ij")
    if col_major:
        yy, xx = yy.t(), xx.t()
    c = torch.stack([xx, yy, xx, yy], -1).reshape(-1, 1, 4)
    return (c + off[None]).reshape(-1, 4)


ANCHOR_TIPS = [
    ("the centres sit on the cell corners (j * stride): the centre of cell j is (j + 0.5) * stride", dict(half=0.0)),
    ("the ratio was read as w / h; here ratio = h / w, so h = size * sqrt(ratio) and w = size / sqrt(ratio) "
     "(ratio 2 is a tall anchor)", dict(w_over_h=True)),
    ("the cells came out column by column: use row-major order (row i outer, column j inner), e.g. "
     "torch.meshgrid(cy, cx, indexing='ij'), where x comes from the column and y from the row", dict(col_major=True)),
    ("within a cell the order must be sizes outer, ratios inner (anchor s * len(ratios) + r); this is ratios "
     "outer", dict(ratios_outer=True)),
    ("the area must stay size ** 2 for every ratio: w = size / sqrt(ratio) and h = size * sqrt(ratio), not "
     "w = size and h = size * ratio", dict(size_is_width=True)),
    ("the centres are at j * stride + stride // 2: floor division drops the half pixel for an odd stride; the "
     "centre is (j + 0.5) * stride", dict(floor_half=True)),
]


def _cs(b, one=0.0):
    w, h = b[..., 2] - b[..., 0] + one, b[..., 3] - b[..., 1] + one
    return b[..., 0] + 0.5 * w, b[..., 1] + 0.5 * h, w, h


def _encode(inputs, no_log=False, divide=False, plus_one=False, by_box=False):
    b, a = inputs["boxes"].cpu().double(), inputs["anchors"].cpu().double()
    wx, wy, ww, wh = inputs["weights"] or (10.0, 10.0, 5.0, 5.0)
    if divide:
        wx, wy, ww, wh = 1 / wx, 1 / wy, 1 / ww, 1 / wh
    one = 1.0 if plus_one else 0.0
    gx, gy, gw, gh = _cs(b, one)
    ax, ay, aw, ah = _cs(a, one)
    log = (lambda t: t) if no_log else torch.log
    sx, sy = (gw, gh) if by_box else (aw, ah)
    return torch.stack([wx * (gx - ax) / sx, wy * (gy - ay) / sy, ww * log(gw / aw), wh * log(gh / ah)], -1)


ENCODE_TIPS = [
    ("dw and dh are the LOG of the size ratio: dw = ww * log(g_w / a_w) (0 for equal widths, symmetric for "
     "halving and doubling)", dict(no_log=True)),
    ("the weights were divided; in encode they multiply: dx = wx * (g_cx - a_cx) / a_w (decode divides)",
     dict(divide=True)),
    ("this is the '+1 pixel' convention (w = x2 - x1 + 1); coordinates here are continuous: w = x2 - x1",
     dict(plus_one=True)),
    ("the centre offset is measured in units of the ANCHOR's size: dx = wx * (g_cx - a_cx) / a_w, not / g_w",
     dict(by_box=True)),
]


def _decode(inputs, clamp="max", multiply=False, centre_size=False, plus_one=False):
    d, a = inputs["deltas"].cpu().double(), inputs["anchors"].cpu().double()
    wx, wy, ww, wh = inputs["weights"] or (10.0, 10.0, 5.0, 5.0)
    if multiply:
        wx, wy, ww, wh = 1 / wx, 1 / wy, 1 / ww, 1 / wh
    ax, ay, aw, ah = _cs(a, 1.0 if plus_one else 0.0)
    dx, dy, dw, dh = d[..., 0] / wx, d[..., 1] / wy, d[..., 2] / ww, d[..., 3] / wh
    if clamp == "max":
        dw, dh = dw.clamp(max=CLIP), dh.clamp(max=CLIP)
    elif clamp == "both":
        dw, dh = dw.clamp(-CLIP, CLIP), dh.clamp(-CLIP, CLIP)
    elif clamp == "raw":
        dw, dh = (d[..., 2].clamp(max=CLIP)) / ww, (d[..., 3].clamp(max=CLIP)) / wh
    cx, cy, w, h = dx * aw + ax, dy * ah + ay, dw.exp() * aw, dh.exp() * ah
    if centre_size:
        return torch.stack([cx, cy, w, h], -1)
    one = 1.0 if plus_one else 0.0
    return torch.stack([cx - 0.5 * w, cy - 0.5 * h, cx + 0.5 * w - one, cy + 0.5 * h - one], -1)


DECODE_TIPS = [
    ("dw and dh were not clamped: exp(dw) overflows or explodes for a wild prediction; clamp dw and dh with "
     ".clamp(max=math.log(1000 / 16)) after dividing by the weights and before exp", dict(clamp=None)),
    ("dw and dh were clamped from below too; torchvision clamps only from above (a tiny box is harmless, an "
     "overflowing one is not): .clamp(max=math.log(1000 / 16))", dict(clamp="both")),
    ("the clamp was applied before dividing by the weights: divide first, then clamp dw and dh at log(1000 / 16)",
     dict(clamp="raw")),
    ("decode returned (cx, cy, w, h); return corners: (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)",
     dict(centre_size=True)),
    ("the weights were multiplied; decode undoes encode, so it DIVIDES the deltas by the weights", dict(multiply=True)),
    ("this is the '+1 pixel' convention (w = x2 - x1 + 1, x2 = cx + w / 2 - 1); coordinates here are "
     "continuous", dict(plus_one=True)),
]


def _match(got, variants, maker, inputs, fallback, expected=None):
    g = got.detach().cpu().double()
    e = None if expected is None else expected.detach().cpu().double()
    for tip, kw in variants:
        ref = maker(inputs, **kw)
        if e is not None and ref.shape == e.shape and torch.allclose(e, ref, rtol=1e-4, atol=1e-4, equal_nan=True):
            continue  # this mistake makes no difference on this case: it cannot be the one made
        if ref.shape == g.shape and torch.allclose(g, ref, rtol=1e-4, atol=1e-4, equal_nan=True):
            return tip
    if e is not None and e.shape == g.shape and torch.allclose(g, e, rtol=1e-4, atol=1e-4, equal_nan=True):
        return ("right to about float32 precision only: do every step in the requested dtype (pass dtype= to "
                "torch.as_tensor and torch.arange, no float32 intermediate, no Python rounding of the centres)")
    return fallback


def _tip(key, inputs, value, got):
    if not isinstance(got, torch.Tensor):
        return "return a tensor"
    if got.shape != value.shape:
        if key.startswith("make_anchors"):
            return ("one row per anchor: feature_h * feature_w * len(sizes) * len(ratios) rows of 4 corners, "
                    "reshaped to (-1, 4)")
        return ("the result has the broadcast shape of the inputs with a last dim of 4: index with [..., k] "
                "(not [:, k]) and torch.stack(..., dim=-1)")
    if got.dtype != value.dtype:
        return "keep the inputs' dtype (for make_anchors, the dtype argument): no hard-coded float32 or float64"
    if key.startswith("make_anchors"):
        return _match(got, ANCHOR_TIPS, _anchors, inputs,
                      "centre ((j + 0.5) * stride, (i + 0.5) * stride), w = size / sqrt(ratio), h = size * sqrt(ratio)", value)
    if key.startswith("encode"):
        return _match(got, ENCODE_TIPS, _encode, inputs,
                      "dx = wx * (g_cx - a_cx) / a_w, dy = wy * (g_cy - a_cy) / a_h, dw = ww * log(g_w / a_w), "
                      "dh = wh * log(g_h / a_h), in centre/size form", value)
    if key.startswith("decode(deltas"):
        if not torch.isfinite(got).all() and bool(torch.isfinite(value).all()):
            return DECODE_TIPS[0][0]
        return _match(got, DECODE_TIPS, _decode, inputs,
                      "divide by the weights, clamp dw and dh at log(1000 / 16), cx = dx * a_w + a_cx, "
                      "w = exp(dw) * a_w, then back to corners", value)
    return ("decode(encode(boxes)) must give the boxes back: decode has to invert encode exactly (same "
            "centre/size form, weights divided instead of multiplied, exp undoing log)")


def compare(name, inputs, expected, actual):
    # an input modified in place is the root cause of any other difference: report it first
    for key, value in sorted(expected.items(), key=lambda kv: "unchanged" not in kv[0]):
        got = actual.get(key)
        tol = TOL.get(value.dtype, (None, None)) if isinstance(value, torch.Tensor) else (None, None)
        problem = compare_value(key, value, got, *tol)
        if not problem:
            continue
        if isinstance(value, torch.Tensor):
            return f"{problem} — {_tip(key, inputs, value, got)}"
        if key == "output device type":
            return problem + " — create new tensors on the inputs' device (for make_anchors, the device argument)"
        if "unchanged" in key:
            return problem + " — an input was modified in place (mul_, clamp_, +=, x[...] = ...): build new tensors"
        return problem
    return None
