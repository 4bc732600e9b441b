import torch
from torch import nn


class InvertedDropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"dropout probability must be in [0, 1], got {p}")
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return x
        keep = torch.rand_like(x) >= self.p  # True with probability 1 - p
        scale = 1.0 / (1.0 - self.p) if self.p < 1.0 else 0.0  # p = 1: everything dropped, no 0 * inf
        return x * keep * scale
