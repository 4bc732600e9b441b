# expect: use the same indices for both
# Resamples preds and targets independently, which destroys the pairing of each prediction with its target.
import torch


def bootstrap_ci(metric, preds, targets, n_resamples=1000, alpha=0.05, *, generator):
    n = preds.shape[0]
    pred_idx = torch.randint(0, n, (n_resamples, n), generator=generator, device=preds.device)
    target_idx = torch.randint(0, n, (n_resamples, n), generator=generator, device=preds.device)
    stats = metric(preds[pred_idx], targets[target_idx])
    q = torch.tensor([alpha / 2, 1 - alpha / 2], dtype=stats.dtype, device=stats.device)
    return torch.quantile(stats, q)
