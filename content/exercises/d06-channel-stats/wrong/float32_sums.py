# expect: accumulate the sums in float64
# Running sums in float32: E[x²] − E[x]² cancels catastrophically when the mean is large.
import torch


def channel_stats(batches):
    count, total, total_sq = 0, 0.0, 0.0
    for x in batches:
        total = total + x.sum(dim=(0, 2, 3))
        total_sq = total_sq + (x * x).sum(dim=(0, 2, 3))
        count += x.numel() // x.shape[1]
    mean = total / count
    return mean, (total_sq / count - mean * mean).clamp_min(0).sqrt()


def normalize(x, mean, std):
    return (x - mean[:, None, None]) / std[:, None, None]
