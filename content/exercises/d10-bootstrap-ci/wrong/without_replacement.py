# expect: Resample WITH replacement
# Each "resample" is a random permutation of the data (argsort of uniform noise): no sample repeats.
import torch


def bootstrap_ci(metric, preds, targets, n_resamples=1000, alpha=0.05, *, generator):
    n = preds.shape[0]
    noise = torch.rand(n_resamples, n, generator=generator, device=preds.device)
    idx = noise.argsort(dim=1)
    stats = metric(preds[idx], targets[idx])
    q = torch.tensor([alpha / 2, 1 - alpha / 2], dtype=stats.dtype, device=stats.device)
    return torch.quantile(stats, q)
