# expect: handle p = 1 separately
# Right for 0 <= p < 1, but with p = 1 it computes 0 / 0 and returns NaN instead of zeros.
import torch
from torch import nn


class InvertedDropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training:
            return x
        mask = torch.rand_like(x) > self.p
        return x * mask / (1 - self.p)
