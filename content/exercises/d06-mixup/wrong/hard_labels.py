# expect: cross-entropy with hard labels
# Turns the mixed targets back into class indices: the loss ignores the second image entirely.
import torch
import torch.nn.functional as F


def mixup(x, y, lam, perm):
    return lam * x + (1 - lam) * x[perm], lam * y + (1 - lam) * y[perm]


def mixup_loss(logits, targets):
    return F.cross_entropy(logits, targets.argmax(dim=-1))
