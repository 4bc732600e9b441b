"""Day 22 · Anchor grids and Faster R-CNN box encoding / decoding.

A two-stage detector's region proposal network (and SSD, RetinaNet, YOLOv2-v5) does not predict
boxes directly: it places a fixed set of ANCHOR boxes on every cell of a feature map and
predicts, per anchor, four small DELTAS that shift and stretch the anchor onto the object.
Write the three pieces.

1. ``make_anchors(feature_h, feature_w, stride, sizes, ratios, dtype=torch.float32, device="cpu")``
   -> (feature_h * feature_w * A, 4) anchors in (x1, y1, x2, y2), A = len(sizes) * len(ratios).

   - the cell in row i, column j has its centre at ((j + 0.5) * stride, (i + 0.5) * stride) in
     image pixels (x from the column, y from the row);
   - each (size, ratio) pair gives one anchor with ratio = h / w and area size ** 2, so
     w = size / sqrt(ratio) and h = size * sqrt(ratio);
   - ORDER (part of the contract): cells in row-major order (i outer, j inner), and within a
     cell sizes outer, ratios inner: row ((i * feature_w + j) * A + s * len(ratios) + r)
     holds the anchor of cell (i, j), sizes[s], ratios[r];
   - the anchors have the given dtype and live on ``device``.

   Libraries differ in these conventions (torchvision's AnchorGenerator, for example, puts its
   centres at j * stride and rounds its base anchors), which is why the order is spelled out.

2. ``encode(boxes, anchors, weights=(10.0, 10.0, 5.0, 5.0))`` -> deltas (..., 4).
   boxes are ground-truth boxes and anchors the anchors matched to them, both xyxy (..., 4);
   their leading dims broadcast (usually one anchor per box, (N, 4) and (N, 4); a single
   (1, 4) anchor for many boxes, or (B, N, 4) against (N, 4), must work too). In centre/size
   form (cx, cy, w, h) with w = x2 - x1, cx = x1 + w / 2, and weights (wx, wy, ww, wh):

       dx = wx * (g_cx - a_cx) / a_w        dw = ww * log(g_w / a_w)
       dy = wy * (g_cy - a_cy) / a_h        dh = wh * log(g_h / a_h)

3. ``decode(deltas, anchors, weights=(10.0, 10.0, 5.0, 5.0))`` -> boxes (..., 4) in xyxy, the
   inverse of encode: divide the deltas by the weights, CLAMP dw and dh from above at
   log(1000 / 16) (as torchvision's BoxCoder does, so that exp cannot overflow on a wild
   prediction), then cx = dx * a_w + a_cx, w = exp(dw) * a_w (and likewise for y and h), and
   return the corners (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2).

Why: the deltas are scale-invariant (an offset in units of the anchor's size, a log of a size
ratio), so one small regression head serves tiny and huge objects alike; the weights
(10, 10, 5, 5) just rescale the targets to a comfortable range for the loss.

Coordinates are continuous (no "+1 pixel" convention). Keep the inputs' dtype (float32 or
float64), do not modify any input in place, and create new tensors on the inputs' device.

Checked: anchor count, order, centres, areas and ratios (to 1e-5) on square and non-square
grids, an odd stride, several sizes and ratios, float64 (to 1e-10); hand-computed deltas, default and custom weights,
broadcasting, a non-contiguous view; decode(encode(boxes)) recovers the boxes (1e-5 in float32,
1e-10 in float64); huge and very negative dw and dh; dtype and device; inputs left unchanged.
"""

import math

import torch


def make_anchors(feature_h: int, feature_w: int, stride: float, sizes, ratios,
                 dtype: torch.dtype = torch.float32, device="cpu") -> torch.Tensor:
    raise NotImplementedError


def encode(boxes: torch.Tensor, anchors: torch.Tensor, weights=(10.0, 10.0, 5.0, 5.0)) -> torch.Tensor:
    raise NotImplementedError


def decode(deltas: torch.Tensor, anchors: torch.Tensor, weights=(10.0, 10.0, 5.0, 5.0)) -> torch.Tensor:
    raise NotImplementedError
