import torch


def bootstrap_ci(metric, preds: torch.Tensor, targets: torch.Tensor, n_resamples: int = 1000,
                 alpha: float = 0.05, *, generator: torch.Generator) -> torch.Tensor:
    n = preds.shape[0]
    # row b holds the n indices of resample b, drawn with replacement; the same rows index the
    # predictions and the targets, so every resample keeps whole (prediction, target) pairs
    idx = torch.randint(0, n, (n_resamples, n), generator=generator, device=preds.device)
    stats = metric(preds[idx], targets[idx])  # (n_resamples,): the metric on every resample at once
    q = torch.tensor([alpha / 2, 1 - alpha / 2], dtype=stats.dtype, device=stats.device)
    return torch.quantile(stats, q)  # the percentile interval (linear interpolation)
