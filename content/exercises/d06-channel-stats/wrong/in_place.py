# expect: normalize changed its input x in place
# torchvision-style in-place sub_/div_ on the caller's tensor: the input batch is destroyed.
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
    return x.sub_(mean[:, None, None]).div_(std[:, None, None])
