# expect: p is the probability of dropping (zeroing) an element, not of keeping it
# Treats p as the keep probability (as in the original dropout paper and TF1's keep_prob).
import torch
from torch import nn


class InvertedDropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training:
            return x
        if self.p == 0:
            return x * 0
        mask = (torch.rand_like(x) < self.p).to(x.dtype)
        return x * mask / self.p
