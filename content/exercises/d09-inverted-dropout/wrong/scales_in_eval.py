# expect: eval mode must be the identity, but the output is the input times
# Mixes the two conventions: scales up in training and then scales down again at test time.
import torch
from torch import nn


class InvertedDropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training:
            return x * (1 - self.p)
        if self.p == 1:
            return x * 0
        mask = (torch.rand_like(x) > self.p).to(x.dtype)
        return x * mask / (1 - self.p)
