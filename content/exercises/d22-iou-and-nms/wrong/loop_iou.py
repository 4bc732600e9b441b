# expect: must not loop over boxes in Python
# Correct values, but box_iou fills the matrix pair by pair with Python loops.
import torch


def box_iou(a, b):
    out = torch.zeros(a.shape[0], b.shape[0], dtype=a.dtype, device=a.device)
    for i in range(a.shape[0]):
        for j in range(b.shape[0]):
            w = (torch.minimum(a[i, 2], b[j, 2]) - torch.maximum(a[i, 0], b[j, 0])).clamp(min=0)
            h = (torch.minimum(a[i, 3], b[j, 3]) - torch.maximum(a[i, 1], b[j, 1])).clamp(min=0)
            union = (a[i, 2] - a[i, 0]) * (a[i, 3] - a[i, 1]) + (b[j, 2] - b[j, 0]) * (b[j, 3] - b[j, 1]) - w * h
            if union > 0:
                out[i, j] = w * h / union
    return out


def nms(boxes, scores, iou_threshold):
    order = torch.sort(scores, descending=True, stable=True).indices
    iou = box_iou(boxes[order], boxes[order])
    suppressed = torch.zeros(order.numel(), dtype=torch.bool, device=boxes.device)
    keep = []
    for i in range(order.numel()):
        if suppressed[i]:
            continue
        keep.append(i)
        suppressed |= iou[i] > iou_threshold
    return order[torch.tensor(keep, dtype=torch.long, device=boxes.device)]

