# expect: divide the sum by the number of targets that are not ignore_index
# Zeroes the ignored samples but still averages over the whole batch.
import torch


def label_smoothing_cross_entropy(logits, target, eps, ignore_index=-100):
    log_p = torch.log_softmax(logits, dim=1)
    keep = target != ignore_index
    nll = -log_p.gather(1, target.masked_fill(~keep, 0)[:, None]).squeeze(1)
    per_sample = (1 - eps) * nll - eps * log_p.mean(dim=1)
    return per_sample.masked_fill(~keep, 0).mean()
