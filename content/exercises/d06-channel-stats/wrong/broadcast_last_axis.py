# expect: must match the size of tensor b
# normalize subtracts a (C,) mean directly: broadcasting lines it up with W, not with the channels.
import torch


def channel_stats(batches):
    count, total, total_sq = 0, 0.0, 0.0
    for x in batches:
        x64 = x.double()
        total = total + x64.sum(dim=(0, 2, 3))
        total_sq = total_sq + x64.square().sum(dim=(0, 2, 3))
        count += x.numel() // x.shape[1]
    mean = total / count
    return mean.to(x.dtype), (total_sq / count - mean.square()).clamp_min(0).sqrt().to(x.dtype)


def normalize(x, mean, std):
    return (x - mean) / std
