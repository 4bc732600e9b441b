from collections.abc import Iterable

import torch


def channel_stats(batches: Iterable[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    count, total, total_sq, dtype = 0, 0.0, 0.0, None
    for x in batches:
        dtype = x.dtype
        x64 = x.double()  # float64 running sums: E[x²] − E[x]² stays accurate
        total = total + x64.sum(dim=(0, 2, 3))
        total_sq = total_sq + x64.square().sum(dim=(0, 2, 3))
        count += x.numel() // x.shape[1]  # pixels per channel in this batch
    mean = total / count
    var = (total_sq / count - mean.square()).clamp_min(0)  # population variance
    return mean.to(dtype), var.sqrt().to(dtype)


def normalize(x: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    return (x - mean[:, None, None]) / std[:, None, None]
