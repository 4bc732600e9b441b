import torch
import torch.nn.functional as F


def mixup(x: torch.Tensor, y: torch.Tensor, lam: float, perm: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    x_mixed = lam * x + (1 - lam) * x[perm]
    y_mixed = lam * y + (1 - lam) * y[perm]  # the same weights as the inputs
    return x_mixed, y_mixed


def mixup_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return -(targets * F.log_softmax(logits, dim=-1)).sum(dim=-1).mean()
