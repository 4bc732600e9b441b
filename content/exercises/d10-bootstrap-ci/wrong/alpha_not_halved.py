# expect: cuts alpha / 2 from each tail
# Takes the alpha and 1 - alpha quantiles: a 90 % interval reported as a 95 % one.
import torch


def bootstrap_ci(metric, preds, targets, n_resamples=1000, alpha=0.05, *, generator):
    n = preds.shape[0]
    idx = torch.randint(0, n, (n_resamples, n), generator=generator, device=preds.device)
    stats = metric(preds[idx], targets[idx])
    q = torch.tensor([alpha, 1 - alpha], dtype=stats.dtype, device=stats.device)
    return torch.quantile(stats, q)
