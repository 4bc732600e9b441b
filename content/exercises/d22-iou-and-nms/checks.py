"""IoU is compared at a slightly looser tolerance than elementwise work (a ratio of products);
NMS indices exactly. Wrong results are matched against the usual mistakes to name the one made."""

import torch

from quizzer.practice.compare import compare_value

RTOL, ATOL = 1e-5, 1e-6
TOL = {torch.float64: (1e-10, 1e-12)}  # float64 IoU must really be computed in float64


def _boxes(n, device, scale=10.0, offset=0.0, dtype=torch.float32):
    xy = offset + scale * torch.rand(n, 2, dtype=dtype, device=device)
    wh = 0.05 * scale + 0.5 * scale * torch.rand(n, 2, dtype=dtype, device=device)
    return torch.cat([xy, xy + wh], dim=1)


def _t(rows, device, dtype=torch.float32):
    return torch.tensor(rows, dtype=dtype, device=device).reshape(-1, 4)


def _iou_case(a, b):
    return {"kind": "iou", "a": a, "b": b}


def _nms_case(boxes, scores, thr):
    return {"kind": "nms", "boxes": boxes, "scores": scores, "iou_threshold": thr}


def _clusters(device, dtype=torch.float32, k=4, per=8):
    centres = 5 + 40 * torch.rand(k, 2, dtype=dtype, device=device)
    c = centres.repeat_interleave(per, 0) + 1.5 * torch.randn(k * per, 2, dtype=dtype, device=device)
    half = 3 + 2 * torch.rand(k * per, 2, dtype=dtype, device=device)
    boxes = torch.cat([c - half, c + half], dim=1)
    perm = torch.randperm(k * per, device=device)
    return boxes[perm], torch.rand(k * per, dtype=dtype, device=device)


def cases(device):
    hand_a = _t([[0, 0, 2, 2], [0, 0, 2, 2], [0, 0, 1, 1], [0, 0, 4, 4], [0, 0, 2, 2], [0, 0, 1, 1]], device)
    hand_b = _t([[0, 0, 2, 2], [3, 3, 4, 4], [1, 0, 2, 1], [1, 1, 2, 2], [1, 1, 3, 3], [2, 2, 3, 3]], device)
    zero_a = _t([[1, 1, 1, 1], [0, 0, 3, 0], [0, 0, 2, 2], [2, 2, 2, 5]], device)
    zero_b = _t([[1, 1, 1, 1], [0, 0, 2, 2], [2, 2, 2, 5], [0, 0, 3, 0], [1, 0, 3, 3]], device)
    big = _boxes(6, device, scale=1000.0, offset=1e5)
    tiny = _boxes(5, device, scale=1e-3)
    wide = _boxes(7, device)
    non_contiguous = wide.t().contiguous().t()  # same values, column-major strides
    # a chain: A (best) overlaps B, B overlaps C, A and C only touch; listed as C, A, B
    chain = _t([[4, 0, 8, 1], [0, 0, 4, 1], [2, 0, 6, 1]], device)
    chain_scores = torch.tensor([0.7, 0.9, 0.8], device=device)
    # IoU(0, 1) = 2 / 4 = 0.5 exactly (kept at threshold 0.5); IoU(0, 2) = 2.5 / 3 > 0.5
    equal = _t([[0, 0, 3, 1], [1, 0, 4, 1], [0, 0, 2.5, 1]], device)
    equal_scores = torch.tensor([0.9, 0.8, 0.7], device=device)
    ties = _t([[0, 0, 2, 2], [5, 5, 7, 7], [0, 0, 2, 2], [5, 5, 7, 7], [10, 10, 11, 11]], device)
    tie_scores = torch.tensor([0.5, 0.9, 0.5, 0.9, 0.5], device=device)
    cl_boxes, cl_scores = _clusters(device)
    cl64_boxes, cl64_scores = _clusters(device, dtype=torch.float64, k=3, per=6)
    touching = _t([[0, 0, 1, 1], [1, 0, 2, 1], [0.5, 0, 1.5, 1], [0, 1, 1, 2]], device)
    dup = torch.cat([_boxes(3, device), _boxes(3, device)[:1]])
    dup = torch.cat([dup, dup[:2]])
    # 10 disjoint boxes, each listed twice (i and i + 10), all with the same score: a stable sort keeps 0..9
    many = torch.cat([torch.arange(10, dtype=torch.float32, device=device)[:, None] * 3 + torch.tensor(
        [0.0, 0.0, 2.0, 2.0], device=device)] * 2)
    # boxes that stick out of the image (negative coordinates are legal)
    out_boxes, out_scores = _clusters(device, k=2, per=6)
    out_boxes = out_boxes - 25.0
    return [
        ("IoU by hand: identical 1, disjoint 0, touching 0, nested 1/16, partial 1/7",
         _iou_case(hand_a, hand_b)),
        ("IoU of random boxes, 7 x 5", _iou_case(_boxes(7, device), _boxes(5, device))),
        ("IoU with zero-area boxes (points and lines): 0, never NaN", _iou_case(zero_a, zero_b)),
        ("IoU of large coordinates (around 1e5)", _iou_case(big, big.flip(0) + 37.0)),
        ("IoU of tiny boxes (sides around 1e-3)", _iou_case(tiny, tiny + 2e-4)),
        ("IoU in float64, 6 x 3", _iou_case(_boxes(6, device, dtype=torch.float64),
                                            _boxes(3, device, dtype=torch.float64))),
        ("IoU of a non-contiguous view against one box", _iou_case(non_contiguous, wide[2:3])),
        ("IoU with an empty set of boxes: (0, 4) against (3, 4)", _iou_case(_t([], device), _boxes(3, device))),
        ("NMS on a chain: A suppresses B, so C (which only B overlaps) is kept; threshold 0.3",
         _nms_case(chain, chain_scores, 0.3)),
        ("NMS with an IoU exactly equal to the threshold 0.5 (kept)", _nms_case(equal, equal_scores, 0.5)),
        ("NMS with tied scores (lower index first)", _nms_case(ties, tie_scores, 0.5)),
        ("NMS of 20 boxes with one shared score, each box listed twice (a stable sort keeps 0 to 9 in order)",
         _nms_case(many, torch.full((20,), 0.7, device=device), 0.5)),
        ("NMS of boxes with negative coordinates, threshold 0.4", _nms_case(out_boxes, out_scores, 0.4)),
        ("NMS on 4 clusters of 8 boxes, threshold 0.5", _nms_case(cl_boxes, cl_scores, 0.5)),
        ("NMS on 3 clusters in float64, threshold 0.3", _nms_case(cl64_boxes, cl64_scores, 0.3)),
        ("NMS with threshold 0.0: touching boxes are kept", _nms_case(touching, torch.tensor([0.4, 0.3, 0.9, 0.2], device=device), 0.0)),
        ("NMS with threshold 1.0 keeps every box, duplicates included",
         _nms_case(dup, torch.tensor([0.1, 0.7, 0.3, 0.9, 0.5, 0.2], device=device), 1.0)),
        ("NMS of a single box", _nms_case(_boxes(1, device), torch.tensor([0.3], device=device), 0.5)),
        ("NMS of no boxes", _nms_case(_t([], device), torch.zeros(0, device=device), 0.5)),
    ]


# ---- the usual mistakes, recomputed in float64 on the CPU ----------------------------------

def _iou_variant(a, b, subtract=True, clamp=True, xywh=False, plus_one=False):
    a, b = a.detach().cpu().double(), b.detach().cpu().double()
    if xywh:
        a = torch.cat([a[:, :2], a[:, :2] + a[:, 2:]], 1)
        b = torch.cat([b[:, :2], b[:, :2] + b[:, 2:]], 1)
    one = 1.0 if plus_one else 0.0
    area_a = (a[:, 2] - a[:, 0] + one) * (a[:, 3] - a[:, 1] + one)
    area_b = (b[:, 2] - b[:, 0] + one) * (b[:, 3] - b[:, 1] + one)
    wh = torch.minimum(a[:, None, 2:], b[None, :, 2:]) - torch.maximum(a[:, None, :2], b[None, :, :2]) + one
    if clamp:
        wh = wh.clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    union = area_a[:, None] + area_b[None, :] - (inter if subtract else 0)
    return torch.where(union != 0, inter / union, torch.zeros_like(inter))


IOU_TIPS = [
    ("this is intersection / (area(a) + area(b)): the union counts the overlap twice unless you "
     "subtract the intersection: union = area(a) + area(b) - inter", dict(subtract=False)),
    ("the overlap's width and height were not clamped: for boxes that are apart in both x and y both "
     "sides are negative and multiply to a positive 'intersection'; clamp the overlap with .clamp(min=0) "
     "before multiplying", dict(clamp=False)),
    ("the boxes were read as (x, y, w, h); they are corners (x1, y1, x2, y2), so the width is x2 - x1",
     dict(xywh=True)),
    ("this is the old '+1 pixel' convention (width = x2 - x1 + 1); here coordinates are continuous: "
     "width = x2 - x1", dict(plus_one=True)),
]


def _iou_tip(inputs, got):
    if not isinstance(got, torch.Tensor):
        return "return a tensor of shape (N, M)"
    a, b = inputs["a"], inputs["b"]
    if got.shape != (a.shape[0], b.shape[0]):
        return ("one IoU per pair: broadcast a[:, None, :] against b[None, :, :] so that the result is "
                "(N, M), row i for a[i] and column j for b[j]")
    if got.dtype != a.dtype:
        return "keep the boxes' dtype: build every intermediate from a and b (no torch.tensor(...) of a fixed dtype)"
    g = got.detach().cpu().double()
    if g.isnan().any():
        return ("NaN where the union is 0 (two zero-area boxes): 0 / 0 is NaN; return 0 there, e.g. "
                "torch.where(union > 0, inter / union, torch.zeros_like(inter))")
    right = _iou_variant(a, b)
    for tip, kw in IOU_TIPS:
        ref = _iou_variant(a, b, **kw)
        if torch.allclose(right, ref, rtol=1e-4, atol=1e-6):
            continue  # this mistake makes no difference on this case: it cannot be the one made
        if torch.allclose(g, ref, rtol=1e-4, atol=1e-6):
            return tip
    if torch.allclose(g, right, rtol=1e-4, atol=1e-6):
        return ("right to about float32 precision only: compute in the boxes' own dtype (no .float() on the way, "
                "no float32 constants); float64 boxes need float64 arithmetic throughout")
    return ("IoU = inter / union with inter = clamped overlap width * height and union = area(a) + area(b) - inter; "
            "zero-area pairs give 0")


def _nms_variant(boxes, scores, thr, ge=False, ascending=False, suppress_all=False):
    order = torch.sort(scores.cpu(), descending=not ascending, stable=True).indices
    b = boxes.detach().cpu().double()[order]
    iou = _iou_variant(b, b)
    n = order.numel()
    suppressed = torch.zeros(n, dtype=torch.bool)
    keep = []
    for i in range(n):
        if not suppressed[i]:
            keep.append(i)
        if suppress_all or not suppressed[i]:
            hit = iou[i] >= thr if ge else iou[i] > thr
            hit[: i + 1] = False
            suppressed |= hit
    return order[torch.tensor(keep, dtype=torch.long)]


NMS_TIPS = [
    ("a box whose IoU equals the threshold was discarded: suppress only when IoU is STRICTLY greater "
     "than iou_threshold (iou > iou_threshold, not >=), as torchvision.ops.nms does", dict(ge=True)),
    ("the boxes were visited from the LOWEST score up: sort by decreasing score "
     "(torch.sort(scores, descending=True, stable=True)), so the best box of each cluster is kept",
     dict(ascending=True)),
    ("a discarded box still suppressed others: only boxes that are kept suppress (in a chain A > B > C "
     "where A discards B, C survives even if B overlaps it)", dict(suppress_all=True)),
]


def _nms_tip(inputs, got):
    if not isinstance(got, torch.Tensor):
        return "return the kept indices as an int64 tensor (torch.tensor(keep, dtype=torch.long)), not a list"
    if got.dtype == torch.bool:
        return ("this is a boolean mask over the boxes; nms returns the int64 INDICES of the kept boxes in "
                "decreasing order of score (mask.nonzero() would lose that order: index the sorted order instead)")
    if got.is_floating_point():
        return "indices must be int64 (torch.long), the dtype that indexing expects, not floats"
    if got.dtype != torch.int64:
        return "return int64 (torch.long) indices"
    g = got.cpu()
    right = _nms_variant(inputs["boxes"], inputs["scores"], inputs["iou_threshold"])
    for tip, kw in NMS_TIPS:
        ref = _nms_variant(inputs["boxes"], inputs["scores"], inputs["iou_threshold"], **kw)
        if ref.shape == right.shape and torch.equal(ref, right):
            continue
        if g.shape == ref.shape and torch.equal(g, ref):
            return tip
    scores = inputs["scores"].cpu()
    if g.shape == right.shape and torch.equal(scores[g], scores[right]):
        return ("equal scores were visited in the wrong order: torch.argsort and torch.sort without stable=True may "
                "reorder ties; use torch.sort(scores, descending=True, stable=True) so the lower index comes first")
    if g.numel() and torch.equal(g.sort().values, _nms_variant(inputs["boxes"], inputs["scores"],
                                                               inputs["iou_threshold"]).sort().values):
        return ("the right boxes, in the wrong order: return them in decreasing order of score, equal scores "
                "in increasing index order")
    return ("greedy NMS: visit the boxes by decreasing score (stable on ties); keep the first one not yet "
            "discarded and discard every later box with IoU > iou_threshold against it; repeat")


def compare(name, inputs, expected, actual):
    # an input modified in place is the root cause of any other difference: report it first
    for key, value in sorted(expected.items(), key=lambda kv: "unchanged" not in kv[0]):
        got = actual.get(key)
        rtol, atol = TOL.get(value.dtype, (RTOL, ATOL)) if isinstance(value, torch.Tensor) else (RTOL, ATOL)
        problem = compare_value(key, value, got, rtol, atol)
        if not problem:
            continue
        if key == "box_iou(a, b)":
            return f"{problem} — {_iou_tip(inputs, got)}"
        if key.startswith("nms("):
            return f"{problem} — {_nms_tip(inputs, got)}"
        if key == "output device type":
            return problem + " — create new tensors on the boxes' device (device=boxes.device)"
        if key.startswith("box_iou(b, a)"):
            return problem + " — IoU is symmetric: swapping a and b must transpose the result"
        if "unchanged" in key:
            return problem + " — an input was modified in place (clamp_, sub_, +=, a[...] = ...): build new tensors"
        if "vectorised" in key:
            return problem + (" — box_iou must not loop over boxes in Python (a for/while loop or a comprehension); "
                              "broadcast a[:, None, :] against b[None, :, :] to get all pairs at once")
        return problem
    return None
