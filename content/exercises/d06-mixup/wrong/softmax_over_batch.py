# expect: log_softmax ran over the batch (dim=0)
# Normalises the scores across the samples of the batch instead of across the classes.
import torch
import torch.nn.functional as F


def mixup(x, y, lam, perm):
    return lam * x + (1 - lam) * x[perm], lam * y + (1 - lam) * y[perm]


def mixup_loss(logits, targets):
    return -(targets * F.log_softmax(logits, dim=0)).sum(dim=-1).mean()
