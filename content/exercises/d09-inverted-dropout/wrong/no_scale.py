# expect: surviving elements must be scaled by 1 / (1 - p)
# Drops elements but forgets the 1 / (1 - p) scaling, so activations shrink on average in training.
import torch
from torch import nn


class InvertedDropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training:
            return x
        mask = (torch.rand_like(x) >= self.p).to(x.dtype)
        return x * mask
