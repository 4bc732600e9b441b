# expect: this exercise must be vectorised
# Correct numbers, but one metric call per resample in a Python loop, which the exercise forbids.
import torch


def bootstrap_ci(metric, preds, targets, n_resamples=1000, alpha=0.05, *, generator):
    n = preds.shape[0]
    idx = torch.randint(0, n, (n_resamples, n), generator=generator, device=preds.device)
    stats = torch.cat([metric(preds[row][None], targets[row][None]) for row in idx])
    q = torch.tensor([alpha / 2, 1 - alpha / 2], dtype=stats.dtype, device=stats.device)
    return torch.quantile(stats, q)
