# expect: comprehension
# Correct values, but with Python loops, which the exercise forbids.
import torch


def pairwise_distances(x, y):
    return torch.stack([torch.stack([(a - b).norm() for b in y]) for a in x])
