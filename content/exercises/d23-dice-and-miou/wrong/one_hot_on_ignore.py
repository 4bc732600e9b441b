# expect: Replace ignored pixels by 0 first
# One-hot encodes the raw target: F.one_hot raises on 255, which is not a class id.
import torch
import torch.nn.functional as F


def dice_loss(logits, target, ignore_index=255, smooth=1.0):
    probs = torch.softmax(logits, dim=1)
    onehot = F.one_hot(target, logits.shape[1]).permute(0, 3, 1, 2).to(probs.dtype)
    valid = (target != ignore_index).unsqueeze(1).to(probs.dtype)
    probs, onehot = probs * valid, onehot * valid
    inter = (probs * onehot).sum((0, 2, 3))
    dice = (2 * inter + smooth) / (probs.sum((0, 2, 3)) + onehot.sum((0, 2, 3)) + smooth)
    return 1 - dice.mean()


def mean_iou(pred, target, num_classes, ignore_index=255):
    valid = target != ignore_index
    t, p = target[valid], pred[valid]
    conf = torch.bincount(num_classes * t + p, minlength=num_classes ** 2).reshape(num_classes, num_classes)
    tp = conf.diagonal()
    per_class = tp.float() / (conf.sum(0) + conf.sum(1) - tp).float()
    return float(per_class.nanmean()), per_class
