# expect: order statistics without interpolation
# Sorts the resampled values and picks the entries at int(alpha / 2 * B) and int((1 - alpha / 2) * B).
import torch


def bootstrap_ci(metric, preds, targets, n_resamples=1000, alpha=0.05, *, generator):
    n = preds.shape[0]
    idx = torch.randint(0, n, (n_resamples, n), generator=generator, device=preds.device)
    stats = metric(preds[idx], targets[idx]).sort().values
    low = stats[int(alpha / 2 * n_resamples)]
    high = stats[min(int((1 - alpha / 2) * n_resamples), n_resamples - 1)]
    return torch.stack([low, high])
