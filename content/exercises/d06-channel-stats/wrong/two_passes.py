# expect: one-shot stream
# A textbook two-pass algorithm (mean first, then squared deviations): a stream can be read only once.
import torch


def channel_stats(batches):
    count, total = 0, 0.0
    for x in batches:
        total = total + x.double().sum(dim=(0, 2, 3))
        count += x.numel() // x.shape[1]
    mean = total / count
    sq = 0.0
    for x in batches:
        sq = sq + (x.double() - mean[:, None, None]).square().sum(dim=(0, 2, 3))
    return mean.to(x.dtype), (sq / count).sqrt().to(x.dtype)


def normalize(x, mean, std):
    return (x - mean[:, None, None]) / std[:, None, None]
