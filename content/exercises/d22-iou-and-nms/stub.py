"""Day 22 · Pairwise IoU and greedy non-maximum suppression (NMS).

Write two functions, the two workhorses of every detector's post-processing and evaluation.

1. ``box_iou(a, b)``: the intersection over union of every pair of boxes.

       a (N, 4), b (M, 4) boxes in (x1, y1, x2, y2) corner format, x1 <= x2 and y1 <= y2
       -> (N, M) tensor, out[i, j] = IoU(a[i], b[j]), same dtype as the boxes

       IoU = area(a ∩ b) / area(a ∪ b),  area(a ∪ b) = area(a) + area(b) - area(a ∩ b)

   - a box's area is (x2 - x1) * (y2 - y1) (continuous coordinates, no "+1 pixel");
   - boxes that only touch (share an edge) or are disjoint have IoU 0;
   - a zero-area box (x1 == x2 or y1 == y2) has IoU 0 with everything, itself included:
     return 0 where the union is 0, never NaN;
   - no Python loops in box_iou: broadcast (N, 1, ...) against (1, M, ...);
   - float32 stays float32, float64 stays float64; N or M may be 0.

2. ``nms(boxes, scores, iou_threshold)``: greedy non-maximum suppression, as
   ``torchvision.ops.nms`` does it:

       boxes (N, 4) xyxy, scores (N,) -> int64 tensor (K,): the indices of the kept boxes,
       in decreasing order of score

   Visit the boxes from the highest score down. The best remaining box is kept, and every box
   whose IoU with it is STRICTLY greater than ``iou_threshold`` is discarded. Only kept boxes
   suppress others: a box that was discarded suppresses nothing. Equal scores are visited in
   increasing index order (a stable sort). An IoU exactly equal to the threshold is kept, so
   with ``iou_threshold = 1.0`` nothing is discarded. N = 0 returns an empty int64 tensor.
   A Python loop over the sorted boxes is fine here (torchvision's CPU kernel loops too).

Why: a detector fires many overlapping boxes on each object; NMS keeps the best one per
object, and IoU is also how a detection is matched to the ground truth when mAP is computed.

Neither function may modify its inputs in place. Create any new tensor on the inputs' device.

Checked: IoU on hand-made pairs (identical, disjoint, touching, nested, partial overlap),
zero-area boxes, large and tiny coordinates, float64 (to 1e-10), a non-contiguous view, empty inputs,
symmetry (box_iou(b, a) is box_iou(a, b).T), and that box_iou has no Python loop; nms on
crafted clusters and chains, an IoU exactly at the threshold, ties in score (many equal scores),
boxes with negative coordinates, thresholds 0 and 1, a single box and no box; the dtype and device of every result; inputs left unchanged.
"""

import torch


def box_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    raise NotImplementedError
