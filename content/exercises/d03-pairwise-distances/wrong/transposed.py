# expect: expected shape (3, 4), got (4, 3)
# Broadcast the wrong way round: (m, n) instead of (n, m).
import torch


def pairwise_distances(x, y):
    return (y[:, None, :] - x[None, :, :]).pow(2).sum(dim=-1).sqrt()
