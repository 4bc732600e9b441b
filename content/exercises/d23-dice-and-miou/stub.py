"""Day 23 · Soft Dice loss and mean IoU for multi-class segmentation, with ignored pixels.

A segmentation model classifies every pixel: logits (B, C, H, W), targets (B, H, W) of class ids.
Cross-entropy averages over pixels, so a class that covers 1% of the image barely counts. The
Dice loss and the IoU metric are per class: every class weighs the same however small it is.
Datasets also mark pixels that must not count (object boundaries, unlabelled areas) with an
ignore_index, 255 in Pascal VOC and Cityscapes.

1. ``dice_loss(logits, target, ignore_index=255, smooth=1.0)``, a training loss:
     p = softmax of the logits over the classes; t = one-hot of the target, same layout as p
     pixels with target == ignore_index count in NO sum (neither numerator nor denominator)
     for each class c, summing over the batch and all valid pixels:
         dice_c = (2 * sum(p_c * t_c) + smooth) / (sum(p_c) + sum(t_c) + smooth)
     loss = 1 - mean of dice_c over the C classes
   Returns a 0-dim tensor with the logits' dtype and device, differentiable w.r.t. logits.
   (Careful: F.one_hot raises on 255 or -1; those are not class ids.)

2. ``mean_iou(pred, target, num_classes, ignore_index=255)``, the evaluation metric:
   pred and target are (B, H, W) int64 class ids (pred = logits.argmax(1)). Count the confusion
   matrix of the valid pixels (rows: true class, columns: predicted class), then per class
         IoU_c = TP_c / (TP_c + FP_c + FN_c)
   A class absent from both prediction and target has IoU 0/0: it is NaN and left out of the
   mean (a NaN-mean). A class that is predicted but never true has IoU 0 and counts.
   Returns (miou, per_class): miou a Python float, per_class a float tensor of shape
   (num_classes,) on the inputs' device, NaN for absent classes.

Neither function may change its inputs in place.

Checked on hidden cases: loss, its gradient and mIoU / per-class IoU against the reference, on
random and hand-counted maps, a perfect prediction (loss ~ 0, mIoU = 1), an imbalanced map, absent
classes, a class predicted but never true, ignore_index 255, -1 and 0 (a class id: only the target
marks ignored pixels), every pixel ignored, a batch of
one, float64 and non-contiguous logits; that changing the ignored pixels changes nothing; the
return types, dtype and device; and that the inputs are not modified.
"""

import torch
import torch.nn.functional as F


def dice_loss(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = 255,
              smooth: float = 1.0) -> torch.Tensor:
    raise NotImplementedError


def mean_iou(pred: torch.Tensor, target: torch.Tensor, num_classes: int,
             ignore_index: int = 255) -> tuple[float, torch.Tensor]:
    raise NotImplementedError
