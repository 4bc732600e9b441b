# expect: use torch.log_softmax
# Takes log(softmax(x)) in two steps: fine for small logits, -inf once a probability underflows to 0.
import torch


def label_smoothing_cross_entropy(logits, target, eps, ignore_index=-100):
    log_p = torch.softmax(logits, dim=1).log()
    keep = target != ignore_index
    nll = -log_p.gather(1, target.masked_fill(~keep, 0)[:, None]).squeeze(1)
    per_sample = (1 - eps) * nll - eps * log_p.mean(dim=1)
    return (per_sample * keep).sum() / keep.sum()
