import torch


def box_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])  # (N,)
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])  # (M,)
    top_left = torch.maximum(a[:, None, :2], b[None, :, :2])  # (N, M, 2)
    bottom_right = torch.minimum(a[:, None, 2:], b[None, :, 2:])  # (N, M, 2)
    wh = (bottom_right - top_left).clamp(min=0)  # disjoint boxes: a negative side becomes 0
    inter = wh[..., 0] * wh[..., 1]
    union = area_a[:, None] + area_b[None, :] - inter  # the overlap is counted once
    return torch.where(union > 0, inter / union, torch.zeros_like(inter))  # 0 / 0 -> 0, not NaN


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    order = torch.sort(scores, descending=True, stable=True).indices  # ties: lower index first
    iou = box_iou(boxes[order], boxes[order]).cpu()  # (n, n), in visiting order
    n = order.numel()
    suppressed = torch.zeros(n, dtype=torch.bool)
    keep = []
    for i in range(n):
        if suppressed[i]:
            continue
        keep.append(i)  # the best box not yet suppressed
        suppressed |= iou[i] > iou_threshold  # only kept boxes suppress; equality is kept
    return order[torch.tensor(keep, dtype=torch.long, device=boxes.device)]
