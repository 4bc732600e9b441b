# expect: the label weights are swapped
# lam goes to the partner's label: the target describes the other image more than the one shown.
import torch
import torch.nn.functional as F


def mixup(x, y, lam, perm):
    return lam * x + (1 - lam) * x[perm], (1 - lam) * y + lam * y[perm]


def mixup_loss(logits, targets):
    return -(targets * F.log_softmax(logits, dim=-1)).sum(dim=-1).mean()
