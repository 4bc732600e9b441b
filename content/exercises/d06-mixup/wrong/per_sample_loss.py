# expect: `loss`: expected shape (), got (4,)
# Forgets to reduce: one loss per sample instead of the batch mean (backward() then needs an argument).
import torch
import torch.nn.functional as F


def mixup(x, y, lam, perm):
    return lam * x + (1 - lam) * x[perm], lam * y + (1 - lam) * y[perm]


def mixup_loss(logits, targets):
    return -(targets * F.log_softmax(logits, dim=-1)).sum(dim=-1)
