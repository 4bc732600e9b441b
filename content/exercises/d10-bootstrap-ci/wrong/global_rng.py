# expect: the global RNG was used
# Forgets generator=: the indices come from the global RNG, so the interval changes from run to run.
import torch


def bootstrap_ci(metric, preds, targets, n_resamples=1000, alpha=0.05, *, generator):
    n = preds.shape[0]
    idx = torch.randint(0, n, (n_resamples, n), device=preds.device)
    stats = metric(preds[idx], targets[idx])
    q = torch.tensor([alpha / 2, 1 - alpha / 2], dtype=stats.dtype, device=stats.device)
    return torch.quantile(stats, q)
