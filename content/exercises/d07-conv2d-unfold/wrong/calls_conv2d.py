# expect: calls conv2d(), which this exercise forbids
# Correct, but it just calls the function it is meant to replace.
import torch
import torch.nn.functional as F


def conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1):
    return F.conv2d(x, weight, bias, stride=stride, padding=padding, dilation=dilation)
