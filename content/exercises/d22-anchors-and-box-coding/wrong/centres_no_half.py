# expect: (j + 0.5) * stride
# Puts the anchor centres on the cell corners, j * stride, without the half-cell shift.
import math

import torch

BBOX_XFORM_CLIP = math.log(1000.0 / 16)  # torchvision's BoxCoder default


def make_anchors(feature_h, feature_w, stride, sizes, ratios, dtype=torch.float32, device="cpu"):
    sizes = torch.as_tensor(sizes, dtype=dtype, device=device)
    root = torch.as_tensor(ratios, dtype=dtype, device=device).sqrt()
    w = (sizes[:, None] / root[None, :]).reshape(-1)  # (A,): sizes outer, ratios inner
    h = (sizes[:, None] * root[None, :]).reshape(-1)  # h / w = ratio, w * h = size ** 2
    offsets = torch.stack([-w, -h, w, h], dim=1) / 2  # (A, 4)
    cy = torch.arange(feature_h, dtype=dtype, device=device) * stride
    cx = torch.arange(feature_w, dtype=dtype, device=device) * stride
    yy, xx = torch.meshgrid(cy, cx, indexing="ij")  # (H, W): row-major cells
    centres = torch.stack([xx, yy, xx, yy], dim=-1).reshape(-1, 1, 4)  # (H*W, 1, 4)
    return (centres + offsets[None]).reshape(-1, 4)


def _centre_size(b):
    w = b[..., 2] - b[..., 0]
    h = b[..., 3] - b[..., 1]
    return b[..., 0] + 0.5 * w, b[..., 1] + 0.5 * h, w, h


def encode(boxes, anchors, weights=(10.0, 10.0, 5.0, 5.0)):
    wx, wy, ww, wh = weights
    gx, gy, gw, gh = _centre_size(boxes)
    ax, ay, aw, ah = _centre_size(anchors)
    return torch.stack([wx * (gx - ax) / aw, wy * (gy - ay) / ah,
                        ww * torch.log(gw / aw), wh * torch.log(gh / ah)], dim=-1)


def decode(deltas, anchors, weights=(10.0, 10.0, 5.0, 5.0)):
    wx, wy, ww, wh = weights
    ax, ay, aw, ah = _centre_size(anchors)
    dx, dy = deltas[..., 0] / wx, deltas[..., 1] / wy
    dw = (deltas[..., 2] / ww).clamp(max=BBOX_XFORM_CLIP)  # exp cannot overflow
    dh = (deltas[..., 3] / wh).clamp(max=BBOX_XFORM_CLIP)
    cx, cy = dx * aw + ax, dy * ah + ay
    w, h = torch.exp(dw) * aw, torch.exp(dh) * ah
    return torch.stack([cx - 0.5 * w, cy - 0.5 * h, cx + 0.5 * w, cy + 0.5 * h], dim=-1)
