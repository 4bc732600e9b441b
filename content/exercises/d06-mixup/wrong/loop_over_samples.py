# expect: a comprehension (a loop in disguise)
# Correct values, but one sample at a time in Python, which the exercise forbids.
import torch
import torch.nn.functional as F


def mixup(x, y, lam, perm):
    x_mixed = torch.stack([lam * x[i] + (1 - lam) * x[j] for i, j in enumerate(perm.tolist())])
    y_mixed = torch.stack([lam * y[i] + (1 - lam) * y[j] for i, j in enumerate(perm.tolist())])
    return x_mixed, y_mixed


def mixup_loss(logits, targets):
    return -(targets * F.log_softmax(logits, dim=-1)).sum(dim=-1).mean()
