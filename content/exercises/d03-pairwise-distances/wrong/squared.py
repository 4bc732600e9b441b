# expect: values differ
# Forgot the square root: returns squared distances.
import torch


def pairwise_distances(x, y):
    return (x[:, None, :] - y[None, :, :]).pow(2).sum(dim=-1)
