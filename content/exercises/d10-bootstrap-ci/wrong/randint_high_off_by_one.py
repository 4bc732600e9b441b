# expect: randint's upper bound is exclusive
# Thinks torch.randint's high is inclusive and draws from 0 … n - 2: the last sample is never resampled.
import torch
def bootstrap_ci(metric, preds, targets, n_resamples=1000, alpha=0.05, *, generator):
    n = preds.shape[0]
    idx = torch.randint(0, max(n - 1, 1), (n_resamples, n), generator=generator, device=preds.device)
    stats = metric(preds[idx], targets[idx])
    q = torch.tensor([alpha / 2, 1 - alpha / 2], dtype=stats.dtype, device=stats.device)
    return torch.quantile(stats, q)
